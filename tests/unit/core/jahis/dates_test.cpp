// JAHIS dates: TC era letters, Rx era digits, Rx birth dates (core/jahis/dates.hpp).
#include "jahis/dates.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "jahis_test_support.hpp"

namespace {

using kofu::jahis::CivilDate;
using kofu::jahis::parse_rx_birth_date;
using kofu::jahis::parse_rx_date;
using kofu::jahis::parse_tc_date;
using kofu::jahis::to_iso;
using kofu::test::contains;

// The ISO form of a date that must parse; "error: <reason>" when it does not, so that a failed CHECK
// shows why.
std::string tc_iso(std::string_view text) {
  auto date = parse_tc_date(text);
  return date ? to_iso(*date) : "error: " + date.error();
}
std::string rx_iso(std::string_view text) {
  auto date = parse_rx_date(text);
  return date ? to_iso(*date) : "error: " + date.error();
}
std::string birth_iso(std::string_view text) {
  auto date = parse_rx_birth_date(text);
  return date ? to_iso(*date) : "error: " + date.error();
}

}  // namespace

TEST_SUITE("jahis.dates") {
  TEST_CASE("to_iso formats full dates, year-month and year") {
    CHECK(to_iso(CivilDate{2020, 4, 10}) == "2020-04-10");
    CHECK(to_iso(CivilDate{1958, 3, 0}) == "1958-03");
    CHECK(to_iso(CivilDate{1960, 0, 0}) == "1960");
    CHECK(to_iso(CivilDate{1868, 1, 1}) == "1868-01-01");
  }

  TEST_CASE("TC Western dates") {
    auto date = parse_tc_date("19580303");
    REQUIRE(date.has_value());
    CHECK(date->year == 1958);
    CHECK(date->month == 3);
    CHECK(date->day == 3);
    CHECK(tc_iso("20260310") == "2026-03-10");
    CHECK(tc_iso("18680101") == "1868-01-01");
  }

  TEST_CASE("TC era letters") {
    auto date = parse_tc_date("S330303");
    REQUIRE(date.has_value());
    CHECK(date->year == 1958);
    CHECK(date->month == 3);
    CHECK(date->day == 3);
    CHECK(tc_iso("R020410") == "2020-04-10");
    CHECK(tc_iso("R020407") == "2020-04-07");
    CHECK(tc_iso("H160119") == "2004-01-19");
    CHECK(tc_iso("T120406") == "1923-04-06");
    CHECK(tc_iso("M450101") == "1912-01-01");
    CHECK(tc_iso("R071231") == "2025-12-31");
  }

  TEST_CASE("TC era boundaries") {
    // 平成 ended on 2019-04-30; 令和 began on 2019-05-01.
    CHECK(tc_iso("H310430") == "2019-04-30");
    CHECK(tc_iso("R010501") == "2019-05-01");
    auto late = parse_tc_date("H310501");
    REQUIRE_FALSE(late.has_value());
    CHECK(contains(late.error(), "after the era ended"));
    auto early = parse_tc_date("R010430");
    REQUIRE_FALSE(early.has_value());
    CHECK(contains(early.error(), "before the era began"));
    // 昭和 64 ended on 1989-01-07; 平成 began on 1989-01-08.
    CHECK(tc_iso("S640107") == "1989-01-07");
    CHECK_FALSE(parse_tc_date("S640108").has_value());
    CHECK(tc_iso("H010108") == "1989-01-08");
    CHECK_FALSE(parse_tc_date("H010107").has_value());
    // 大正 began 1912-07-30, 昭和 1926-12-25.
    CHECK(tc_iso("M450729") == "1912-07-29");
    CHECK_FALSE(parse_tc_date("M450730").has_value());
    CHECK(tc_iso("T010730") == "1912-07-30");
    CHECK_FALSE(parse_tc_date("T010729").has_value());
    CHECK(tc_iso("T151224") == "1926-12-24");
    CHECK_FALSE(parse_tc_date("T151225").has_value());
    CHECK(tc_iso("S011225") == "1926-12-25");
    CHECK_FALSE(parse_tc_date("S011224").has_value());
  }

  TEST_CASE("TC era year 00 does not exist") {
    auto date = parse_tc_date("R000501");
    REQUIRE_FALSE(date.has_value());
    CHECK(contains(date.error(), "year 00"));
  }

  TEST_CASE("TC unknown era letter and malformed text") {
    auto unknown = parse_tc_date("X020410");
    REQUIRE_FALSE(unknown.has_value());
    CHECK(contains(unknown.error(), "unknown era letter 'X'"));
    CHECK_FALSE(parse_tc_date("r020410").has_value());  // lower case is not an era letter
    CHECK_FALSE(parse_tc_date("5020410").has_value());  // Rx digit era is not a TC date
    CHECK_FALSE(parse_tc_date("").has_value());
    CHECK_FALSE(parse_tc_date("2020041").has_value());
    CHECK_FALSE(parse_tc_date("202004101").has_value());
    CHECK_FALSE(parse_tc_date("2020-04-10").has_value());
    CHECK_FALSE(parse_tc_date("R02041a").has_value());
    CHECK_FALSE(parse_tc_date("R0204").has_value());
    auto western_year = parse_tc_date("18671231");
    REQUIRE_FALSE(western_year.has_value());
    CHECK(contains(western_year.error(), "before 1868"));
  }

  TEST_CASE("invalid month and day") {
    auto month13 = parse_tc_date("20201301");
    REQUIRE_FALSE(month13.has_value());
    CHECK(contains(month13.error(), "month 13"));
    CHECK_FALSE(parse_tc_date("20200001").has_value());
    auto day32 = parse_tc_date("20200132");
    REQUIRE_FALSE(day32.has_value());
    CHECK(contains(day32.error(), "day 32"));
    CHECK_FALSE(parse_tc_date("20200100").has_value());
    CHECK_FALSE(parse_tc_date("20200431").has_value());
    CHECK(tc_iso("20200430") == "2020-04-30");
    CHECK_FALSE(parse_tc_date("R021301").has_value());
    CHECK_FALSE(parse_tc_date("R020230").has_value());
    CHECK_FALSE(parse_rx_date("5021301").has_value());
    CHECK_FALSE(parse_rx_date("20211131").has_value());
  }

  TEST_CASE("leap years") {
    CHECK(tc_iso("20200229") == "2020-02-29");
    CHECK_FALSE(parse_tc_date("20210229").has_value());
    CHECK(tc_iso("20000229") == "2000-02-29");           // divisible by 400
    CHECK_FALSE(parse_tc_date("19000229").has_value());  // divisible by 100 only
    CHECK(tc_iso("R020229") == "2020-02-29");
    CHECK_FALSE(parse_tc_date("R030229").has_value());
    CHECK(tc_iso("H120229") == "2000-02-29");
    CHECK(rx_iso("4080229") == "1996-02-29");
    CHECK_FALSE(parse_rx_date("4090229").has_value());
    CHECK(birth_iso("19960229") == "1996-02-29");
    CHECK_FALSE(parse_rx_birth_date("19970229").has_value());
  }

  TEST_CASE("Rx dates: Western and era digits") {
    auto date = parse_rx_date("4160119");
    REQUIRE(date.has_value());
    CHECK(date->year == 2004);
    CHECK(date->month == 1);
    CHECK(date->day == 19);
    CHECK(rx_iso("20240610") == "2024-06-10");
    CHECK(rx_iso("5060410") == "2024-04-10");
    CHECK(rx_iso("3350606") == "1960-06-06");
    CHECK(rx_iso("2120406") == "1923-04-06");
    CHECK(rx_iso("1450729") == "1912-07-29");
    // Era boundaries as in TC.
    CHECK(rx_iso("4310430") == "2019-04-30");
    CHECK_FALSE(parse_rx_date("4310501").has_value());
    CHECK_FALSE(parse_rx_date("5010430").has_value());
  }

  TEST_CASE("Rx dates reject letters, unknown era digits and other lengths") {
    CHECK_FALSE(parse_rx_date("R020410").has_value());  // TC letter era is not an Rx date
    auto era6 = parse_rx_date("6020410");
    REQUIRE_FALSE(era6.has_value());
    CHECK(contains(era6.error(), "unknown era digit '6'"));
    CHECK_FALSE(parse_rx_date("0020410").has_value());
    CHECK_FALSE(parse_rx_date("202404").has_value());  // year-month is only for birth dates
    CHECK_FALSE(parse_rx_date("2024").has_value());
    CHECK_FALSE(parse_rx_date("").has_value());
    CHECK_FALSE(parse_rx_date("2024061").has_value());  // 大正02年 month 40
  }

  TEST_CASE("Rx birth dates with 8, 7, 6, 5, 4 and 3 digits") {
    auto full = parse_rx_birth_date("19580303");
    REQUIRE(full.has_value());
    CHECK(full->year == 1958);
    CHECK(full->month == 3);
    CHECK(full->day == 3);
    CHECK(birth_iso("3330303") == "1958-03-03");
    CHECK(birth_iso("4230110") == "2011-01-10");  // rx-jahis10-external-sample-1
    CHECK(birth_iso("2120406") == "1923-04-06");  // rx-jahis10-external-sample-2
    auto year_month = parse_rx_birth_date("195803");
    REQUIRE(year_month.has_value());
    CHECK(year_month->year == 1958);
    CHECK(year_month->month == 3);
    CHECK(year_month->day == 0);
    CHECK(birth_iso("195803") == "1958-03");
    CHECK(birth_iso("33303") == "1958-03");
    auto year = parse_rx_birth_date("1958");
    REQUIRE(year.has_value());
    CHECK(year->year == 1958);
    CHECK(year->month == 0);
    CHECK(year->day == 0);
    CHECK(birth_iso("1958") == "1958");
    CHECK(birth_iso("333") == "1958");
  }

  TEST_CASE("Rx birth dates: partial dates are checked against the era with their precision") {
    // 平成31 (2019) overlaps 平成 as a year; 平成32 does not exist.
    CHECK(birth_iso("431") == "2019");
    CHECK_FALSE(parse_rx_birth_date("432").has_value());
    CHECK(birth_iso("501") == "2019");
    CHECK(birth_iso("364") == "1989");
    CHECK_FALSE(parse_rx_birth_date("365").has_value());
    // 平成31年4月 exists, 平成31年5月 does not; 令和元年4月 does not, 令和元年5月 does.
    CHECK(birth_iso("43104") == "2019-04");
    CHECK_FALSE(parse_rx_birth_date("43105").has_value());
    CHECK_FALSE(parse_rx_birth_date("50104").has_value());
    CHECK(birth_iso("50105") == "2019-05");
    // 昭和64年1月 and 平成元年1月 both exist.
    CHECK(birth_iso("36401") == "1989-01");
    CHECK(birth_iso("40101") == "1989-01");
  }

  TEST_CASE("Rx birth dates: invalid input") {
    CHECK_FALSE(parse_rx_birth_date("").has_value());
    CHECK_FALSE(parse_rx_birth_date("19").has_value());
    CHECK_FALSE(parse_rx_birth_date("195803031").has_value());
    CHECK_FALSE(parse_rx_birth_date("S330303").has_value());
    CHECK_FALSE(parse_rx_birth_date("195813").has_value());  // month 13
    CHECK_FALSE(parse_rx_birth_date("33313").has_value());   // month 13
    CHECK_FALSE(parse_rx_birth_date("19580230").has_value());
    CHECK_FALSE(parse_rx_birth_date("633").has_value());  // era digit 6
    CHECK_FALSE(parse_rx_birth_date("300").has_value());  // era year 00
    CHECK_FALSE(parse_rx_birth_date("1867").has_value());
  }
}
