// JAHIS TC against the public conformance vectors in ../shared/testdata/jahis (see README.md there):
// the specification's appendix examples, its split example and jahis-rx-parser's synthetic samples.
// Skipped with a message when the folder is absent.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jahis/problems.hpp"
#include "jahis/tc_codec.hpp"
#include "jahis/tc_json.hpp"
#include "jahis_test_support.hpp"
#include "testdata.hpp"

namespace {

namespace fs = std::filesystem;
using kofu::jahis::InputEncoding;
using kofu::jahis::Json;
using kofu::jahis::Problem;
using kofu::jahis::Severity;
using kofu::jahis::tc::decode;
using kofu::jahis::tc::Decoded;
using kofu::jahis::tc::DecodeOptions;
using kofu::jahis::tc::encode;
using kofu::jahis::tc::notebook_from_json;
using kofu::jahis::tc::to_json;
using kofu::test::contains;
using kofu::test::dump;
using kofu::test::from_wire;

constexpr std::string_view kSkipped = "skipped: ../shared/testdata not found";

std::optional<fs::path> jahis_dir() {
  const auto root = kofu::test::shared_testdata();
  if (!root || !fs::is_directory(*root / "jahis")) return std::nullopt;
  return *root / "jahis";
}

// What a sample must decode to in lenient mode: valid, or invalid with this error among its problems.
struct Expectation {
  std::string_view name;
  bool valid = true;
  std::string_view error = {};  // part of the reason of the expected error
  std::size_t line = 0;
  int record = -1;
  int field = -1;
};

constexpr Expectation kExpected[] = {
    {"tc-v26-appendix1-example-01"},
    {"tc-v26-appendix1-example-02"},
    {"tc-v26-appendix1-example-03"},
    {"tc-v26-appendix1-example-04"},
    {"tc-v26-appendix1-example-05"},
    {"tc-v26-appendix1-example-06"},
    {"tc-v26-appendix1-example-07"},
    {"tc-v26-appendix1-example-08"},
    {"tc-v26-appendix1-example-09"},
    {"tc-v26-appendix1-example-10"},
    {"tc-v26-appendix1-example-11"},
    {"tc-v26-split-example-part-1", false, "part 1 of 2", 14, 911, -1},
    {"tc-v26-split-example-part-2", false, "part 2 of 2", 15, 911, -1},
    {"tc-jrp-minimal-valid"},
    {"tc-jrp-multi-dispensing"},
    {"tc-jrp-output-category-2-full"},
    {"tc-jrp-with-otc-components-and-remaining-medicine"},
    {"tc-jrp-supported-records-full", false, "part 1 of 2", 24, 911, -1},
    {"tc-jrp-split-output-part-2", false, "part 2 of 3", 11, 911, -1},
    {"tc-jrp-invalid-missing-drug-code", false, "required when 薬品コード種別 is 2", 4, 201, 6},
    {"tc-jrp-invalid-missing-otc-sequence-parent", false, "no 要指導医薬品・一般用医薬品服用 record (3)", 3, 31, -1},
};

// Valid even in strict mode (no deviations at all).
constexpr std::string_view kStrictValid[] = {
    "tc-v26-appendix1-example-01", "tc-v26-appendix1-example-02", "tc-v26-appendix1-example-03",
    "tc-v26-appendix1-example-04", "tc-v26-appendix1-example-05", "tc-v26-appendix1-example-06",
    "tc-v26-appendix1-example-09", "tc-v26-appendix1-example-10", "tc-jrp-minimal-valid",
    "tc-jrp-multi-dispensing",
};

std::string sjis_file(const fs::path& dir, std::string_view name) {
  return kofu::test::read_file(dir / (std::string(name) + ".sjis.txt"));
}
std::string utf8_file(const fs::path& dir, std::string_view name) {
  return kofu::test::read_file(dir / (std::string(name) + ".utf8.txt"));
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The JAHIS X 0208 code points a strict decoder gives for 0x8160 / 0x817C, replaced by the CP932 ones.
std::string cp932_code_points(std::string text) {
  return replace_all(replace_all(std::move(text), "\u301C", "\uFF5E"), "\u2212", "\uFF0D");
}

Decoded decode_file(const fs::path& dir, std::string_view name, bool strict = false) {
  return decode(sjis_file(dir, name), DecodeOptions{strict, InputEncoding::automatic});
}

}  // namespace

TEST_SUITE("jahis.tc.testdata") {
  TEST_CASE("every tc-*.sjis.txt sample has an expectation, and every expectation a sample") {
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(*dir)) {
      const std::string file = entry.path().filename().string();
      if (file.starts_with("tc-") && file.ends_with(".sjis.txt")) found.push_back(file.substr(0, file.size() - 9));
    }
    std::sort(found.begin(), found.end());
    CHECK(found.size() == std::size(kExpected));
    for (const std::string& name : found) {
      CAPTURE(name);
      CHECK(std::any_of(std::begin(kExpected), std::end(kExpected),
                        [&](const Expectation& e) { return e.name == name; }));
      CHECK(fs::exists(*dir / (name + ".utf8.txt")));
    }
    for (const Expectation& e : kExpected) {
      CAPTURE(e.name);
      CHECK(std::binary_search(found.begin(), found.end(), std::string(e.name)));
    }
  }

