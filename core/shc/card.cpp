#include "shc/card.hpp"

#include <algorithm>

#include "json/json_access.hpp"
#include "shc/base64url.hpp"
#include "shc/deflate.hpp"
#include "shc/fhir.hpp"
#include "shc/jws.hpp"
#include "shc/qr_numeric.hpp"

namespace kofu::shc {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
// Seconds since the epoch stay below this until the year 5138; a larger nbf or exp was written in milliseconds.
constexpr double kMillisecondsThreshold = 1e11;

void add(Findings& findings, ShcErrc code, std::string where, std::string message) {
  findings.push_back({code, Severity::error, std::move(where), std::move(message)});
}

void add(Findings& findings, const Error& error, std::string where) {
  findings.push_back({static_cast<ShcErrc>(error.code().value()), Severity::error, std::move(where), error.message()});
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Whitespace (or a byte order mark) around an input is a finding of its own, then removed for the next stages.
std::string_view trim_reporting(std::string_view text, Findings& findings, const char* what) {
  const std::size_t size = text.size();
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  if (text.size() != size) {
    add(findings, ShcErrc::trailing_characters, "input",
        std::string("whitespace or a byte order mark around the ") + what);
  }
  return text;
}

std::string occurrence(const nlohmann::ordered_json& entry) {
  const auto& resource = entry["resource"];
  if (resource.contains("occurrenceDateTime") && resource["occurrenceDateTime"].is_string()) {
    return resource["occurrenceDateTime"].get<std::string>();
  }
  return {};
}

// The key a credential names, among the trusted issuers; a finding when there is none.
const Jwk* find_key(const VerifyOptions& options, const std::string& iss, bool iss_known, const std::string& kid,
                    Findings& findings, const TrustedIssuer** owner);

void check_revocation(const TrustedIssuer& issuer, const Jwk& key, const nlohmann::ordered_json& payload,
                      Findings& findings) {
  const std::string& kid = key.kid;
  if (key.crl_version) {
    const bool loaded = std::any_of(issuer.revocations.begin(), issuer.revocations.end(),
                                    [&](const RevocationList& list) { return list.kid == kid; });
    if (!loaded) {
      findings.push_back({ShcErrc::revocation_not_checked, Severity::warning, "header/kid",
                          "the issuer revokes cards of this key (crlVersion " + std::to_string(*key.crl_version) +
                              ") but no revocation list was given: revocation was not checked"});
    }
  }
  if (!payload.is_object() || !payload.contains("vc") || !payload["vc"].is_object()) return;
  const auto& vc = payload["vc"];
  if (!vc.contains("rid") || !vc["rid"].is_string() || !payload.contains("nbf") || !payload["nbf"].is_number()) return;
  for (const RevocationList& list : issuer.revocations) {
    if (list.kid == kid && list.revokes(vc["rid"].get<std::string>(), payload["nbf"].get<double>())) {
      add(findings, ShcErrc::revoked, "/vc/rid",
          "the issuer revoked this card (rid " + vc["rid"].get<std::string>() + " is on its revocation list)");
    }
  }
}

const Jwk* find_key(const VerifyOptions& options, const std::string& iss, bool iss_known, const std::string& kid,
                    Findings& findings, const TrustedIssuer** owner) {
  bool issuer_known = false;
  bool any_wildcard = false;
  for (const TrustedIssuer& candidate : options.issuers) {
    issuer_known = issuer_known || (iss_known && candidate.iss == iss);
    any_wildcard = any_wildcard || candidate.iss.empty();
  }
  if (!issuer_known) {
    // Key sets trusted for any issuer; and without the payload there is no iss, so any trusted key with this kid
    // may still check the signature.
    for (const TrustedIssuer& candidate : options.issuers) {
      if (!candidate.iss.empty() && iss_known) continue;
      if (const Jwk* key = candidate.keys.find(kid)) {
        *owner = &candidate;
        return key;
      }
    }
    if (any_wildcard || !iss_known) {
      add(findings, ShcErrc::unknown_kid, "header/kid", "no trusted key set has a key with kid \"" + kid + "\"");
      return nullptr;
    }
    add(findings, ShcErrc::untrusted_issuer, "/iss",
        "the issuer \"" + iss + "\" is not among the trusted issuers (no key set for it)");
    return nullptr;
  }
  // An issuer may be trusted through several key sets (one per key, as they rotate): any of them may hold the kid.
  for (const TrustedIssuer& candidate : options.issuers) {
    if (candidate.iss != iss) continue;
    if (const Jwk* key = candidate.keys.find(kid)) {
      *owner = &candidate;
      return key;
    }
  }
  for (const TrustedIssuer& other : options.issuers) {
    if (other.iss != iss && !other.iss.empty() && other.keys.find(kid) != nullptr) {
      add(findings, ShcErrc::issuer_kid_mismatch, "header/kid",
          "kid \"" + kid + "\" belongs to the issuer \"" + other.iss + "\", not to the card's issuer \"" + iss + "\"");
      return nullptr;
    }
  }
  add(findings, ShcErrc::unknown_kid, "header/kid",
      "the key set of \"" + iss + "\" has no key with kid \"" + kid + "\"");
  return nullptr;
}

nlohmann::ordered_json findings_json(const Findings& findings, Severity severity) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Finding& f : findings) {
    if (f.severity != severity) continue;
    out.push_back({{"code", to_string(f.code)}, {"where", f.where}, {"message", f.message}});
  }
  return out;
}

