// The public SMART Health Card vectors in ../shared/testdata/shc: the specification's examples verify and are
// reproduced stage by stage; every file of the reference validator's invalid/ folder is rejected for the reason
// its README gives (see the table there; row numbers below refer to it).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "shc/card.hpp"
#include "shc/deflate.hpp"
#include "shc/fhir.hpp"
#include "shc/jws.hpp"
#include "shc/qr_numeric.hpp"
#include "shc/revocation.hpp"
#include "shc/x5c.hpp"
#include "testdata.hpp"

using namespace kofu::shc;
namespace fs = std::filesystem;

namespace {

constexpr const char* kSpecIssuer = "https://spec.smarthealth.cards/examples/issuer";
constexpr std::int64_t kValidationTime = 1653955200;  // 2022-05-31, the reference validator's fixed clock
constexpr std::int64_t kExamplesTime = 1687500000;    // 2023-06-23, just after the examples were made

std::string read_trimmed(const fs::path& path) {
  std::string text = kofu::test::read_file(path);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

KeySet key_set(const fs::path& path) {
  auto set = read_key_set(kofu::test::read_file(path));
  REQUIRE_MESSAGE(set, (set ? "" : set.error().message()));
  return *set;
}

VerifyOptions spec_options(const fs::path& data, std::int64_t now) {
  VerifyOptions options;
  options.issuers.push_back({kSpecIssuer, key_set(data / "shc/spec-examples/issuer/.well-known/jwks.json"), {}});
  options.now = now;
  return options;
}

Findings all_findings(const Verdict& verdict) {
  Findings all = verdict.findings;
  for (const auto& c : verdict.credentials) all.insert(all.end(), c.findings.begin(), c.findings.end());
  return all;
}

std::vector<ShcErrc> error_codes(const Findings& findings) {
  std::vector<ShcErrc> codes;
  for (const Finding& f : findings) {
    if (f.severity == Severity::error) codes.push_back(f.code);
  }
  return codes;
}

std::size_t count(const Findings& findings, ShcErrc code, Severity severity = Severity::error) {
  return static_cast<std::size_t>(std::count_if(
      findings.begin(), findings.end(), [&](const Finding& f) { return f.code == code && f.severity == severity; }));
}

std::string describe(const Findings& findings) {
  std::string out;
  for (std::size_t i = 0; i < findings.size() && i < 12; ++i) {
    const Finding& f = findings[i];
    out += std::string(f.severity == Severity::error ? "error " : "warning ") + to_string(f.code) + " at " + f.where +
           ": " + f.message + "\n";
  }
  return out;
}

}  // namespace

TEST_SUITE("shc.testdata") {
  TEST_CASE("the specification's examples verify, and each deterministic stage is reproduced") {
    const auto data = kofu::test::shared_testdata_or_skip();
    if (!data) return;
    const fs::path examples = *data / "shc/spec-examples";
    const VerifyOptions options = spec_options(*data, kExamplesTime);
    for (const char* n : {"00", "01", "02", "03"}) {
      CAPTURE(n);
      const std::string stem = std::string("example-") + n;
      // Example 02, a laboratory report, refers to an Organization and a Practitioner outside its bundle: the
      // reference validator reports that too and its tests exclude FHIR errors for this example.
      const bool external_references = std::string(n) == "02";
      const std::string jws = read_trimmed(examples / (stem + "-d-jws.txt"));
      // d: the JWS verifies (example 03 is revoked, but no revocation list is loaded here).
      const CredentialVerdict verdict = verify_jws(jws, options);
      INFO(describe(verdict.findings));
      CHECK(verdict.signature_valid);
      CHECK(has_errors(verdict.findings) == external_references);
      // a → the bundle is already minimised: minimising changes nothing and the checks find nothing.
      const auto bundle =
          nlohmann::ordered_json::parse(kofu::test::read_file(examples / (stem + "-a-fhirBundle.json")));
      auto minimised = minimise_bundle(bundle);
      REQUIRE(minimised);
      CHECK(*minimised == bundle);
      CHECK(has_errors(check_bundle(bundle)) == external_references);
      // b → c: minifying the expanded payload gives the exact bytes that were compressed.
      const auto expanded =
          nlohmann::ordered_json::parse(kofu::test::read_file(examples / (stem + "-b-jws-payload-expanded.json")));
      const std::string minified = read_trimmed(examples / (stem + "-c-jws-payload-minified.json"));
      CHECK(expanded.dump() == minified);
      CHECK(verdict.payload.dump() == minified);
      CHECK(expanded["vc"]["credentialSubject"]["fhirBundle"] == bundle);
      // e: the file form verifies the same credential.
      const Verdict file = verify(kofu::test::read_file(examples / (stem + "-e-file.smart-health-card")), options);
      CHECK(file.input_kind == "file");
      CHECK(file.valid() == !external_references);
      // f: the numeric text is the JWS (example 02 is chunked, which this reader refuses).
      const std::string numeric = read_trimmed(examples / (stem + "-f-qr-code-numeric-value-0.txt"));
      if (std::string(n) != "02") {
        CHECK(encode_qr_numeric(jws) == numeric);
        CHECK(verify(numeric, options).valid());
        CHECK(qr_version_for(jws.size()).has_value());
      } else {
        CHECK(verify(numeric, options).findings.at(0).code == ShcErrc::chunked);
      }
    }
  }

  TEST_CASE("re-issuing example 00 with the specification's key gives a card that verifies against its key set") {
    const auto data = kofu::test::shared_testdata_or_skip();
    if (!data) return;
    const fs::path examples = *data / "shc/spec-examples";
    auto key = read_private_key(kofu::test::read_file(examples / "issuer.jwks.private.json"));
    REQUIRE(key);
    CHECK(thumbprint(key->public_key()) == "3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s");
    const auto bundle = nlohmann::ordered_json::parse(kofu::test::read_file(examples / "example-00-a-fhirBundle.json"));
    auto card = issue_card(bundle, *key, {kSpecIssuer, 1687450764, 5});
    REQUIRE(card);
    CHECK(card->doses == 3);
    const Verdict verdict = verify(card->qr_text, spec_options(*data, kExamplesTime));
    INFO(describe(all_findings(verdict)));
    CHECK(verdict.valid());
    // The header is byte for byte the one of the examples.
    const std::string example = read_trimmed(examples / "example-00-d-jws.txt");
    CHECK(card->jws.substr(0, card->jws.find('.')) == example.substr(0, example.find('.')));
    // Our compression is at least as tight as the generator's.
    CHECK(card->jws.size() <= example.size() + 8);
  }

  TEST_CASE("revocation: example 03 is on the specification's revocation list, example 00 is not") {
    const auto data = kofu::test::shared_testdata_or_skip();
    if (!data) return;
    const fs::path examples = *data / "shc/spec-examples";
    VerifyOptions options = spec_options(*data, kExamplesTime);
    const Jwk* key = options.issuers[0].keys.find("3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s");
    REQUIRE(key != nullptr);
    auto list = read_revocation_list(
        kofu::test::read_file(examples / "issuer/.well-known/crl/3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s.json"),
        *key);
    REQUIRE(list);
    // Without the list the card verifies, but the verdict says revocation was not checked.
    const CredentialVerdict unchecked = verify_jws(read_trimmed(examples / "example-03-d-jws.txt"), options);
    CHECK(unchecked.valid());
    CHECK(count(unchecked.findings, ShcErrc::revocation_not_checked, Severity::warning) == 1);
    options.issuers[0].revocations.push_back(*list);
    const CredentialVerdict revoked = verify_jws(read_trimmed(examples / "example-03-d-jws.txt"), options);
    CHECK(count(revoked.findings, ShcErrc::revoked) == 1);
    CHECK_FALSE(revoked.valid());
    CHECK(verify_jws(read_trimmed(examples / "example-00-d-jws.txt"), options).valid());
  }

  TEST_CASE("every invalid vector is rejected for the reason the reference validator gives") {
    const auto data = kofu::test::shared_testdata_or_skip();
    if (!data) return;
    const fs::path invalid = *data / "shc/invalid";
    const VerifyOptions options = spec_options(*data, kValidationTime);
    struct Case {
      const char* file;
      std::vector<ShcErrc> errors;  // each must be among the errors; empty: the input is valid
    };
    using E = ShcErrc;
    const Case signed_cases[] = {
        {"test-example-1195-byte-qrnumeric.txt", {}},                                                  // row 1
        {"test-example-00-e-file-multi-jws.smart-health-card", {}},                                    // row 4
        {"test-example-00-fhirhealthcard.json", {}},                                                   // row 5
        {"test-example-00-fhirhealthcard-multi-jws.json", {}},                                         // row 6
        {"test-example-00-fhirhealthcard-with-resource-link.json", {}},                                // row 7
        {"test-example-00-d-jws-trailing_chars.txt", {E::trailing_characters}},                        // row 11
        {"test-example-00-e-file-trailing_chars.smart-health-card", {E::trailing_characters}},         // row 12
        {"test-example-00-f-qr-code-numeric-value-0-trailing_chars.txt", {E::trailing_characters}},    // row 13
        {"test-example-00-d-jws-utf8_bom_prefix.txt", {E::payload_bom}},                               // row 14
        {"test-example-00-e-file-invalid_deflate.smart-health-card", {E::zlib_wrapper}},               // row 15
        {"test-example-00-e-file-no_deflate.smart-health-card", {E::bad_header_zip, E::bad_deflate}},  // 16
        {"test-example-00-d-jws-no_deflate.txt", {E::bad_header_zip, E::bad_deflate}},                 // row 17
        {"test-example-00-d-jws-no_jws_header_alg.txt", {E::bad_header_alg, E::bad_signature}},        // row 18
        {"test-example-00-d-jws-no_jws_header_kid.txt", {E::missing_kid}},                             // row 19
        {"test-example-00-d-jws-no_jws_header_zip.txt", {E::bad_header_zip, E::bad_signature}},        // row 20
        {"test-example-00-d-jws-wrong_jws_header_kid.txt", {E::unknown_kid}},                          // row 21
        {"test-example-00-d-jws-invalid-signature.txt", {E::bad_signature}},                           // row 22
        {"test-example-00-d-jws-der-signature.txt", {E::der_signature}},                               // row 23
        {"test-example-00-d-jws-der-signature-r-neg.txt", {E::der_signature}},                         // row 24
        {"test-example-00-d-jws-der-signature-s-neg.txt", {E::der_signature}},                         // row 25
        {"test-example-00-d-jws-der-signature-rs-neg.txt", {E::der_signature}},                        // row 26
        {"test-example-00-e-file-multi-jws-issues.smart-health-card",
         {E::bad_header_alg, E::bad_signature, E::trailing_characters}},                                   // row 27
        {"test-example-00-e-file-invalid_issuer_url.smart-health-card", {E::untrusted_issuer}},            // row 28
        {"test-example-00-e-file-bad_jwks.smart-health-card", {E::untrusted_issuer}},                      // row 29
        {"test-example-00-d-jws-issuer-not-valid-with-smart-key.txt", {E::untrusted_issuer}},              // row 30
        {"test-example-00-e-file-invalid_issuer_url_http.smart-health-card", {E::bad_issuer_url}},         // row 31
        {"test-example-00-e-file-issuer_url_with_trailing_slash.smart-health-card", {E::bad_issuer_url}},  // 32
        {"test-example-00-d-jws-bad-fhir-metadata.txt", {}},                                 // row 62 (a warning)
        {"test-example-00-f-qr-code-numeric-value-0-wrong_qr_header.txt", {E::bad_prefix}},  // row 63
        {"test-example-00-f-qr-code-numeric-value-0-wrong-multi-chunk.txt", {E::chunked}},   // row 64
        {"test-example-00-f-qr-code-numeric-value-0-odd-count.txt", {E::odd_digit_count}},   // row 65
        {"test-example-00-f-qr-code-numeric-value-0-number-too-big.txt", {E::digit_pair_out_of_range}},  // 66
        {"test-example-00-f-qr-code-numeric-value-0-index-out-of-range.txt", {E::chunked}},              // row 67
        {"test-example-00-f-qr-code-numeric-value-0-qr_chunk_too_small.txt", {E::chunked}},              // row 68
        {"test-example-02-f-qr-code-numeric-value-0-qr_chunk_too_big.txt", {E::chunked}},                // row 69
        {"test-example-00-e-file.wrong-extension", {}},  // row 80: valid content; a file name is not a card
        // Not in the reference's tests: the pre-1.0 format (iat, no nbf) at 1258 characters, another issuer.
        {"test-example-00-d-jws-jws_too_long.txt", {E::missing_field, E::untrusted_issuer}},
        {"test-example-00-e-file-jws_too_long.smart-health-card", {E::missing_field, E::untrusted_issuer}},
    };
    for (const Case& c : signed_cases) {
      CAPTURE(c.file);
      const Verdict verdict = verify(kofu::test::read_file(invalid / c.file), options);
      const Findings findings = all_findings(verdict);
      INFO(describe(findings));
      CHECK(verdict.valid() == c.errors.empty());
      const std::vector<ShcErrc> found = error_codes(findings);
      for (ShcErrc expected : c.errors) {
        CAPTURE(to_string(expected));
        CHECK(std::find(found.begin(), found.end(), expected) != found.end());
      }
    }
    // Row 33: a kid of another issuer's key set.
    VerifyOptions two = options;
    two.issuers.push_back(
        {"https://example.invalid/not-smart", key_set(invalid / "issuer.jwks.public.not.smart.json"), {}});
    const Verdict mismatch =
        verify(kofu::test::read_file(invalid / "test-example-00-d-jws-issuer-kid-mismatch.txt"), two);
    CHECK(count(all_findings(mismatch), E::issuer_kid_mismatch) == 1);
    // Row 34: a valid card whose issuer is not trusted.
    VerifyOptions nobody = options;
    nobody.issuers.clear();
    const std::string example = kofu::test::read_file(*data / "shc/spec-examples/example-00-d-jws.txt");
    CHECK(count(all_findings(verify(example, nobody)), E::untrusted_issuer) == 1);
    // Row 29: the key set such an issuer serves is not JSON.
    auto bad_jwks = read_key_set(kofu::test::read_file(invalid / "badjwks/.well-known/jwks.json"));
    REQUIRE_FALSE(bad_jwks);
    CHECK(bad_jwks.error().code() == E::bad_json);
    // Rows 67-72: chunked sets, complete or not, are refused as chunked.
    for (const char* chunk : {"test-example-00-f-qr-code-numeric-value-16-qr_chunk_too_small.txt",
                              "test-example-02-f-qr-code-numeric-value-1-qr_chunk_too_big.txt"}) {
      CAPTURE(chunk);
      CHECK(verify(kofu::test::read_file(invalid / chunk), options).findings.at(0).code == E::chunked);
    }
  }

  TEST_CASE("invalid payloads and bundles (the unsigned stages) are rejected for their reason") {
    const auto data = kofu::test::shared_testdata_or_skip();
    if (!data) return;
    const fs::path invalid = *data / "shc/invalid";
    const VerifyOptions options = spec_options(*data, kValidationTime);
    auto payload = [&](const char* file) {
      return check_credential_text(kofu::test::read_file(invalid / file), options);
    };
    auto bundle = [&](const char* file) { return check_bundle_text(kofu::test::read_file(invalid / file)); };
    using E = ShcErrc;
    CHECK(count(bundle("test-example-00-a-fhirBundle-trailing_chars.json"), E::trailing_characters) == 1);  // 9
    CHECK(count(payload("test-example-00-b-jws-payload-expanded-trailing_chars.json"), E::trailing_characters) == 1);
    CHECK(count(payload("test-example-00-b-jws-payload-expanded-nbf_not_yet_valid.json"), E::not_yet_valid) == 1);
    CHECK(count(payload("test-example-00-b-jws-payload-expanded-nbf_milliseconds.json"), E::time_in_milliseconds) ==
          1);                                                                                       // 42
    CHECK(count(payload("test-example-00-b-jws-payload-expanded-expired.json"), E::expired) == 1);  // 43
    CHECK(count(payload("test-example-00-b-jws-payload-expanded-exp_milliseconds.json"), E::time_in_milliseconds) ==
          1);                                                                                 // 44
    const Findings pre = payload("test-example-00-b-jws-payload-expanded-pre-expired.json");  // 45
    CHECK(count(pre, E::bad_expiry) == 1);
    CHECK(count(pre, E::expired) == 1);
    CHECK(count(payload("test-example-00-b-jws-payload-expanded-missing-shc-vc-type.json"), E::missing_card_type) ==
          1);  // 46
    // Rows 47-51: spec 1.4.0 deprecated the extra types and says to ignore unknown ones: no error.
    for (const char* file : {"test-example-00-b-jws-payload-expanded-missing-imm-vc-type.json",
                             "test-example-00-b-jws-payload-expanded-missing-covid-vc-type.json",
                             "test-example-covid-lab-jwspayload-missing-lab-vc-type.json",
                             "test-example-00-b-jws-payload-expanded-optional-vc-type.json",
                             "test-example-00-b-jws-payload-expanded-unknown-vc-types.json"}) {
      CAPTURE(file);
      const Findings findings = payload(file);
      INFO(describe(findings));
      CHECK_FALSE(has_errors(findings));
    }
    const Findings coding = payload("test-example-00-b-jws-payload-expanded-missing-coding.json");  // 52
    CHECK(count(coding, E::missing_field) == 1);
    CHECK(count(coding, E::empty_value) == 2);  // vaccineCode {} and an Observation's code {}
    const Findings extra = bundle("test-example-00-a-fhirBundle-bad_meta_extra_key.json");  // 53
    CHECK_FALSE(has_errors(extra));
    CHECK(count(extra, E::not_minimised, Severity::warning) == 1);
    const Findings non_security = bundle("test-example-00-a-fhirBundle-bad_meta_non_security.json");  // 54
    CHECK_FALSE(has_errors(non_security));
    CHECK(count(non_security, E::not_minimised, Severity::warning) == 1);
    CHECK(count(bundle("test-example-00-a-fhirBundle-bad_meta_wrong_security.json"), E::wrong_field) == 1);  // 55
    CHECK(count(bundle("test-example-00-a-fhirBundle-empty-values.json"), E::empty_value) == 3);             // 56
    CHECK(count(bundle("test-example-00-a-fhirBundle-occurrence-issues.json"), E::bad_occurrence) == 2);     // 57
    CHECK(count(bundle("test-example-00-a-fhirBundle-status-not-completed.json"), E::bad_status) == 2);      // 58
    const Findings dm = bundle("test-example-00-a-non-dm-properties.json");                                  // 59
    CHECK_FALSE(has_errors(dm));
    CHECK(count(dm, E::not_minimised, Severity::warning) == 5);
    const Findings refs = bundle("test-example-00-a-short-refs.json");  // 60
    INFO(describe(refs));
    CHECK(count(refs, E::bad_reference) >= 5);
    const Findings usa = bundle("test-example-00-a-fhirBundle-profile-usa.json");  // 61
    CHECK(count(usa, E::bad_status) == 2);
    CHECK(count(usa, E::bad_occurrence) >= 1);
  }

  TEST_CASE("the key-set vectors: valid sets read, each broken rule has its code") {
    const auto data = kofu::test::shared_testdata_or_skip();
    if (!data) return;
    const fs::path invalid = *data / "shc/invalid";
    for (const char* file : {"valid_key.json", "valid_keys.json", "valid_key_with_x5c.json",
                             "valid_2_chain.public.json", "issuer.jwks.public.not.smart.json"}) {
      CAPTURE(file);
      auto set = read_key_set(kofu::test::read_file(invalid / file));
      CHECK_MESSAGE(set, (set ? "" : set.error().message()));
    }
    CHECK(read_key_set(kofu::test::read_file(invalid / "valid_keys.json"))->keys.size() == 3);
    const struct {
      const char* file;
      ShcErrc code;
    } cases[] = {
        {"wrong_kid_key.json", ShcErrc::key_wrong_kid}, {"wrong_curve_key.json", ShcErrc::key_wrong_crv},
        {"wrong_use_key.json", ShcErrc::key_wrong_use}, {"wrong_alg_key.json", ShcErrc::key_wrong_alg},
        {"wrong_kty_key.json", ShcErrc::key_wrong_kty}, {"private_key.json", ShcErrc::key_has_private_part},
    };
    for (const auto& c : cases) {
      CAPTURE(c.file);
      auto set = read_key_set(kofu::test::read_file(invalid / c.file));
      REQUIRE_FALSE(set);
      CHECK(set.error().code() == c.code);
    }
  }

  TEST_CASE("the x5c vectors: chains that match the key and the issuer pass, the others are refused") {
    const auto data = kofu::test::shared_testdata_or_skip();
    if (!data) return;
    const fs::path invalid = *data / "shc/invalid";
    const std::string expected = "https://smarthealth.cards/examples/issuer";
    auto check = [&](const char* file, const std::string& iss) {
      const KeySet keys = key_set(invalid / file);
      REQUIRE(keys.keys.size() == 1);
      return check_x5c(keys.keys[0], iss, kValidationTime);
    };
    CHECK(check("valid_key_with_x5c.json", expected));    // row 82
    CHECK(check("valid_2_chain.public.json", expected));  // row 83
    CHECK(check("valid_key.json", expected));             // no x5c: nothing to check
    const struct {
      const char* file;
      std::string iss;
      const char* reason;
    } cases[] = {
        {"valid_key_with_x5c.json", "https://invalid.url", "is not the issuer"},  // row 90
        {"invalid_DNS_SAN.public.json", expected, "no subjectAltName URI"},       // row 91
        {"invalid_no_SAN.public.json", expected, "no subjectAltName URI"},        // row 92
        {"cert_mismatch.public.json", expected, "not the JWK's key"},             // row 93
        {"invalid_chain.public.json", expected, "does not verify to its root"},   // row 94
    };
    for (const auto& c : cases) {
      CAPTURE(c.file);
      auto result = check(c.file, c.iss);
      REQUIRE_FALSE(result);
      CHECK(result.error().code() == ShcErrc::key_bad_x5c);
      CHECK(result.error().message().find(c.reason) != std::string::npos);
      MESSAGE(result.error().message());
    }
    // The key of the specification's example 01: its leaf certificate expired on 2022-06-01.
    const KeySet spec = key_set(*data / "shc/spec-examples/issuer/.well-known/jwks.json");
    const Jwk* key = spec.find("EBKOr72QQDcTBUuVzAzkfBTGew0ZA16GuWty64nS-sw");
    REQUIRE(key != nullptr);
    CHECK(check_x5c(*key, kSpecIssuer, kValidationTime));
    auto expired = check_x5c(*key, kSpecIssuer, kExamplesTime);
    REQUIRE_FALSE(expired);
    CHECK(expired.error().message().find("expired on 2022-06-01") != std::string::npos);
  }

  TEST_CASE("the revocation-list vectors: each defective list is refused") {
    const auto data = kofu::test::shared_testdata_or_skip();
    if (!data) return;
    const fs::path badcrl = *data / "shc/invalid/badcrl";
    const std::string kid = "hrvC0uzB16UXK83BnPo7Glg685b1D6iYOyJd5hpRaAA";
    for (const char* name :
         {"invalid-method", "non-base64url-rid", "duplicate-rid", "too-long-rid", "version-mismatch"}) {
      CAPTURE(name);
      const fs::path dir = badcrl / name;
      const KeySet keys = key_set(dir / ".well-known/jwks.json");
      const Jwk* key = keys.find(kid);
      REQUIRE(key != nullptr);
      auto list = read_revocation_list(kofu::test::read_file(dir / ".well-known/crl" / (kid + ".json")), *key);
      REQUIRE_FALSE(list);
      CHECK(list.error().code() == ShcErrc::bad_revocation_list);
      MESSAGE(list.error().message());
      // The card itself is signed correctly by that issuer.
      VerifyOptions options;
      options.issuers.push_back(
          {"https://raw.githubusercontent.com/smart-on-fhir/health-cards-dev-tools/main/testdata/badcrl/" +
               std::string(name),
           keys,
           {}});
      options.now = kValidationTime;
      const CredentialVerdict verdict =
          verify_jws(kofu::test::read_file(dir / ("jws-crl-" + std::string(name) + ".txt")), options);
      CHECK(verdict.signature_valid);
    }
  }
}