  TEST_CASE("lenient decode: the examples and valid samples are valid, the others give the expected error") {
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    for (const Expectation& e : kExpected) {
      CAPTURE(e.name);
      const Decoded d = decode_file(*dir, e.name);
      INFO(dump(d.problems));
      CHECK(d.valid() == e.valid);
      if (e.valid) continue;
      const auto hit = std::find_if(d.problems.list().begin(), d.problems.list().end(),
                                    [&](const Problem& p) { return contains(p.reason, e.error); });
      REQUIRE(hit != d.problems.list().end());
      CHECK(hit->severity == Severity::error);
      CHECK(hit->line == e.line);
      CHECK(hit->record == e.record);
      CHECK(hit->field == e.field);
    }
  }

  TEST_CASE("strict decode: samples without deviations stay valid, the others do not") {
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    for (const Expectation& e : kExpected) {
      CAPTURE(e.name);
      const bool strict_valid =
          std::find(std::begin(kStrictValid), std::end(kStrictValid), e.name) != std::end(kStrictValid);
      const Decoded d = decode_file(*dir, e.name, true);
      INFO(dump(d.problems));
      CHECK(d.valid() == strict_valid);
    }
    // The deviations that make the others invalid in strict mode.
    const Decoded ex07 = decode_file(*dir, "tc-v26-appendix1-example-07", true);
    const auto contact = std::find_if(ex07.problems.list().begin(), ex07.problems.list().end(),
                                      [](const Problem& p) { return p.record == 701 && p.field == 3; });
    REQUIRE(contact != ex07.problems.list().end());
    CHECK(contact->severity == Severity::deviation);
    CHECK(contact->line == 17u);
    const Decoded ex08 = decode_file(*dir, "tc-v26-appendix1-example-08", true);
    const auto creator = std::find_if(ex08.problems.list().begin(), ex08.problems.list().end(),
                                      [](const Problem& p) { return p.record == 411 && p.field == 3; });
    REQUIRE(creator != ex08.problems.list().end());
    CHECK(creator->severity == Severity::deviation);
    CHECK(creator->line == 6u);
  }

  TEST_CASE("encode(decode(x)) == x, byte for byte, for every valid sample") {
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    for (const Expectation& e : kExpected) {
      if (!e.valid) continue;
      CAPTURE(e.name);
      const std::string bytes = sjis_file(*dir, e.name);
      const Decoded d = decode(bytes);
      REQUIRE(d.valid());
      const std::string out = encode(d.notebook).bytes;
      CHECK(from_wire(out) == from_wire(bytes));
      CHECK(out == bytes);
    }
  }