void check_time(const nlohmann::json& payload, const char* name, Findings& findings, std::optional<double>& value) {
  const auto it = payload.find(name);
  if (it == payload.end()) return;
  const std::string where = std::string("/") + name;
  if (!it->is_number()) {
    add(findings, ShcErrc::wrong_field, where, std::string(name) + " is not a number of seconds");
    return;
  }
  value = it->get<double>();
  if (*value >= kMillisecondsThreshold) {
    add(findings, ShcErrc::time_in_milliseconds, where,
        std::string(name) + " " + it->dump() + " is counted in milliseconds; JWT times are seconds");
    value.reset();
  }
}

}  // namespace

std::optional<std::string> check_issuer_url(std::string_view iss) {
  if (!iss.starts_with("https://")) return "iss \"" + std::string(iss) + "\" is not an https URL";
  if (iss.ends_with("/")) return "iss \"" + std::string(iss) + "\" ends with '/'";
  if (iss.size() <= std::string_view("https://").size()) return "iss has no host";
  return std::nullopt;
}

nlohmann::ordered_json make_credential(const nlohmann::ordered_json& bundle, std::string_view iss, std::int64_t nbf) {
  return {
      {"iss", iss},
      {"nbf", nbf},
      {"vc",
       {{"type", {kHealthCardType}}, {"credentialSubject", {{"fhirVersion", kFhirVersion}, {"fhirBundle", bundle}}}}}};
}

Expected<IssuedCard> issue_card(const nlohmann::ordered_json& bundle, const PrivateKey& key,
                                const IssueOptions& options) {
  if (auto problem = check_issuer_url(options.iss)) return unexpected(Error(ShcErrc::bad_issuer_url, *problem));
  auto minimised = minimise_bundle(bundle);
  if (!minimised) return unexpected(minimised.error());
  const auto& entries = (*minimised)["entry"];
  std::vector<std::size_t> others;
  std::vector<std::size_t> doses;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    (member_is(entries[i]["resource"], "resourceType", "Immunization") ? doses : others).push_back(i);
  }
  if (doses.empty()) return unexpected(Error(ShcErrc::missing_field, "the bundle has no Immunization"));
  std::stable_sort(doses.begin(), doses.end(),
                   [&](std::size_t a, std::size_t b) { return occurrence(entries[a]) < occurrence(entries[b]); });
  const std::size_t total = doses.size();
  if (options.max_doses != 0 && doses.size() > options.max_doses) {
    doses.erase(doses.begin(), doses.end() - static_cast<std::ptrdiff_t>(options.max_doses));
  }
  const std::string header = card_header(key.public_key());
  while (!doses.empty()) {
    std::vector<std::size_t> keep = others;
    keep.insert(keep.end(), doses.begin(), doses.end());
    std::sort(keep.begin(), keep.end());
    IssuedCard card;
    const nlohmann::ordered_json selected = select_entries(*minimised, keep);
    // The issuer checks its own output: what it signs must pass the rules a verifier applies.
    for (const Finding& finding : check_bundle(selected)) {
      if (finding.severity == Severity::error) {
        return unexpected(
            Error(finding.code, "the bundle cannot be signed: " + finding.where + ": " + finding.message));
      }
    }
    card.payload = make_credential(selected, options.iss, options.nbf);
    std::string text;
    try {
      text = card.payload.dump();
    } catch (const nlohmann::json::type_error&) {  // strings that are not UTF-8
      return unexpected(Error(ShcErrc::wrong_field, "the bundle has text that is not valid UTF-8"));
    }
    const std::string compressed = deflate_raw(text);
    // The length is known before signing: header, payload and the 86 characters of a 64-byte signature.
    const std::size_t length = base64url_encode(header).size() + base64url_encode(compressed).size() + 2 + 86;
    if (length <= kMaxJwsLength) {
      card.jws = sign_compact_jws(header, compressed, key);
      card.qr_text = encode_qr_numeric(card.jws);
      card.qr_version = qr_version_for(card.jws.size()).value_or(0);
      card.doses = doses.size();
      card.omitted_doses = total - doses.size();
      return card;
    }
    doses.erase(doses.begin());  // leave out the oldest dose
  }
  return unexpected(Error(ShcErrc::does_not_fit, "not even the most recent dose fits in one QR code (" +
                                                     std::to_string(kMaxJwsLength) + " JWS characters)"));
}

