#include "vaccination/health_card.hpp"

#include "jahis/dates.hpp"

namespace kofu::vaccination {
namespace {

constexpr const char* kCvx = "http://hl7.org/fhir/sid/cvx";

nlohmann::ordered_json human_name(const PersonName& name) {
  nlohmann::ordered_json out = {{"family", name.family}};
  if (!name.given.empty()) out["given"] = {name.given};
  return out;
}

}  // namespace

nlohmann::ordered_json to_fhir_bundle(const Certificate& certificate) {
  const PersonName& name = certificate.kind == CertificateKind::overseas && certificate.latin_name
                               ? *certificate.latin_name
                               : certificate.name;
  nlohmann::ordered_json entries = nlohmann::ordered_json::array();
  entries.push_back({{"fullUrl", "resource:0"},
                     {"resource",
                      {{"resourceType", "Patient"},
                       {"name", {human_name(name)}},
                       {"birthDate", jahis::to_iso(certificate.birth_date)}}}});
  for (std::size_t i = 0; i < certificate.doses.size(); ++i) {
    const CertificateDose& dose = certificate.doses[i];
    nlohmann::ordered_json immunization = {{"resourceType", "Immunization"},
                                           {"status", "completed"},
                                           {"vaccineCode", {{"coding", {{{"system", kCvx}, {"code", dose.cvx}}}}}},
                                           {"patient", {{"reference", "resource:0"}}},
                                           {"occurrenceDateTime", jahis::to_iso(dose.date)}};
    if (!dose.lot_number.empty()) immunization["lotNumber"] = dose.lot_number;
    const std::string& performer = dose.place.empty() ? certificate.issuer.municipality : dose.place;
    if (!performer.empty()) immunization["performer"] = {{{"actor", {{"display", performer}}}}};
    if (dose.dose_number) immunization["protocolApplied"] = {{{"doseNumberPositiveInt", *dose.dose_number}}};
    entries.push_back({{"fullUrl", "resource:" + std::to_string(i + 1)}, {"resource", std::move(immunization)}});
  }
  return {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", std::move(entries)}};
}

Expected<IssuedCertificate> issue_certificate(const VaccinationRecord& record, const VaccineMaster& master,
                                              const CertificateRequest& request, const HealthCardIssuer& issuer) {
  auto certificate = make_certificate(record, master, request);
  if (!certificate) return unexpected(certificate.error());
  // The certificate already holds at most dose_limit doses; the card may need to leave out more.
  auto card = shc::issue_card(to_fhir_bundle(*certificate), issuer.key, {issuer.iss, issuer.nbf, 0});
  if (!card) return unexpected(card.error());
  keep_recent_doses(*certificate, card->doses);
  return IssuedCertificate{std::move(*certificate), std::move(*card)};
}

}  // namespace kofu::vaccination
