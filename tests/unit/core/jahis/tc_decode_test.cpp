// JAHIS TC decoder (core/jahis/tc_codec.hpp): grouping, lenient/strict modes and the problems it reports.
// Payloads are written here as UTF-8 with LF and turned into the wire form (Shift_JIS, CR LF) by to_wire.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "jahis/dates.hpp"
#include "jahis/problems.hpp"
#include "jahis/tc_codec.hpp"
#include "jahis_test_support.hpp"

namespace {

using kofu::jahis::InputEncoding;
using kofu::jahis::Problem;
using kofu::jahis::Problems;
using kofu::jahis::Severity;
using kofu::jahis::tc::decode;
using kofu::jahis::tc::Decoded;
using kofu::jahis::tc::DecodeOptions;
using kofu::jahis::tc::encode;
using kofu::test::contains;
using kofu::test::dump;
using kofu::test::to_wire;
using kofu::test::with_reason;

Decoded decode_lenient(std::string_view bytes) {
  return decode(bytes, DecodeOptions{false, InputEncoding::automatic});
}
Decoded decode_strict(std::string_view bytes) {
  return decode(bytes, DecodeOptions{true, InputEncoding::automatic});
}

// The problems on `line` about `record`.
std::vector<Problem> at(const Problems& problems, std::size_t line, int record) {
  std::vector<Problem> out;
  for (const Problem& p : problems.list()) {
    if (p.line == line && p.record == record) out.push_back(p);
  }
  return out;
}

// The single problem whose reason contains `text`; fails the test when there is not exactly one.
Problem only(const Problems& problems, std::string_view text) {
  const std::vector<Problem> found = with_reason(problems, text);
  INFO(dump(problems));
  REQUIRE(found.size() == 1u);
  return found.front();
}

std::size_t count(const Problems& problems, Severity severity) {
  return static_cast<std::size_t>(std::count_if(problems.list().begin(), problems.list().end(),
                                                [&](const Problem& p) { return p.severity == severity; }));
}

// Every record type of JAHIS TC Ver.2.6 except 911, in the order of 3.2.7; valid in strict mode.
constexpr std::string_view kFull =
    "JAHISTC08,1\n"                                                                                             // 1
    "1,山田 花子,2,19800101,105-0004,東京都港区新橋1-2-3,03-1234-5678,090-9999-8888,Ａ＋,52.3,ヤマダ ハナコ\n"  // 2
    "2,1,卵,1\n"                                                                                                // 3
    "2,9,嚥下困難,1\n"                                                                                          // 4
    "3,イブA錠,20260301,20260307,2,1,4987107609229\n"                                                           // 5
    "31,1,イブプロフェン,2,123456,2\n"                                                                          // 6
    "31,1,アリルイソプロピルアセチル尿素,1,,2\n"                                                                // 7
    "4,血圧を記録する,20260305,2\n"                                                                             // 8
    "5,20260310,1\n"                                                                                            // 9
    "11,工業会薬局 本店,13,4,1234567,105-0004,東京都港区新橋1-1-1,03-3506-8010,1\n"                             // 10
    "15,薬剤師 一郎,03-3506-8010,1\n"                                                                           // 11
    "51,工業会病院,13,1,7654321,1\n"                                                                            // 12
    "55,医師 二郎,内科,1\n"                                                                                     // 13
    "201,1,ノルバスク錠２．５ｍｇ,1,錠,2,612170709,1,【般】アムロジピン錠２．５ｍｇ,2,1179044F1ZZZ\n"           // 14
    "281,1,粉砕,1\n"                                                                                            // 15
    "291,1,グレープフルーツを避ける,1\n"                                                                        // 16
    "201,1,ﾌｪﾛﾍﾞﾘﾝ配合錠,2,錠,2,620425801,1,,,\n"                                                               // 17
    "301,1,【分２ 朝夕食後服用】,14,日分,1,1,,1\n"                                                              // 18
    "311,1,一包化,1\n"                                                                                          // 19
    "391,1,眠気に注意,1\n"                                                                                      // 20
    "55,医師 三郎,皮膚科,1\n"                                                                                   // 21
    "201,2,ﾘﾝﾃﾞﾛﾝ-VG軟膏0.12%,10,g,2,662640418,1,,,\n"                                                          // 22
    "301,2,【患部に塗布】,1,調剤,5,1,,1\n"                                                                      // 23
    "401,併用注意,1\n"                                                                                          // 24
    "411,粉砕して交付,31,1\n"                                                                                   // 25
    "421,残薬は5錠,1\n"                                                                                         // 26
    "501,備考です,1\n"                                                                                          // 27
    "601,昼に眠くなった,20260311\n"                                                                             // 28
    "5,R020410,1\n"                                                                                             // 29
    "11,工業会薬局 支店,13,4,1234568,,,,1\n"                                                                    // 30
    "201,1,ｱﾄﾞｿﾙﾋﾞﾝ原末,1.5,g,2,620008284,1,,,\n"                                                               // 31
    "301,1,【分３ 毎食後服用】,5,日分,1,1,,1\n"                                                                 // 32
    "701,薬剤師 一郎,工業会薬局 本店,03-3506-8010,20260310,20270310,1\n";                                       // 33

// The smallest complete notebook of a pharmacy; valid in strict mode. Lines 1-6.
constexpr std::string_view kHead =
    "JAHISTC08,1\n"
    "1,鈴木 太郎,1,S330303,,,,,,,\n"
    "5,R020410,1\n"
    "11,工業会薬局,13,4,1234567,,,,1\n";
constexpr std::string_view kRp1 =
    "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n"
    "301,1,【分３ 毎食後服用】,5,日分,1,1,,1\n";

std::string minimal() {
  return std::string(kHead) + std::string(kRp1);
}

}  // namespace