Findings check_qr_symbol(std::string_view text, int version, QrEcc ecc) {
  Findings findings;
  if (version <= 0) return findings;
  if (version > kMaxQrVersion) {
    add(findings, ShcErrc::bad_qr_version, "qr",
        "the QR symbol is version " + std::to_string(version) + "; a SMART Health Card QR code is at most version 22");
  }
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || !text.substr(start).starts_with(kQrPrefix)) return findings;
  std::string_view digits = text.substr(start + kQrPrefix.size());
  while (!digits.empty() && (digits.back() < '0' || digits.back() > '9')) digits.remove_suffix(1);
  const auto needed = qr_version_for(digits.size() / 2, ecc);
  if (needed && *needed < version) {
    findings.push_back({ShcErrc::qr_version_not_minimal, Severity::warning, "qr",
                        "the QR symbol is version " + std::to_string(version) + " where version " +
                            std::to_string(*needed) + " would hold the text: modules are smaller than they need be"});
  }
  return findings;
}

Findings check_credential(const nlohmann::json& payload, const VerifyOptions& options) {
  Findings findings;
  if (!payload.is_object()) {
    add(findings, ShcErrc::wrong_field, "", "the payload is not a JSON object");
    return findings;
  }
  if (const auto iss = payload.find("iss"); iss == payload.end()) {
    add(findings, ShcErrc::missing_field, "/iss", "the credential has no iss");
  } else if (!iss->is_string()) {
    add(findings, ShcErrc::wrong_field, "/iss", "iss is not a string");
  } else if (auto problem = check_issuer_url(iss->get<std::string>())) {
    add(findings, ShcErrc::bad_issuer_url, "/iss", *problem);
  }
  std::optional<double> nbf;
  std::optional<double> exp;
  if (!payload.contains("nbf")) add(findings, ShcErrc::missing_field, "/nbf", "the credential has no nbf");
  check_time(payload, "nbf", findings, nbf);
  check_time(payload, "exp", findings, exp);
  const auto now = static_cast<double>(options.now);
  if (nbf && *nbf > now + static_cast<double>(options.clock_skew_seconds)) {
    add(findings, ShcErrc::not_yet_valid, "/nbf", "nbf lies in the future: the card is not valid yet");
  }
  if (exp && nbf && *exp < *nbf) add(findings, ShcErrc::bad_expiry, "/exp", "exp is before nbf");
  if (exp && *exp < now) add(findings, ShcErrc::expired, "/exp", "the card expired (exp is in the past)");

  const auto vc = payload.find("vc");
  if (vc == payload.end() || !vc->is_object()) {
    add(findings, ShcErrc::missing_field, "/vc", "the credential has no vc object");
    return findings;
  }
  const auto type = vc->find("type");
  if (type == vc->end() || !type->is_array()) {
    add(findings, ShcErrc::missing_field, "/vc/type", "vc.type is missing or not an array");
  } else if (std::find(type->begin(), type->end(), kHealthCardType) == type->end()) {
    // Other types (#immunization, #covid19, VerifiableCredential) are deprecated since 1.4.0 and ignored.
    add(findings, ShcErrc::missing_card_type, "/vc/type",
        "vc.type does not contain \"" + std::string(kHealthCardType) + "\"");
  }
  if (const auto rid = vc->find("rid"); rid != vc->end()) {
    if (!rid->is_string() || !is_valid_rid(rid->get_ref<const std::string&>())) {
      add(findings, ShcErrc::wrong_field, "/vc/rid",
          "vc.rid is not a base64url revocation id of at most 24 characters");
    }
  }
  const auto subject = vc->find("credentialSubject");
  if (subject == vc->end() || !subject->is_object()) {
    add(findings, ShcErrc::missing_field, "/vc/credentialSubject", "the credential has no credentialSubject");
    return findings;
  }
  if (const auto version = subject->find("fhirVersion"); version == subject->end()) {
    add(findings, ShcErrc::missing_field, "/vc/credentialSubject/fhirVersion", "fhirVersion is missing");
  } else if (!version->is_string() || !version->get<std::string>().starts_with("4.0.")) {
    add(findings, ShcErrc::wrong_field, "/vc/credentialSubject/fhirVersion",
        "fhirVersion " + version->dump() + " is not FHIR R4 (4.0.x)");
  }
  if (const auto bundle = subject->find("fhirBundle"); bundle == subject->end()) {
    add(findings, ShcErrc::missing_field, "/vc/credentialSubject/fhirBundle", "the credential has no fhirBundle");
  } else {
    Findings bundle_findings = check_bundle(*bundle, "/vc/credentialSubject/fhirBundle");
    findings.insert(findings.end(), bundle_findings.begin(), bundle_findings.end());
  }
  return findings;
}