  TEST_CASE("encode(decode(x)) == x for the invalid samples too: nothing is dropped") {
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    for (const Expectation& e : kExpected) {
      if (e.valid) continue;
      CAPTURE(e.name);
      const std::string bytes = sjis_file(*dir, e.name);
      const std::string out = encode(decode(bytes).notebook).bytes;
      CHECK(from_wire(out) == from_wire(bytes));
      CHECK(out == bytes);
    }
  }

  TEST_CASE("notebook_from_json(to_json(decode(x))) re-encodes to x for every sample") {
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    for (const Expectation& e : kExpected) {
      CAPTURE(e.name);
      const std::string bytes = sjis_file(*dir, e.name);
      const Decoded d = decode(bytes);
      const Json json = Json::parse(to_json(d.notebook).dump());
      auto back = notebook_from_json(json);
      if (!back) FAIL(back.error().message());
      CHECK(from_wire(encode(*back).bytes) == from_wire(bytes));
      CHECK(to_json(*back) == to_json(d.notebook));
    }
  }

  TEST_CASE("the UTF-8 copy decodes to the same notebook as the Shift_JIS copy, modulo ～ and －") {
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    for (const Expectation& e : kExpected) {
      CAPTURE(e.name);
      const Decoded from_sjis = decode_file(*dir, e.name);
      const Decoded from_utf8 = decode(utf8_file(*dir, e.name));
      CHECK(from_utf8.valid() == from_sjis.valid());
      CHECK(cp932_code_points(to_json(from_utf8.notebook).dump()) ==
            cp932_code_points(to_json(from_sjis.notebook).dump()));
      // Same problems, except the LF line ends and the encoding of the UTF-8 copy.
      std::vector<std::string> sjis_problems;
      std::vector<std::string> utf8_problems;
      for (const Problem& p : from_sjis.problems.list()) sjis_problems.push_back(cp932_code_points(format(p, false)));
      for (const Problem& p : from_utf8.problems.list()) {
        if (!contains(p.reason, "LF alone") && !contains(p.reason, "read as UTF-8"))
          utf8_problems.push_back(cp932_code_points(format(p, false)));
      }
      CHECK(utf8_problems == sjis_problems);
    }
  }

  TEST_CASE("encoding the decoded UTF-8 copy gives the bytes of the Shift_JIS copy") {
    // The encoder maps U+FF5E / U+FF0D to 0x8160 / 0x817C and writes CR LF, exactly how the .sjis.txt files
    // were made from the .utf8.txt files.
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    for (const Expectation& e : kExpected) {
      CAPTURE(e.name);
      const Decoded d = decode(utf8_file(*dir, e.name));
      const auto encoded = encode(d.notebook);
      const auto substituted = std::count_if(encoded.problems.list().begin(), encoded.problems.list().end(),
                                             [](const Problem& p) { return contains(p.reason, "outside JIS X 0208"); });
      CHECK(substituted == 0);
      CHECK(encoded.bytes == sjis_file(*dir, e.name));
    }
  }

  TEST_CASE("0x8160 decodes as U+301C from Shift_JIS, the UTF-8 copy has U+FF5E") {
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    const Decoded from_sjis = decode_file(*dir, "tc-v26-appendix1-example-02");
    const Decoded from_utf8 = decode(utf8_file(*dir, "tc-v26-appendix1-example-02"));
    const auto& sjis_rp3 = from_sjis.notebook.dispensings.at(0).prescriber_groups.at(0).rps.at(2);
    const auto& utf8_rp3 = from_utf8.notebook.dispensings.at(0).prescriber_groups.at(0).rps.at(2);
    CHECK(sjis_rp3.usage->usage_name == "【１日３\u301C４回 うがい】");
    CHECK(utf8_rp3.usage->usage_name == "【１日３\uFF5E４回 うがい】");
  }

