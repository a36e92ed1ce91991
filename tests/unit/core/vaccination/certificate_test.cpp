// The certificate model: domestic and overseas certificates from a small master and record, the rule of the
// 5 most recent doses, and each validation error.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "vaccination/certificate.hpp"
#include "vaccination/errors.hpp"

using namespace kofu::vaccination;
using Json = nlohmann::json;

namespace {

const char* const kMaster = R"json({
  "master": "vaccines", "version": "2026.11.1", "updated": "2026-11-21", "sources": ["test"],
  "vaccines": [
    {"id": "comirnaty", "disease": "COVID-19", "name_ja": "コミナティ筋注", "name_en": "Comirnaty",
     "manufacturer_ja": "ファイザー", "manufacturer_en": "Pfizer", "cvx": "208"},
    {"id": "spikevax", "disease": "COVID-19", "name_ja": "スパイクバックス筋注", "name_en": "Spikevax",
     "manufacturer_ja": "モデルナ", "manufacturer_en": "Moderna", "cvx": "207"},
    {"id": "biken-ha-3v", "disease": "Influenza", "name_ja": "ビケンHA（3価）", "name_en": "BIKEN HA (trivalent)",
     "manufacturer_ja": "阪大微生物病研究会", "manufacturer_en": "BIKEN", "cvx": "141"},
    {"id": "tetrabik", "disease": ["Diphtheria", "Pertussis", "Tetanus", "Polio"], "name_ja": "テトラビック皮下注シリンジ",
     "name_en": "Tetrabik", "manufacturer_ja": "阪大微生物病研究会", "manufacturer_en": "BIKEN", "cvx": "130"}
  ]
})json";

const VaccineMaster& master() {
  static const VaccineMaster m = *VaccineMaster::parse(kMaster);
  return m;
}

Dose dose(CivilDate date, std::string vaccine, std::string lot = "", std::optional<int> number = std::nullopt,
          std::string place = "", std::string country = "JP") {
  Dose d;
  d.date = date;
  d.vaccine = std::move(vaccine);
  d.lot_number = std::move(lot);
  d.dose_number = number;
  d.place = std::move(place);
  d.country = std::move(country);
  return d;
}

VaccinationRecord record(std::vector<Dose> doses) {
  VaccinationRecord r;
  r.person.name = {"山田", "太郎"};
  r.person.latin_name = PersonName{"YAMADA", "TARO"};
  r.person.birth_date = {1980, 4, 1};
  r.doses = std::move(doses);
  return r;
}

CertificateRequest domestic() {
  CertificateRequest request;
  request.kind = CertificateKind::domestic;
  request.issuer = {"東京都新宿区", "新宿区長"};
  request.issued_on = {2026, 11, 21};
  request.certificate_id = "13104-2026-000123";
  return request;
}

CertificateRequest overseas() {
  CertificateRequest request = domestic();
  request.kind = CertificateKind::overseas;
  request.passport = Passport{"TK1234567", "JPN"};
  return request;
}

// Seven COVID-19 doses, given out of order, and one influenza dose.
std::vector<Dose> seven_covid_doses() {
  return {dose({2022, 8, 1}, "spikevax", "L4", 4),    dose({2021, 6, 1}, "comirnaty", "L1", 1),
          dose({2024, 10, 15}, "comirnaty", "L7", 7), dose({2021, 6, 22}, "comirnaty", "L2", 2),
          dose({2025, 10, 1}, "biken-ha-3v", "F1"),   dose({2023, 5, 10}, "comirnaty", "L5", 5),
          dose({2022, 1, 20}, "comirnaty", "L3", 3),  dose({2023, 11, 1}, "spikevax", "L6", 6)};
}

std::vector<std::string> lots(const Certificate& c) {
  std::vector<std::string> out;
  for (const auto& d : c.doses) out.push_back(d.lot_number);
  return out;
}

kofu::Error error_of(const VaccinationRecord& r, const CertificateRequest& request) {
  const auto certificate = make_certificate(r, master(), request);
  REQUIRE_FALSE(certificate);
  return certificate.error();
}

}  // namespace

