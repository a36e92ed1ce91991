// JAHIS TC encoder (core/jahis/tc_codec.hpp): byte-for-byte round trips, canonical order for notebooks
// built in memory, full-width commas, ■ for characters outside JIS X 0208.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "jahis/problems.hpp"
#include "jahis/tc_codec.hpp"
#include "jahis/tc_model.hpp"
#include "jahis_test_support.hpp"

namespace {

using kofu::jahis::Problem;
using kofu::jahis::Problems;
using kofu::jahis::Severity;
using kofu::jahis::tc::decode;
using kofu::jahis::tc::Decoded;
using kofu::jahis::tc::DecodeOptions;
using kofu::jahis::tc::encode;
using kofu::jahis::tc::Encoded;
using kofu::test::contains;
using kofu::test::dump;
using kofu::test::from_wire;
using kofu::test::to_wire;
using kofu::test::with_reason;
namespace tc = kofu::jahis::tc;

// Decodes (lenient) and encodes again; the bytes must come back unchanged.
void check_round_trip(const std::string& bytes) {
  const Decoded d = decode(bytes);
  INFO(dump(d.problems));
  REQUIRE(d.valid());
  const Encoded e = encode(d.notebook);
  INFO(dump(e.problems));
  CHECK(e.valid());
  CHECK(from_wire(e.bytes) == from_wire(bytes));  // readable diff first
  CHECK(e.bytes == bytes);
}

constexpr std::string_view kNotebook =
    "JAHISTC08,1\n"
    "1,山田 花子,2,19800101,105-0004,東京都港区新橋1-2-3,03-1234-5678,,Ａ＋,52.3,ヤマダ ハナコ\n"
    "2,1,卵,1\n"
    "3,イブA錠,20260301,20260307,2,1,4987107609229\n"
    "31,1,イブプロフェン,2,123456,2\n"
    "4,血圧を記録する,20260305,2\n"
    "5,R020410,1\n"
    "11,工業会薬局 本店,13,4,1234567,,,,1\n"
    "15,薬剤師 一郎,,1\n"
    "51,工業会病院,13,1,7654321,1\n"
    "55,医師 二郎,内科,1\n"
    "201,1,ｺﾘｵﾊﾟﾝｶﾌﾟｾﾙ5mg,4,Ｃ,2,620004992,1,,,\n"
    "281,1,粉砕，一包化,1\n"
    "291,1,グレープフルーツを避ける,1\n"
    "201,1,ﾌｪﾛﾍﾞﾘﾝ配合錠,4,錠,2,620425801,1,,,\n"
    "301,1,【分２ 朝夕食後服用】,5,日分,1,1,,1\n"
    "311,1,一包化,1\n"
    "391,1,眠気に注意,1\n"
    "201,2,(局)ﾀﾝﾅﾙﾋﾞﾝ「ﾎｴｲ」,1.5,g,2,612310013,1,,,\n"
    "301,2,【１日３～４回 うがい】,5,日分,1,1,,1\n"
    "401,併用注意,1\n"
    "411,粉砕して交付,31,1\n"
    "421,残薬は5錠,1\n"
    "501,正しい飲み方は薬袋等をご覧下さい。,1\n"
    "601,昼に眠くなった,R020411\n"
    "5,S640107,1\n"
    "11,工業会病院,13,1,7654321,,,,1\n"
    "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n"
    "301,1,,5,日分,1,1,,1\n"
    "701,薬剤師 一郎,工業会薬局 本店,03-3506-8010,R020410,,1\n";

// A notebook built in memory: no source lines.
tc::Notebook built_notebook() {
  tc::Notebook nb;
  tc::Patient patient;
  patient.patient_name = "鈴木 太郎";
  patient.sex = "1";
  patient.birth_date = "S330303";
  nb.patient = patient;

  tc::RegularPharmacist pharmacist;
  pharmacist.pharmacist_name = "薬剤師 次郎";
  pharmacist.pharmacy_name = "工業会薬局";
  pharmacist.contact = "03-0000-0000";
  pharmacist.creator = "1";
  nb.regular_pharmacists.push_back(pharmacist);

  tc::Memo memo;
  memo.content = "健康診断";
  memo.date = "R020411";
  memo.creator = "2";
  nb.memos.push_back(memo);

  tc::Dispensing d;
  d.date.date = "R020410";
  d.date.creator = "1";
  tc::Remark remark;
  remark.content = "備考";
  remark.creator = "1";
  d.remarks.push_back(remark);
  tc::DispensingInstitution institution;
  institution.institution_name = "工業会薬局";
  institution.prefecture = "13";
  institution.score_table = "4";
  institution.institution_code = "1234567";
  institution.creator = "1";
  d.institution = institution;
  tc::Rp rp;
  tc::Usage usage;
  usage.rp = "1";
  usage.usage_name = "【分３ 毎食後服用】";
  usage.quantity = "5";
  usage.quantity_unit = "日分";
  usage.dosage_form = "1";
  usage.code_kind = "1";
  usage.creator = "1";
  rp.usage = usage;
  tc::Drug drug;
  drug.rp = "1";
  drug.drug_name = "ﾚﾍﾞﾆﾝ散";
  drug.dose = "2";
  drug.unit = "g";
  drug.code_kind = "2";
  drug.code = "620007148";
  drug.creator = "1";
  tc::DrugSupplement supplement;
  supplement.rp = "1";
  supplement.content = "粉砕";
  supplement.creator = "1";
  rp.drugs.push_back({drug, {supplement}, {}});
  tc::PrescriberGroup group;
  group.rps.push_back(rp);
  d.prescriber_groups.push_back(group);
  nb.dispensings.push_back(d);
  return nb;
}

constexpr std::string_view kBuiltExpected =
    "JAHISTC08,1\n"
    "1,鈴木 太郎,1,S330303,,,,,,,\n"
    "4,健康診断,R020411,2\n"
    "5,R020410,1\n"
    "11,工業会薬局,13,4,1234567,,,,1\n"
    "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n"
    "281,1,粉砕,1\n"
    "301,1,【分３ 毎食後服用】,5,日分,1,1,,1\n"
    "501,備考,1\n"
    "701,薬剤師 次郎,工業会薬局,03-0000-0000,,,1\n";

}  // namespace