CredentialVerdict verify_jws(std::string_view text, const VerifyOptions& options) {
  CredentialVerdict verdict;
  Findings& findings = verdict.findings;
  const std::string_view jws_text = trim_reporting(text, findings, "JWS");
  verdict.jws = std::string(jws_text);
  if (jws_text.size() > kMaxJwsLength) {
    findings.push_back({ShcErrc::jws_too_long, Severity::warning, "jws",
                        "the JWS has " + std::to_string(jws_text.size()) + " characters; one QR code holds " +
                            std::to_string(kMaxJwsLength)});
  }
  auto jws = parse_compact_jws(jws_text);
  if (!jws) {
    add(findings, jws.error(), "jws");
    return verdict;
  }
  verdict.header = jws->header;
  const nlohmann::json& header = jws->header;
  if (!member_is(header, "alg", "ES256")) {
    add(findings, ShcErrc::bad_header_alg, "header/alg",
        header.contains("alg") ? "alg is " + header["alg"].dump() + ", not \"ES256\"" : "the header has no alg");
  }
  if (!member_is(header, "zip", "DEF")) {
    add(findings, ShcErrc::bad_header_zip, "header/zip",
        header.contains("zip") ? "zip is " + header["zip"].dump() + ", not \"DEF\"" : "the header has no zip");
  }
  const bool has_kid = header.contains("kid") && header["kid"].is_string();
  if (has_kid) {
    verdict.kid = header["kid"].get<std::string>();
  } else {
    add(findings, ShcErrc::missing_kid, "header/kid", "the header has no kid: no key can be chosen");
  }

  bool payload_read = false;
  if (auto inflated = inflate_raw(jws->payload); !inflated) {
    add(findings, inflated.error(), "payload");
  } else {
    std::string_view json_text = *inflated;
    if (json_text.starts_with(kBom)) {
      add(findings, ShcErrc::payload_bom, "payload", "the payload starts with a UTF-8 byte order mark");
      json_text.remove_prefix(kBom.size());
    }
    verdict.payload = parse_json<nlohmann::ordered_json>(json_text);
    if (verdict.payload.is_discarded()) {
      verdict.payload = nullptr;
      add(findings, ShcErrc::bad_json, "payload", "the inflated payload is not JSON");
    } else if (!verdict.payload.is_object()) {
      add(findings, ShcErrc::wrong_field, "payload",
          verdict.payload.is_string() ? "the payload is a JSON string holding JSON (encoded twice), not an object"
                                      : "the payload is not a JSON object");
    } else {
      payload_read = true;
      if (verdict.payload.contains("iss") && verdict.payload["iss"].is_string()) {
        verdict.iss = verdict.payload["iss"].get<std::string>();
      }
    }
  }

  if (has_kid) {
    const TrustedIssuer* issuer = nullptr;
    if (const Jwk* key = find_key(options, verdict.iss, !verdict.iss.empty(), verdict.kid, findings, &issuer)) {
      if (auto ok = verify_es256(key->key, jws->signing_input, jws->signature); ok) {
        verdict.signature_valid = true;
        check_revocation(*issuer, *key, verdict.payload, findings);
      } else {
        add(findings, ok.error(), "signature");
      }
    }
  }
  if (payload_read) {
    Findings claims = check_credential(verdict.payload, options);
    findings.insert(findings.end(), claims.begin(), claims.end());
  }
  return verdict;
}

bool Verdict::valid() const {
  if (has_errors(findings) || credentials.empty()) return false;
  return std::all_of(credentials.begin(), credentials.end(), [](const auto& c) { return c.valid(); });
}

