#include "vaccination/errors.hpp"

#include <string>

#include "error/category.hpp"

namespace kofu::vaccination {
namespace {

// What each code means (ErrorCategory gives the unknown ones a sentence too).
const char* describe(int value) noexcept {
  switch (static_cast<VaccinationErrc>(value)) {
    case VaccinationErrc::bad_master: return "the vaccine master is not valid";
    case VaccinationErrc::unknown_vaccine: return "a dose names a vaccine that is not in the vaccine master";
    case VaccinationErrc::no_doses: return "the record has no vaccination against the requested disease";
    case VaccinationErrc::missing_certificate_id: return "the certificate ID is empty";
    case VaccinationErrc::missing_issuer: return "the issuing municipality or its mayor's title is empty";
    case VaccinationErrc::bad_dose_limit: return "a certificate must be allowed to print at least one dose";
    case VaccinationErrc::bad_date: return "a date is not a whole calendar date";
    case VaccinationErrc::bad_record: return "the vaccination record lacks a name or birth date";
    case VaccinationErrc::missing_latin_name: return "an overseas certificate needs the name in Roman letters";
    case VaccinationErrc::bad_latin_name: return "the name in Roman letters has a character a passport cannot carry";
    case VaccinationErrc::missing_passport: return "an overseas certificate needs the passport number and nationality";
    case VaccinationErrc::bad_passport_number: return "not a passport number";
    case VaccinationErrc::bad_nationality: return "not a nationality code";
    case VaccinationErrc::bad_country: return "not a country code";
  }
  return nullptr;
}

}  // namespace

const std::error_category& vaccination_category() noexcept {
  static const ErrorCategory category("kofu.vaccination", describe);
  return category;
}

std::error_code make_error_code(VaccinationErrc e) noexcept {
  return {static_cast<int>(e), vaccination_category()};
}

}  // namespace kofu::vaccination
