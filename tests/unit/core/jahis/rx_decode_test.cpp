// JAHIS Rx decoding and validation on self-written prescriptions.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "jahis/rx_codec.hpp"
#include "jahis/rx_json.hpp"
#include "text/shift_jis.hpp"

namespace {

using namespace kofu::jahis;

// A valid JAHIS10 prescription with every header record and one RP of each kind of detail.
const std::vector<std::string> kValid = {
    "JAHIS10",
    "1,1,1312345,13,医療法人社団 こうふ内科クリニック",
    "2,160-0023,東京都新宿区西新宿九丁目９９番９号",
    "3,03-0000-1234,,",
    "4,1,,内科",
    "5,,ｺｳﾌ ﾊﾅｺ,交付 花子",
    "11,,見本 太郎,ﾐﾎﾝ ﾀﾛｳ",
    "12,1",
    "13,3450401",
    "14,3",
    "21,1",
    "22,06139999",
    "23,１２３,４５６７,1,01",
    "24,30,70",
    "25,1",
    "27,51123456,1234567",
    "28,51123456,1234567",
    "29,51123456,1234567",
    "30,特－１２,１２３４５６７",
    "31,1112",
    "51,20261120",
    "52,20261123",
    "61,,東京都新宿区西新宿九丁目９９番９号,03-0000-0000",
    "62,2",
    "81,1,1,一包化",
    "82,1,1234567890123456",
    "101,1,1,,14",
    "111,1,1,,１日３回毎食後,3",
    "181,1,1,2,一包化,,",
    "201,1,1,1,2,620004992,ｺﾘｵﾊﾟﾝｶﾌﾟｾﾙ5mg,3,1,Ｃ",
    "211,1,1,250",
    "221,1,1,1.5,0.5,1,,,,,,,",
    "231,1,1,,,,",
    "241,1,1,1,3",
    "281,1,1,1,8,先発医薬品患者希望,",
    "101,2,3,,1",
    "111,2,1,,１日２回患部に塗布,2",
    "201,2,1,1,7,,【般】ヘパリン類似物質外用スプレー０．３％,100,1,ｇ",
    "231,2,1,1,,,",
};

std::string payload(const std::vector<std::string>& lines, const char* end = "\r\n") {
  std::string text;
  for (const auto& l : lines) text += l + end;
  auto encoded = kofu::text::encode_shift_jis(text);
  REQUIRE(encoded);
  return encoded->sjis;
}

std::vector<std::string> with(std::vector<std::string> lines, const std::string& prefix,
                              const std::string& replacement) {
  auto it = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) { return l.starts_with(prefix); });
  REQUIRE(it != lines.end());
  if (replacement.empty()) {
    lines.erase(it);
  } else {
    *it = replacement;
  }
  return lines;
}

std::vector<std::string> plus(std::vector<std::string> lines, std::size_t at, const std::string& line) {
  lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), line);
  return lines;
}