  TEST_CASE("example 01: patient, era dates, two RPs of half-width kana drugs") {
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    const Decoded d = decode_file(*dir, "tc-v26-appendix1-example-01", true);
    INFO(dump(d.problems));
    CHECK(d.valid());
    CHECK(d.problems.list().empty());
    const auto& nb = d.notebook;
    CHECK(nb.version == "JAHISTC08");
    CHECK(nb.direction == "1");
    REQUIRE(nb.patient.has_value());
    CHECK(nb.patient->patient_name == "鈴木 太郎");
    CHECK(nb.patient->birth_date == "S330303");
    const Json j = to_json(nb);
    CHECK(j.at("patient").at("birth_date_iso") == "1958-03-03");
    CHECK(j.at("dispensings").at(0).at("date").at("date_iso") == "2020-04-10");
    REQUIRE(nb.dispensings.size() == 1u);
    const auto& d1 = nb.dispensings[0];
    CHECK(d1.institution->institution_name == "株式会社 工業会薬局 駅前店");
    CHECK(d1.prescribing_institution->institution_name == "医療法人 工業会病院");
    CHECK_FALSE(d1.staff.has_value());
    REQUIRE(d1.prescriber_groups.size() == 1u);
    CHECK_FALSE(d1.prescriber_groups[0].prescriber.has_value());
    const auto& rps = d1.prescriber_groups[0].rps;
    REQUIRE(rps.size() == 2u);
    REQUIRE(rps[0].drugs.size() == 2u);
    CHECK(rps[0].drugs[0].drug.drug_name == "ｺﾘｵﾊﾟﾝｶﾌﾟｾﾙ5mg");
    CHECK(rps[0].drugs[0].drug.unit == "Ｃ");
    CHECK(rps[0].drugs[0].drug.code == "620004992");
    CHECK(rps[0].usage->usage_name == "【分２ 朝夕食後服用】");
    REQUIRE(rps[1].drugs.size() == 3u);
    CHECK(rps[1].drugs[1].drug.drug_name == "(局)ﾀﾝﾅﾙﾋﾞﾝ「ﾎｴｲ」");
    CHECK(rps[1].drugs[1].drug.dose == "1.5");
    CHECK(rps[1].usage->usage_name == "【分３ 毎食後服用】");
    CHECK(rps[1].usage->line == 12u);
    CHECK(sjis_file(*dir, "tc-v26-appendix1-example-01").size() == 443u);
  }

  TEST_CASE("example 11: OTC ingredients attached to their parents by 通番, two 調剤情報 groups") {
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    const Decoded d = decode_file(*dir, "tc-v26-appendix1-example-11");
    INFO(dump(d.problems));
    CHECK(d.valid());
    const auto& nb = d.notebook;
    CHECK(nb.direction == "2");
    CHECK(nb.patient->blood_type == "Ｂ＋");
    CHECK(nb.patient->weight == "63.7");
    REQUIRE(nb.patient_notes.size() == 4u);
    CHECK(nb.patient_notes[2].content == "狭心症（2011年\u301C）");
    CHECK(nb.patient_notes[3].kind == "9");

    REQUIRE(nb.otc_drugs.size() == 2u);
    CHECK(nb.otc_drugs[0].drug.drug_name == "ﾊﾞﾌｧﾘﾝ");
    CHECK(nb.otc_drugs[0].drug.sequence == "1");
    REQUIRE(nb.otc_drugs[0].ingredients.size() == 3u);
    CHECK(nb.otc_drugs[0].ingredients[0].ingredient_name == "イブプロフェン");
    CHECK(nb.otc_drugs[0].ingredients[1].ingredient_name == "アセトアミノフェン");
    CHECK(nb.otc_drugs[0].ingredients[2].ingredient_name == "無水カフェイン");
    CHECK(nb.otc_drugs[1].drug.drug_name == "新コンタックかぜ総合");
    CHECK(nb.otc_drugs[1].drug.sequence == "2");
    REQUIRE(nb.otc_drugs[1].ingredients.size() == 3u);
    for (const auto& ingredient : nb.otc_drugs[1].ingredients) CHECK(ingredient.sequence == "2");
    CHECK(nb.otc_drugs[1].ingredients[2].ingredient_name == "ﾃﾞｷｽﾄﾛﾒﾄﾙﾌｧﾝ臭化水素酸塩水和物");
    CHECK(nb.otc_drugs[1].ingredients[2].code_kind == "1");
    CHECK(nb.otc_drugs[1].ingredients[2].code.empty());
    REQUIRE(nb.memos.size() == 2u);
    CHECK(nb.memos[1].content == "インフルエンザ予防接種");

    REQUIRE(nb.dispensings.size() == 2u);
    CHECK(nb.dispensings[0].date.date == "R020410");
    CHECK(nb.dispensings[1].date.date == "R020407");
    const auto& first = nb.dispensings[0].prescriber_groups.at(0).rps;
    REQUIRE(first.size() == 2u);
    REQUIRE(first[0].drugs.at(0).cautions.size() == 1u);
    CHECK(contains(first[0].drugs[0].cautions[0].content, "かゆみや発赤"));
    CHECK(first[1].usage->dosage_form == "3");
    const auto& second = nb.dispensings[1];
    CHECK(second.institution->prefecture.empty());
    const auto& rps = second.prescriber_groups.at(0).rps;
    REQUIRE(rps.size() == 3u);  // RP numbers restart in the second group
    CHECK(rps[0].drugs.at(0).drug.rp == "1");
    REQUIRE(rps[0].cautions.size() == 1u);
    CHECK(contains(rps[0].cautions[0].content, "めまい等"));
    REQUIRE(second.cautions.size() == 1u);
    REQUIRE(second.patient_entries.size() == 1u);
    CHECK(second.patient_entries[0].date == "R020407");
    CHECK(nb.dispensings[0].cautions.empty());
    REQUIRE(nb.regular_pharmacists.size() == 1u);
    CHECK(nb.regular_pharmacists[0].pharmacist_name == "薬剤師 次郎");
    CHECK(nb.regular_pharmacists[0].line == 40u);
  }

