// JAHIS Rx conformance vectors from ../shared/testdata/jahis, when present.
#include <doctest/doctest.h>

#include "jahis/rx_codec.hpp"
#include "testdata.hpp"

using namespace kofu::jahis;

namespace {

std::optional<std::string> vector_file(const std::string& name) {
  const auto dir = kofu::test::shared_testdata();
  if (!dir) return std::nullopt;
  return kofu::test::read_file(*dir / "jahis" / name);
}

}  // namespace

TEST_CASE("Rx samples decode as valid and re-encode byte for byte") {
  if (!kofu::test::shared_testdata()) {
    MESSAGE("skipped: ../shared/testdata not found (set KOFU_TESTDATA to use the conformance vectors)");
    return;
  }
  for (const char* name : {"rx-jahis10-external-sample-1.sjis.txt", "rx-jahis10-external-sample-2.sjis.txt",
                           "rx-jahis6-spec-record-samples.sjis.txt"}) {
    CAPTURE(name);
    const auto bytes = vector_file(name);
    REQUIRE(bytes);
    REQUIRE_FALSE(bytes->empty());
    const auto decoded = rx::decode(*bytes);
    for (const auto& p : decoded.problems.list()) MESSAGE(format(p, false));
    CHECK(decoded.valid());
    CHECK(rx::encode(decoded.prescription).bytes == *bytes);
  }
}

TEST_CASE("Rx sample values land where the specification puts them") {
  const auto bytes = vector_file("rx-jahis6-spec-record-samples.sjis.txt");
  if (!bytes) {
    MESSAGE("skipped: ../shared/testdata not found");
    return;
  }
  const auto decoded = rx::decode(*bytes);
  const rx::Prescription& p = decoded.prescription;
  CHECK(p.version == "JAHIS6");
  REQUIRE(p.institution);
  CHECK(p.institution->institution_name == "医療法人 工業会病院");
  REQUIRE(p.department);
  CHECK(p.department->department_code == "1");
  REQUIRE(p.split_instruction);
  CHECK(p.split_instruction->split_count == "3");
  REQUIRE(p.rps.size() == 1);
  CHECK(p.rps[0].dosage_form.quantity == "90");
  REQUIRE(p.rps[0].split_quantity);
  CHECK(p.rps[0].split_quantity->quantity_per_split == "30");
  REQUIRE(p.rps[0].drugs.size() == 1);
  const rx::DrugEntry& drug = p.rps[0].drugs[0];
  CHECK(drug.drug.drug_name == "ノルバスク錠２．５ｍｇ");
  CHECK(drug.drug.code == "2171022F1029");
  REQUIRE(drug.uneven);
  CHECK(drug.uneven->dose1 == "1.5");
  REQUIRE(drug.supplements.size() == 2);
  CHECK(drug.supplements[1].content == "後発品変更不可");
  // The PDF copy artefact " 東京都…" in record 61 is reported as an untrimmed value.
  bool reported = false;
  for (const auto& problem : decoded.problems.list()) {
    reported = reported || (problem.record == 61 && problem.field == 2 && problem.severity == Severity::deviation);
  }
  CHECK(reported);

  const auto sample2 = vector_file("rx-jahis10-external-sample-2.sjis.txt");
  REQUIRE(sample2);
  const auto decoded2 = rx::decode(*sample2);
  REQUIRE(decoded2.prescription.patient_birth_date);
  CHECK(decoded2.prescription.patient_birth_date->birth_date == "2120406");  // 大正12年4月6日
  REQUIRE(decoded2.prescription.remarks.size() == 2);
  CHECK(decoded2.prescription.rps[0].drugs[0].drug.code == "1149037F1ZZZ");
}