Verdict verify(std::string_view input, const VerifyOptions& options) {
  Verdict verdict;
  // Scanners and files end the text with one line break: that one is not a finding.
  if (input.ends_with("\r\n")) {
    input.remove_suffix(2);
  } else if (input.ends_with("\n") || input.ends_with("\r")) {
    input.remove_suffix(1);
  }
  const std::string_view text = trim_reporting(input, verdict.findings, "input");
  if (text.starts_with("shc:")) {
    verdict.input_kind = "qr";
    auto jws = decode_qr_numeric(text);
    if (!jws) {
      add(verdict.findings, jws.error(), "qr");
      return verdict;
    }
    verdict.credentials.push_back(verify_jws(*jws, options));
    return verdict;
  }
  if (!text.starts_with("{")) {
    verdict.input_kind = "jws";
    verdict.credentials.push_back(verify_jws(text, options));
    return verdict;
  }
  const auto doc = parse_json<nlohmann::json>(text);
  if (doc.is_discarded() || !doc.is_object()) {
    verdict.input_kind = "unknown";
    add(verdict.findings, ShcErrc::bad_json, "input", "the input is neither a shc:/ text, a JWS nor JSON");
    return verdict;
  }
  std::vector<std::string> jws_list;
  if (doc.contains("verifiableCredential")) {
    verdict.input_kind = "file";
    const auto& list = doc["verifiableCredential"];
    if (!list.is_array()) {
      add(verdict.findings, ShcErrc::wrong_field, "/verifiableCredential", "verifiableCredential is not an array");
    } else {
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (list[i].is_string()) {
          jws_list.push_back(list[i].get<std::string>());
        } else {
          add(verdict.findings, ShcErrc::wrong_field, "/verifiableCredential/" + std::to_string(i),
              "a verifiable credential is not a JWS string");
        }
      }
    }
  } else if (member_is(doc, "resourceType", "Parameters")) {
    verdict.input_kind = "parameters";
    if (doc.contains("parameter") && doc["parameter"].is_array()) {
      for (const auto& parameter : doc["parameter"]) {
        if (member_is(parameter, "name", "verifiableCredential") && parameter.contains("valueString") &&
            parameter["valueString"].is_string()) {
          jws_list.push_back(parameter["valueString"].get<std::string>());
        }
      }
    }
  } else {
    verdict.input_kind = "unknown";
  }
  if (jws_list.empty()) {
    add(verdict.findings, ShcErrc::missing_field, "verifiableCredential", "the input holds no verifiable credential");
  }
  for (const std::string& jws : jws_list) verdict.credentials.push_back(verify_jws(jws, options));
  return verdict;
}

namespace {

template <class Check>
Findings check_json_text(std::string_view json_text, Check check) {
  Findings findings;
  const std::string_view text = trim_reporting(json_text, findings, "JSON");
  const auto doc = parse_json<nlohmann::json>(text);
  if (doc.is_discarded()) {
    add(findings, ShcErrc::bad_json, "input", "the text is not JSON");
    return findings;
  }
  Findings more = check(doc);
  findings.insert(findings.end(), more.begin(), more.end());
  return findings;
}

}  // namespace

Findings check_credential_text(std::string_view json_text, const VerifyOptions& options) {
  return check_json_text(json_text, [&](const nlohmann::json& doc) { return check_credential(doc, options); });
}

Findings check_bundle_text(std::string_view json_text) {
  return check_json_text(json_text, [](const nlohmann::json& doc) { return check_bundle(doc); });
}

nlohmann::ordered_json to_json(const Verdict& verdict) {
  nlohmann::ordered_json out;
  out["valid"] = verdict.valid();
  out["input"] = verdict.input_kind;
  out["errors"] = findings_json(verdict.findings, Severity::error);
  out["warnings"] = findings_json(verdict.findings, Severity::warning);
  out["credentials"] = nlohmann::ordered_json::array();
  for (const CredentialVerdict& credential : verdict.credentials) {
    nlohmann::ordered_json c;
    c["valid"] = credential.valid();
    c["signature"] = credential.signature_valid ? "valid" : "not verified";
    c["iss"] = credential.iss;
    c["kid"] = credential.kid;
    c["errors"] = findings_json(credential.findings, Severity::error);
    c["warnings"] = findings_json(credential.findings, Severity::warning);
    c["payload"] = credential.payload;
    out["credentials"].push_back(std::move(c));
  }
  return out;
}

}  // namespace kofu::shc