  TEST_CASE("examples 03, 04, 08, 09: 281, 55 groups, 411 quirk, groups newest first") {
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    SUBCASE("example 03: each 281 belongs to the 201 before it") {
      const Decoded d = decode_file(*dir, "tc-v26-appendix1-example-03");
      const auto& rp1 = d.notebook.dispensings.at(0).prescriber_groups.at(0).rps.at(0);
      REQUIRE(rp1.drugs.size() == 2u);
      REQUIRE(rp1.drugs[0].supplements.size() == 1u);
      CHECK(rp1.drugs[0].supplements[0].content == "朝：３Ｃ、昼：２Ｃ、夕：１Ｃ");
      REQUIRE(rp1.drugs[1].supplements.size() == 1u);
      CHECK(rp1.drugs[1].supplements[0].content == "朝：１錠、昼：３錠、夕：２錠");
      REQUIRE(rp1.usage_supplements.size() == 1u);
      CHECK(rp1.usage_supplements[0].content == "一包化");
      CHECK(d.notebook.dispensings[0].prescriber_groups[0].prescriber->department.empty());
      CHECK(d.notebook.dispensings[0].prescriber_groups[0].rps.size() == 6u);
      CHECK(d.notebook.dispensings[0].remarks.size() == 1u);
    }
    SUBCASE("example 04: RPs continue across two 55 groups") {
      const Decoded d = decode_file(*dir, "tc-v26-appendix1-example-04");
      const auto& groups = d.notebook.dispensings.at(0).prescriber_groups;
      REQUIRE(groups.size() == 2u);
      CHECK(groups[0].prescriber->doctor_name == "工業会 次郎");
      CHECK(groups[0].rps.size() == 5u);
      CHECK(groups[1].prescriber->doctor_name == "佐藤 三郎");
      REQUIRE(groups[1].rps.size() == 2u);
      CHECK(groups[1].rps[0].drugs.at(0).drug.rp == "6");
      CHECK(groups[1].rps[1].drugs.at(0).drug.code_kind == "1");
      CHECK(groups[1].rps[1].usage->dosage_form == "10");
      REQUIRE(d.notebook.dispensings[0].leftover_checks.size() == 1u);
      CHECK(d.notebook.dispensings[0].leftover_checks[0].content == "服用忘れによりｺﾘｵﾊﾟﾝｶﾌﾟｾﾙ12錠残薬あり");
    }
    SUBCASE("example 08: 411 with 8 fields keeps the extras") {
      const Decoded d = decode_file(*dir, "tc-v26-appendix1-example-08");
      const auto& info = d.notebook.dispensings.at(0).provided_info.at(0);
      CHECK(info.kind == "31");
      CHECK(info.creator.empty());
      CHECK(info.extra.size() == 5u);
      CHECK(info.extra.back() == "1");
      CHECK(d.notebook.dispensings[0].institution->score_table == "1");
    }
    SUBCASE("example 09: two 調剤情報, newest first, without warning") {
      const Decoded d = decode_file(*dir, "tc-v26-appendix1-example-09");
      CHECK(d.problems.list().empty());
      REQUIRE(d.notebook.dispensings.size() == 2u);
      CHECK(d.notebook.dispensings[0].date.date == "R020410");
      CHECK(d.notebook.dispensings[0].prescriber_groups.at(0).rps.size() == 2u);
      CHECK(d.notebook.dispensings[1].date.date == "R020407");
      CHECK(d.notebook.dispensings[1].prescriber_groups.at(0).rps.size() == 3u);
    }
  }

