// JAHIS TC 911 split and merge.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "jahis/tc_codec.hpp"
#include "jahis/tc_split.hpp"

namespace {

using namespace kofu::jahis;

std::string notebook(int drugs) {
  std::string text =
      "JAHISTC08,1\r\n1,MIHON TARO,1,19700401,,,,,,,\r\n5,20261120,1\r\n11,KOFU PHARMACY,13,4,1234567,,,,1\r\n";
  for (int i = 1; i <= drugs; ++i) {
    const std::string rp = std::to_string(i);
    text += "201," + rp + ",DRUG " + rp + ",1,T,2,62000" + std::to_string(1000 + i) + ",1,,,\r\n";
    text += "301," + rp + ",AFTER MEALS,14,DAYS,1,1,,1\r\n";
  }
  return text;
}

std::vector<std::string_view> views(const std::vector<std::string>& parts) {
  return {parts.begin(), parts.end()};
}

}  // namespace

TEST_CASE("split cuts at record boundaries under the byte limit and merge joins in any order") {
  const std::string whole = notebook(12);
  auto parts = tc::split(whole, {250, "20261121093000"});
  REQUIRE(parts);
  REQUIRE(parts->size() == 5);
  std::size_t records = 0;
  for (std::size_t k = 0; k < parts->size(); ++k) {
    const std::string& part = (*parts)[k];
    CAPTURE(k);
    CHECK(part.size() <= 250);
    CHECK(part.starts_with("JAHISTC08,1\r\n"));
    CHECK(part.ends_with("911,20261121093000,5," + std::to_string(k + 1) + "\r\n"));
    // A part is full: the next record of the payload would not have fitted.
    records += static_cast<std::size_t>(std::count(part.begin(), part.end(), '\n')) - 2;
  }
  CHECK(records == static_cast<std::size_t>(std::count(whole.begin(), whole.end(), '\n')) - 1);
  // The parts split an RP (201 in one part, its 301 in the next) and decode as parts only.
  CHECK_FALSE(tc::decode((*parts)[0]).valid());

  std::vector<std::string> shuffled = {(*parts)[3], (*parts)[0], (*parts)[4], (*parts)[2], (*parts)[1]};
  tc::Merged merged = tc::merge(views(shuffled));
  CHECK(merged.problems.empty());
  CHECK(merged.payload == whole);
  CHECK(tc::decode(merged.payload).valid());
}

TEST_CASE("a payload that fits is not split") {
  const std::string whole = notebook(1);
  auto parts = tc::split(whole, {2953, "20261121093000"});
  REQUIRE(parts);
  REQUIRE(parts->size() == 1);
  CHECK((*parts)[0] == whole);
}

TEST_CASE("split refuses what it cannot do") {
  CHECK(tc::split(notebook(3), {300, "2026"}).error() == "データ固有ID must be 14 digits, not \"2026\"");
  auto too_small = tc::split(notebook(3), {40, "20261121093000"});
  REQUIRE_FALSE(too_small);
  CHECK(too_small.error().find("does not fit in a part of 40 bytes") != std::string::npos);
  auto not_tc = tc::split("JAHIS10\r\n1,1,1312345,13,\r\n", {300, "20261121093000"});
  REQUIRE_FALSE(not_tc);
  auto parts = tc::split(notebook(12), {300, "20261121093000"});
  REQUIRE(parts);
  auto again = tc::split((*parts)[0], {100, "20261121093000"});
  REQUIRE_FALSE(again);
  CHECK(again.error().find("already a split part") != std::string::npos);
}

TEST_CASE("the part count widens the 911 record: 10 parts or more still fit the limit") {
  auto parts = tc::split(notebook(40), {200, "20261121093000"});
  REQUIRE(parts);
  CHECK(parts->size() >= 10);
  for (const auto& part : *parts) CHECK(part.size() <= 200);
  CHECK(tc::merge(views(*parts)).payload == notebook(40));
}

TEST_CASE("merge reports missing, duplicated and foreign parts, and malformed 911 records") {
  auto parts = tc::split(notebook(12), {250, "20261121093000"});
  REQUIRE(parts);
  REQUIRE(parts->size() == 5);
  auto other = tc::split(notebook(12), {250, "20261121093001"});
  REQUIRE(other);

  tc::Merged missing = tc::merge({(*parts)[0], (*parts)[1], (*parts)[3], (*parts)[4]});
  REQUIRE(missing.problems.size() == 1);
  CHECK(missing.problems[0].reason == "part 3 of 5 (データ固有ID 20261121093000) is missing");
  CHECK(missing.payload.empty());

  tc::Merged duplicated = tc::merge({(*parts)[0], (*parts)[1], (*parts)[1], (*parts)[2], (*parts)[3], (*parts)[4]});
  REQUIRE(duplicated.problems.size() == 1);
  CHECK(duplicated.problems[0].input == 2);
  CHECK(duplicated.problems[0].reason.starts_with("part 2 of 5 is given twice"));

  tc::Merged foreign = tc::merge({(*parts)[0], (*other)[1]});
  CHECK(foreign.problems[0].input == 1);
  CHECK(foreign.problems[0].reason == "part of another notebook: データ固有ID 20261121093001, not 20261121093000");

  tc::Merged malformed = tc::merge({"JAHISTC08,1\r\n1,A,1,19700401\r\n911,123,2,1\r\n"});
  REQUIRE_FALSE(malformed.problems.empty());
  CHECK(malformed.problems[0].reason.starts_with("malformed 分割制御 record"));

  tc::Merged not_a_part = tc::merge({notebook(1)});
  CHECK(not_a_part.problems[0].reason == "not a split part: the last record is not 分割制御 (911)");
  CHECK(tc::merge({}).problems[0].reason == "no parts given");
}

TEST_CASE("a payload that fits counts its EOF byte") {
  const std::string whole = notebook(1) + '\x1A';
  auto parts = tc::split(whole, {whole.size() - 1, "20261121093000"});
  REQUIRE(parts);
  CHECK(parts->size() == 2u);
  for (const auto& part : *parts) CHECK(part.size() <= whole.size() - 1);
}

TEST_CASE("merge takes the notebook most parts belong to, whatever part comes first") {
  auto parts = tc::split(notebook(12), {250, "20261121093000"});
  auto other = tc::split(notebook(12), {250, "20261121093001"});
  REQUIRE(parts);
  REQUIRE(other);
  std::vector<std::string_view> given = {(*other)[0]};
  for (const auto& part : *parts) given.push_back(part);
  const tc::Merged merged = tc::merge(given);
  REQUIRE(merged.problems.size() == 1u);
  CHECK(merged.problems[0].input == 0u);
  CHECK(merged.problems[0].reason == "part of another notebook: データ固有ID 20261121093001, not 20261121093000");
}

TEST_CASE("a 分割数 above 999 is malformed, not a call to report a billion missing parts") {
  const tc::Merged merged = tc::merge({"JAHISTC08,1\r\n911,12345678901234,2000000000,1\r\n"});
  REQUIRE(merged.problems.size() == 1u);
  CHECK(merged.problems[0].reason.starts_with("malformed 分割制御 record"));
}