const Problem* find(const Problems& problems, int record, const std::string& fragment) {
  for (const auto& p : problems.list()) {
    if (p.record == record && p.reason.find(fragment) != std::string::npos) return &p;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a complete JAHIS10 prescription decodes into the grouped model") {
  const auto decoded = rx::decode(payload(kValid));
  for (const auto& p : decoded.problems.list()) MESSAGE(format(p, false));
  CHECK(decoded.valid());
  CHECK(decoded.problems.list().empty());
  const rx::Prescription& p = decoded.prescription;
  CHECK(p.version == "JAHIS10");
  CHECK(p.version_number() == 10);
  REQUIRE(p.institution);
  CHECK(p.institution->institution_code == "1312345");
  CHECK(p.institution->prefecture == "13");
  REQUIRE(p.doctor);
  CHECK(p.doctor->kanji_name == "交付 花子");
  REQUIRE(p.patient_birth_date);
  CHECK(p.patient_birth_date->birth_date == "3450401");
  REQUIRE(p.insurance_card);
  CHECK(p.insurance_card->branch_number == "01");
  REQUIRE(p.third_public_fund);
  CHECK(p.third_public_fund->payer_number == "51123456");
  REQUIRE(p.prescription_number);
  CHECK(p.prescription_number->prescription_number == "1234567890123456");
  REQUIRE(p.remarks.size() == 1);
  REQUIRE(p.rps.size() == 2);
  const rx::Rp& rp1 = p.rps[0];
  CHECK(rp1.dosage_form.quantity == "14");
  REQUIRE(rp1.usage);
  CHECK(rp1.usage->usage_name == "１日３回毎食後");
  CHECK(rp1.usage_supplements.size() == 1);
  REQUIRE(rp1.drugs.size() == 1);
  const rx::DrugEntry& drug = rp1.drugs[0];
  CHECK(drug.drug.drug_name == "ｺﾘｵﾊﾟﾝｶﾌﾟｾﾙ5mg");
  CHECK(drug.drug.dose == "3");
  REQUIRE(drug.unit_conversion);
  CHECK(drug.unit_conversion->factor == "250");
  REQUIRE(drug.uneven);
  CHECK(drug.uneven->dose2 == "0.5");
  REQUIRE(drug.burden);
  REQUIRE(drug.single_dose);
  CHECK(drug.single_dose->times_per_day == "3");
  REQUIRE(drug.supplements.size() == 1);
  CHECK(drug.supplements[0].kind == "8");
  CHECK(p.rps[1].drugs[0].drug.code_kind == "7");
  CHECK(p.rps[1].drugs[0].drug.code.empty());
}

TEST_CASE("encode(decode(x)) == x for a valid prescription, with and without EOF") {
  const std::string bytes = payload(kValid);
  auto decoded = rx::decode(bytes);
  REQUIRE(decoded.valid());
  CHECK_FALSE(decoded.prescription.eof_marker);
  CHECK(rx::encode(decoded.prescription).bytes == bytes);
  const std::string with_eof = bytes + '\x1A';
  decoded = rx::decode(with_eof);
  CHECK(decoded.prescription.eof_marker);
  CHECK(rx::encode(decoded.prescription).bytes == with_eof);
}

TEST_CASE("JSON round trip re-encodes to the same bytes") {
  const std::string bytes = payload(kValid);
  const auto decoded = rx::decode(bytes);
  const Json json = rx::to_json(decoded.prescription);
  CHECK(json["patient_birth_date"]["birth_date_iso"] == "1970-04-01");
  CHECK(json["rps"][0]["dosage_form"]["dosage_form_label"] == "内服");
  auto again = rx::prescription_from_json(json);
  REQUIRE(again);
  CHECK(rx::encode(*again).bytes == bytes);
  Json bad = json;
  bad["rps"][0]["drugs"][0]["drug"]["colour"] = "red";
  auto rejected = rx::prescription_from_json(bad);
  REQUIRE_FALSE(rejected);
  CHECK(rejected.error().path == "$.rps[0].drugs[0].drug.colour");
}

TEST_CASE("a prescription built in memory is written in specification order with every field") {
  rx::Prescription p;
  p.institution.emplace();
  p.institution->institution_code = "1312345";
  p.institution->prefecture = "13";
  p.doctor.emplace();
  p.doctor->kanji_name = "交付 花子";
  p.patient_name.emplace();
  p.patient_name->kana_name = "ﾐﾎﾝ ﾀﾛｳ";
  p.patient_sex.emplace();
  p.patient_sex->sex = "2";
  p.patient_birth_date.emplace();
  p.patient_birth_date->birth_date = "19700401";
  p.insurance_type.emplace();
  p.insurance_type->insurance_type = "6";  // 自費: no insurer needed
  p.issue_date.emplace();
  p.issue_date->date = "20261120";
  rx::Rp rp;
  rp.dosage_form.rp = "1";
  rp.dosage_form.dosage_form = "1";
  rp.dosage_form.quantity = "7";
  rp.usage.emplace();
  rp.usage->rp = "1";
  rp.usage->code_kind = "1";
  rp.usage->usage_name = "１日１回朝食後";
  rx::DrugEntry drug;
  drug.drug.rp = "1";
  drug.drug.sequence = "1";
  drug.drug.code_kind = "2";
  drug.drug.code = "620004992";
  drug.drug.dose = "1";
  drug.drug.potency_flag = "1";
  drug.drug.unit = "Ｃ";
  rp.drugs.push_back(drug);
  p.rps.push_back(rp);
  const auto encoded = rx::encode(p);
  for (const auto& problem : encoded.problems.list()) MESSAGE(format(problem, false));
  CHECK(encoded.valid());
  const auto text = kofu::text::decode_shift_jis(encoded.bytes);
  REQUIRE(text);
  CHECK(*text ==
        "JAHIS10\r\n1,,1312345,13,\r\n5,,,交付 花子\r\n11,,,ﾐﾎﾝ ﾀﾛｳ\r\n12,2\r\n13,19700401\r\n21,6\r\n51,20261120\r\n"
        "101,1,1,,7\r\n111,1,1,,１日１回朝食後,\r\n201,1,1,,2,620004992,,1,1,Ｃ\r\n\x1A");
}

TEST_CASE("the required records are checked") {
  for (const char* prefix : {"1,", "5,", "11,", "12,", "13,", "51,"}) {
    CAPTURE(prefix);
    const auto decoded = rx::decode(payload(with(kValid, prefix, "")));
    CHECK_FALSE(decoded.valid());
    const int record = std::stoi(prefix);
    CHECK(find(decoded.problems, record, "it is required"));
  }
  // Without an insurer only a deviation: 公費単独 and 自費 prescriptions have none.
  auto no_insurer = with(with(kValid, "22,", ""), "27,", "");
  auto decoded = rx::decode(payload(no_insurer));
  const Problem* p = find(decoded.problems, 22, "required unless");
  REQUIRE(p);
  CHECK(p->severity == Severity::deviation);
  CHECK(decoded.valid());
  CHECK_FALSE(rx::decode(payload(no_insurer), {true, InputEncoding::automatic}).valid());
  CHECK_FALSE(find(rx::decode(payload(with(kValid, "22,", ""))).problems, 22, "required unless"));
}

TEST_CASE("an RP needs its usage and at least one drug") {
  auto decoded = rx::decode(payload(with(kValid, "111,2,", "")));
  CHECK_FALSE(decoded.valid());
  CHECK(find(decoded.problems, 101, "RP 2 has no 用法 (record 111)"));
  decoded = rx::decode(payload(with(with(kValid, "201,2,", ""), "231,2,", "")));
  CHECK(find(decoded.problems, 101, "RP 2 has no 薬品 (record 201)"));
  decoded = rx::decode(
      payload({"JAHIS10", "1,1,1312345,13,", "5,,,医師", "11,,患者,", "12,1", "13,19700401", "51,20261120"}));
  CHECK(find(decoded.problems, 101, "has no RP"));
}

TEST_CASE("records are placed by RP番号 and RP内連番, and mismatches are kept unplaced") {
  auto decoded = rx::decode(payload(with(kValid, "211,1,1,", "211,1,2,250")));
  CHECK_FALSE(decoded.valid());
  const Problem* p = find(decoded.problems, 211, "RP内連番 \"2\" differs");
  REQUIRE(p);
  CHECK(p->line == 31);
  REQUIRE(decoded.prescription.unknown_records.size() == 1);
  CHECK(decoded.prescription.unknown_records[0].number == 211);

  decoded = rx::decode(payload(with(kValid, "111,2,", "111,3,1,,１日２回患部に塗布,2")));
  CHECK(find(decoded.problems, 111, "RP番号 \"3\" differs from that of the current RP (2)"));

  decoded = rx::decode(payload(plus(kValid, 27, "211,1,1,250")));  // before any 201 of RP 1
  CHECK(find(decoded.problems, 211, "no 薬品 record (201) before it"));

  decoded = rx::decode(payload(plus(kValid, 26, "201,1,1,1,2,620004992,ｺﾘｵﾊﾟﾝｶﾌﾟｾﾙ5mg,3,1,Ｃ")));  // before 101
  CHECK(find(decoded.problems, 201, "no 剤形 record (101) before it"));
}

TEST_CASE("duplicate single records are errors and are kept") {
  const auto decoded = rx::decode(payload(plus(kValid, 8, "12,2")));
  CHECK_FALSE(decoded.valid());
  const Problem* p = find(decoded.problems, 12, "a second 患者性別 record (the first is on line 8)");
  REQUIRE(p);
  CHECK(p->line == 9);
  REQUIRE(decoded.prescription.unknown_records.size() == 1);
  CHECK(decoded.prescription.unknown_records[0].fields == std::vector<std::string>{"2"});
}

TEST_CASE("header records out of ascending order are a deviation") {
  auto lines = kValid;
  std::swap(lines[7], lines[8]);  // 13 before 12
  const auto decoded = rx::decode(payload(lines));
  const Problem* p = find(decoded.problems, 12, "out of order");
  REQUIRE(p);
  CHECK(p->severity == Severity::deviation);
  CHECK(decoded.valid());
  CHECK(decoded.prescription.patient_sex);
}

TEST_CASE("分割指示: 102 needs 63, its total matches 101, 分割回 within 分割回数") {
  auto split = plus(plus(kValid, 24, "63,3,2"), 28, "102,1,5,14");
  auto decoded = rx::decode(payload(split));
  for (const auto& p : decoded.problems.list()) MESSAGE(format(p, false));
  CHECK(decoded.valid());
  REQUIRE(decoded.prescription.split_instruction);
  REQUIRE(decoded.prescription.rps[0].split_quantity);

  decoded = rx::decode(payload(plus(kValid, 27, "102,1,5,14")));
  CHECK(find(decoded.problems, 102, "without a 分割指示 record (63)"));

  decoded = rx::decode(payload(plus(plus(kValid, 24, "63,3,2"), 28, "102,1,5,15")));
  const Problem* p = find(decoded.problems, 102, "総調剤数量 15 differs from the 調剤数量 14");
  REQUIRE(p);
  CHECK(p->field == 3);

  decoded = rx::decode(payload(plus(kValid, 24, "63,3,4")));
  CHECK(find(decoded.problems, 63, "分割回 4 is not between 1 and the 分割回数 3"));
  decoded = rx::decode(payload(plus(kValid, 24, "63,1,1")));
  CHECK(find(decoded.problems, 63, "at least 2 parts"));
}

TEST_CASE("リフィル: total uses and the combination with 分割指示") {
  auto decoded = rx::decode(payload(plus(kValid, 24, "64,3")));
  CHECK(decoded.valid());
  CHECK(decoded.problems.list().empty());
  REQUIRE(decoded.prescription.refill);
  decoded = rx::decode(payload(plus(kValid, 24, "64,5")));
  const Problem* p = find(decoded.problems, 64, "2 or 3 times");
  REQUIRE(p);
  CHECK(p->severity == Severity::warning);
  decoded = rx::decode(payload(plus(plus(kValid, 24, "63,2,1"), 25, "64,2")));
  CHECK(find(decoded.problems, 64, "also carries 分割指示"));
}

TEST_CASE("負担区分 is given for all drugs or none") {
  const auto decoded = rx::decode(payload(with(kValid, "231,2,1,", "")));
  CHECK_FALSE(decoded.valid());
  CHECK(find(decoded.problems, 231, "given for 1 of 2 drugs"));
}

TEST_CASE("drug fields: code required by kind, name required unless レセ電 code") {
  auto decoded = rx::decode(payload(with(kValid, "201,1,", "201,1,1,1,4,,ｺﾘｵﾊﾟﾝｶﾌﾟｾﾙ5mg,3,1,Ｃ")));
  const Problem* p = find(decoded.problems, 201, "required when 薬品コード種別 is 4");
  REQUIRE(p);
  CHECK(p->field == 5);
  CHECK(p->field_name == "薬品コード");
  decoded = rx::decode(payload(with(kValid, "201,2,", "201,2,1,1,1,,,100,1,ｇ")));
  CHECK(find(decoded.problems, 201, "required unless 薬品コード種別 is 2"));
  decoded = rx::decode(payload(with(kValid, "201,1,", "201,1,1,1,2,620004992,,3,1,Ｃ")));
  CHECK_FALSE(find(decoded.problems, 201, "required unless"));
  decoded = rx::decode(payload(with(kValid, "201,1,", "201,1,1,1,2,620004992,ｺﾘｵﾊﾟﾝｶﾌﾟｾﾙ5mg,03,1,Ｃ")));
  p = find(decoded.problems, 201, "leading zero");
  REQUIRE(p);
  CHECK(p->severity == Severity::deviation);
  decoded = rx::decode(payload(with(kValid, "201,1,", "201,1,1,1,2,620004992,ｺﾘｵﾊﾟﾝｶﾌﾟｾﾙ5mg,3錠,1,Ｃ")));
  p = find(decoded.problems, 201, "not a quantity");
  REQUIRE(p);
  CHECK(p->severity == Severity::error);
  CHECK(p->field == 7);
}

TEST_CASE("dates: era digits, partial birth dates, expiry before issue") {
  for (const char* birth : {"19700401", "3450401", "197004", "34504", "1970", "345"}) {
    CAPTURE(birth);
    CHECK(rx::decode(payload(with(kValid, "13,", std::string("13,") + birth))).valid());
  }
  auto decoded = rx::decode(payload(with(kValid, "13,", "13,6010101")));
  CHECK(find(decoded.problems, 13, "unknown era digit '6'"));
  decoded = rx::decode(payload(with(kValid, "52,", "52,20261119")));
  CHECK(find(decoded.problems, 52, "使用期限 2026-11-19 is before the 交付年月日 2026-11-20"));
  decoded = rx::decode(payload(with(kValid, "51,", "51,5081120")));
  CHECK(decoded.valid());
}

TEST_CASE("code tables: an unknown code is a deviation with the known codes listed") {
  const auto decoded = rx::decode(payload(with(kValid, "101,1,", "101,1,7,,14")));
  const Problem* p = find(decoded.problems, 101, "unknown code \"7\" (known: 1, 2, 3, 4, 5, 6, 9)");
  REQUIRE(p);
  CHECK(p->severity == Severity::deviation);
  CHECK(p->field_name == "剤形区分");
}

TEST_CASE("older headers, older layouts and unknown records") {
  // JAHIS4 (Ver.1.3): record 3 with one field and 23 without 枝番 are the layout of their time.
  auto old = with(with(with(kValid, "JAHIS10", "JAHIS4"), "3,", "3,03-0000-1234"), "23,", "23,１２３,４５６７,1");
  auto decoded = rx::decode(payload(old), {true, InputEncoding::automatic});
  for (const auto& p : decoded.problems.list()) MESSAGE(format(p, true));
  CHECK(decoded.valid());
  // The same lines under JAHIS10 miss trailing fields: lenient accepts, strict does not.
  auto short_lines = with(kValid, "3,", "3,03-0000-1234");
  CHECK(rx::decode(payload(short_lines)).valid());
  CHECK_FALSE(rx::decode(payload(short_lines), {true, InputEncoding::automatic}).valid());
  // JAHIS11 is not known yet: a warning, read as JAHIS10.
  decoded = rx::decode(payload(with(kValid, "JAHIS10", "JAHIS11")));
  CHECK(decoded.valid());
  CHECK(find(decoded.problems, 0, "unknown version JAHIS11"));
  // An unknown record number is kept in place and written back.
  const std::string bytes = payload(plus(kValid, 24, "65,1"));
  decoded = rx::decode(bytes);
  CHECK(decoded.valid());
  REQUIRE(decoded.prescription.unknown_records.size() == 1);
  CHECK(rx::encode(decoded.prescription).bytes == bytes);
}

TEST_CASE("a bad version record stops decoding with an error on line 1") {
  auto decoded = rx::decode(payload({"JAHISX", "1,1,1312345,13,"}));
  CHECK_FALSE(decoded.valid());
  REQUIRE_FALSE(decoded.problems.list().empty());
  CHECK(decoded.problems.list().front().line == 1);
  CHECK(decoded.problems.list().front().record == 0);
  decoded = rx::decode("");
  CHECK(find(decoded.problems, 0, "no version record"));
}

TEST_CASE("102 totals are compared as numbers") {
  const auto decoded = rx::decode(payload(plus(plus(kValid, 24, "63,3,2"), 28, "102,1,5,014")));
  CHECK_FALSE(find(decoded.problems, 102, "differs"));
}
