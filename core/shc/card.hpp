// SMART Health Cards end to end: issuing (bundle → VC payload → raw DEFLATE → JWS ES256 → shc:/ text) and
// verifying (text → JWS → header → signature against the trusted issuers' keys → inflate → payload and bundle
// checks), each failure with its own code.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error/expected.hpp"
#include "shc/findings.hpp"
#include "shc/keys.hpp"
#include "shc/qr_numeric.hpp"
#include "shc/revocation.hpp"

namespace kofu::shc {

inline constexpr std::string_view kHealthCardType = "https://smarthealth.cards#health-card";
inline constexpr std::string_view kFhirVersion = "4.0.1";

// ---- Issuing -------------------------------------------------------------------------------------------------------

struct IssueOptions {
  std::string iss;            // the issuer's base URL: https, no trailing '/'
  std::int64_t nbf = 0;       // issuance time, whole seconds since the epoch
  std::size_t max_doses = 5;  // Japan's practice: the 5 most recent doses; 0 = no limit before the size limit
};

struct IssuedCard {
  std::string jws;
  std::string qr_text;             // "shc:/" + digits
  int qr_version = 0;              // the smallest QR version (ECC L) that holds qr_text
  std::size_t doses = 0;           // Immunizations on the card
  std::size_t omitted_doses = 0;   // the oldest ones left out (dose limit or QR size): print the note
  nlohmann::ordered_json payload;  // the credential as signed (before compression)
};

// What is wrong with an issuer URL (https, a host, no trailing '/'), or nothing when it is right.
std::optional<std::string> check_issuer_url(std::string_view iss);

// The JWT claims {"iss","nbf","vc":{"type":[health-card],"credentialSubject":{"fhirVersion","fhirBundle"}}}.
nlohmann::ordered_json make_credential(const nlohmann::ordered_json& bundle, std::string_view iss, std::int64_t nbf);

// Minimises the bundle, keeps the `max_doses` most recent Immunizations, and while the JWS is longer than 1195
// characters leaves out the oldest remaining one. Fails when the bundle is not usable, the issuer URL is bad, or
// not even one dose fits.
Expected<IssuedCard> issue_card(const nlohmann::ordered_json& bundle, const PrivateKey& key,
                                const IssueOptions& options);

// ---- Verifying -----------------------------------------------------------------------------------------------------

struct TrustedIssuer {
  std::string iss;  // empty: these keys are trusted for whichever iss the card names
  KeySet keys;
  std::vector<RevocationList> revocations;  // read with read_revocation_list, one per key that has crlVersion
};

struct VerifyOptions {
  std::vector<TrustedIssuer> issuers;
  std::int64_t now = 0;                   // seconds since the epoch, for nbf and exp
  std::int64_t clock_skew_seconds = 300;  // how far nbf may lie in the future (kiosk clocks drift)
};

// The verdict on one credential (one JWS).
struct CredentialVerdict {
  Findings findings;
  std::string jws;
  nlohmann::json header;           // when the JWS parsed
  nlohmann::ordered_json payload;  // when it inflated and parsed (null otherwise)
  bool signature_valid = false;
  std::string iss;
  std::string kid;

  bool valid() const { return signature_valid && !has_errors(findings); }
};

// The verdict on an input: a shc:/ QR text, a compact JWS, a .smart-health-card file or a FHIR Parameters response
// ($health-cards-issue). Findings about the input as a whole (whitespace around it, no credentials) are kept apart.
struct Verdict {
  std::string input_kind;  // "qr", "jws", "file", "parameters", or "unknown"
  Findings findings;
  std::vector<CredentialVerdict> credentials;

  bool valid() const;
};

Verdict verify(std::string_view input, const VerifyOptions& options);
CredentialVerdict verify_jws(std::string_view jws, const VerifyOptions& options);

// The checks of a QR symbol read from an image, beyond its text: version at most 22 (an error), and no larger than
// the text needs with the byte "shc:/" + numeric segments at its error correction level (a warning). `version` 0
// means unknown (nothing is checked).
Findings check_qr_symbol(std::string_view text, int version, QrEcc ecc);

// The checks of the JWT claims and the bundle inside them, on their own (no signature): iss, nbf, exp, vc.type,
// credentialSubject.fhirVersion and fhirBundle.
Findings check_credential(const nlohmann::json& payload, const VerifyOptions& options);

// The same checks on the text of a JSON file (a pretty-printed payload or bundle, a stage of an issuer's pipeline):
// whitespace around the JSON and JSON syntax are findings too.
Findings check_credential_text(std::string_view json_text, const VerifyOptions& options);
Findings check_bundle_text(std::string_view json_text);

// The verdict as JSON for people and programs: {"valid", "input", "errors", "warnings", "credentials":[…]}.
nlohmann::ordered_json to_json(const Verdict& verdict);

}  // namespace kofu::shc
