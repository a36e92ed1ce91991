// The FHIR subset of a SMART Health Card: a Bundle of a Patient and Immunizations, minimised as the specification
// requires (https://spec.smarthealth.cards, "Health Cards are Compact"): fullUrl and references "resource:N"; no
// Resource.id; no meta except meta.security; no DomainResource.text, CodeableConcept.text or Coding.display.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "error/expected.hpp"
#include "shc/findings.hpp"

namespace kofu::shc {

// Minimises an issuer's bundle: renames fullUrls to resource:N and rewrites the references that point at them
// (by old fullUrl or "Type/id"), and drops what the rules forbid. Fails when the input is not a Bundle with entries.
Expected<nlohmann::ordered_json> minimise_bundle(nlohmann::ordered_json bundle);

// Keeps the entries whose indexes are listed (in that order) and renumbers fullUrls and references to match.
nlohmann::ordered_json select_entries(const nlohmann::ordered_json& bundle, const std::vector<std::size_t>& keep);

// Checks a bundle against the minimisation and Immunization rules. `where` prefixes each finding's JSON pointer.
// Errors: bad references, empty values, bad status or occurrence, missing required members. Warnings: members the
// minimisation rules forbid (they cost QR space but do not make the card false).
Findings check_bundle(const nlohmann::json& bundle, const std::string& where = "");

}  // namespace kofu::shc
