// A certificate and its SMART Health Card from one vaccination record, so that the paper and the QR code always
// carry the same doses: the central server signs with this, the kiosk prints what it returns.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "error/expected.hpp"
#include "shc/card.hpp"
#include "shc/keys.hpp"
#include "vaccination/certificate.hpp"

namespace kofu::vaccination {

// The FHIR bundle of a certificate: a Patient (the registered name on a domestic certificate, the passport's Latin
// name on an overseas one; birthDate) and one Immunization per dose (status completed, CVX vaccineCode,
// occurrenceDateTime, lotNumber, performer display = the place of vaccination or else the issuing municipality,
// protocolApplied.doseNumberPositiveInt when known), already minimised.
nlohmann::ordered_json to_fhir_bundle(const Certificate& certificate);

struct IssuedCertificate {
  Certificate certificate;  // the doses of the card, with the note when any were left out
  shc::IssuedCard card;
};

struct HealthCardIssuer {
  const shc::PrivateKey& key;
  std::string iss;
  std::int64_t nbf = 0;
};

// make_certificate, then the card of the same doses; when one QR code cannot hold them all, the oldest are left
// out of both and the note says how many the certificate lists.
Expected<IssuedCertificate> issue_certificate(const VaccinationRecord& record, const VaccineMaster& master,
                                              const CertificateRequest& request, const HealthCardIssuer& issuer);

}  // namespace kofu::vaccination
