// A certificate and its SMART Health Card from one record, with the real vaccine master: the paper and the QR code
// carry the same doses, and the card verifies.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "shc/card.hpp"
#include "shc/fhir.hpp"
#include "testdata.hpp"
#include "vaccination/health_card.hpp"
#include "vaccination/vaccine_master.hpp"

using namespace kofu::vaccination;

namespace {

constexpr const char* kIss = "https://vc.example.lg.jp/issuer";
constexpr std::int64_t kNbf = 1763683200;  // 2025-11-21

const VaccineMaster& master() {
  static const VaccineMaster m = *VaccineMaster::parse(
      kofu::test::read_file(std::filesystem::path(KOFU_SOURCE_DIR) / "data/masters/vaccines.json"));
  return m;
}

Dose dose(CivilDate date, const char* vaccine, std::string lot, int number) {
  Dose d;
  d.date = date;
  d.vaccine = vaccine;
  d.lot_number = std::move(lot);
  d.dose_number = number;
  return d;
}

VaccinationRecord seven_doses() {
  VaccinationRecord r;
  r.person.name = {"山田", "花子"};
  r.person.latin_name = PersonName{"YAMADA", "HANAKO"};
  r.person.birth_date = {1958, 3, 14};
  r.doses = {dose({2021, 6, 1}, "comirnaty", "FA4597", 1),
             dose({2021, 6, 22}, "comirnaty", "FA7338", 2),
             dose({2022, 1, 20}, "spikevax", "3004217", 3),
             dose({2022, 7, 15}, "comirnaty", "FN9605", 4),
             dose({2022, 11, 1}, "comirnaty-rtu-bivalent-ba45", "GH9702", 5),
             dose({2023, 10, 5}, "comirnaty-rtu-xbb15", "HH2309", 6),
             dose({2024, 10, 8}, "spikevax-jn1", "JN0001", 7)};
  r.doses[6].place = "新宿区立健康センター";
  return r;
}

CertificateRequest request(CertificateKind kind) {
  CertificateRequest r;
  r.kind = kind;
  r.issuer = {"東京都新宿区", "新宿区長"};
  r.issued_on = {2026, 11, 21};
  r.certificate_id = "13104-2026-000123";
  if (kind == CertificateKind::overseas) r.passport = Passport{"TK1234567", "JPN"};
  return r;
}

kofu::shc::VerifyOptions trusting(const kofu::shc::PrivateKey& key) {
  kofu::shc::VerifyOptions options;
  options.issuers.push_back({kIss, *kofu::shc::read_key_set(kofu::shc::write_key_set({key.public_key()})), {}});
  options.now = kNbf + 60;
  return options;
}

}  // namespace