TEST_SUITE("vaccination.certificate") {
  TEST_CASE("vaccination certificate: domestic, in Japanese, doses oldest first with names from the master") {
    const auto r = record({dose({2021, 6, 22}, "comirnaty", "FF2782", 2), dose({2025, 10, 1}, "biken-ha-3v", "HA1"),
                           dose({2021, 6, 1}, "comirnaty", "EY0572", 1)});
    const auto c = make_certificate(r, master(), domestic());
    REQUIRE_MESSAGE(c, (c ? "" : c.error().message()));
    CHECK_FALSE(c->bilingual());
    CHECK(c->name.family == "山田");
    CHECK_FALSE(c->latin_name);
    CHECK_FALSE(c->passport);
    REQUIRE(c->doses.size() == 2);  // the influenza dose is not on a COVID-19 certificate
    CHECK(c->doses[0].date == CivilDate{2021, 6, 1});
    CHECK(c->doses[0].vaccine_ja == "コミナティ筋注");
    CHECK(c->doses[0].manufacturer_ja == "ファイザー");
    CHECK(c->doses[0].cvx == "208");
    CHECK(c->doses[0].lot_number == "EY0572");
    CHECK(c->doses[0].dose_number == 1);
    CHECK(c->doses[1].lot_number == "FF2782");
    CHECK(c->omitted_doses == 0);
    CHECK_FALSE(c->omission_note_ja);
    CHECK(c->person_fields == std::vector<Field>{Field::name, Field::birth_date});
    // Dose numbers are known, places are not: no place column, and no country on a domestic certificate.
    CHECK(c->dose_fields == std::vector<Field>{Field::vaccine, Field::manufacturer, Field::lot_number,
                                               Field::vaccination_date, Field::dose_number});
    CHECK(c->issue_fields == std::vector<Field>{Field::issuer, Field::date_of_issue, Field::certificate_id});

    const Json j = to_json(*c);
    CHECK(j["kind"] == "domestic");
    CHECK(j["languages"] == Json::array({"ja"}));
    CHECK(j["title"] == Json{{"ja", "予防接種証明書"}});
    CHECK(j["kind_label"] == Json{{"ja", "日本国内用"}});
    CHECK(j["disease"] == "COVID-19");
    CHECK(j["labels"]["name"] == Json{{"ja", "氏名"}});
    CHECK(j["labels"]["lot_number"] == Json{{"ja", "ロット番号"}});
    CHECK_FALSE(j["labels"].contains("place"));
    CHECK(j["person_fields"] == Json::array({"name", "birth_date"}));
    CHECK(j["person"] == Json{{"name", {{"family", "山田"}, {"given", "太郎"}}}, {"birth_date", "1980-04-01"}});
    REQUIRE(j["doses"].size() == 2);
    CHECK(j["doses"][0] == Json{{"vaccine", {{"id", "comirnaty"}, {"ja", "コミナティ筋注"}}},
                                {"manufacturer", {{"ja", "ファイザー"}}},
                                {"lot_number", "EY0572"},
                                {"vaccination_date", "2021-06-01"},
                                {"dose_number", 1},
                                {"cvx", "208"}});
    CHECK(j["omitted_doses"] == 0);
    CHECK(j["omission_note"].is_null());
    CHECK(j["issue"] == Json{{"issuer", {{"municipality", "東京都新宿区"}, {"mayor_title", "新宿区長"}}},
                             {"date_of_issue", "2026-11-21"},
                             {"certificate_id", "13104-2026-000123"}});
  }

  TEST_CASE("vaccination certificate: overseas adds the passport data, the country of each dose and English") {
    auto r = record({dose({2021, 6, 1}, "comirnaty", "EY0572", 1, "新宿区役所"),
                     dose({2022, 2, 3}, "spikevax", "", std::nullopt, "", "US")});
    const auto c = make_certificate(r, master(), overseas());
    REQUIRE_MESSAGE(c, (c ? "" : c.error().message()));
    CHECK(c->bilingual());
    REQUIRE(c->latin_name);
    CHECK(c->latin_name->family == "YAMADA");
    REQUIRE(c->passport);
    CHECK(c->passport->nationality == "JPN");
    CHECK(c->person_fields == std::vector<Field>{Field::name, Field::latin_name, Field::birth_date, Field::nationality,
                                                 Field::passport_number});
    CHECK(c->dose_fields == std::vector<Field>{Field::vaccine, Field::manufacturer, Field::lot_number,
                                               Field::vaccination_date, Field::dose_number, Field::place,
                                               Field::country});
    CHECK(c->doses[0].country == "JPN");
    CHECK(c->doses[1].country == "USA");

    const Json j = to_json(*c);
    CHECK(j["kind"] == "overseas");
    CHECK(j["languages"] == Json::array({"ja", "en"}));
    CHECK(j["title"] == Json{{"ja", "予防接種証明書"}, {"en", "Vaccination Certificate"}});
    CHECK(j["kind_label"] == Json{{"ja", "海外用及び日本国内用"}, {"en", "For use overseas and in Japan"}});
    CHECK(j["labels"]["passport_number"] == Json{{"ja", "旅券番号"}, {"en", "Passport number"}});
    CHECK(j["labels"]["nationality"] == Json{{"ja", "国籍・地域"}, {"en", "Nationality/Region"}});
    CHECK(j["labels"]["country"] == Json{{"ja", "接種国"}, {"en", "Country of vaccination"}});
    CHECK(j["person"]["latin_name"] == Json{{"family", "YAMADA"}, {"given", "TARO"}});
    CHECK(j["person"]["nationality"] == "JPN");
    CHECK(j["person"]["passport_number"] == "TK1234567");
    CHECK(j["doses"][0]["vaccine"] == Json{{"id", "comirnaty"}, {"ja", "コミナティ筋注"}, {"en", "Comirnaty"}});
    CHECK(j["doses"][0]["manufacturer"] == Json{{"ja", "ファイザー"}, {"en", "Pfizer"}});
    CHECK(j["doses"][0]["place"] == "新宿区役所");
    CHECK(j["doses"][0]["country"] == "JPN");
    // Unknown lot, number and place are null, not left out: the columns exist for the other dose.
    CHECK(j["doses"][1]["lot_number"].is_null());
    CHECK(j["doses"][1]["dose_number"].is_null());
    CHECK(j["doses"][1]["place"].is_null());
    CHECK(j["doses"][1]["country"] == "USA");
  }

  TEST_CASE("vaccination certificate: of 7 doses the 5 most recent are printed, oldest first, with the note") {
    const auto r = record(seven_covid_doses());
    auto c = make_certificate(r, master(), domestic());
    REQUIRE_MESSAGE(c, (c ? "" : c.error().message()));
    CHECK(c->omitted_doses == 2);  // the influenza dose is neither printed nor counted
    CHECK(lots(*c) == std::vector<std::string>{"L3", "L4", "L5", "L6", "L7"});
    CHECK(c->doses.front().date == CivilDate{2022, 1, 20});
    CHECK(c->doses.back().date == CivilDate{2024, 10, 15});
    CHECK(c->doses.front().dose_number == 3);
    CHECK(c->omission_note_ja == "※本証明書発行者が保存している接種記録のうち直近5回分が記載されます。");
    CHECK_FALSE(c->omission_note_en);
    CHECK(to_json(*c)["omission_note"] ==
          Json{{"ja", "※本証明書発行者が保存している接種記録のうち直近5回分が記載されます。"}});

    c = make_certificate(r, master(), overseas());
    REQUIRE(c);
    CHECK(c->omitted_doses == 2);
    CHECK(c->omission_note_en ==
          "*This certificate lists the 5 most recent vaccinations in the records kept by its issuer.");
    CHECK(to_json(*c)["omitted_doses"] == 2);
    CHECK(to_json(*c)["omission_note"]["en"] == *c->omission_note_en);

    auto request = domestic();
    request.dose_limit = 7;
    c = make_certificate(r, master(), request);
    REQUIRE(c);
    CHECK(c->doses.size() == 7);
    CHECK(c->omitted_doses == 0);
    CHECK_FALSE(c->omission_note_ja);
  }

  TEST_CASE("vaccination certificate: select_recent_doses keeps the most recent, oldest first") {
    const auto all = seven_covid_doses();
    auto picked = select_recent_doses(all, 3);
    REQUIRE(picked.size() == 3);
    CHECK(picked[0].lot_number == "L6");
    CHECK(picked[1].lot_number == "L7");
    CHECK(picked[2].lot_number == "F1");
    CHECK(select_recent_doses(all, 100).size() == all.size());
    CHECK(select_recent_doses(all, 100).front().lot_number == "L1");
    CHECK(select_recent_doses(all, 0).empty());
    CHECK(select_recent_doses({}, 5).empty());
    // Two doses on one day keep the order of their dose numbers.
    picked = select_recent_doses({dose({2021, 6, 1}, "comirnaty", "B", 2), dose({2021, 6, 1}, "comirnaty", "A", 1)}, 5);
    CHECK(picked[0].lot_number == "A");
  }

  TEST_CASE("vaccination certificate: a combined vaccine counts for each of its diseases") {
    auto request = domestic();
    request.disease = "Polio";
    const auto r = record({dose({2020, 3, 1}, "tetrabik", "T1", 1), dose({2021, 6, 1}, "comirnaty")});
    const auto c = make_certificate(r, master(), request);
    REQUIRE_MESSAGE(c, (c ? "" : c.error().message()));
    REQUIRE(c->doses.size() == 1);
    CHECK(c->doses[0].vaccine_id == "tetrabik");
    CHECK(c->disease == "Polio");
  }

  TEST_CASE("vaccination certificate: each validation error, with what and where") {
    const auto good = record({dose({2021, 6, 1}, "comirnaty", "EY0572", 1)});

    auto e = error_of(record({dose({2021, 6, 1}, "comirnaty"), dose({2021, 8, 1}, "pfizer-x")}), domestic());
    CHECK(e.code() == VaccinationErrc::unknown_vaccine);
    CHECK(e.message() ==
          "doses[1] (2021-08-01): vaccine \"pfizer-x\" is not in the vaccine master 2026.11.1; update the master or "
          "correct the record");

    e = error_of(record({dose({2025, 10, 1}, "biken-ha-3v")}), domestic());
    CHECK(e.code() == VaccinationErrc::no_doses);
    CHECK(e.message() ==
          "the record has no COVID-19 vaccination to certify (its 1 dose(s) are against other diseases)");
    e = error_of(record({}), domestic());
    CHECK(e.code() == VaccinationErrc::no_doses);
    CHECK(e.message() == "the record has no COVID-19 vaccination to certify");

    auto request = domestic();
    request.certificate_id.clear();
    e = error_of(good, request);
    CHECK(e.code() == VaccinationErrc::missing_certificate_id);
    CHECK(e.message() == "the certificate ID is empty: the issuance ledger assigns one before printing");

    request = domestic();
    request.issuer.mayor_title.clear();
    CHECK(error_of(good, request).code() == VaccinationErrc::missing_issuer);

    request = domestic();
    request.issued_on = {2026, 2, 30};
    e = error_of(good, request);
    CHECK(e.code() == VaccinationErrc::bad_date);
    CHECK(e.message() == "the date of issue 2026-02-30 is not a whole calendar date");

    request = domestic();
    request.dose_limit = 0;
    CHECK(error_of(good, request).code() == VaccinationErrc::bad_dose_limit);

    e = error_of(record({dose({2021, 6, 0}, "comirnaty")}), domestic());
    CHECK(e.code() == VaccinationErrc::bad_date);
    CHECK(e.message() == "doses[0] (2021-06): the date of vaccination is not a whole date");

    e = error_of(record({dose({2021, 6, 1}, "comirnaty", "", std::nullopt, "", "ZZ")}), overseas());
    CHECK(e.code() == VaccinationErrc::bad_country);
    CHECK(e.message() ==
          "doses[0] (2021-06-01): country of vaccination \"ZZ\" is not an ISO 3166-1 alpha-2 code (e.g. JP)");

    e = error_of(record({dose({2021, 6, 1}, "comirnaty", "", 0)}), domestic());
    CHECK(e.code() == VaccinationErrc::bad_record);

    auto nameless = good;
    nameless.person.name.family.clear();
    CHECK(error_of(nameless, domestic()).code() == VaccinationErrc::bad_record);
  }

  TEST_CASE("vaccination certificate: overseas validation of the name and passport") {
    const auto good = record({dose({2021, 6, 1}, "comirnaty", "EY0572", 1)});

    auto no_latin = good;
    no_latin.person.latin_name.reset();
    auto e = error_of(no_latin, overseas());
    CHECK(e.code() == VaccinationErrc::missing_latin_name);
    CHECK(e.message().find("ローマ字氏名") != std::string::npos);
    CHECK(make_certificate(no_latin, master(), domestic()));  // a domestic certificate does not need it

    auto kana = good;
    kana.person.latin_name = PersonName{"ヤマダ", "TARO"};
    CHECK(error_of(kana, overseas()).code() == VaccinationErrc::bad_latin_name);
    auto hyphenated = good;
    hyphenated.person.latin_name = PersonName{"YAMADA-SMITH", "TARO O'NEIL"};
    CHECK(make_certificate(hyphenated, master(), overseas()));

    auto request = overseas();
    request.passport.reset();
    e = error_of(good, request);
    CHECK(e.code() == VaccinationErrc::missing_passport);
    CHECK(e.message() == "an overseas certificate needs the passport number and nationality (旅券番号, 国籍・地域)");

    for (const char* bad : {"T1234567", "TK123456", "TK12345678", "tk1234567", "1K1234567", ""}) {
      CAPTURE(bad);
      request = overseas();
      request.passport->number = bad;
      e = error_of(good, request);
      CHECK(e.code() == VaccinationErrc::bad_passport_number);
      CHECK(e.message() == "passport number \"" + std::string(bad) +
                               "\" is not a Japanese passport number (2 capital letters and 7 digits, e.g. TK1234567)");
    }
    request = overseas();
    request.passport = Passport{"X1", "USA"};
    CHECK(make_certificate(good, master(), request));
    request.passport = Passport{std::string(20, '9'), "XXA"};
    CHECK(make_certificate(good, master(), request));
    for (const std::string& bad : {std::string(21, '9'), std::string("AB-12"), std::string()}) {
      CAPTURE(bad);
      request.passport = Passport{bad, "DEU"};
      e = error_of(good, request);
      CHECK(e.code() == VaccinationErrc::bad_passport_number);
      CHECK(e.message() ==
            "passport number \"" + bad + "\" is not a passport number (1 to 20 capital letters and digits)");
    }

    for (const char* bad : {"JAP", "JP", "jpn", "ZZZ", ""}) {
      CAPTURE(bad);
      request = overseas();
      request.passport->nationality = bad;
      e = error_of(good, request);
      CHECK(e.code() == VaccinationErrc::bad_nationality);
      CHECK(e.message() == "nationality \"" + std::string(bad) +
                               "\" is not a country code as passports write it (ISO 3166-1 alpha-3, e.g. JPN)");
    }
  }

  TEST_CASE("vaccination certificate: every label in Japanese and English") {
    CHECK(label(Field::name).ja == "氏名");
    CHECK(label(Field::name).en == "Name");
    CHECK(label(Field::birth_date).en == "Date of birth");
    CHECK(label(Field::vaccine).ja == "ワクチン名");
    CHECK(label(Field::manufacturer).ja == "メーカー");
    CHECK(label(Field::lot_number).en == "Lot number");
    CHECK(label(Field::vaccination_date).ja == "接種年月日");
    CHECK(label(Field::vaccination_date).en == "Date of vaccination");
    CHECK(label(Field::dose_number).ja == "接種回数");
    CHECK(label(Field::place).en == "Place of vaccination");
    CHECK(label(Field::country).ja == "接種国");
    CHECK(label(Field::passport_number).ja == "旅券番号");
    CHECK(label(Field::nationality).en == "Nationality/Region");
    CHECK(label(Field::date_of_issue).ja == "発行日");
    CHECK(label(Field::certificate_id).en == "Certificate ID");
    for (Field f : {Field::name, Field::latin_name, Field::birth_date, Field::nationality, Field::passport_number,
                    Field::vaccine, Field::manufacturer, Field::lot_number, Field::vaccination_date, Field::dose_number,
                    Field::place, Field::country, Field::issuer, Field::date_of_issue, Field::certificate_id}) {
      CHECK_FALSE(label(f).ja.empty());
      CHECK_FALSE(label(f).en.empty());
      CHECK_FALSE(key(f).empty());
    }
  }
}
