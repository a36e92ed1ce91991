#include "vaccination/certificate.hpp"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <tuple>
#include <utility>

#include "jahis/numbers.hpp"
#include "vaccination/calendar.hpp"
#include "vaccination/countries.hpp"
#include "vaccination/errors.hpp"

namespace kofu::vaccination {
namespace {

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

using jahis::is_digit;

// Japanese passports since 2006: two letters and seven digits (e.g. TK1234567).
bool is_japanese_passport_number(std::string_view number) {
  return number.size() == 9 && is_upper(number[0]) && is_upper(number[1]) &&
         std::all_of(number.begin() + 2, number.end(), is_digit);
}

// Other countries' numbers vary; the machine-readable zone holds at most 9 characters plus an extension, and only
// capital letters and digits.
bool is_passport_number(std::string_view number) {
  return !number.empty() && number.size() <= 20 &&
         std::all_of(number.begin(), number.end(), [](char c) { return is_upper(c) || is_digit(c); });
}

// The name as printed in the passport: Latin letters, with the spaces, hyphens, apostrophes and periods that
// passports print between them.
bool is_latin_name_part(std::string_view part) {
  return std::all_of(part.begin(), part.end(), [](char c) {
    return is_upper(c) || (c >= 'a' && c <= 'z') || c == ' ' || c == '-' || c == '\'' || c == '.';
  });
}

Expected<void> check_request(const CertificateRequest& request) {
  if (request.certificate_id.empty()) {
    return unexpected(Error(VaccinationErrc::missing_certificate_id,
                            "the certificate ID is empty: the issuance ledger assigns one before printing"));
  }
  if (request.issuer.municipality.empty() || request.issuer.mayor_title.empty()) {
    return unexpected(
        Error(VaccinationErrc::missing_issuer, "the issuer is incomplete: the certificate names the municipality (\"" +
                                                   request.issuer.municipality + "\") and its mayor's title (\"" +
                                                   request.issuer.mayor_title + "\"); check the kiosk configuration"));
  }
  if (!is_whole_date(request.issued_on)) {
    return unexpected(Error(VaccinationErrc::bad_date,
                            "the date of issue " + jahis::to_iso(request.issued_on) + " is not a whole calendar date"));
  }
  if (request.dose_limit == 0) {
    return unexpected(
        Error(VaccinationErrc::bad_dose_limit, "the dose limit is 0: a certificate prints 1 dose or more"));
  }
  return {};
}

Expected<void> check_person(const Person& person) {
  if (person.name.family.empty()) {
    return unexpected(Error(VaccinationErrc::bad_record, "the record has no family name (氏) to print"));
  }
  if (!is_whole_date(person.birth_date)) {
    return unexpected(Error(VaccinationErrc::bad_record, "the record's birth date " + jahis::to_iso(person.birth_date) +
                                                             " is not a whole calendar date"));
  }
  return {};
}

Expected<void> check_passport_data(const Person& person, const std::optional<Passport>& passport) {
  if (!person.latin_name || person.latin_name->family.empty()) {
    return unexpected(Error(VaccinationErrc::missing_latin_name,
                            "an overseas certificate needs the name in Roman letters as in the passport "
                            "(ローマ字氏名); take it from the passport"));
  }
  for (const std::string& part : {person.latin_name->family, person.latin_name->given}) {
    if (!is_latin_name_part(part)) {
      return unexpected(Error(VaccinationErrc::bad_latin_name,
                              "the name in Roman letters " + in_quotes(part) +
                                  " has a character other than Latin letters, spaces, hyphens and apostrophes"));
    }
  }
  if (!passport) {
    return unexpected(
        Error(VaccinationErrc::missing_passport,
              "an overseas certificate needs the passport number and nationality (旅券番号, 国籍・地域)"));
  }
  if (!is_nationality_code(passport->nationality)) {
    return unexpected(Error(VaccinationErrc::bad_nationality,
                            "nationality " + in_quotes(passport->nationality) +
                                " is not a country code as passports write it (ISO 3166-1 alpha-3, e.g. JPN)"));
  }
  if (passport->nationality == "JPN") {
    if (!is_japanese_passport_number(passport->number)) {
      return unexpected(
          Error(VaccinationErrc::bad_passport_number,
                "passport number " + in_quotes(passport->number) +
                    " is not a Japanese passport number (2 capital letters and 7 digits, e.g. TK1234567)"));
    }
  } else if (!is_passport_number(passport->number)) {
    return unexpected(Error(VaccinationErrc::bad_passport_number,
                            "passport number " + in_quotes(passport->number) +
                                " is not a passport number (1 to 20 capital letters and digits)"));
  }
  return {};
}

std::string dose_where(std::size_t index, const Dose& dose) {
  return "doses[" + std::to_string(index) + "] (" + jahis::to_iso(dose.date) + ")";
}

Expected<void> check_dose(std::size_t index, const Dose& dose) {
  if (!is_whole_date(dose.date)) {
    return unexpected(
        Error(VaccinationErrc::bad_date, dose_where(index, dose) + ": the date of vaccination is not a whole date"));
  }
  if (dose.dose_number && *dose.dose_number < 1) {
    return unexpected(Error(
        VaccinationErrc::bad_record,
        dose_where(index, dose) + ": dose number " + std::to_string(*dose.dose_number) + " is not a count from 1"));
  }
  if (!alpha3_from_alpha2(dose.country)) {
    return unexpected(Error(VaccinationErrc::bad_country, dose_where(index, dose) + ": country of vaccination " +
                                                              in_quotes(dose.country) +
                                                              " is not an ISO 3166-1 alpha-2 code (e.g. JP)"));
  }
  return {};
}

std::string omission_note_ja(std::size_t limit) {
  // The wording municipalities printed from 2023-06-19 (certificates.md §1.9), with the limit as a number.
  return "※本証明書発行者が保存している接種記録のうち直近" + std::to_string(limit) + "回分が記載されます。";
}

std::string omission_note_en(std::size_t limit) {
  return "*This certificate lists the " + std::to_string(limit) +
         " most recent vaccinations in the records kept by its issuer.";
}

CertificateDose resolve(const Dose& dose, const Vaccine& vaccine) {
  CertificateDose printed;
  printed.date = dose.date;
  printed.vaccine_id = vaccine.id;
  printed.vaccine_ja = vaccine.name_ja;
  printed.vaccine_en = vaccine.name_en;
  printed.manufacturer_ja = vaccine.manufacturer_ja;
  printed.manufacturer_en = vaccine.manufacturer_en;
  printed.cvx = vaccine.cvx;
  printed.lot_number = dose.lot_number;
  printed.dose_number = dose.dose_number;
  printed.place = dose.place;
  printed.country = std::string(*alpha3_from_alpha2(dose.country));
  return printed;
}

void choose_fields(Certificate& certificate) {
  const bool overseas = certificate.bilingual();
  certificate.person_fields = {Field::name};
  if (overseas) certificate.person_fields.push_back(Field::latin_name);
  certificate.person_fields.push_back(Field::birth_date);
  if (overseas)
    certificate.person_fields.insert(certificate.person_fields.end(), {Field::nationality, Field::passport_number});

  certificate.dose_fields = {Field::vaccine, Field::manufacturer, Field::lot_number, Field::vaccination_date};
  const auto& doses = certificate.doses;
  if (std::any_of(doses.begin(), doses.end(), [](const CertificateDose& d) { return d.dose_number.has_value(); })) {
    certificate.dose_fields.push_back(Field::dose_number);
  }
  if (std::any_of(doses.begin(), doses.end(), [](const CertificateDose& d) { return !d.place.empty(); })) {
    certificate.dose_fields.push_back(Field::place);
  }
  if (overseas) certificate.dose_fields.push_back(Field::country);

  certificate.issue_fields = {Field::issuer, Field::date_of_issue, Field::certificate_id};
}

}  // namespace

Label label(Field field) {
  switch (field) {
    case Field::name: return {"氏名", "Name"};
    case Field::latin_name: return {"ローマ字氏名", "Name in Roman letters"};
    case Field::birth_date: return {"生年月日", "Date of birth"};
    case Field::nationality: return {"国籍・地域", "Nationality/Region"};
    case Field::passport_number: return {"旅券番号", "Passport number"};
    case Field::vaccine: return {"ワクチン名", "Vaccine"};
    case Field::manufacturer: return {"メーカー", "Manufacturer"};
    case Field::lot_number: return {"ロット番号", "Lot number"};
    case Field::vaccination_date: return {"接種年月日", "Date of vaccination"};
    case Field::dose_number: return {"接種回数", "Dose number"};
    case Field::place: return {"接種場所", "Place of vaccination"};
    case Field::country: return {"接種国", "Country of vaccination"};
    case Field::issuer: return {"発行者", "Issuer"};
    case Field::date_of_issue: return {"発行日", "Date of issue"};
    case Field::certificate_id: return {"証明書ID", "Certificate ID"};
  }
  return {};
}

std::string_view key(Field field) {
  switch (field) {
    case Field::name: return "name";
    case Field::latin_name: return "latin_name";
    case Field::birth_date: return "birth_date";
    case Field::nationality: return "nationality";
    case Field::passport_number: return "passport_number";
    case Field::vaccine: return "vaccine";
    case Field::manufacturer: return "manufacturer";
    case Field::lot_number: return "lot_number";
    case Field::vaccination_date: return "vaccination_date";
    case Field::dose_number: return "dose_number";
    case Field::place: return "place";
    case Field::country: return "country";
    case Field::issuer: return "issuer";
    case Field::date_of_issue: return "date_of_issue";
    case Field::certificate_id: return "certificate_id";
  }
  return {};
}

Label title() {
  return {"予防接種証明書", "Vaccination Certificate"};
}

Label kind_label(CertificateKind kind) {
  switch (kind) {
    case CertificateKind::domestic: return {"日本国内用", "For use in Japan"};
    case CertificateKind::overseas: return {"海外用及び日本国内用", "For use overseas and in Japan"};
  }
  return {};
}

std::vector<Dose> select_recent_doses(std::vector<Dose> doses, std::size_t limit) {
  std::stable_sort(doses.begin(), doses.end(), [](const Dose& a, const Dose& b) {
    return std::tie(a.date, a.dose_number) < std::tie(b.date, b.dose_number);
  });
  if (doses.size() > limit) {
    doses.erase(doses.begin(), std::prev(doses.end(), static_cast<std::ptrdiff_t>(limit)));
  }
  return doses;
}

Expected<Certificate> make_certificate(const VaccinationRecord& record, const VaccineMaster& master,
                                       const CertificateRequest& request) {
  if (auto ok = check_request(request); !ok) return unexpected(ok.error());
  if (auto ok = check_person(record.person); !ok) return unexpected(ok.error());
  const bool overseas = request.kind == CertificateKind::overseas;
  if (overseas) {
    if (auto ok = check_passport_data(record.person, request.passport); !ok) return unexpected(ok.error());
  }

  // Every dose must name a known vaccine, since only the master says which disease a dose was against.
  std::vector<Dose> wanted;
  for (std::size_t i = 0; i < record.doses.size(); ++i) {
    const Dose& dose = record.doses[i];
    const Vaccine* vaccine = master.find(dose.vaccine);
    if (!vaccine) {
      return unexpected(
          Error(VaccinationErrc::unknown_vaccine, dose_where(i, dose) + ": vaccine " + in_quotes(dose.vaccine) +
                                                      " is not in the vaccine master " + master.version() +
                                                      "; update the master or correct the record"));
    }
    if (!vaccine->targets(request.disease)) continue;
    if (auto ok = check_dose(i, dose); !ok) return unexpected(ok.error());
    wanted.push_back(dose);
  }
  if (wanted.empty()) {
    std::string message = "the record has no " + request.disease + " vaccination to certify";
    if (!record.doses.empty()) {
      message += " (its " + std::to_string(record.doses.size()) + " dose(s) are against other diseases)";
    }
    return unexpected(Error(VaccinationErrc::no_doses, message));
  }

  Certificate certificate;
  certificate.kind = request.kind;
  certificate.disease = request.disease;
  certificate.name = record.person.name;
  certificate.birth_date = record.person.birth_date;
  if (overseas) {
    certificate.latin_name = record.person.latin_name;
    certificate.passport = request.passport;
  }
  const std::size_t total = wanted.size();
  for (const Dose& dose : select_recent_doses(std::move(wanted), request.dose_limit)) {
    certificate.doses.push_back(resolve(dose, *master.find(dose.vaccine)));
  }
  certificate.omitted_doses = total - certificate.doses.size();
  if (certificate.omitted_doses > 0) {
    certificate.omission_note_ja = omission_note_ja(request.dose_limit);
    if (overseas) certificate.omission_note_en = omission_note_en(request.dose_limit);
  }
  certificate.issuer = request.issuer;
  certificate.issued_on = request.issued_on;
  certificate.certificate_id = request.certificate_id;
  choose_fields(certificate);
  return certificate;
}

void keep_recent_doses(Certificate& certificate, std::size_t keep) {
  if (keep >= certificate.doses.size()) return;
  const std::size_t dropped = certificate.doses.size() - keep;
  certificate.doses.erase(certificate.doses.begin(), certificate.doses.begin() + static_cast<std::ptrdiff_t>(dropped));
  certificate.omitted_doses += dropped;
  certificate.omission_note_ja = omission_note_ja(keep);
  if (certificate.kind == CertificateKind::overseas) certificate.omission_note_en = omission_note_en(keep);
}

}  // namespace kofu::vaccination
