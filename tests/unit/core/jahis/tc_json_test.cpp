// JSON form of a JAHIS TC notebook (core/jahis/tc_json.hpp): keys, labels, ISO dates, round trips, and
// errors that name the JSON path.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "jahis/problems.hpp"
#include "jahis/tc_codec.hpp"
#include "jahis/tc_json.hpp"
#include "jahis_test_support.hpp"

namespace {

using kofu::jahis::Json;
using kofu::jahis::JsonError;
using kofu::jahis::tc::decode;
using kofu::jahis::tc::Decoded;
using kofu::jahis::tc::encode;
using kofu::jahis::tc::notebook_from_json;
using kofu::jahis::tc::to_json;
using kofu::test::contains;
using kofu::test::dump;
using kofu::test::from_wire;
using kofu::test::to_wire;
namespace tc = kofu::jahis::tc;

std::vector<std::string> keys(const Json& object) {
  std::vector<std::string> out;
  for (const auto& [key, value] : object.items()) out.push_back(key);
  return out;
}

constexpr std::string_view kPayload =
    "JAHISTC08,1\n"                                      // 1
    "1,鈴木 太郎,1,S330303,,,,,,,\n"                     // 2
    "2,1,乳製品,1\n"                                     // 3
    "3,ﾊﾞﾌｧﾘﾝ,R020406,R020409,2,1,\n"                    // 4
    "31,1,イブプロフェン,2,1149001,2\n"                  // 5
    "4,健康診断,R020411,2\n"                             // 6
    "5,R020410,1\n"                                      // 7
    "11,株式会社 工業会薬局 駅前店,13,4,1234567,,,,1\n"  // 8
    "51,医療法人 工業会病院,13,1,1234567,1\n"            // 9
    "55,工業会 次郎,内科,1\n"                            // 10
    "201,1,ｺﾘｵﾊﾟﾝｶﾌﾟｾﾙ5mg,4,Ｃ,2,620004992,1,,,\n"       // 11
    "281,1,粉砕，一包化,1\n"                             // 12
    "301,1,【分２ 朝夕食後服用】,5,日分,1,1,,1\n"        // 13
    "311,1,一包化,1\n"                                   // 14
    "411,錠剤は粉砕して投与する。,31,,,,,,1\n"           // 15
    "601,めまいがあった,R020407\n"                       // 16
    "999,未知,x\n"                                       // 17
    "701,薬剤師 次郎,工業会薬局 駅前店,,,,1\n";          // 18

// JSON text -> notebook -> bytes; the JSON goes through its text form, as it would in a file.
std::string reencode_via_json(const tc::Notebook& nb) {
  const Json parsed = Json::parse(to_json(nb).dump());
  auto back = notebook_from_json(parsed);
  if (!back) FAIL("notebook_from_json: " << back.error().message());
  return encode(*back).bytes;
}

// The JSON of kPayload with one change, read back: the error it gives.
template <class Edit>
JsonError error_after(Edit edit) {
  Json j = to_json(decode(to_wire(kPayload)).notebook);
  edit(j);
  auto nb = notebook_from_json(j);
  REQUIRE_FALSE(nb.has_value());
  return nb.error();
}

}  // namespace

