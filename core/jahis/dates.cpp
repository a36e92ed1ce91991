#include "jahis/dates.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "jahis/numbers.hpp"

namespace kofu::jahis {
namespace {

struct Era {
  char letter;  // TC
  char digit;   // Rx
  std::string_view name;
  CivilDate first;  // the first day of the era
};

// An era's year 1 is the calendar year in which it began; it ends the day before the next one begins.
constexpr std::array<Era, 5> kEras{{
    {'M', '1', "明治", {1868, 1, 1}},  // 明治 was applied to the whole of 1868 retroactively
    {'T', '2', "大正", {1912, 7, 30}},
    {'S', '3', "昭和", {1926, 12, 25}},
    {'H', '4', "平成", {1989, 1, 8}},
    {'R', '5', "令和", {2019, 5, 1}},
}};

bool leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Parses "YYYY", "YYYYMM" or "YYYYMMDD" style digits after the year part has been taken.
Expected<CivilDate, std::string> month_day(int year, std::string_view rest) {
  CivilDate date{year, 0, 0};
  if (!rest.empty()) {
    date.month = to_int(rest.substr(0, 2));
    if (date.month < 1 || date.month > 12)
      return unexpected("month " + std::string(rest.substr(0, 2)) + " does not exist");
  }
  if (rest.size() == 4) {
    date.day = to_int(rest.substr(2, 2));
    if (date.day < 1 || date.day > days_in_month(year, date.month)) {
      return unexpected("day " + std::string(rest.substr(2, 2)) + " does not exist in " + std::to_string(year) + "-" +
                        std::string(rest.substr(0, 2)));
    }
  }
  return date;
}

Expected<CivilDate, std::string> era_date(std::size_t era_index, std::string_view digits) {
  const Era& era = kEras[era_index];
  const int era_year = to_int(digits.substr(0, 2));
  if (era_year < 1) return unexpected(std::string(era.name) + " year 00 does not exist");
  auto date = month_day(era.first.year + era_year - 1, digits.substr(2));
  if (!date) return date;
  // Compare with as much precision as the date has: a year-only date must overlap the era.
  CivilDate probe = *date;
  CivilDate last_probe = *date;
  if (probe.month == 0) {
    probe.month = 12;
    probe.day = 31;
  } else if (probe.day == 0) {
    probe.day = days_in_month(probe.year, probe.month);
  }
  if (last_probe.month == 0) last_probe.month = 1;
  if (last_probe.day == 0) last_probe.day = 1;
  if (probe < era.first) {
    return unexpected(std::string(era.name) + std::to_string(era_year) + " (" + to_iso(*date) +
                      ") is before the era began (" + to_iso(era.first) + ")");
  }
  if (era_index + 1 < kEras.size() && last_probe >= kEras[era_index + 1].first) {
    return unexpected(std::string(era.name) + std::to_string(era_year) + " (" + to_iso(*date) +
                      ") is after the era ended (" + std::string(kEras[era_index + 1].name) + " began " +
                      to_iso(kEras[era_index + 1].first) + ")");
  }
  return date;
}

Expected<CivilDate, std::string> western_date(std::string_view digits) {
  const int year = to_int(digits.substr(0, 4));
  if (year < 1868) return unexpected("year " + std::string(digits.substr(0, 4)) + " is before 1868");
  return month_day(year, digits.substr(4));
}

}  // namespace

bool is_whole_date(const CivilDate& date) {
  return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= days_in_month(date.year, date.month);
}

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::string to_iso(const CivilDate& date) {
  char buffer[16];
  if (date.month == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d", date.year);
  } else if (date.day == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", date.year, date.month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  }
  return buffer;
}

Expected<CivilDate, std::string> parse_tc_date(std::string_view text) {
  if (text.size() == 8 && all_digits(text)) return western_date(text);
  if (text.size() == 7 && all_digits(text.substr(1))) {
    for (std::size_t i = 0; i < kEras.size(); ++i) {
      if (kEras[i].letter == text[0]) return era_date(i, text.substr(1));
    }
    return unexpected("unknown era letter '" + std::string(1, text[0]) + "' (M, T, S, H or R)");
  }
  return unexpected("not a date: expected YYYYMMDD or GYYMMDD with an era letter (e.g. R020410)");
}

Expected<CivilDate, std::string> parse_rx_date(std::string_view text) {
  if (!all_digits(text)) return unexpected("not a date: expected digits, YYYYMMDD or GYYMMDD (e.g. 5060410)");
  if (text.size() == 8) return western_date(text);
  if (text.size() == 7) {
    const int era = text[0] - '1';
    if (era < 0 || era >= static_cast<int>(kEras.size())) {
      return unexpected("unknown era digit '" + std::string(1, text[0]) + "' (1 明治 … 5 令和)");
    }
    return era_date(static_cast<std::size_t>(era), text.substr(1));
  }
  return unexpected("not a date: expected 8 digits YYYYMMDD or 7 digits GYYMMDD");
}

Expected<CivilDate, std::string> parse_rx_birth_date(std::string_view text) {
  if (!all_digits(text)) return unexpected("not a date: expected digits");
  switch (text.size()) {
    case 8:
    case 6:
    case 4: return western_date(text);
    case 7:
    case 5:
    case 3: {
      const int era = text[0] - '1';
      if (era < 0 || era >= static_cast<int>(kEras.size())) {
        return unexpected("unknown era digit '" + std::string(1, text[0]) + "' (1 明治 … 5 令和)");
      }
      return era_date(static_cast<std::size_t>(era), text.substr(1));
    }
    default: return unexpected("not a date: expected 8, 6 or 4 digits (Western) or 7, 5 or 3 digits (era)");
  }
}

}  // namespace kofu::jahis