TEST_SUITE("vaccination.health_card") {
  TEST_CASE("the domestic certificate and its card carry the same 5 most recent doses") {
    const auto key = kofu::shc::PrivateKey::generate();
    auto issued = issue_certificate(seven_doses(), master(), request(CertificateKind::domestic), {key, kIss, kNbf});
    REQUIRE_MESSAGE(issued, (issued ? "" : issued.error().message()));
    const Certificate& certificate = issued->certificate;
    REQUIRE(certificate.doses.size() == 5);
    CHECK(certificate.omitted_doses == 2);
    CHECK(certificate.omission_note_ja == "※本証明書発行者が保存している接種記録のうち直近5回分が記載されます。");
    CHECK(issued->card.doses == 5);
    CHECK(issued->card.omitted_doses == 0);

    const auto verdict = kofu::shc::verify(issued->card.qr_text, trusting(key));
    CHECK(verdict.valid());
    const auto& entries = verdict.credentials.at(0).payload["vc"]["credentialSubject"]["fhirBundle"]["entry"];
    REQUIRE(entries.size() == 6);
    CHECK(entries[0]["resource"]["name"][0]["family"] == "山田");
    CHECK(entries[0]["resource"]["birthDate"] == "1958-03-14");
    for (std::size_t i = 0; i < 5; ++i) {
      CAPTURE(i);
      const auto& immunization = entries[i + 1]["resource"];
      CHECK(immunization["lotNumber"] == certificate.doses[i].lot_number);
      CHECK(immunization["vaccineCode"]["coding"][0]["code"] == certificate.doses[i].cvx);
      CHECK(immunization["protocolApplied"][0]["doseNumberPositiveInt"] == *certificate.doses[i].dose_number);
    }
    CHECK(entries[1]["resource"]["occurrenceDateTime"] == "2022-01-20");
    CHECK(entries[5]["resource"]["performer"][0]["actor"]["display"] == "新宿区立健康センター");
    CHECK(entries[1]["resource"]["performer"][0]["actor"]["display"] == "東京都新宿区");
    CHECK(kofu::shc::check_bundle(to_fhir_bundle(certificate)).empty());
  }

  TEST_CASE("the overseas card carries the passport's Latin name") {
    const auto key = kofu::shc::PrivateKey::generate();
    auto issued = issue_certificate(seven_doses(), master(), request(CertificateKind::overseas), {key, kIss, kNbf});
    REQUIRE(issued);
    const auto verdict = kofu::shc::verify(issued->card.jws, trusting(key));
    CHECK(verdict.valid());
    const auto& patient = verdict.credentials.at(0).payload["vc"]["credentialSubject"]["fhirBundle"]["entry"][0];
    CHECK(patient["resource"]["name"][0]["family"] == "YAMADA");
    CHECK(patient["resource"]["name"][0]["given"][0] == "HANAKO");
    CHECK(issued->certificate.omission_note_en.has_value());
  }

  TEST_CASE("when one QR code cannot hold 5 doses, both leave out the same oldest ones and the note says so") {
    const auto key = kofu::shc::PrivateKey::generate();
    VaccinationRecord record = seven_doses();
    // Long, varied places: each dose costs about 170 characters of JWS.
    const std::vector<std::string> kanji = {"東", "西", "南", "北", "山", "川", "田", "森",
                                            "林", "花", "海", "空", "町", "村", "駅"};
    std::uint32_t state = 7;
    for (Dose& d : record.doses) {
      d.place.clear();
      for (int i = 0; i < 40; ++i) {
        state = state * 1103515245U + 12345U;
        d.place += kanji[(state >> 16) % kanji.size()];
      }
    }
    auto issued = issue_certificate(record, master(), request(CertificateKind::domestic), {key, kIss, kNbf});
    REQUIRE(issued);
    const Certificate& certificate = issued->certificate;
    CHECK(issued->card.doses < 5);
    CHECK(certificate.doses.size() == issued->card.doses);
    CHECK(certificate.omitted_doses == 7 - certificate.doses.size());
    CHECK(certificate.doses.back().lot_number == "JN0001");
    CHECK(certificate.omission_note_ja == "※本証明書発行者が保存している接種記録のうち直近" +
                                              std::to_string(certificate.doses.size()) + "回分が記載されます。");
    CHECK(kofu::shc::verify(issued->card.qr_text, trusting(key)).valid());
  }

  TEST_CASE("a record the certificate refuses makes no card") {
    const auto key = kofu::shc::PrivateKey::generate();
    VaccinationRecord record = seven_doses();
    record.doses[0].vaccine = "no-such-vaccine";
    auto issued = issue_certificate(record, master(), request(CertificateKind::domestic), {key, kIss, kNbf});
    REQUIRE_FALSE(issued);
    CHECK(issued.error().message().find("no-such-vaccine") != std::string::npos);
    auto bad_iss = issue_certificate(seven_doses(), master(), request(CertificateKind::domestic),
                                     {key, "http://insecure.example.jp", kNbf});
    REQUIRE_FALSE(bad_iss);
    CHECK(bad_iss.error().code() == kofu::shc::ShcErrc::bad_issuer_url);
  }
}