  TEST_CASE("jahis-rx-parser samples: version headers, all record types, short 201 lines") {
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    SUBCASE("JAHISTC12 is read with a warning") {
      const Decoded d = decode_file(*dir, "tc-jrp-output-category-2-full");
      CHECK(d.notebook.version == "JAHISTC12");
      const auto warning = std::find_if(d.problems.list().begin(), d.problems.list().end(), [](const Problem& p) {
        return contains(p.reason, "unknown version JAHISTC12");
      });
      REQUIRE(warning != d.problems.list().end());
      CHECK(warning->severity == Severity::warning);
      CHECK(warning->line == 1u);
    }
    SUBCASE("JAHISTC01 is accepted") {
      const Decoded d = decode_file(*dir, "tc-jrp-minimal-valid");
      CHECK(d.notebook.version_number() == 1);
      CHECK(d.notebook.patient->kana_name == "ヤマダ タロウ");
      CHECK(d.notebook.dispensings.at(0).provided_info.at(0).creator == "1");
    }
    SUBCASE("every record type in one sample") {
      const Decoded d = decode_file(*dir, "tc-jrp-supported-records-full");
      const auto& nb = d.notebook;
      CHECK(nb.patient->blood_type == "A+");
      CHECK(nb.patient_notes.size() == 1u);
      REQUIRE(nb.otc_drugs.size() == 1u);
      CHECK(nb.otc_drugs[0].drug.jan_code == "4987107609229");
      CHECK(nb.otc_drugs[0].ingredients.size() == 1u);
      CHECK(nb.memos.size() == 1u);
      REQUIRE(nb.dispensings.size() == 1u);
      const auto& d1 = nb.dispensings[0];
      CHECK(d1.staff.has_value());
      CHECK(d1.prescribing_institution->institution_code == "7654321");
      const auto& entry = d1.prescriber_groups.at(0).rps.at(0).drugs.at(0);
      CHECK(entry.drug.generic_code == "1179044F1ZZZ");
      CHECK(entry.supplements.size() == 1u);
      CHECK(entry.cautions.size() == 1u);
      CHECK(d1.prescriber_groups[0].rps[0].usage_supplements.size() == 1u);
      CHECK(d1.prescriber_groups[0].rps[0].cautions.size() == 1u);
      CHECK(d1.cautions.size() == 1u);
      CHECK(d1.provided_info.size() == 1u);
      CHECK(d1.leftover_checks.size() == 1u);
      CHECK(d1.remarks.size() == 1u);
      CHECK(d1.patient_entries.size() == 1u);
      CHECK(nb.regular_pharmacists.size() == 1u);
      REQUIRE(nb.split.has_value());
      CHECK(nb.split->part_count == "2");
      CHECK(nb.unknown_records.empty());
    }
    SUBCASE("short 201 lines (7 fields) are a deviation") {
      const Decoded d = decode_file(*dir, "tc-jrp-with-otc-components-and-remaining-medicine");
      const auto& drug = d.notebook.dispensings.at(0).prescriber_groups.at(0).rps.at(0).drugs.at(0).drug;
      CHECK(drug.field_count == 7u);
      CHECK(drug.generic_name.empty());
      const auto short_line = std::find_if(d.problems.list().begin(), d.problems.list().end(),
                                           [](const Problem& p) { return p.record == 201; });
      REQUIRE(short_line != d.problems.list().end());
      CHECK(short_line->severity == Severity::deviation);
      CHECK(short_line->line == 9u);
      CHECK(d.notebook.otc_drugs.at(0).ingredients.size() == 2u);
    }
    SUBCASE("two 調剤情報 groups") {
      const Decoded d = decode_file(*dir, "tc-jrp-multi-dispensing");
      REQUIRE(d.notebook.dispensings.size() == 2u);
      CHECK(d.notebook.dispensings[0].date.date == "20260312");
      CHECK(d.notebook.dispensings[1].date.date == "20260220");
      CHECK(d.notebook.dispensings[1].cautions.size() == 1u);
    }
  }

