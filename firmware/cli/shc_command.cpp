// kofu shc: SMART Health Card keys, issuing and verifying.
#include <chrono>
#include <iostream>

#include "commands.hpp"
#include "io.hpp"
#include "json/json_access.hpp"
#include "scanner/card_image.hpp"
#include "shc/card.hpp"
#include "shc/keys.hpp"
#include "shc/revocation.hpp"

namespace kofu::cli {
namespace {

struct KeygenArgs {
  std::string output = "-";
  std::string format = "jwk";
  std::string jwks;
};

struct JwksArgs {
  std::vector<std::string> keys;
  std::string output = "-";
};

struct IssueArgs {
  std::string key;
  std::string bundle;
  std::string iss;
  std::int64_t nbf = -1;
  std::size_t max_doses = 5;
  std::string format = "qr";
  std::string output = "-";
};

struct VerifyArgs {
  std::vector<std::string> jwks;
  std::vector<std::string> trust;
  std::vector<std::string> crls;
  std::int64_t at = -1;
  std::string input = "-";
};

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int fail(const std::string& command, const std::string& message, int code = kExitUsage) {
  std::cerr << "kofu shc " << command << ": " << message << '\n';
  return code;
}

int keygen(const KeygenArgs& args) {
  const shc::PrivateKey key = shc::PrivateKey::generate();
  std::string text = args.format == "pem" ? shc::write_private_key_pem(key) : shc::to_private_jwk(key).dump(2) + "\n";
  auto written = write_secret_output(args.output, text);
  wipe(text);
  if (!written) return fail("keygen", written.error());
  if (!args.jwks.empty()) {
    if (auto ok = write_output(args.jwks, shc::write_key_set({key.public_key()})); !ok) {
      return fail("keygen", ok.error());
    }
  }
  std::cerr << "kid " << shc::thumbprint(key.public_key()) << '\n';
  return kExitOk;
}

int jwks(const JwksArgs& args) {
  std::vector<shc::PublicKey> keys;
  for (const std::string& path : args.keys) {
    auto text = read_input(path);
    if (!text) return fail("jwks", text.error());
    auto key = shc::read_private_key(*text);
    wipe(*text);
    if (!key) return fail("jwks", path + ": " + key.error().message());
    keys.push_back(key->public_key());
  }
  if (auto ok = write_output(args.output, shc::write_key_set(keys)); !ok) return fail("jwks", ok.error());
  return kExitOk;
}

int issue(const IssueArgs& args) {
  auto key_text = read_input(args.key);
  if (!key_text) return fail("issue", key_text.error());
  auto key = shc::read_private_key(*key_text);
  wipe(*key_text);
  if (!key) return fail("issue", args.key + ": " + key.error().message());
  auto bundle_text = read_input(args.bundle);
  if (!bundle_text) return fail("issue", bundle_text.error());
  nlohmann::ordered_json bundle = parse_json<nlohmann::ordered_json>(*bundle_text);
  if (bundle.is_discarded()) return fail("issue", args.bundle + ": not JSON", kExitInvalid);
  shc::IssueOptions options{args.iss, args.nbf >= 0 ? args.nbf : now_seconds(), args.max_doses};
  // A credential payload may come instead of a bare bundle: its iss is the default.
  if (bundle.is_object() && bundle.contains("vc") && bundle["vc"].is_object()) {
    if (const auto iss = string_member(bundle, "iss"); iss && options.iss.empty()) options.iss = *iss;
    const nlohmann::ordered_json& vc = bundle["vc"];
    if (!vc.contains("credentialSubject") || !vc["credentialSubject"].is_object() ||
        !vc["credentialSubject"].contains("fhirBundle")) {
      return fail("issue", args.bundle + ": the credential has no vc.credentialSubject.fhirBundle", kExitInvalid);
    }
    nlohmann::ordered_json inner = vc["credentialSubject"]["fhirBundle"];
    bundle = std::move(inner);
  }
  if (options.iss.empty()) return fail("issue", "--iss is required (the issuer's https URL)");
  if (auto problem = shc::check_issuer_url(options.iss)) {
    return fail("issue",
                "--iss " + options.iss + ": the issuer URL must be https and must not end with / (" + *problem + ")");
  }
  auto card = shc::issue_card(bundle, *key, options);
  if (!card) {
    return fail("issue",
                args.bundle + ": " + card.error().message() + " [" +
                    shc::to_string(static_cast<shc::ShcErrc>(card.error().code().value())) + "]",
                kExitInvalid);
  }
  if (card->omitted_doses > 0) {
    std::cerr << "kofu shc issue: " << card->omitted_doses << " older dose(s) left out; the card holds the "
              << card->doses << " most recent\n";
  }
  std::string text;
  if (args.format == "jws") {
    text = card->jws + "\n";
  } else if (args.format == "file") {
    text = nlohmann::ordered_json{{"verifiableCredential", {card->jws}}}.dump() + "\n";
  } else if (args.format == "json") {
    text = nlohmann::ordered_json{{"qr", card->qr_text},
                                  {"jws", card->jws},
                                  {"qr_version", card->qr_version},
                                  {"doses", card->doses},
                                  {"omitted_doses", card->omitted_doses},
                                  {"kid", shc::thumbprint(key->public_key())},
                                  {"payload", card->payload}}
               .dump(2) +
           "\n";
  } else {
    text = card->qr_text + "\n";
  }
  if (auto ok = write_output(args.output, text); !ok) return fail("issue", ok.error());
  return kExitOk;
}

Expected<shc::KeySet, std::string> load_key_set(const std::string& path) {
  auto text = read_input(path);
  if (!text) return unexpected(text.error());
  auto set = shc::read_key_set(*text);
  if (!set) return unexpected(path + ": " + set.error().message());
  return *set;
}

int verify(const VerifyArgs& args) {
  shc::VerifyOptions options;
  options.now = args.at >= 0 ? args.at : now_seconds();
  for (const std::string& path : args.jwks) {
    auto set = load_key_set(path);
    if (!set) return fail("verify", set.error());
    options.issuers.push_back({"", *set, {}});
  }
  for (const std::string& binding : args.trust) {
    const std::size_t eq = binding.rfind('=');
    if (eq == std::string::npos || eq == 0)
      return fail("verify", "--trust wants ISS=JWKS_FILE, got \"" + binding + "\"");
    auto set = load_key_set(binding.substr(eq + 1));
    if (!set) return fail("verify", set.error());
    options.issuers.push_back({binding.substr(0, eq), *set, {}});
  }
  if (options.issuers.empty()) return fail("verify", "give the issuer keys with --jwks FILE or --trust ISS=FILE");
  for (const std::string& path : args.crls) {
    auto text = read_input(path);
    if (!text) return fail("verify", text.error());
    const auto doc = parse_json<nlohmann::json>(*text);
    const std::string kid(string_member(doc, "kid").value_or(""));
    bool placed = false;
    for (auto& issuer : options.issuers) {
      if (const shc::Jwk* key = issuer.keys.find(kid)) {
        auto list = shc::read_revocation_list(*text, *key);
        if (!list) return fail("verify", path + ": " + list.error().message(), kExitInvalid);
        issuer.revocations.push_back(*list);
        placed = true;
      }
    }
    if (!placed) return fail("verify", path + ": no trusted key has the kid of this revocation list");
  }
  shc::Verdict verdict;
  if (args.input.starts_with("shc:/")) {
    verdict = shc::verify(args.input, options);
  } else {
    auto bytes = read_input(args.input);
    if (!bytes) return fail("verify", bytes.error());
    if (scanner::looks_like_image(*bytes)) {
      auto image = scanner::decode_image(*bytes);
      if (!image) return fail("verify", args.input + ": " + image.error().message(), kExitInvalid);
      verdict = scanner::verify_card_image(*image, options);
    } else {
      verdict = shc::verify(*bytes, options);  // verify() accepts one final line break
    }
  }
  std::cout << shc::to_json(verdict).dump(2) << '\n';
  return verdict.valid() ? kExitOk : kExitInvalid;
}

}  // namespace

void add_shc_command(CLI::App& app, Action& action) {
  CLI::App* shc =
      app.add_subcommand("shc", "SMART Health Cards: ES256 keys, issuing and verifying vaccination QR codes");
  shc->require_subcommand(1);

  auto keygen_args = std::make_shared<KeygenArgs>();
  CLI::App* gen = shc->add_subcommand("keygen", "Generate an ES256 (P-256) issuer key");
  gen->add_option("-o,--output", keygen_args->output,
                  "Where to write the private key, mode 0600 (- for standard output)")
      ->capture_default_str();
  gen->add_option("--format", keygen_args->format, "jwk (a private JWK) or pem (SEC 1 EC PRIVATE KEY)")
      ->check(CLI::IsMember({"jwk", "pem"}))
      ->capture_default_str();
  gen->add_option("--jwks", keygen_args->jwks, "Also write the public key set (.well-known/jwks.json) to this file");
  gen->footer("The kid (RFC 7638 thumbprint) goes to standard error. Exit status: 0 written, 2 usage error.");
  gen->callback([&action, keygen_args] { action = [keygen_args] { return keygen(*keygen_args); }; });

  auto jwks_args = std::make_shared<JwksArgs>();
  CLI::App* set = shc->add_subcommand("jwks", "Print the public key set of one or more issuer keys");
  set->add_option("KEY", jwks_args->keys, "Private key files (JWK or PEM)")->required();
  set->add_option("-o,--output", jwks_args->output, "Where to write the key set (- for standard output)")
      ->capture_default_str();
  set->footer("Exit status: 0 written, 2 unreadable key or usage error.");
  set->callback([&action, jwks_args] { action = [jwks_args] { return jwks(*jwks_args); }; });

  auto issue_args = std::make_shared<IssueArgs>();
  CLI::App* iss = shc->add_subcommand("issue", "Sign a FHIR bundle (Patient + Immunizations) into a SMART Health Card");
  iss->add_option("--key", issue_args->key, "The issuer's private key (JWK or PEM)")->required();
  iss->add_option("--bundle", issue_args->bundle,
                  "The FHIR Bundle JSON, or a credential payload (- for standard input)")
      ->required();
  iss->add_option("--iss", issue_args->iss,
                  "The issuer URL: https, no trailing / (default: iss of a credential input)");
  iss->add_option("--nbf", issue_args->nbf, "Issuance time in seconds since the epoch (default: now)");
  iss->add_option("--max-doses", issue_args->max_doses, "Most recent doses to keep; 0 = as many as fit in one QR code")
      ->capture_default_str();
  iss->add_option("--output-format", issue_args->format,
                  "qr (the shc:/ text), jws, file (.smart-health-card) or json (everything, with the dose counts)")
      ->check(CLI::IsMember({"qr", "jws", "file", "json"}))
      ->capture_default_str();
  iss->add_option("-o,--output", issue_args->output, "Where to write the card (- for standard output)")
      ->capture_default_str();
  iss->footer(
      "The bundle is minimised as the specification requires. The oldest doses are left out beyond --max-doses and "
      "while the JWS would exceed 1195 characters (one version-22 QR code); the count goes to standard error.\n"
      "Exit status: 0 issued, 1 the bundle cannot make a card, 2 usage error.");
  iss->callback([&action, issue_args] { action = [issue_args] { return issue(*issue_args); }; });

  auto verify_args = std::make_shared<VerifyArgs>();
  CLI::App* ver = shc->add_subcommand("verify", "Verify a SMART Health Card and print the verdict as JSON");
  ver->add_option("--jwks", verify_args->jwks, "A trusted key set, for whichever issuer the card names (repeatable)")
      ->allow_extra_args(false);
  ver->add_option("--trust", verify_args->trust, "ISS=JWKS_FILE: a key set trusted only for that issuer (repeatable)")
      ->allow_extra_args(false);
  ver->add_option("--crl", verify_args->crls,
                  "A revocation list (.well-known/crl/KID.json) of a trusted key (repeatable)")
      ->allow_extra_args(false);
  ver->add_option("--at", verify_args->at, "Check nbf and exp at this time, in seconds since the epoch (default: now)");
  ver->add_option("INPUT", verify_args->input,
                  "shc:/ text, or a file holding shc:/ text, a JWS, a .smart-health-card file, a FHIR Parameters "
                  "response or a PNG or JPEG picture of the QR code (- for standard input); one final line break "
                  "is ignored")
      ->capture_default_str();
  ver->footer("Exit status: 0 valid, 1 invalid (the verdict says why, each finding with its code), 2 usage error.");
  ver->callback([&action, verify_args] { action = [verify_args] { return verify(*verify_args); }; });
}

}  // namespace kofu::cli
