// Lines, fields and encodings as the lexer reads them, through the decoders.
#include "jahis/lexer.hpp"

#include <doctest/doctest.h>

#include <string>

#include "jahis/rx_codec.hpp"
#include "jahis/tc_codec.hpp"
#include "jahis_test_support.hpp"
#include "text/shift_jis.hpp"

using namespace kofu::jahis;
using kofu::test::contains;
using kofu::test::to_wire;

namespace {

const Problem* find(const Problems& problems, std::string_view fragment) {
  for (const auto& p : problems.list()) {
    if (contains(p.reason, fragment)) return &p;
  }
  return nullptr;
}

const std::string kMinimal =
    "JAHISTC08,1\n1,見本 太郎,1,S450401,,,,,,,\n5,R081120,1\n11,こうふ薬局,13,4,1234567,,,,1\n";

}  // namespace

TEST_CASE("a well-formed double-byte code outside JIS X 0208 becomes one ■, its trail byte not read as ASCII") {
  // 0x8740 is ① in CP932; 0xF05C is 外字. Their trail bytes 0x40 '@' and 0x5C '\' must not appear.
  std::string payload = to_wire(kMinimal + "501,X,1\n");
  payload.replace(payload.find("501,X"), 5, std::string("501,\x87\x40\xF0\x5C") + "A");
  const auto decoded = tc::decode(payload);
  REQUIRE(decoded.notebook.dispensings.size() == 1u);
  REQUIRE(decoded.notebook.dispensings[0].remarks.size() == 1u);
  CHECK(decoded.notebook.dispensings[0].remarks[0].content == "■■A");
  CHECK_FALSE(decoded.valid());
  const Problem* p = find(decoded.problems, "invalid Shift_JIS byte");
  REQUIRE(p);
  CHECK(p->line == 5u);
  CHECK(p->field == 1);
}

TEST_CASE("automatic encoding: UTF-8 only with 3-byte sequences, and always reported") {
  // ﾃｨ in Shift_JIS is C3 A8, which is also UTF-8 for è: read as Shift_JIS.
  const std::string kana = "JAHISTC08,1\r\n1,\xC3\xA8,1,S450401,,,,,,,\r\n";
  CHECK(detect_encoding(kana) == InputEncoding::shift_jis);
  const auto decoded = tc::decode(kana);
  REQUIRE(decoded.notebook.patient);
  CHECK(decoded.notebook.patient->patient_name == "ﾃｨ");
  CHECK_FALSE(find(decoded.problems, "read as UTF-8"));

  const std::string utf8 = "JAHISTC08,1\r\n1,見本 太郎,1,S450401,,,,,,,\r\n";
  CHECK(detect_encoding(utf8) == InputEncoding::utf8);
  const auto from_utf8 = tc::decode(utf8);
  const Problem* p = find(from_utf8.problems, "read as UTF-8");
  REQUIRE(p);
  CHECK(p->severity == Severity::deviation);
  CHECK(from_utf8.valid());
  CHECK_FALSE(tc::decode(utf8, {true, InputEncoding::automatic}).valid());
}

TEST_CASE("CR alone ends a line too, as keyboard-wedge scanners send it") {
  std::string payload = to_wire(kMinimal);
  std::string cr_only;
  for (char c : payload) {
    if (c != '\n') cr_only += c;
  }
  const auto decoded = tc::decode(cr_only);
  REQUIRE(decoded.notebook.patient);
  CHECK(decoded.notebook.patient->patient_name == "見本 太郎");
  CHECK(decoded.notebook.dispensings.size() == 1u);
  const Problem* p = find(decoded.problems, "end with CR alone");
  REQUIRE(p);
  CHECK(p->line == 1u);
  CHECK(p->severity == Severity::deviation);
  CHECK(decoded.valid());
  CHECK_FALSE(tc::decode(cr_only, {true, InputEncoding::automatic}).valid());
}

TEST_CASE("a record number with a leading zero is read and reported") {
  const auto decoded = tc::decode(to_wire(kMinimal + "0501,備考,1\n"));
  REQUIRE(decoded.notebook.dispensings[0].remarks.size() == 1u);
  const Problem* p = find(decoded.problems, "has a leading zero; read as 501");
  REQUIRE(p);
  CHECK(p->line == 5u);
  CHECK(p->record == 501);
  CHECK(p->severity == Severity::deviation);
}

TEST_CASE("record 0 on a later line is not called the version record") {
  const auto decoded = rx::decode(to_wire("JAHIS10\n0,x\n"));
  const Problem* p = find(decoded.problems, "unknown record number 0");
  REQUIRE(p);
  CHECK(format(*p, false) == "line 2, record 0: warning: unknown record number 0; kept as it is");
}

TEST_CASE("a control character is an error on decode and on encode, unknown records included") {
  auto decoded = tc::decode(to_wire(kMinimal + "501,a\tb,1\n"));
  const Problem* p = find(decoded.problems, "control character 0x09 at byte 2 of the value");
  REQUIRE(p);
  CHECK(p->field == 1);
  CHECK(p->field_name == "備考情報");

  tc::Notebook nb = tc::decode(to_wire(kMinimal)).notebook;
  nb.unknown_records.push_back({0, 999, {"x\r\n1,second patient"}});
  const auto encoded = tc::encode(nb);
  CHECK_FALSE(encoded.valid());
  REQUIRE(find(encoded.problems, "control character 0x0D"));
  CHECK(find(encoded.problems, "control character 0x0D")->record == 999);
}

TEST_CASE("391 or 311 before its RP's 301 stays with the RP, as a deviation") {
  const auto decoded = tc::decode(to_wire(kMinimal + "201,1,ﾚﾍﾞﾆﾝ散,2,g,2,620007148,1,,,\n"
                                                     "391,1,眠気に注意,1\n"
                                                     "301,1,【分３ 毎食後服用】,5,日分,1,1,,1\n"));
  CHECK(decoded.valid());
  REQUIRE(decoded.notebook.dispensings.size() == 1u);
  REQUIRE(decoded.notebook.dispensings[0].prescriber_groups.size() == 1u);
  const tc::Rp& rp = decoded.notebook.dispensings[0].prescriber_groups[0].rps.at(0);
  REQUIRE(rp.usage);
  CHECK(rp.usage->usage_name == "【分３ 毎食後服用】");
  REQUIRE(rp.cautions.size() == 1u);
  CHECK(decoded.notebook.unknown_records.empty());
  const Problem* p = find(decoded.problems, "before the 用法 (301) of RP 1");
  REQUIRE(p);
  CHECK(p->severity == Severity::deviation);
}