  TEST_CASE("the two parts of the split example, joined by hand, are example 04 without its 421") {
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    const std::string part1 = sjis_file(*dir, "tc-v26-split-example-part-1");
    const std::string part2 = sjis_file(*dir, "tc-v26-split-example-part-2");
    // Part 1 without its 911 line; part 2 without its version line and its 911 line.
    const std::string body1 = part1.substr(0, part1.rfind("911,"));
    const std::size_t after_version = part2.find("\r\n") + 2;
    const std::string body2 = part2.substr(after_version, part2.rfind("911,") - after_version);
    const std::string merged = body1 + body2;

    const Decoded d = decode(merged, DecodeOptions{true, InputEncoding::automatic});
    INFO(dump(d.problems));
    CHECK(d.valid());
    CHECK(d.problems.list().empty());
    const auto& groups = d.notebook.dispensings.at(0).prescriber_groups;
    REQUIRE(groups.size() == 2u);
    CHECK(groups[0].rps.size() == 5u);
    CHECK(groups[1].rps.size() == 2u);
    // RP 2 has its 201s from part 1 and its 301 from part 2.
    CHECK(groups[0].rps[1].drugs.size() == 3u);
    CHECK(groups[0].rps[1].usage.has_value());
    CHECK(encode(d.notebook).bytes == merged);

    std::string example04 = sjis_file(*dir, "tc-v26-appendix1-example-04");
    const std::size_t leftover = example04.find("\r\n421,") + 2;
    example04.erase(leftover, example04.find("\r\n", leftover) + 2 - leftover);
    CHECK(from_wire(merged) == from_wire(example04));
  }

  TEST_CASE("a payload cut at a byte inside a double-byte character (Structured Append style)") {
    const auto dir = jahis_dir();
    if (!dir) {
      MESSAGE(kSkipped);
      return;
    }
    const std::string bytes = sjis_file(*dir, "tc-v26-appendix1-example-01");
    const std::string ro = "\x98\x59";  // 郎 in 鈴木 太郎 on line 2
    const std::size_t at = bytes.find(ro);
    REQUIRE(at != std::string::npos);
    const std::string first = bytes.substr(0, at + 1);
    const std::string second = bytes.substr(at + 1);

    const Decoded head = decode(first, DecodeOptions{false, InputEncoding::shift_jis});
    CHECK_FALSE(head.valid());
    const auto cut = std::find_if(head.problems.list().begin(), head.problems.list().end(),
                                  [](const Problem& p) { return contains(p.reason, "cut off"); });
    REQUIRE(cut != head.problems.list().end());
    CHECK(cut->line == 2u);
    CHECK(cut->record == 1);
    CHECK(cut->field == 1);
    CHECK(contains(cut->reason, "at byte offset " + std::to_string(at)));

    // Joined before decoding, the pieces are the example again.
    const Decoded whole = decode(first + second);
    CHECK(whole.valid());
    CHECK(whole.notebook.patient->patient_name == "鈴木 太郎");
  }
}
