// Error codes of the vaccine master and the certificate model (core/vaccination). Each code is one thing a
// caller can act on: fix the master, correct the record, or ask the resident for what is missing.
#pragma once

#include <system_error>

namespace kofu::vaccination {

enum class VaccinationErrc {
  bad_master = 1,          // the vaccine master is not JSON or breaks its format (data/masters/vaccines.json)
  unknown_vaccine,         // a dose names a vaccine id the master does not have
  no_doses,                // the record has no dose against the requested disease
  missing_certificate_id,  // 証明書ID is empty
  missing_issuer,          // the issuing municipality or its mayor's title is empty
  bad_dose_limit,          // a certificate that may print no dose at all
  bad_date,                // a date that is not a whole calendar date (接種年月日, 発行日)
  bad_record,              // the record lacks what every certificate prints (氏名, 生年月日)
  missing_latin_name,      // an overseas certificate without ローマ字氏名
  bad_latin_name,          // ローマ字氏名 with characters a passport cannot carry
  missing_passport,        // an overseas certificate without 旅券番号 and 国籍・地域
  bad_passport_number,     // 旅券番号 in a shape no passport has
  bad_nationality,         // 国籍・地域 is not an ISO 3166-1 alpha-3 (or ICAO) code
  bad_country,             // a dose's country of vaccination is not an ISO 3166-1 alpha-2 code
};

const std::error_category& vaccination_category() noexcept;
std::error_code make_error_code(VaccinationErrc e) noexcept;

}  // namespace kofu::vaccination

template <>
struct std::is_error_code_enum<kofu::vaccination::VaccinationErrc> : std::true_type {};