TEST_SUITE("jahis.tc.decode") {
  TEST_CASE("every record type lands in its place in the grouped notebook") {
    const Decoded d = decode_strict(to_wire(kFull));
    INFO(dump(d.problems));
    CHECK(d.valid());
    CHECK(d.problems.list().empty());
    const auto& nb = d.notebook;
    CHECK(nb.version == "JAHISTC08");
    CHECK(nb.version_number() == 8);
    CHECK(nb.direction == "1");
    CHECK(nb.final_line_break);
    CHECK_FALSE(nb.eof_marker);
    CHECK_FALSE(nb.split.has_value());
    CHECK(nb.unknown_records.empty());

    // 1 患者情報
    REQUIRE(nb.patient.has_value());
    CHECK(nb.patient->line == 2u);
    CHECK(nb.patient->field_count == 10u);
    CHECK(nb.patient->patient_name == "山田 花子");
    CHECK(nb.patient->sex == "2");
    CHECK(nb.patient->birth_date == "19800101");
    CHECK(nb.patient->postal_code == "105-0004");
    CHECK(nb.patient->blood_type == "Ａ＋");
    CHECK(nb.patient->weight == "52.3");
    CHECK(nb.patient->kana_name == "ヤマダ ハナコ");
    // 2 患者特記
    REQUIRE(nb.patient_notes.size() == 2u);
    CHECK(nb.patient_notes[0].kind == "1");
    CHECK(nb.patient_notes[0].content == "卵");
    CHECK(nb.patient_notes[1].kind == "9");
    CHECK(nb.patient_notes[1].line == 4u);
    // 3 + 31 OTC with its ingredients
    REQUIRE(nb.otc_drugs.size() == 1u);
    CHECK(nb.otc_drugs[0].drug.drug_name == "イブA錠");
    CHECK(nb.otc_drugs[0].drug.sequence == "1");
    CHECK(nb.otc_drugs[0].drug.jan_code == "4987107609229");
    REQUIRE(nb.otc_drugs[0].ingredients.size() == 2u);
    CHECK(nb.otc_drugs[0].ingredients[0].ingredient_name == "イブプロフェン");
    CHECK(nb.otc_drugs[0].ingredients[0].code == "123456");
    CHECK(nb.otc_drugs[0].ingredients[1].code_kind == "1");
    CHECK(nb.otc_drugs[0].ingredients[1].code.empty());
    CHECK(nb.otc_drugs[0].ingredients[1].line == 7u);
    // 4 手帳メモ
    REQUIRE(nb.memos.size() == 1u);
    CHECK(nb.memos[0].content == "血圧を記録する");
    CHECK(nb.memos[0].date == "20260305");

    REQUIRE(nb.dispensings.size() == 2u);
    const auto& d1 = nb.dispensings[0];
    // 5, 11, 15, 51
    CHECK(d1.date.date == "20260310");
    CHECK(d1.date.line == 9u);
    REQUIRE(d1.institution.has_value());
    CHECK(d1.institution->institution_name == "工業会薬局 本店");
    CHECK(d1.institution->score_table == "4");
    CHECK(d1.institution->institution_code == "1234567");
    CHECK(d1.institution->phone == "03-3506-8010");
    REQUIRE(d1.staff.has_value());
    CHECK(d1.staff->staff_name == "薬剤師 一郎");
    REQUIRE(d1.prescribing_institution.has_value());
    CHECK(d1.prescribing_institution->institution_code == "7654321");
    // 55 groups with their RPs
    REQUIRE(d1.prescriber_groups.size() == 2u);
    const auto& g1 = d1.prescriber_groups[0];
    REQUIRE(g1.prescriber.has_value());
    CHECK(g1.prescriber->doctor_name == "医師 二郎");
    CHECK(g1.prescriber->department == "内科");
    REQUIRE(g1.rps.size() == 1u);
    const auto& rp1 = g1.rps[0];
    REQUIRE(rp1.drugs.size() == 2u);
    CHECK(rp1.drugs[0].drug.drug_name == "ノルバスク錠２．５ｍｇ");
    CHECK(rp1.drugs[0].drug.generic_name == "【般】アムロジピン錠２．５ｍｇ");
    CHECK(rp1.drugs[0].drug.generic_code_kind == "2");
    CHECK(rp1.drugs[0].drug.generic_code == "1179044F1ZZZ");
    // 281 and 291 belong to the 201 before them, not to the second drug of the RP.
    REQUIRE(rp1.drugs[0].supplements.size() == 1u);
    CHECK(rp1.drugs[0].supplements[0].content == "粉砕");
    REQUIRE(rp1.drugs[0].cautions.size() == 1u);
    CHECK(rp1.drugs[0].cautions[0].content == "グレープフルーツを避ける");
    CHECK(rp1.drugs[1].drug.drug_name == "ﾌｪﾛﾍﾞﾘﾝ配合錠");
    CHECK(rp1.drugs[1].supplements.empty());
    CHECK(rp1.drugs[1].cautions.empty());
    // 301, 311, 391
    REQUIRE(rp1.usage.has_value());
    CHECK(rp1.usage->usage_name == "【分２ 朝夕食後服用】");
    CHECK(rp1.usage->quantity == "14");
    CHECK(rp1.usage->line == 18u);
    REQUIRE(rp1.usage_supplements.size() == 1u);
    CHECK(rp1.usage_supplements[0].content == "一包化");
    REQUIRE(rp1.cautions.size() == 1u);
    CHECK(rp1.cautions[0].content == "眠気に注意");
    const auto& g2 = d1.prescriber_groups[1];
    REQUIRE(g2.prescriber.has_value());
    CHECK(g2.prescriber->department == "皮膚科");
    REQUIRE(g2.rps.size() == 1u);
    REQUIRE(g2.rps[0].drugs.size() == 1u);
    CHECK(g2.rps[0].drugs[0].drug.rp == "2");
    CHECK(g2.rps[0].drugs[0].drug.unit == "g");
    REQUIRE(g2.rps[0].usage.has_value());
    CHECK(g2.rps[0].usage->dosage_form == "5");
    // 401, 411, 421, 501, 601
    REQUIRE(d1.cautions.size() == 1u);
    CHECK(d1.cautions[0].content == "併用注意");
    REQUIRE(d1.provided_info.size() == 1u);
    CHECK(d1.provided_info[0].kind == "31");
    CHECK(d1.provided_info[0].creator == "1");
    REQUIRE(d1.leftover_checks.size() == 1u);
    CHECK(d1.leftover_checks[0].content == "残薬は5錠");
    REQUIRE(d1.remarks.size() == 1u);
    CHECK(d1.remarks[0].content == "備考です");
    REQUIRE(d1.patient_entries.size() == 1u);
    CHECK(d1.patient_entries[0].content == "昼に眠くなった");
    CHECK(d1.patient_entries[0].date == "20260311");

    // The second 調剤情報: its own RP 1, no 15 or 51, no 55 (a group without prescriber).
    const auto& d2 = nb.dispensings[1];
    CHECK(d2.date.date == "R020410");
    REQUIRE(d2.institution.has_value());
    CHECK(d2.institution->institution_code == "1234568");
    CHECK_FALSE(d2.staff.has_value());
    CHECK_FALSE(d2.prescribing_institution.has_value());
    REQUIRE(d2.prescriber_groups.size() == 1u);
    CHECK_FALSE(d2.prescriber_groups[0].prescriber.has_value());
    REQUIRE(d2.prescriber_groups[0].rps.size() == 1u);
    CHECK(d2.prescriber_groups[0].rps[0].drugs[0].drug.dose == "1.5");
    CHECK(d2.cautions.empty());
    CHECK(d2.remarks.empty());

    // 701
    REQUIRE(nb.regular_pharmacists.size() == 1u);
    CHECK(nb.regular_pharmacists[0].pharmacy_name == "工業会薬局 本店");
    CHECK(nb.regular_pharmacists[0].end_date == "20270310");
    CHECK(nb.regular_pharmacists[0].line == 33u);
  }

  TEST_CASE("the same payload as UTF-8 decodes to the same notebook") {
    std::string utf8;
    for (char c : kFull) {
      if (c == '\n') utf8 += '\r';
      utf8 += c;
    }
    // UTF-8 is accepted but off the format (ASCII or Shift_JIS): one deviation, and nothing else.
    const Decoded strict = decode_strict(utf8);
    CHECK_FALSE(strict.valid());
    const Decoded d = decode_lenient(utf8);
    INFO(dump(d.problems));
    CHECK(d.valid());
    REQUIRE(d.problems.list().size() == 1u);
    CHECK(d.problems.list()[0].severity == Severity::deviation);
    CHECK(contains(d.problems.list()[0].reason, "read as UTF-8"));
    REQUIRE(d.notebook.patient.has_value());
    CHECK(d.notebook.patient->patient_name == "山田 花子");
    REQUIRE(d.notebook.dispensings.size() == 2u);
    CHECK(d.notebook.dispensings[0].prescriber_groups.size() == 2u);
  }

  TEST_CASE("911 分割制御 is kept, and a lone part is not a complete notebook") {
    const Decoded d = decode_lenient(to_wire(minimal() + "911,12345678901234,2,1\n"));
    REQUIRE(d.notebook.split.has_value());
    CHECK(d.notebook.split->data_id == "12345678901234");
    CHECK(d.notebook.split->part_count == "2");
    CHECK(d.notebook.split->part_number == "1");
    CHECK(d.notebook.split->line == 7u);
    CHECK_FALSE(d.valid());
    const Problem p = only(d.problems, "part 1 of 2");
    CHECK(p.severity == Severity::error);
    CHECK(p.line == 7u);
    CHECK(p.record == 911);
  }

  TEST_CASE("a record after 911 is an error") {
    const Decoded d = decode_lenient(to_wire(minimal() + "911,12345678901234,2,1\n501,備考,1\n"));
    const Problem p = only(d.problems, "after the 分割制御 record");
    CHECK(p.severity == Severity::error);
    CHECK(p.line == 8u);
    CHECK(p.record == 501);
  }

  TEST_CASE("missing trailing fields: a deviation, accepted in lenient mode and invalid in strict mode") {
    const std::string payload = to_wire(
        "JAHISTC08,1\n1,鈴木 太郎,1,S330303\n5,R020410,1\n11,工業会薬局,13,4,1234567,,,,1\n" + std::string(kRp1));
    const Decoded lenient = decode_lenient(payload);
    INFO(dump(lenient.problems));
    CHECK(lenient.valid());
    REQUIRE(lenient.problems.list().size() == 1u);
    const Problem& p = lenient.problems.list()[0];
    CHECK(p.severity == Severity::deviation);
    CHECK(p.line == 2u);
    CHECK(p.record == 1);
    CHECK(p.field == -1);
    CHECK(contains(p.reason, "3 of the layout's 10 fields"));
    REQUIRE(lenient.notebook.patient.has_value());
    CHECK(lenient.notebook.patient->field_count == 3u);
    CHECK(lenient.notebook.patient->birth_date == "S330303");
    CHECK(lenient.notebook.patient->address.empty());
    CHECK(lenient.notebook.patient->kana_name.empty());

    const Decoded strict = decode_strict(payload);
    CHECK_FALSE(strict.valid());
    REQUIRE(strict.problems.list().size() == 1u);
    CHECK(strict.problems.counts_as_error(strict.problems.list()[0]));
    CHECK_FALSE(lenient.problems.counts_as_error(lenient.problems.list()[0]));
  }

  TEST_CASE("a missing trailing field that is required is an error in both modes") {
    const std::string payload = to_wire(
        "JAHISTC08,1\n1,鈴木 太郎,1,S330303,,,,,,,\n5,R020410\n"
        "11,工業会薬局,13,4,1234567,,,,1\n" +
        std::string(kRp1));
    const Decoded d = decode_lenient(payload);
    CHECK_FALSE(d.valid());
    const std::vector<Problem> line3 = at(d.problems, 3, 5);
    INFO(dump(d.problems));
    REQUIRE(line3.size() == 2u);
    CHECK(line3[0].severity == Severity::deviation);  // field count
    CHECK(line3[1].severity == Severity::error);
    CHECK(line3[1].field == 2);
    CHECK(line3[1].field_name == "レコード作成者");
    CHECK(line3[1].reason == "required value is empty");
  }

  TEST_CASE("a full-width comma is part of the value") {
    const Decoded d = decode_strict(to_wire(minimal() + "501,朝，夕に服用,1\n"));
    INFO(dump(d.problems));
    CHECK(d.valid());
    CHECK(d.problems.list().empty());
    REQUIRE(d.notebook.dispensings.size() == 1u);
    REQUIRE(d.notebook.dispensings[0].remarks.size() == 1u);
    CHECK(d.notebook.dispensings[0].remarks[0].content == "朝，夕に服用");
    CHECK(d.notebook.dispensings[0].remarks[0].creator == "1");
  }

  TEST_CASE("a half-width comma splits the value: the shifted field is reported") {
    const Decoded d = decode_lenient(to_wire(minimal() + "501,朝,夕に服用,1\n"));
    CHECK_FALSE(d.valid());
    REQUIRE(d.notebook.dispensings[0].remarks.size() == 1u);
    const auto& remark = d.notebook.dispensings[0].remarks[0];
    CHECK(remark.content == "朝");
    CHECK(remark.creator == "夕に服用");
    REQUIRE(remark.extra.size() == 1u);
    CHECK(remark.extra[0] == "1");
    const Problem count_problem = only(d.problems, "more than the 2 any version defines");
    CHECK(count_problem.severity == Severity::warning);
    CHECK(count_problem.line == 7u);
    const Problem creator = only(d.problems, "not a number: \"夕に服用\"");
    CHECK(creator.severity == Severity::error);
    CHECK(creator.line == 7u);
    CHECK(creator.record == 501);
    CHECK(creator.field == 2);
    CHECK(creator.field_name == "レコード作成者");
  }

  TEST_CASE("both era notations and Western dates are accepted and kept as written") {
    SUBCASE("era letters") {
      const Decoded d = decode_strict(to_wire(minimal()));
      INFO(dump(d.problems));
      CHECK(d.valid());
      CHECK(d.problems.list().empty());
      CHECK(d.notebook.patient->birth_date == "S330303");
      CHECK(d.notebook.dispensings[0].date.date == "R020410");
    }
    SUBCASE("Western") {
      std::string text = minimal();
      text.replace(text.find("S330303"), 7, "19580303");
      text.replace(text.find("R020410"), 7, "20200410");
      const Decoded d = decode_strict(to_wire(text));
      INFO(dump(d.problems));
      CHECK(d.valid());
      CHECK(d.problems.list().empty());
      CHECK(d.notebook.patient->birth_date == "19580303");
      CHECK(d.notebook.dispensings[0].date.date == "20200410");
    }
    SUBCASE("an Rx digit era is not a TC date") {
      std::string text = minimal();
      text.replace(text.find("S330303"), 7, "3330303");
      const Decoded d = decode_lenient(to_wire(text));
      CHECK_FALSE(d.valid());
      const std::vector<Problem> line2 = at(d.problems, 2, 1);
      INFO(dump(d.problems));
      REQUIRE(line2.size() == 1u);
      CHECK(line2[0].severity == Severity::error);
      CHECK(line2[0].field == 3);
      CHECK(line2[0].field_name == "患者生年月日");
      CHECK(contains(line2[0].reason, "unknown era letter '3'"));
    }
    SUBCASE("a date after its era ended") {
      std::string text = minimal();
      text.replace(text.find("R020410"), 7, "H310501");
      const Decoded d = decode_lenient(to_wire(text));
      CHECK_FALSE(d.valid());
      const std::vector<Problem> line3 = at(d.problems, 3, 5);
      INFO(dump(d.problems));
      REQUIRE(line3.size() == 1u);
      CHECK(line3[0].severity == Severity::error);
      CHECK(line3[0].field == 1);
      CHECK(line3[0].field_name == "調剤等年月日");
      CHECK(contains(line3[0].reason, "after the era ended"));
    }
  }

  TEST_CASE("unknown record numbers are kept with a warning and written back") {
    const std::string payload = to_wire(std::string(kHead) + "999,未知の値,x\n" + std::string(kRp1) + "12,foo\n");
    const Decoded d = decode_strict(payload);
    INFO(dump(d.problems));
    CHECK(d.valid());
    REQUIRE(d.problems.list().size() == 2u);
    CHECK(d.problems.list()[0].severity == Severity::warning);
    CHECK(d.problems.list()[0].line == 5u);
    CHECK(d.problems.list()[0].record == 999);
    CHECK(d.problems.list()[1].severity == Severity::warning);
    CHECK(d.problems.list()[1].line == 8u);
    CHECK(d.problems.list()[1].record == 12);
    REQUIRE(d.notebook.unknown_records.size() == 2u);
    CHECK(d.notebook.unknown_records[0].number == 999);
    CHECK(d.notebook.unknown_records[0].line == 5u);
    CHECK(d.notebook.unknown_records[0].fields == std::vector<std::string>{"未知の値", "x"});
    CHECK(d.notebook.unknown_records[1].number == 12);
    CHECK(d.notebook.unknown_records[1].fields == std::vector<std::string>{"foo"});
    // The RP around the unknown record is still grouped.
    REQUIRE(d.notebook.dispensings[0].prescriber_groups.size() == 1u);
    CHECK(d.notebook.dispensings[0].prescriber_groups[0].rps[0].usage.has_value());
    CHECK(encode(d.notebook).bytes == payload);
  }

  TEST_CASE("CR LF line ends are the norm, bare LF is a deviation") {
    const std::string crlf = to_wire(minimal());
    std::string lf = crlf;
    lf.erase(std::remove(lf.begin(), lf.end(), '\r'), lf.end());
    REQUIRE(lf.size() + 6 == crlf.size());

    const Decoded with_crlf = decode_strict(crlf);
    CHECK(with_crlf.valid());
    CHECK(with_crlf.problems.list().empty());

    const Decoded lenient = decode_lenient(lf);
    CHECK(lenient.valid());
    REQUIRE(lenient.problems.list().size() == 1u);
    const Problem& p = lenient.problems.list()[0];
    CHECK(p.severity == Severity::deviation);
    CHECK(p.line == 1u);
    CHECK(p.record == -1);
    CHECK(contains(p.reason, "6 line(s) end with LF alone"));
    CHECK(lenient.notebook.patient->patient_name == "鈴木 太郎");
    CHECK(lenient.notebook.dispensings[0].prescriber_groups[0].rps[0].usage->usage_name == "【分３ 毎食後服用】");
    // Written back with CR LF.
    CHECK(encode(lenient.notebook).bytes == crlf);

    const Decoded strict = decode_strict(lf);
    CHECK_FALSE(strict.valid());

    // Mixed: the problem names the first line that ends with LF alone.
    std::string mixed = crlf;
    const std::size_t third_crlf = mixed.find("\r\n", mixed.find("\r\n", mixed.find("\r\n") + 2) + 2);
    mixed.erase(third_crlf, 1);
    const Decoded m = decode_lenient(mixed);
    REQUIRE(m.problems.list().size() == 1u);
    CHECK(m.problems.list()[0].line == 3u);
    CHECK(contains(m.problems.list()[0].reason, "1 line(s)"));
  }

  TEST_CASE("EOF byte 0x1A and the final line break") {
    const std::string base = to_wire(minimal());
    SUBCASE("without EOF") {
      const Decoded d = decode_strict(base);
      CHECK(d.valid());
      CHECK_FALSE(d.notebook.eof_marker);
      CHECK(d.notebook.final_line_break);
    }
    SUBCASE("with EOF") {
      const Decoded d = decode_strict(base + "\x1A");
      INFO(dump(d.problems));
      CHECK(d.valid());
      CHECK(d.problems.list().empty());
      CHECK(d.notebook.eof_marker);
      CHECK(d.notebook.final_line_break);
      CHECK(d.notebook.dispensings[0].prescriber_groups[0].rps[0].usage->creator == "1");
    }
    SUBCASE("with several EOF bytes: a warning") {
      const Decoded d = decode_strict(base + "\x1A\x1A");
      CHECK(d.valid());
      CHECK(d.notebook.eof_marker);
      const Problem p = only(d.problems, "EOF bytes");
      CHECK(p.severity == Severity::warning);
    }
    SUBCASE("without the final CR LF") {
      const Decoded d = decode_strict(base.substr(0, base.size() - 2));
      INFO(dump(d.problems));
      CHECK(d.valid());
      CHECK(d.problems.list().empty());
      CHECK_FALSE(d.notebook.final_line_break);
      CHECK(d.notebook.dispensings[0].prescriber_groups[0].rps[0].usage->creator == "1");
    }
    SUBCASE("without the final CR LF, with EOF") {
      const Decoded d = decode_strict(base.substr(0, base.size() - 2) + "\x1A");
      CHECK(d.valid());
      CHECK_FALSE(d.notebook.final_line_break);
      CHECK(d.notebook.eof_marker);
    }
  }

  TEST_CASE("a double-byte character cut in half is an error with line, field and byte offset") {
    std::string payload = to_wire(minimal());
    const std::string ro = to_wire("郎");  // 98 59
    const std::size_t at_ro = payload.find(ro);
    REQUIRE(at_ro != std::string::npos);
    payload.erase(at_ro + 1, 1);  // keep the lead byte only, followed by ','

    for (const bool strict : {false, true}) {
      CAPTURE(strict);
      const Decoded d = decode(payload, DecodeOptions{strict, InputEncoding::shift_jis});
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "cut off");
      CHECK(p.severity == Severity::error);
      CHECK(p.line == 2u);
      CHECK(p.record == 1);
      CHECK(p.field == 1);
      CHECK(contains(p.reason, "at byte offset " + std::to_string(at_ro)));
      REQUIRE(d.notebook.patient.has_value());
      CHECK(d.notebook.patient->patient_name == "鈴木 太■");
      CHECK(d.notebook.patient->sex == "1");
    }
  }

  TEST_CASE("a payload cut inside a double-byte character at its very end") {
    const std::string full = to_wire(minimal() + "501,正しい飲み方,1\n");
    const std::size_t at_nomi = full.find(to_wire("飲"));
    REQUIRE(at_nomi != std::string::npos);
    const std::string cut = full.substr(0, at_nomi + 1);
    const Decoded d = decode(cut, DecodeOptions{false, InputEncoding::shift_jis});
    CHECK_FALSE(d.valid());
    CHECK_FALSE(d.notebook.final_line_break);
    const Problem p = only(d.problems, "cut off");
    CHECK(p.severity == Severity::error);
    CHECK(p.line == 7u);
    CHECK(p.record == 501);
    CHECK(p.field == 1);
    CHECK(contains(p.reason, "at byte offset " + std::to_string(at_nomi)));
    REQUIRE(d.notebook.dispensings[0].remarks.size() == 1u);
    CHECK(d.notebook.dispensings[0].remarks[0].content == "正しい■");
  }

  TEST_CASE("an invalid Shift_JIS byte inside a value") {
    std::string payload = to_wire(minimal());
    const std::size_t at_name = payload.find(to_wire("鈴木 "));
    REQUIRE(at_name != std::string::npos);
    const std::size_t at_space = at_name + 4;
    payload[at_space] = '\x80';
    const Decoded d = decode(payload, DecodeOptions{false, InputEncoding::shift_jis});
    CHECK_FALSE(d.valid());
    const Problem p = only(d.problems, "invalid Shift_JIS byte");
    CHECK(p.line == 2u);
    CHECK(p.record == 1);
    CHECK(p.field == 1);
    CHECK(contains(p.reason, "at byte offset " + std::to_string(at_space)));
    CHECK(d.notebook.patient->patient_name == "鈴木■太郎");
  }

  TEST_CASE("an invalid byte at the end of a field is not reported as a cut character") {
    // 0xFF is never a Shift_JIS lead byte, but lexer.cpp decode_field calls any replaced last byte >= 0x81
    // "double-byte character cut off by the end of the field".
    std::string payload = to_wire(minimal());
    const std::size_t after_name = payload.find(to_wire("太郎,")) + 4;
    payload.insert(after_name, "\xFF");
    const Decoded d = decode(payload, DecodeOptions{false, InputEncoding::shift_jis});
    CHECK_FALSE(d.valid());
    const Problem p = only(d.problems, "at byte offset " + std::to_string(after_name));
    CHECK(p.line == 2u);
    CHECK(p.field == 1);
    CHECK(contains(p.reason, "invalid Shift_JIS byte"));
    CHECK_FALSE(contains(p.reason, "cut off"));
  }

  TEST_CASE("281 without a preceding 201 is an error and the record is kept unplaced") {
    SUBCASE("before any 201") {
      const Decoded d = decode_lenient(to_wire(std::string(kHead) + "281,1,粉砕,1\n" + std::string(kRp1)));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "must follow the 薬品 record");
      CHECK(p.severity == Severity::error);
      CHECK(p.line == 5u);
      CHECK(p.record == 281);
      REQUIRE(d.notebook.unknown_records.size() == 1u);
      CHECK(d.notebook.unknown_records[0].number == 281);
      CHECK(d.notebook.unknown_records[0].line == 5u);
      CHECK(d.notebook.dispensings[0].prescriber_groups[0].rps[0].drugs[0].supplements.empty());
    }
    SUBCASE("after the RP was closed by its 301") {
      const Decoded d = decode_lenient(to_wire(minimal() + "281,1,粉砕,1\n"));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "must follow the 薬品 record");
      CHECK(p.line == 7u);
      CHECK(p.record == 281);
    }
    SUBCASE("outside any 調剤情報") {
      const Decoded d = decode_lenient(to_wire("JAHISTC08,1\n1,鈴木 太郎,1,S330303,,,,,,,\n281,1,粉砕,1\n"));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "outside a 調剤情報");
      CHECK(p.line == 3u);
      CHECK(p.record == 281);
      CHECK(d.notebook.unknown_records.size() == 1u);
    }
    SUBCASE("with the RP番号 of another RP") {
      const Decoded d =
          decode_lenient(to_wire(std::string(kHead) + "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n"
                                                      "291,2,注意,1\n301,1,【分３ 毎食後服用】,5,日分,1,1,,1\n"));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "differs from that of the preceding 薬品");
      CHECK(p.line == 6u);
      CHECK(p.record == 291);
      CHECK(p.field == 1);
      CHECK(p.field_name == "RP番号");
    }
  }

  TEST_CASE("31 without a parent 3 is an error") {
    SUBCASE("no 3 at all") {
      const Decoded d =
          decode_lenient(to_wire("JAHISTC08,2\n1,鈴木 太郎,1,S330303,,,,,,,\n31,1,イブプロフェン,2,1149001,2\n"));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "no 要指導医薬品・一般用医薬品服用 record (3)");
      CHECK(p.severity == Severity::error);
      CHECK(p.line == 3u);
      CHECK(p.record == 31);
      CHECK(d.notebook.otc_drugs.empty());
      REQUIRE(d.notebook.unknown_records.size() == 1u);
      CHECK(d.notebook.unknown_records[0].number == 31);
    }
    SUBCASE("a 3 with another 通番") {
      const Decoded d =
          decode_lenient(to_wire("JAHISTC08,2\n1,鈴木 太郎,1,S330303,,,,,,,\n"
                                 "3,ﾊﾞﾌｧﾘﾝ,R020406,R020409,2,1,\n31,2,イブプロフェン,2,1149001,2\n"));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "通番 \"2\"");
      CHECK(p.line == 4u);
      CHECK(p.record == 31);
      REQUIRE(d.notebook.otc_drugs.size() == 1u);
      CHECK(d.notebook.otc_drugs[0].ingredients.empty());
    }
    SUBCASE("ingredients attach to their parent by 通番, not by position") {
      const Decoded d =
          decode_strict(to_wire("JAHISTC08,2\n1,鈴木 太郎,1,S330303,,,,,,,\n"
                                "3,ﾊﾞﾌｧﾘﾝ,,,2,1,\n3,新コンタック,,,2,2,\n"
                                "31,1,イブプロフェン,2,1149001,2\n31,2,無水カフェイン,2,2115004,2\n"));
      INFO(dump(d.problems));
      CHECK(d.valid());
      REQUIRE(d.notebook.otc_drugs.size() == 2u);
      REQUIRE(d.notebook.otc_drugs[0].ingredients.size() == 1u);
      CHECK(d.notebook.otc_drugs[0].ingredients[0].ingredient_name == "イブプロフェン");
      REQUIRE(d.notebook.otc_drugs[1].ingredients.size() == 1u);
      CHECK(d.notebook.otc_drugs[1].ingredients[0].ingredient_name == "無水カフェイン");
    }
  }

  TEST_CASE("an RP without its 301 is an error on its last 201") {
    SUBCASE("followed by a 401") {
      const Decoded d =
          decode_lenient(to_wire(std::string(kHead) + "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n"
                                                      "201,1,ﾌｪﾛﾍﾞﾘﾝ配合錠,2,錠,2,620425801,1,,,\n401,注意,1\n"));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "has no 用法");
      CHECK(p.severity == Severity::error);
      CHECK(p.line == 6u);
      CHECK(p.record == 201);
      CHECK(contains(p.reason, "RP 1 "));
      const auto& rp = d.notebook.dispensings[0].prescriber_groups[0].rps[0];
      CHECK(rp.drugs.size() == 2u);
      CHECK_FALSE(rp.usage.has_value());
      CHECK(d.notebook.dispensings[0].cautions.size() == 1u);
    }
    SUBCASE("followed by the next RP") {
      const Decoded d = decode_lenient(to_wire(std::string(kHead) + "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n" +
                                               "201,2,ｱﾄﾞｿﾙﾋﾞﾝ原末,1.5,g,2,620008284,1,,,\n"
                                               "301,2,【分３ 毎食後服用】,5,日分,1,1,,1\n"));
      const Problem p = only(d.problems, "has no 用法");
      CHECK(p.line == 5u);
      CHECK(contains(p.reason, "RP 1 "));
      const auto& rps = d.notebook.dispensings[0].prescriber_groups[0].rps;
      REQUIRE(rps.size() == 2u);
      CHECK_FALSE(rps[0].usage.has_value());
      REQUIRE(rps[1].usage.has_value());
      CHECK(rps[1].usage->rp == "2");
    }
    SUBCASE("at the end of the payload") {
      const Decoded d = decode_lenient(to_wire(std::string(kHead) + "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n"));
      const Problem p = only(d.problems, "has no 用法");
      CHECK(p.line == 5u);
      CHECK(p.record == 201);
    }
    SUBCASE("a 301 without 201 before it") {
      const Decoded d = decode_lenient(to_wire(std::string(kHead) + "301,1,【分３ 毎食後服用】,5,日分,1,1,,1\n"));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "without 薬品 records");
      CHECK(p.line == 5u);
      CHECK(p.record == 301);
      CHECK(d.notebook.unknown_records.size() == 1u);
    }
    SUBCASE("a 301 with another RP番号") {
      const Decoded d = decode_lenient(to_wire(std::string(kHead) + "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n"
                                                                    "301,2,【分３ 毎食後服用】,5,日分,1,1,,1\n"));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "用法 for RP 2");
      CHECK(p.line == 6u);
      CHECK(p.record == 301);
      CHECK(p.field == 1);
    }
    SUBCASE("an RP番号 used twice") {
      const Decoded d = decode_lenient(to_wire(minimal() + std::string(kRp1)));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "used twice");
      CHECK(p.line == 7u);
      CHECK(p.record == 201);
      CHECK(p.field == 1);
    }
  }

  TEST_CASE("a bad version record") {
    SUBCASE("an Rx header") {
      const Decoded d = decode_lenient(to_wire("JAHIS10\n1,鈴木 太郎,1,S330303,,,,,,,\n"));
      CHECK_FALSE(d.valid());
      REQUIRE(d.problems.list().size() == 1u);
      const Problem& p = d.problems.list()[0];
      CHECK(p.severity == Severity::error);
      CHECK(p.line == 1u);
      CHECK(p.record == 0);
      CHECK(contains(p.reason, "not a JAHIS TC version record"));
      CHECK_FALSE(d.notebook.patient.has_value());
    }
    SUBCASE("a one-digit version number") {
      const Decoded d = decode_lenient(to_wire("JAHISTC8,1\n1,鈴木 太郎,1,S330303,,,,,,,\n"));
      CHECK_FALSE(d.valid());
      CHECK(only(d.problems, "not a JAHIS TC version record").line == 1u);
    }
    SUBCASE("no 出力区分") {
      std::string text = minimal();
      text.replace(0, 11, "JAHISTC08");
      const Decoded d = decode_lenient(to_wire(text));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "required value is empty");
      CHECK(p.line == 1u);
      CHECK(p.record == 0);
      CHECK(p.field == 1);
      CHECK(p.field_name == "出力区分");
    }
    SUBCASE("an unknown 出力区分") {
      std::string text = minimal();
      text.replace(0, 11, "JAHISTC08,3");
      const Decoded d = decode_lenient(to_wire(text));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "unknown 出力区分");
      CHECK(p.line == 1u);
      CHECK(p.field == 1);
    }
    SUBCASE("an unknown version number is a warning") {
      std::string text = minimal();
      text.replace(0, 11, "JAHISTC12,1");
      const Decoded d = decode_strict(to_wire(text));
      CHECK(d.valid());
      CHECK(d.notebook.version == "JAHISTC12");
      const Problem p = only(d.problems, "unknown version JAHISTC12");
      CHECK(p.severity == Severity::warning);
      CHECK(p.line == 1u);
      CHECK(p.record == 0);
    }
    SUBCASE("an old version number is accepted silently") {
      std::string text = minimal();
      text.replace(0, 11, "JAHISTC01,1");
      const Decoded d = decode_lenient(to_wire(text));
      CHECK(d.valid());
      CHECK(d.notebook.version_number() == 1);
    }
    SUBCASE("an empty payload") {
      const Decoded d = decode_lenient("");
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "no version record");
      CHECK(p.line == 1u);
      CHECK(p.record == 0);
    }
    SUBCASE("an empty first line") {
      const Decoded d = decode_lenient(to_wire("\n" + minimal()));
      CHECK_FALSE(d.valid());
      CHECK(only(d.problems, "empty line").line == 1u);
      CHECK(only(d.problems, "no version record").severity == Severity::error);
    }
  }

  TEST_CASE("a required field that is empty is an error naming the field") {
    SUBCASE("調剤等年月日") {
      std::string text = minimal();
      text.replace(text.find("5,R020410,1"), 11, "5,,1");
      const Decoded d = decode_lenient(to_wire(text));
      CHECK_FALSE(d.valid());
      const std::vector<Problem> line3 = at(d.problems, 3, 5);
      INFO(dump(d.problems));
      REQUIRE(line3.size() == 1u);
      CHECK(line3[0].severity == Severity::error);
      CHECK(line3[0].field == 1);
      CHECK(line3[0].field_name == "調剤等年月日");
      CHECK(line3[0].reason == "required value is empty");
    }
    SUBCASE("患者氏名") {
      std::string text = minimal();
      text.replace(text.find("鈴木 太郎"), std::string_view("鈴木 太郎").size(), "");
      const Decoded d = decode_strict(to_wire(text));
      const std::vector<Problem> line2 = at(d.problems, 2, 1);
      INFO(dump(d.problems));
      REQUIRE(line2.size() == 1u);
      CHECK(line2[0].field == 1);
      CHECK(line2[0].field_name == "患者氏名");
    }
    SUBCASE("用量 is required only when 出力区分 is 1") {
      std::string text = minimal();
      text.replace(text.find("ﾚﾍﾞﾆﾝ散,2,g"), std::string_view("ﾚﾍﾞﾆﾝ散,2,g").size(), "ﾚﾍﾞﾆﾝ散,,g");
      const Decoded outbound = decode_lenient(to_wire(text));
      CHECK_FALSE(outbound.valid());
      const std::vector<Problem> line5 = at(outbound.problems, 5, 201);
      INFO(dump(outbound.problems));
      REQUIRE(line5.size() == 1u);
      CHECK(line5[0].severity == Severity::error);
      CHECK(line5[0].field == 3);
      CHECK(line5[0].field_name == "用量");

      text.replace(0, 11, "JAHISTC08,2");
      const Decoded inbound = decode_strict(to_wire(text));
      INFO(dump(inbound.problems));
      CHECK(inbound.valid());
      CHECK(at(inbound.problems, 5, 201).empty());
    }
    SUBCASE("薬品コード when 薬品コード種別 is not 1") {
      std::string text = minimal();
      text.replace(text.find("620007148"), 9, "");
      const Decoded d = decode_lenient(to_wire(text));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "required when 薬品コード種別 is 2");
      CHECK(p.line == 5u);
      CHECK(p.record == 201);
      CHECK(p.field == 6);
      CHECK(p.field_name == "薬品コード");
    }
  }

  TEST_CASE("problems carry line, record and field numbers and format as one line") {
    std::string text = minimal();
    text.replace(text.find("ﾚﾍﾞﾆﾝ散,2,g"), std::string_view("ﾚﾍﾞﾆﾝ散,2,g").size(), "ﾚﾍﾞﾆﾝ散,2x,g");
    const Decoded d = decode_lenient(to_wire(text));
    CHECK_FALSE(d.valid());
    INFO(dump(d.problems));
    REQUIRE(d.problems.list().size() == 1u);
    const Problem& p = d.problems.list()[0];
    CHECK(p.severity == Severity::error);
    CHECK(p.line == 5u);
    CHECK(p.record == 201);
    CHECK(p.field == 3);
    CHECK(p.field_name == "用量");
    CHECK(format(p, false) ==
          "line 5, record 201, field 3 (用量): error: not a quantity: \"2x\" (digits with an optional decimal point, "
          "e.g. 1.5)");
  }

  TEST_CASE("deviations: warnings in lenient mode, errors in strict mode") {
    struct Case {
      const char* name;
      std::function<void(std::string&)> edit;
      std::size_t line;
      int record;
      int field;
      const char* reason;
    };
    const std::vector<Case> cases{
        {"unknown code",
         [](std::string& t) { t.replace(t.find("太郎,1,"), std::string_view("太郎,1,").size(), "太郎,3,"); }, 2, 1, 2,
         "unknown code \"3\""},
        {"trailing space",
         [](std::string& t) { t.replace(t.find("鈴木 太郎"), std::string_view("鈴木 太郎").size(), "鈴木 太郎 "); }, 2,
         1, 1, "leading or trailing space"},
        {"too long",
         [](std::string& t) {
           t.replace(t.find("鈴木 太郎"), std::string_view("鈴木 太郎").size(), std::string(41, 'a'));
         },
         2, 1, 1, "41 bytes, longer than the 40 allowed"},
        {"amount with a trailing zero",
         [](std::string& t) { t.replace(t.find("ﾚﾍﾞﾆﾝ散,2,"), std::string_view("ﾚﾍﾞﾆﾝ散,2,").size(), "ﾚﾍﾞﾆﾝ散,2.0,"); },
         5, 201, 3, "trailing zero"},
        {"out of order", [](std::string& t) { t += "4,メモ,,2\n"; }, 7, 4, -1, "out of order"},
        {"empty line", [](std::string& t) { t.insert(t.find("5,R020410"), "\n"); }, 3, -1, -1, "empty line"},
        {"no 11 in a 調剤情報", [](std::string& t) { t.erase(t.find("11,"), t.find("201,") - t.find("11,")); }, 3, 5,
         -1, "no 調剤－医療機関等"},
        {"pharmacy without 用法名称",
         [](std::string& t) {
           t.replace(t.find("【分３ 毎食後服用】"), std::string_view("【分３ 毎食後服用】").size(), "");
         },
         6, 301, 2, "a pharmacy must give 用法名称"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.name);
      std::string text = minimal();
      c.edit(text);
      const std::string payload = to_wire(text);
      const Decoded lenient = decode_lenient(payload);
      INFO(dump(lenient.problems));
      CHECK(lenient.valid());
      const Problem p = only(lenient.problems, c.reason);
      CHECK(p.severity == Severity::deviation);
      CHECK(p.line == c.line);
      CHECK(p.record == c.record);
      CHECK(p.field == c.field);
      CHECK(count(lenient.problems, Severity::error) == 0u);
      CHECK_FALSE(decode_strict(payload).valid());
    }
  }

  TEST_CASE("errors: invalid in both modes") {
    SUBCASE("a line that does not start with a record number is kept as an unknown record") {
      const std::string payload = to_wire(minimal() + "abc,1\n");
      const Decoded d = decode_lenient(payload);
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "does not start with a record number");
      CHECK(p.line == 7u);
      CHECK(p.record == -1);
      REQUIRE(d.notebook.unknown_records.size() == 1u);
      CHECK(d.notebook.unknown_records[0].number == -1);
      CHECK(d.notebook.unknown_records[0].fields == std::vector<std::string>{"abc", "1"});
      CHECK(encode(d.notebook).bytes == payload);
    }
    SUBCASE("a control character in a value") {
      const Decoded d = decode_lenient(to_wire(minimal() + "501,a\tb,1\n"));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "control character");
      CHECK(p.line == 7u);
      CHECK(p.record == 501);
      CHECK(p.field == 1);
    }
    SUBCASE("a second 患者情報") {
      const Decoded d = decode_lenient(to_wire(minimal() + "1,佐藤 花子,2,S330303,,,,,,,\n"));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "a second 患者情報");
      CHECK(p.line == 7u);
      CHECK(p.record == 1);
      CHECK(d.notebook.patient->patient_name == "鈴木 太郎");
      REQUIRE(d.notebook.unknown_records.size() == 1u);
      CHECK(d.notebook.unknown_records[0].number == 1);
    }
    SUBCASE("a second 11 in one 調剤情報") {
      const Decoded d =
          decode_lenient(to_wire(std::string(kHead) + "11,別の薬局,13,4,7654321,,,,1\n" + std::string(kRp1)));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "a second 調剤－医療機関等");
      CHECK(p.line == 5u);
      CHECK(p.record == 11);
      CHECK(d.notebook.dispensings[0].institution->institution_name == "工業会薬局");
    }
    SUBCASE("no 患者情報") {
      const Decoded d =
          decode_lenient(to_wire("JAHISTC08,1\n5,R020410,1\n11,工業会薬局,13,4,1234567,,,,1\n" + std::string(kRp1)));
      CHECK_FALSE(d.valid());
      const Problem p = only(d.problems, "no 患者情報");
      CHECK(p.record == 1);
      CHECK(p.line == 0u);
    }
  }

  TEST_CASE("warnings: valid in strict mode") {
    SUBCASE("調剤情報 groups oldest first") {
      const Decoded d =
          decode_strict(to_wire(minimal() + "5,R020411,1\n11,工業会薬局,13,4,1234567,,,,1\n" + std::string(kRp1)));
      INFO(dump(d.problems));
      CHECK(d.valid());
      const Problem p = only(d.problems, "newest first");
      CHECK(p.severity == Severity::warning);
      CHECK(p.line == 7u);
      CHECK(p.record == 5);
      CHECK(p.field == 1);
      CHECK(d.notebook.dispensings.size() == 2u);
    }
    SUBCASE("a code with 薬品コード種別 1") {
      std::string text = minimal();
      text.replace(text.find(",g,2,"), 5, ",g,1,");
      const Decoded d = decode_strict(to_wire(text));
      CHECK(d.valid());
      const Problem p = only(d.problems, "薬品コード種別 is 1");
      CHECK(p.severity == Severity::warning);
      CHECK(p.line == 5u);
      CHECK(p.field == 6);
    }
    SUBCASE("extra fields are kept") {
      const Decoded d = decode_strict(to_wire(minimal() + "501,備考,1,x,y\n"));
      CHECK(d.valid());
      const Problem p = only(d.problems, "more than the 2 any version defines");
      CHECK(p.severity == Severity::warning);
      CHECK(p.line == 7u);
      CHECK(p.record == 501);
      const auto& remark = d.notebook.dispensings[0].remarks.at(0);
      CHECK(remark.extra == std::vector<std::string>{"x", "y"});
    }
  }

  TEST_CASE("411 with レコード作成者 as its last extra field (specification example 8) is a deviation") {
    const Decoded lenient = decode_lenient(to_wire(minimal() + "411,錠剤は粉砕して投与する。,31,,,,,,1\n"));
    INFO(dump(lenient.problems));
    CHECK(lenient.valid());
    const Problem p = only(lenient.problems, "may be レコード作成者");
    CHECK(p.severity == Severity::deviation);
    CHECK(p.line == 7u);
    CHECK(p.record == 411);
    CHECK(p.field == 3);
    const auto& info = lenient.notebook.dispensings[0].provided_info.at(0);
    CHECK(info.kind == "31");
    CHECK(info.creator.empty());
    CHECK(info.extra == std::vector<std::string>{"", "", "", "", "1"});
  }

  TEST_CASE("a UTF-8 byte order mark is a deviation") {
    std::string payload = "\xEF\xBB\xBF";
    for (char c : minimal()) {
      if (c == '\n') payload += '\r';
      payload += c;
    }
    const Decoded d = decode_lenient(payload);
    INFO(dump(d.problems));
    CHECK(d.valid());
    CHECK(d.notebook.patient->patient_name == "鈴木 太郎");
    CHECK_FALSE(decode_strict(payload).valid());
    CHECK(only(d.problems, "byte order mark").severity == Severity::deviation);
  }
}