TEST_SUITE("jahis.tc.encode") {
  TEST_CASE("encode(decode(x)) == x for a notebook with every kind of record") {
    const std::string bytes = to_wire(kNotebook);
    SUBCASE("with the final CR LF") {
      check_round_trip(bytes);
    }
    SUBCASE("without the final CR LF") {
      check_round_trip(bytes.substr(0, bytes.size() - 2));
    }
    SUBCASE("with EOF") {
      check_round_trip(bytes + "\x1A");
    }
    SUBCASE("without the final CR LF, with EOF") {
      check_round_trip(bytes.substr(0, bytes.size() - 2) + "\x1A");
    }
  }

  TEST_CASE("encode(decode(x)) == x keeps deviations it can keep: source order, extra fields, unknown records") {
    SUBCASE("a memo after the 調剤情報 (out of order)") {
      const std::string bytes = to_wire(
          "JAHISTC08,1\n1,鈴木 太郎,1,S330303,,,,,,,\n5,R020410,1\n11,工業会薬局,13,4,1234567,,,,1\n"
          "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n301,1,【分３ 毎食後服用】,5,日分,1,1,,1\n4,メモ,,2\n");
      check_round_trip(bytes);
    }
    SUBCASE("extra fields, unknown records and the 411 of specification example 8") {
      const std::string bytes = to_wire(
          "JAHISTC08,1\n1,鈴木 太郎,1,S330303,,,,,,,\n99,未知,,x\n5,R020410,1\n11,工業会病院,13,1,1234567,,,,1\n"
          "15,工業会 次郎,,1\n411,嚥下困難のため粉砕,31,,,,,,1\n501,備考,1,,追加\n");
      check_round_trip(bytes);
    }
    SUBCASE("a 10-field 201 under an old version header that has 7") {
      const std::string bytes = to_wire(
          "JAHISTC07,1\n1,鈴木 太郎,1,S330303,,,,,,,\n5,R020410,1\n11,工業会薬局,13,4,1234567,,,,1\n"
          "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n301,1,【分３ 毎食後服用】,5,日分,1,1,,1\n");
      check_round_trip(bytes);
    }
  }

  TEST_CASE("encode(decode(x)) == x for a valid payload with short lines") {
    // A 201 written without its Ver.2.5 trailing empty fields (7 fields, as pre-2.5 writers and
    // tc-jrp-with-otc-components… do) is valid in lenient mode and must not be padded to 10 fields.
    const std::string bytes = to_wire(
        "JAHISTC08,1\n1,鈴木 太郎,1,S330303\n5,R020410,1\n11,工業会薬局,13,4,1234567,,,,1\n"
        "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1\n301,1,【分３ 毎食後服用】,5,日分,1,1,,1\n");
    const Decoded d = decode(bytes);
    REQUIRE(d.valid());
    const Encoded e = encode(d.notebook);
    CHECK(from_wire(e.bytes) == from_wire(bytes));
    CHECK(e.bytes == bytes);
    // A value filled in later extends the short line as far as needed, and no further.
    tc::Notebook nb = d.notebook;
    nb.patient->postal_code = "105-0004";
    CHECK(contains(from_wire(encode(nb).bytes), "\r\n1,鈴木 太郎,1,S330303,105-0004\r\n"));
  }

  TEST_CASE("LF line ends are written back as CR LF") {
    const std::string crlf = to_wire(kNotebook);
    std::string lf;
    for (char c : crlf) {
      if (c != '\r') lf += c;
    }
    const Decoded d = decode(lf);
    REQUIRE(d.valid());
    CHECK(encode(d.notebook).bytes == crlf);
  }

  TEST_CASE("a notebook built in memory is written in canonical order with CR LF") {
    const Encoded e = encode(built_notebook());
    INFO(dump(e.problems));
    CHECK(e.valid());
    CHECK(e.problems.list().empty());
    CHECK(from_wire(e.bytes) == from_wire(to_wire(kBuiltExpected)));
    CHECK(e.bytes == to_wire(kBuiltExpected));
    // Each line ends with CR LF, and there is no EOF byte unless asked for.
    CHECK(e.bytes.substr(e.bytes.size() - 2) == "\r\n");
    tc::Notebook with_eof = built_notebook();
    with_eof.eof_marker = true;
    with_eof.final_line_break = false;
    const Encoded e2 = encode(with_eof);
    const std::string expected = to_wire(kBuiltExpected);
    CHECK(e2.bytes == expected.substr(0, expected.size() - 2) + "\x1A");
    // And it decodes back to an equal notebook.
    const Decoded back = decode(e.bytes, DecodeOptions{true, kofu::jahis::InputEncoding::shift_jis});
    INFO(dump(back.problems));
    CHECK(back.valid());
    CHECK(back.problems.list().empty());
    CHECK(back.notebook.memos.at(0).content == "健康診断");
    CHECK(back.notebook.dispensings.at(0).prescriber_groups.at(0).rps.at(0).drugs.at(0).supplements.at(0).content ==
          "粉砕");
  }

  TEST_CASE("unknown records and 911 built in memory go after 701, 911 last") {
    tc::Notebook nb = built_notebook();
    kofu::jahis::UnknownRecord unknown;
    unknown.number = 999;
    unknown.fields = {"a", "b"};
    nb.unknown_records.push_back(unknown);
    tc::SplitControl split;
    split.data_id = "20260310123456";
    split.part_count = "2";
    split.part_number = "1";
    nb.split = split;
    const Encoded e = encode(nb);
    const std::string expected = std::string(kBuiltExpected) + "999,a,b\n911,20260310123456,2,1\n";
    CHECK(from_wire(e.bytes) == from_wire(to_wire(expected)));
  }

  TEST_CASE("one record built in memory in a decoded notebook: the whole notebook in canonical order") {
    // Source order has the memo (4) after the 調剤情報; adding a record without a source line makes the
    // encoder use the order of JAHIS TC 3.2.7 for everything.
    const std::string bytes = to_wire(
        "JAHISTC08,1\n1,鈴木 太郎,1,S330303,,,,,,,\n5,R020410,1\n11,工業会薬局,13,4,1234567,,,,1\n"
        "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n301,1,【分３ 毎食後服用】,5,日分,1,1,,1\n4,メモ,,2\n");
    Decoded d = decode(bytes);
    REQUIRE(d.valid());
    CHECK(encode(d.notebook).bytes == bytes);
    tc::Remark remark;
    remark.content = "追加の備考";
    remark.creator = "1";
    d.notebook.dispensings.at(0).remarks.push_back(remark);
    const Encoded e = encode(d.notebook);
    CHECK(from_wire(e.bytes) ==
          from_wire(to_wire("JAHISTC08,1\n1,鈴木 太郎,1,S330303,,,,,,,\n4,メモ,,2\n5,R020410,1\n"
                            "11,工業会薬局,13,4,1234567,,,,1\n201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n"
                            "301,1,【分３ 毎食後服用】,5,日分,1,1,,1\n501,追加の備考,1\n")));
  }

  TEST_CASE("a half-width comma in a value is written as a full-width comma, with a warning") {
    tc::Notebook nb = built_notebook();
    nb.dispensings.at(0).remarks.at(0).content = "朝,夕に服用";
    const Encoded e = encode(nb);
    INFO(dump(e.problems));
    CHECK(e.valid());
    const std::string text = from_wire(e.bytes);
    CHECK(contains(text, "\r\n501,朝，夕に服用,1\r\n"));
    CHECK_FALSE(contains(text, "朝,夕"));
    const std::vector<Problem> warnings = with_reason(e.problems, "half-width comma");
    REQUIRE(warnings.size() == 1u);
    CHECK(warnings[0].severity == Severity::warning);
    CHECK(warnings[0].record == 501);
    CHECK(warnings[0].field == 1);
    CHECK(warnings[0].field_name == "備考情報");
    // Decoding gives one value with the full-width comma.
    const Decoded back = decode(e.bytes);
    CHECK(back.notebook.dispensings.at(0).remarks.at(0).content == "朝，夕に服用");
    CHECK(back.notebook.dispensings.at(0).remarks.at(0).creator == "1");
  }

  TEST_CASE("a character outside JIS X 0208 becomes ■ with a warning naming line, record and field") {
    SUBCASE("CP932-only 髙 in the patient name (line 2, record 1, field 1)") {
      tc::Notebook nb = built_notebook();
      nb.patient->patient_name = "髙橋 一郎";
      const Encoded e = encode(nb);
      INFO(dump(e.problems));
      CHECK(e.valid());
      CHECK(contains(from_wire(e.bytes), "\r\n1,■橋 一郎,1,S330303,"));
      const std::vector<Problem> found = with_reason(e.problems, "outside the Shift_JIS character set; written as ■");
      REQUIRE(found.size() == 1u);
      CHECK(found[0].severity == Severity::warning);
      CHECK(found[0].line == 2u);
      CHECK(found[0].record == 1);
      CHECK(found[0].field == 1);
      CHECK(contains(found[0].reason, "U+9AD9"));
    }
    SUBCASE("an emoji and a circled digit in a remark (line 9, record 501, field 1)") {
      tc::Notebook nb = built_notebook();
      nb.dispensings.at(0).remarks.at(0).content = "お大事に\U0001F600①";
      const Encoded e = encode(nb);
      CHECK(e.valid());
      CHECK(contains(from_wire(e.bytes), "\r\n501,お大事に■■,1\r\n"));
      const std::vector<Problem> found = with_reason(e.problems, "outside the Shift_JIS character set; written as ■");
      REQUIRE(found.size() == 2u);
      CHECK(found[0].line == 9u);
      CHECK(found[0].record == 501);
      CHECK(found[0].field == 1);
      CHECK(contains(found[0].reason, "U+1F600"));
      CHECK(found[1].line == 9u);
      CHECK(contains(found[1].reason, "U+2460"));
    }
    SUBCASE("a later field of a decoded notebook: line and field in the output") {
      const std::string bytes = to_wire(kNotebook);
      Decoded d = decode(bytes);
      REQUIRE(d.valid());
      // 201 on line 12, field 4 (単位名).
      d.notebook.dispensings.at(0).prescriber_groups.at(0).rps.at(0).drugs.at(0).drug.unit = "㎎";
      const Encoded e = encode(d.notebook);
      const std::vector<Problem> found = with_reason(e.problems, "outside the Shift_JIS character set; written as ■");
      REQUIRE(found.size() == 1u);
      CHECK(found[0].line == 12u);
      CHECK(found[0].record == 201);
      CHECK(found[0].field == 4);
    }
  }

  TEST_CASE("CP932 code points for ～ and － are written as JIS X 0208 bytes without a warning") {
    tc::Notebook nb = built_notebook();
    nb.dispensings.at(0).remarks.at(0).content = "１日３\uFF5E４回\uFF0D";
    const Encoded e = encode(nb);
    INFO(dump(e.problems));
    CHECK(e.problems.list().empty());
    CHECK(contains(e.bytes, "\x82\x52\x81\x60\x82\x53\x89\xF1\x81\x7C"));  // ３～４回－
  }

  TEST_CASE("encoding reports the notebook's own problems") {
    SUBCASE("no patient") {
      tc::Notebook nb = built_notebook();
      nb.patient.reset();
      const Encoded e = encode(nb);
      CHECK_FALSE(e.valid());
      CHECK(with_reason(e.problems, "no 患者情報").size() == 1u);
      CHECK_FALSE(e.bytes.empty());
    }
    SUBCASE("a required field is empty") {
      tc::Notebook nb = built_notebook();
      nb.dispensings.at(0).date.creator.clear();
      const Encoded e = encode(nb);
      CHECK_FALSE(e.valid());
      const std::vector<Problem> found = with_reason(e.problems, "required value is empty");
      REQUIRE(found.size() == 1u);
      CHECK(found[0].record == 5);
      CHECK(found[0].field == 2);
      CHECK(found[0].field_name == "レコード作成者");
    }
    SUBCASE("a bad version and 出力区分") {
      tc::Notebook nb = built_notebook();
      nb.version = "JAHIS10";
      nb.direction = "3";
      const Encoded e = encode(nb);
      CHECK_FALSE(e.valid());
      CHECK(with_reason(e.problems, "is not JAHISTCnn").size() == 1u);
      CHECK(with_reason(e.problems, "unknown 出力区分").size() == 1u);
    }
    SUBCASE("check() gives the same problems without encoding") {
      tc::Notebook nb = built_notebook();
      nb.dispensings.at(0).prescriber_groups.at(0).rps.at(0).drugs.at(0).drug.code.clear();
      const Problems problems = tc::check(nb);
      CHECK(problems.invalid());
      const std::vector<Problem> found = with_reason(problems, "required when 薬品コード種別 is 2");
      REQUIRE(found.size() == 1u);
      CHECK(found[0].record == 201);
      CHECK(found[0].field == 6);
    }
  }
}