TEST_SUITE("jahis.tc.json") {
  TEST_CASE("to_json: header keys") {
    const Decoded d = decode(to_wire(kPayload));
    INFO(dump(d.problems));
    REQUIRE(d.valid());
    const Json j = to_json(d.notebook);
    CHECK(j.at("format") == "tc");
    CHECK(j.at("version") == "JAHISTC08");
    CHECK(j.at("direction") == "1");
    CHECK(j.at("direction_label") == "医療機関・薬局→患者等");
    CHECK(j.at("final_line_break") == true);
    CHECK(j.at("eof_marker") == false);
    CHECK(j.at("split").is_null());
    CHECK(keys(j) == std::vector<std::string>{"format", "version", "direction", "direction_label", "patient",
                                              "patient_notes", "otc_drugs", "memos", "dispensings",
                                              "regular_pharmacists", "split", "unknown_records", "final_line_break",
                                              "eof_marker"});
  }

  TEST_CASE("to_json: record fields with their _label and _iso keys") {
    const Json j = to_json(decode(to_wire(kPayload)).notebook);
    const Json& patient = j.at("patient");
    CHECK(keys(patient) == std::vector<std::string>{"line", "patient_name", "sex", "sex_label", "birth_date",
                                                    "birth_date_iso", "postal_code", "address", "phone",
                                                    "emergency_contact", "blood_type", "weight", "kana_name"});
    CHECK(patient.at("line") == 2);
    CHECK(patient.at("patient_name") == "鈴木 太郎");
    CHECK(patient.at("sex") == "1");
    CHECK(patient.at("sex_label") == "男");
    CHECK(patient.at("birth_date") == "S330303");
    CHECK(patient.at("birth_date_iso") == "1958-03-03");
    CHECK(patient.at("address") == "");

    CHECK(j.at("patient_notes").at(0).at("kind_label") == "アレルギー歴");
    CHECK(j.at("patient_notes").at(0).at("creator_label") == "医療関係者");
    const Json& otc = j.at("otc_drugs").at(0);
    CHECK(otc.at("drug").at("start_date_iso") == "2020-04-06");
    CHECK(otc.at("drug").at("end_date_iso") == "2020-04-09");
    CHECK(otc.at("drug").at("creator_label") == "患者等");
    CHECK_FALSE(otc.at("drug").contains("jan_code_iso"));
    CHECK(otc.at("ingredients").at(0).at("ingredient_name") == "イブプロフェン");
    CHECK(otc.at("ingredients").at(0).at("code_kind_label") == "成分名コード");
    CHECK(j.at("memos").at(0).at("date_iso") == "2020-04-11");

    const Json& d = j.at("dispensings").at(0);
    CHECK(d.at("date").at("date") == "R020410");
    CHECK(d.at("date").at("date_iso") == "2020-04-10");
    CHECK(d.at("date").at("line") == 7);
    CHECK(d.at("institution").at("prefecture_label") == "東京都");
    CHECK(d.at("institution").at("score_table_label") == "調剤");
    CHECK(d.at("staff").is_null());
    CHECK(d.at("prescribing_institution").at("score_table_label") == "医科");
    const Json& group = d.at("prescriber_groups").at(0);
    CHECK(group.at("prescriber").at("department") == "内科");
    const Json& rp = group.at("rps").at(0);
    const Json& drug = rp.at("drugs").at(0).at("drug");
    CHECK(drug.at("drug_name") == "ｺﾘｵﾊﾟﾝｶﾌﾟｾﾙ5mg");
    CHECK(drug.at("unit") == "Ｃ");
    CHECK(drug.at("code_kind_label") == "レセプト電算処理システム用コード");
    CHECK(drug.at("generic_name") == "");
    CHECK_FALSE(drug.contains("generic_code_kind_label"));  // empty value: no label
    CHECK(rp.at("drugs").at(0).at("supplements").at(0).at("content") == "粉砕，一包化");
    CHECK(rp.at("usage").at("dosage_form_label") == "内服");
    CHECK(rp.at("usage").at("code_kind_label") == "コードなし");
    CHECK(rp.at("usage_supplements").at(0).at("content") == "一包化");
    CHECK(rp.at("cautions").empty());
    const Json& info = d.at("provided_info").at(0);
    CHECK(info.at("kind_label") ==
          "退院後の療養を担う保険医療機関での投薬又は保険薬局での調剤に必要な服薬の状況及び投薬上の工夫に関する情報");
    CHECK(info.at("extra_fields") == Json::array({"", "", "", "", "1"}));
    CHECK(d.at("patient_entries").at(0).at("date_iso") == "2020-04-07");
    CHECK_FALSE(d.at("patient_entries").at(0).contains("creator"));  // 601 has no レコード作成者

    const Json& unknown = j.at("unknown_records").at(0);
    CHECK(unknown.at("line") == 17);
    CHECK(unknown.at("record") == 999);
    CHECK(unknown.at("fields") == Json::array({"未知", "x"}));
    CHECK(j.at("regular_pharmacists").at(0).at("contact") == "");
  }

  TEST_CASE("to_json: no _label for an unknown code, no _iso for an invalid date") {
    const Decoded d = decode(to_wire("JAHISTC08,1\n1,鈴木 太郎,3,H310501,,,,,,,\n"));
    const Json patient = to_json(d.notebook).at("patient");
    CHECK(patient.at("sex") == "3");
    CHECK_FALSE(patient.contains("sex_label"));
    CHECK(patient.at("birth_date") == "H310501");
    CHECK_FALSE(patient.contains("birth_date_iso"));
  }

  TEST_CASE("to_json: a record built in memory has no line key") {
    tc::Notebook nb;
    nb.patient.emplace();
    nb.patient->patient_name = "鈴木 太郎";
    const Json j = to_json(nb);
    CHECK_FALSE(j.at("patient").contains("line"));
    CHECK(j.at("dispensings").empty());
  }

  TEST_CASE("notebook_from_json(to_json(nb)) re-encodes to identical bytes") {
    const std::string base = to_wire(kPayload);
    SUBCASE("as decoded") {
      const Decoded d = decode(base);
      CHECK(reencode_via_json(d.notebook) == base);
    }
    SUBCASE("without the final CR LF, with EOF") {
      const std::string bytes = base.substr(0, base.size() - 2) + "\x1A";
      const Decoded d = decode(bytes);
      CHECK(d.notebook.eof_marker);
      CHECK(reencode_via_json(d.notebook) == bytes);
    }
    SUBCASE("a split part with 911") {
      const std::string bytes = base + to_wire("911,12345678901234,2,1\n");
      const Decoded d = decode(bytes);
      CHECK(reencode_via_json(d.notebook) == bytes);
    }
    SUBCASE("short lines keep their length") {
      const std::string bytes = to_wire(
          "JAHISTC08,1\n1,鈴木 太郎,1,S330303\n5,R020410,1\n11,工業会薬局,13,4,1234567,,,,1\n"
          "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1\n301,1,【分３ 毎食後服用】,5,日分,1,1,,1\n");
      const Decoded d = decode(bytes);
      REQUIRE(d.valid());
      CHECK(from_wire(reencode_via_json(d.notebook)) == from_wire(bytes));
    }
    SUBCASE("out of order records keep the source order") {
      const std::string bytes = to_wire(
          "JAHISTC08,1\n1,鈴木 太郎,1,S330303,,,,,,,\n5,R020410,1\n11,工業会薬局,13,4,1234567,,,,1\n"
          "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n301,1,【分３ 毎食後服用】,5,日分,1,1,,1\n4,メモ,,2\n");
      const Decoded d = decode(bytes);
      CHECK(from_wire(reencode_via_json(d.notebook)) == from_wire(bytes));
    }
    SUBCASE("an LF payload comes back with CR LF, as encode would write it") {
      std::string lf = base;
      std::erase(lf, '\r');
      const Decoded d = decode(lf);
      CHECK(reencode_via_json(d.notebook) == base);
    }
  }

  TEST_CASE("notebook_from_json(to_json(nb)) keeps full-length lines under an older version header") {
    // A JAHISTC07 201 line written with all 10 fields of Ver.2.5 (trailing ones empty): its field count differs
    // from the version's layout (7), so the JSON carries "fields_present" and the line comes back with ",,,".
    const std::string bytes = to_wire(
        "JAHISTC07,1\n1,鈴木 太郎,1,S330303,,,,,,,\n5,R020410,1\n11,工業会薬局,13,4,1234567,,,,1\n"
        "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n301,1,【分３ 毎食後服用】,5,日分,1,1,,1\n");
    const Decoded d = decode(bytes);
    REQUIRE(d.valid());
    REQUIRE(encode(d.notebook).bytes == bytes);
    CHECK(from_wire(reencode_via_json(d.notebook)) == from_wire(bytes));
  }

  TEST_CASE("notebook_from_json of hand-written JSON, then encode in canonical order") {
    const Json j = Json::parse(R"({
      "format": "tc", "version": "JAHISTC08", "direction": "2",
      "patient": {"patient_name": "鈴木 太郎", "sex": "1", "sex_label": "男", "birth_date": "S330303"},
      "memos": [{"content": "健康診断", "date": "R020411", "creator": "2"}],
      "dispensings": [{
        "date": {"date": "R020410", "creator": "2"},
        "institution": {"institution_name": "工業会薬局", "creator": "2"},
        "patient_entries": [{"content": "めまいがあった", "date": "R020407"}]
      }],
      "eof_marker": true
    })");
    auto nb = notebook_from_json(j);
    if (!nb) FAIL(nb.error().message());
    CHECK(nb->direction == "2");
    CHECK(nb->patient->birth_date == "S330303");
    CHECK(nb->patient->line == 0u);
    const auto e = encode(*nb);
    INFO(dump(e.problems));
    CHECK(e.valid());
    CHECK(from_wire(e.bytes) ==
          "JAHISTC08,2\r\n1,鈴木 太郎,1,S330303,,,,,,,\r\n4,健康診断,R020411,2\r\n5,R020410,2\r\n"
          "11,工業会薬局,,,,,,,2\r\n601,めまいがあった,R020407\r\n\x1A");
  }

  TEST_CASE("notebook_from_json errors name the JSON path") {
    SUBCASE("unknown top-level key") {
      const JsonError e = error_after([](Json& j) { j["colour"] = "blue"; });
      CHECK(e.path == "$.colour");
      CHECK(e.reason == "unknown key");
      CHECK(e.message() == "$.colour: unknown key");
    }
    SUBCASE("unknown key in a record") {
      const JsonError e = error_after([](Json& j) { j["patient"]["nickname"] = "タロ"; });
      CHECK(e.path == "$.patient.nickname");
      CHECK(contains(e.reason, "unknown key for a 患者情報 (record 1)"));
    }
    SUBCASE("a _label key of a field that does not exist") {
      const JsonError e = error_after([](Json& j) { j["patient"]["colour_label"] = "x"; });
      CHECK(e.path == "$.patient.colour_label");
    }
    SUBCASE("unknown key deep inside") {
      const JsonError e = error_after([](Json& j) {
        j["dispensings"][0]["prescriber_groups"][0]["rps"][0]["drugs"][0]["drug"]["strength"] = "5mg";
      });
      CHECK(e.path == "$.dispensings[0].prescriber_groups[0].rps[0].drugs[0].drug.strength");
      CHECK(contains(e.reason, "薬品 (record 201)"));
    }
    SUBCASE("unknown key in a group object") {
      const JsonError e = error_after([](Json& j) { j["dispensings"][0]["prescriber_groups"][0]["doctor"] = "x"; });
      CHECK(e.path == "$.dispensings[0].prescriber_groups[0].doctor");
      CHECK(e.reason == "unknown key");
    }
    SUBCASE("a number where a string belongs") {
      const JsonError e = error_after([](Json& j) { j["patient"]["patient_name"] = 5; });
      CHECK(e.path == "$.patient.patient_name");
      CHECK(contains(e.reason, "expected a string"));
    }
    SUBCASE("a number where a string belongs, deep inside") {
      const JsonError e = error_after(
          [](Json& j) { j["dispensings"][0]["prescriber_groups"][0]["rps"][0]["drugs"][0]["drug"]["dose"] = 4; });
      CHECK(e.path == "$.dispensings[0].prescriber_groups[0].rps[0].drugs[0].drug.dose");
      CHECK(contains(e.reason, "expected a string"));
    }
    SUBCASE("an object where an array belongs") {
      const JsonError e = error_after([](Json& j) { j["dispensings"] = Json::object(); });
      CHECK(e.path == "$.dispensings");
      CHECK(contains(e.reason, "expected an array"));
    }
    SUBCASE("an array element of the wrong type") {
      const JsonError e = error_after([](Json& j) { j["otc_drugs"][0]["ingredients"][0] = "イブプロフェン"; });
      CHECK(e.path == "$.otc_drugs[0].ingredients[0]");
      CHECK(contains(e.reason, "expected an object"));
    }
    SUBCASE("a string where a boolean belongs") {
      const JsonError e = error_after([](Json& j) { j["final_line_break"] = "yes"; });
      CHECK(e.path == "$.final_line_break");
      CHECK(contains(e.reason, "expected true or false"));
    }
    SUBCASE("a negative line number") {
      const JsonError e = error_after([](Json& j) { j["patient"]["line"] = -1; });
      CHECK(e.path == "$.patient.line");
    }
    SUBCASE("a record number out of range") {
      const JsonError e = error_after([](Json& j) { j["unknown_records"][0]["record"] = 10000; });
      CHECK(e.path == "$.unknown_records[0].record");
    }
    SUBCASE("unknown-record fields that are not strings") {
      const JsonError e = error_after([](Json& j) { j["unknown_records"][0]["fields"][1] = 7; });
      CHECK(e.path == "$.unknown_records[0].fields[1]");
    }
    SUBCASE("another format") {
      const JsonError e = error_after([](Json& j) { j["format"] = "rx"; });
      CHECK(e.path == "$.format");
    }
    SUBCASE("no format") {
      const JsonError e = error_after([](Json& j) { j.erase("format"); });
      CHECK(e.path == "$.format");
    }
    SUBCASE("not an object") {
      auto nb = notebook_from_json(Json::array());
      REQUIRE_FALSE(nb.has_value());
      CHECK(nb.error().path == "$");
    }
  }

  TEST_CASE("derived keys are ignored when reading") {
    Json j = to_json(decode(to_wire(kPayload)).notebook);
    j["patient"]["sex_label"] = "女";
    j["patient"]["birth_date_iso"] = "2000-01-01";
    j["direction_label"] = "whatever";
    auto nb = notebook_from_json(j);
    if (!nb) FAIL(nb.error().message());
    CHECK(nb->patient->sex == "1");
    CHECK(nb->patient->birth_date == "S330303");
    CHECK(encode(*nb).bytes == to_wire(kPayload));
  }

  TEST_CASE("null removes an optional record") {
    Json j = to_json(decode(to_wire(kPayload)).notebook);
    j["dispensings"][0]["prescribing_institution"] = nullptr;
    auto nb = notebook_from_json(j);
    if (!nb) FAIL(nb.error().message());
    CHECK_FALSE(nb->dispensings.at(0).prescribing_institution.has_value());
    CHECK_FALSE(contains(from_wire(encode(*nb).bytes), "医療法人 工業会病院"));
  }
}
