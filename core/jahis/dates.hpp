// JAHIS dates: Western YYYYMMDD, or Japanese era GYYMMDD where G is a letter in TC (M T S H R, TC 別表1)
// and a digit in Rx (1 明治 … 5 令和, Rx 別表2). Rx birth dates may give only the year and month, or the year.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "error/expected.hpp"

namespace kofu::jahis {

struct CivilDate {
  int year = 0;
  int month = 0;  // 0 when the date gives only a year
  int day = 0;    // 0 when the date gives only a year and month

  auto operator<=>(const CivilDate&) const = default;  // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads it
};

// Days in a month of the Gregorian calendar (month 1-12).
int days_in_month(int year, int month);

// A date with a year from 1 to 9999 and a month and day that exist (no year-only or year-month dates).
bool is_whole_date(const CivilDate& date);

// "2020-04-10", "1960-06" or "1960".
std::string to_iso(const CivilDate& date);

// The error is a reason for a person ("month 13 does not exist", "平成31年5月1日 is after the era ended").
Expected<CivilDate, std::string> parse_tc_date(std::string_view text);
Expected<CivilDate, std::string> parse_rx_date(std::string_view text);
// Rx 表3-15: 8/6/4 digits Western, 7/5/3 digits era (year and month, or year only, allowed).
Expected<CivilDate, std::string> parse_rx_birth_date(std::string_view text);

}  // namespace kofu::jahis
