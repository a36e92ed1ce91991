// kofu pki: the test PKI (init, persona, device) and certificate checks (show, verify, verify-signature).
#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "commands.hpp"
#include "io.hpp"
#include "iso7816/apdu.hpp"
#include "pki/chain.hpp"
#include "pki/errors.hpp"
#include "pki/persona.hpp"
#include "pki/signature.hpp"
#include "pki/test_pki.hpp"
#include "secure/secret.hpp"
#include "shc/keys.hpp"

namespace kofu::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kDefaultDays = 365;

struct InitArgs {
  std::string dir;
  bool force = false;
  int days = kDefaultDays;
  std::string device_id = "kiosk-0001";
};

struct PersonaArgs {
  std::string ca_dir;
  std::string type;
  std::string output;
  int days = kDefaultDays;
  std::optional<std::string> name;
  std::optional<std::string> address;
  std::optional<std::string> birth_date;
  std::optional<std::string> sex;
  std::optional<std::string> my_number;
  std::optional<std::string> pin;
  std::optional<int> tries_left;
  std::optional<std::string> role;
  std::optional<std::string> applications;
};

struct DeviceArgs {
  std::string ca_dir;
  std::string id;
  int days = kDefaultDays;
};

struct ShowArgs {
  std::string input;
  bool json = false;
};

struct VerifyArgs {
  std::vector<std::string> anchors;
  std::vector<std::string> intermediates;
  std::string input;
  std::string at;
};

struct VerifySignatureArgs {
  std::string certificate;
  std::string data;
  std::string challenge;
  std::string signature;
};

int fail(const std::string& command, const std::string& message, int code = kExitUsage) {
  std::cerr << "kofu pki " << command << ": " << message << '\n';
  return code;
}

// "message [code]" for a core/pki error.
std::string describe(const Error& error) {
  if (error.code().category() != pki::pki_category()) return error.message();
  return error.message() + " [" + pki::to_string(static_cast<pki::PkiErrc>(error.code().value())) + "]";
}

// A request the user can correct is a usage error; a CA that cannot issue or a failed entropy source is not.
int exit_code_for(const Error& error) {
  return error.code() == pki::PkiErrc::bad_request ? kExitUsage : kExitInvalid;
}

pki::UtcTime now() {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return pki::UtcTime::from_unix(seconds);
}

// A file `kofu pki` writes. Keys and personas are secrets: mode 0600, never over an existing file.
struct OutputFile {
  fs::path path;
  std::string text;
  bool secret = false;

  OutputFile(fs::path where, std::string content, bool is_secret)
      : path(std::move(where)), text(std::move(content)), secret(is_secret) {}
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  OutputFile(OutputFile&&) = default;
  OutputFile& operator=(OutputFile&&) = default;
  ~OutputFile() {
    if (secret) wipe(text);
  }
};

void add_credential(std::vector<OutputFile>& files, const fs::path& dir, const std::string& stem,
                    const pki::Credential& credential) {
  files.emplace_back(dir / (stem + ".key"), credential.key.private_key_pem(), true);
  files.emplace_back(dir / (stem + ".crt"), credential.certificate.pem(), false);
}

// Writes the files in order (a key before its certificate) and names each on standard output. With `replace`, a file
// already there is removed first: the secrets are written with O_EXCL.
Expected<void, std::string> write_files(const std::vector<OutputFile>& files, bool replace) {
  for (const OutputFile& file : files) {
    std::error_code error;
    fs::create_directories(file.path.parent_path(), error);
    if (error) return unexpected(file.path.parent_path().string() + ": cannot create: " + error.message());
    if (replace) {
      fs::remove(file.path, error);
      if (error) return unexpected(file.path.string() + ": cannot replace: " + error.message());
    }
    auto written =
        file.secret ? write_secret_output(file.path.string(), file.text) : write_output(file.path.string(), file.text);
    if (!written) return unexpected(written.error());
    std::cout << file.path.string() << '\n';
  }
  return {};
}

Expected<pki::Credential, std::string> load_credential(const fs::path& certificate_path, const fs::path& key_path) {
  auto certificate_text = read_input(certificate_path.string());
  if (!certificate_text) return unexpected(certificate_text.error());
  auto certificate = pki::Certificate::parse(*certificate_text);
  if (!certificate) return unexpected(certificate_path.string() + ": " + describe(certificate.error()));
  auto key_text = read_input(key_path.string());
  if (!key_text) return unexpected(key_text.error());
  auto key = pki::KeyPair::parse(*key_text);
  wipe(*key_text);
  if (!key) return unexpected(key_path.string() + ": " + describe(key.error()));
  if (!key->matches(*certificate)) {
    return unexpected(key_path.string() + " is not the key of " + certificate_path.string());
  }
  return pki::Credential{std::move(*certificate), std::move(*key)};
}

int init(const InitArgs& args) {
  const fs::path dir(args.dir);
  std::error_code error;
  if (fs::exists(dir, error) && !fs::is_empty(dir, error) && !args.force) {
    return fail("init", args.dir +
                            " is not empty; give an empty or new directory, or --force to replace kofu's "
                            "files in it");
  }
  const pki::UtcTime at = now();
  std::vector<OutputFile> files;
  // Everything is made before the first file is written, so that a failure leaves no half PKI behind.
  struct Authority {
    pki::TestAuthority kind;
    const char* folder;
    const char* stem;
  };
  const Authority authorities[] = {{pki::TestAuthority::jpki, "jpki", "ca"},
                                   {pki::TestAuthority::hpki, "hpki", "ca"},
                                   {pki::TestAuthority::device, "device", "ca"},
                                   {pki::TestAuthority::server, "server", "server-ca"}};
  std::vector<pki::Credential> cas;
  for (const Authority& authority : authorities) {
    auto ca = pki::make_test_authority(authority.kind, at, args.days);
    if (!ca) return fail("init", describe(ca.error()), exit_code_for(ca.error()));
    add_credential(files, dir / authority.folder, authority.stem, *ca);
    cas.push_back(std::move(*ca));
  }
  const pki::Credential& jpki_ca = cas[0];
  const pki::Credential& hpki_ca = cas[1];
  auto device = pki::issue_test_device(cas[2], args.device_id, at, args.days);
  if (!device) return fail("init", describe(device.error()), exit_code_for(device.error()));
  add_credential(files, dir / "device", args.device_id, *device);
  auto server = pki::issue_test_server(cas[3], at, args.days);
  if (!server) return fail("init", describe(server.error()), exit_code_for(server.error()));
  add_credential(files, dir / "server", "server", *server);

  const shc::PrivateKey issuer = shc::PrivateKey::generate();
  files.emplace_back(dir / "issuer" / "issuer.jwk", shc::to_private_jwk(issuer).dump(2) + "\n", true);
  files.emplace_back(dir / "issuer" / "jwks.json", shc::write_key_set({issuer.public_key()}), false);

  auto resident = pki::make_mynumber_persona(pki::MyNumberPersona{}, jpki_ca, at, args.days);
  if (!resident) return fail("init", describe(resident.error()), exit_code_for(resident.error()));
  files.emplace_back(dir / "personas" / "resident.json", std::move(*resident), true);
  auto pharmacist = pki::make_hpki_persona(pki::HpkiPersona{}, hpki_ca, at, args.days);
  if (!pharmacist) return fail("init", describe(pharmacist.error()), exit_code_for(pharmacist.error()));
  files.emplace_back(dir / "personas" / "pharmacist.json", std::move(*pharmacist), true);

  if (auto written = write_files(files, args.force); !written) return fail("init", written.error());
  return kExitOk;
}

// The card the options describe; options left out keep the test holder's values.
Expected<std::string> make_mynumber(const PersonaArgs& args, const pki::Credential& ca) {
  pki::MyNumberPersona persona;
  persona.name = args.name.value_or(persona.name);
  persona.address = args.address.value_or(persona.address);
  persona.birth_date = args.birth_date.value_or(persona.birth_date);
  persona.sex = args.sex.value_or(persona.sex);
  persona.my_number = args.my_number.value_or(persona.my_number);
  for (pki::PinState* pin : {&persona.jpki_auth, &persona.text}) {
    pin->value = args.pin.value_or(pin->value);
    pin->tries_left = args.tries_left.value_or(pin->tries_left);
  }
  return pki::make_mynumber_persona(persona, ca, now(), args.days);
}

Expected<std::string> make_hpki(const PersonaArgs& args, const pki::Credential& ca) {
  pki::HpkiPersona persona;
  persona.name = args.name.value_or(persona.name);
  persona.role = args.role.value_or(persona.role);
  if (args.applications == "signature") persona.authentication.reset();
  if (args.applications == "authentication") persona.signature.reset();
  for (std::optional<pki::PinState>* pin : {&persona.signature, &persona.authentication}) {
    if (!pin->has_value()) continue;
    (*pin)->value = args.pin.value_or((*pin)->value);
    (*pin)->tries_left = args.tries_left.value_or((*pin)->tries_left);
  }
  return pki::make_hpki_persona(persona, ca, now(), args.days);
}

int persona(const PersonaArgs& args) {
  const bool mynumber = args.type == "mynumber";
  // An option of the other card type would be silently ignored: say so instead.
  const bool foreign =
      mynumber ? args.role || args.applications : args.address || args.birth_date || args.sex || args.my_number;
  if (foreign) {
    return fail("persona", mynumber ? "--role and --applications are for --type hpki"
                                    : "--address, --birth-date, --sex and --my-number are for --type mynumber");
  }
  const fs::path ca_dir = fs::path(args.ca_dir) / (mynumber ? "jpki" : "hpki");
  auto ca = load_credential(ca_dir / "ca.crt", ca_dir / "ca.key");
  if (!ca) return fail("persona", ca.error());
  auto text = mynumber ? make_mynumber(args, *ca) : make_hpki(args, *ca);
  if (!text) return fail("persona", describe(text.error()), exit_code_for(text.error()));
  auto written = write_secret_output(args.output, *text);
  wipe(*text);
  if (!written) return fail("persona", written.error());
  return kExitOk;
}

int device(const DeviceArgs& args) {
  const fs::path dir = fs::path(args.ca_dir) / "device";
  auto ca = load_credential(dir / "ca.crt", dir / "ca.key");
  if (!ca) return fail("device", ca.error());
  auto issued = pki::issue_test_device(*ca, args.id, now(), args.days);
  if (!issued) return fail("device", describe(issued.error()), exit_code_for(issued.error()));
  std::vector<OutputFile> files;
  add_credential(files, dir, args.id, *issued);
  if (auto written = write_files(files, false); !written) return fail("device", written.error());
  return kExitOk;
}

nlohmann::ordered_json to_json(const pki::Certificate& certificate) {
  nlohmann::ordered_json out = {{"subject", certificate.subject()},
                                {"issuer", certificate.issuer()},
                                {"serial", certificate.serial()},
                                {"not_before", certificate.not_before().iso()},
                                {"not_after", certificate.not_after().iso()},
                                {"key", certificate.key_description()},
                                {"ca", certificate.is_ca()}};
  if (const auto length = certificate.path_length()) out["path_length"] = *length;
  if (const auto usage = certificate.key_usage()) out["key_usage"] = pki::describe_key_usage(*usage);
  if (auto purposes = certificate.extended_key_usage(); !purposes.empty()) out["extended_key_usage"] = purposes;
  if (auto names = certificate.subject_alt_names(); !names.empty()) out["subject_alt_names"] = names;
  if (auto role = certificate.hc_role()) out["hpki_role"] = *role;
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

void print_text(const pki::Certificate& certificate) {
  std::cout << "subject:     " << certificate.subject() << '\n'
            << "issuer:      " << certificate.issuer() << '\n'
            << "serial:      " << certificate.serial() << '\n'
            << "valid from:  " << certificate.not_before().iso() << '\n'
            << "valid until: " << certificate.not_after().iso() << '\n'
            << "key:         " << certificate.key_description() << '\n'
            << "CA:          " << (certificate.is_ca() ? "yes" : "no");
  if (const auto length = certificate.path_length()) std::cout << " (path length " << *length << ")";
  std::cout << '\n';
  const auto usage = certificate.key_usage();
  std::cout << "key usage:   " << (usage ? pki::describe_key_usage(*usage) : "(any: no keyUsage)") << '\n';
  if (auto purposes = certificate.extended_key_usage(); !purposes.empty()) {
    std::cout << "purposes:    " << joined(purposes) << '\n';
  }
  if (auto names = certificate.subject_alt_names(); !names.empty()) {
    std::cout << "alt names:   " << joined(names) << '\n';
  }
  if (auto role = certificate.hc_role()) std::cout << "HPKI role:   " << *role << '\n';
}

int show(const ShowArgs& args) {
  auto text = read_input(args.input);
  if (!text) return fail("show", text.error());
  auto certificates = pki::Certificate::parse_all(*text);
  if (!certificates) return fail("show", args.input + ": " + describe(certificates.error()), kExitInvalid);
  if (args.json) {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const pki::Certificate& certificate : *certificates) all.push_back(to_json(certificate));
    std::cout << (all.size() == 1 ? all[0] : all).dump(2) << '\n';
    return kExitOk;
  }
  for (std::size_t i = 0; i < certificates->size(); ++i) {
    if (i > 0) std::cout << '\n';
    print_text((*certificates)[i]);
  }
  return kExitOk;
}

Expected<std::vector<pki::Certificate>, std::string> load_certificates(const std::vector<std::string>& paths) {
  std::vector<pki::Certificate> certificates;
  for (const std::string& path : paths) {
    auto text = read_input(path);
    if (!text) return unexpected(text.error());
    auto parsed = pki::Certificate::parse_all(*text);
    if (!parsed) return unexpected(path + ": " + describe(parsed.error()));
    for (pki::Certificate& certificate : *parsed) certificates.push_back(std::move(certificate));
  }
  return certificates;
}

int verify(const VerifyArgs& args) {
  pki::UtcTime at = now();
  if (!args.at.empty()) {
    auto parsed = pki::UtcTime::parse_iso(args.at);
    if (!parsed) return fail("verify", "--at: " + parsed.error().message());
    at = *parsed;
  }
  auto anchors = load_certificates(args.anchors);
  if (!anchors) return fail("verify", anchors.error());
  auto intermediates = load_certificates(args.intermediates);
  if (!intermediates) return fail("verify", intermediates.error());
  auto text = read_input(args.input);
  if (!text) return fail("verify", text.error());
  auto leaf = pki::Certificate::parse(*text);
  if (!leaf) return fail("verify", args.input + ": " + describe(leaf.error()), kExitInvalid);
  // A CA certificate given as the leaf is checked as an issuer, anything else as a signer.
  const std::uint32_t usage = leaf->is_ca() ? pki::key_usage::key_cert_sign : pki::key_usage::digital_signature;
  if (auto ok = pki::verify_chain(*leaf, *intermediates, *anchors, at, usage); !ok) {
    return fail("verify", args.input + ": " + describe(ok.error()), kExitInvalid);
  }
  std::cout << args.input << ": valid at " << at.iso() << " (" << leaf->subject() << ")\n";
  return kExitOk;
}

// A signature given as a file (binary, or hex text) or as hex on the command line.
Expected<std::string, std::string> read_signature(const std::string& argument) {
  std::error_code error;
  if (argument == "-" || fs::is_regular_file(argument, error)) {
    auto bytes = read_input(argument);
    if (!bytes) return unexpected(bytes.error());
    std::string trimmed = *bytes;
    while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == '\r')) trimmed.pop_back();
    if (auto decoded = iso7816::parse_hex(trimmed); decoded && !decoded->empty()) return std::move(*decoded);
    return *bytes;
  }
  auto decoded = iso7816::parse_hex(argument);
  if (!decoded || decoded->empty()) {
    return unexpected("--signature " + argument + ": neither a file nor hex");
  }
  return std::move(*decoded);
}

int verify_signature(const VerifySignatureArgs& args) {
  if (args.data.empty() == args.challenge.empty()) {
    return fail("verify-signature", "give the signed bytes with either --data FILE or --challenge HEX");
  }
  auto certificate_text = read_input(args.certificate);
  if (!certificate_text) return fail("verify-signature", certificate_text.error());
  auto certificate = pki::Certificate::parse(*certificate_text);
  if (!certificate) {
    return fail("verify-signature", args.certificate + ": " + describe(certificate.error()), kExitInvalid);
  }
  std::string data;
  if (!args.data.empty()) {
    auto bytes = read_input(args.data);
    if (!bytes) return fail("verify-signature", bytes.error());
    data = std::move(*bytes);
  } else {
    auto bytes = iso7816::parse_hex(args.challenge);
    if (!bytes) return fail("verify-signature", "--challenge: " + bytes.error().message());
    data = std::move(*bytes);
  }
  auto signature = read_signature(args.signature);
  if (!signature) return fail("verify-signature", signature.error());
  if (auto ok = pki::verify_signature(*certificate, data, *signature); !ok) {
    return fail("verify-signature", describe(ok.error()), kExitInvalid);
  }
  std::cout << "signature valid (" << certificate->key_description() << ", SHA-256, " << certificate->subject()
            << ")\n";
  return kExitOk;
}

}  // namespace

void add_pki_command(CLI::App& app, Action& action) {
  CLI::App* pki = app.add_subcommand("pki", "The test PKI (JPKI, HPKI, devices, server) and X.509 checks");
  pki->require_subcommand(1);

  auto init_args = std::make_shared<InitArgs>();
  CLI::App* ini = pki->add_subcommand("init", "Make the whole test PKI in a directory (docs/pki.md)");
  ini->add_option("DIR", init_args->dir, "The directory; made when missing, refused when not empty")->required();
  ini->add_flag("--force", init_args->force, "Replace kofu's files in a directory that is not empty");
  ini->add_option("--days", init_args->days, "How long every certificate is valid")
      ->check(CLI::Range(1, pki::kMaxTestDays))
      ->capture_default_str();
  ini->add_option("--device-id", init_args->device_id, "The device certificate's id (its CN)")->capture_default_str();
  ini->footer(
      "Writes jpki/, hpki/, device/ and server/ CAs and certificates, issuer/issuer.jwk and jwks.json (the SMART "
      "Health Card issuer key) and personas/resident.json and pharmacist.json (kofu-cardsim cards); prints each "
      "path. Keys and personas are mode 0600. Every name says \"test\": never trust these CAs outside tests.\n"
      "Exit status: 0 written, 1 the PKI cannot be made (no entropy), 2 usage error (directory not empty, not "
      "writable).");
  ini->callback([&action, init_args] { action = [init_args] { return init(*init_args); }; });

  auto persona_args = std::make_shared<PersonaArgs>();
  CLI::App* per = pki->add_subcommand("persona", "Make another emulated card (kofu-cardsim persona file)");
  per->add_option("--ca-dir", persona_args->ca_dir, "The directory of `kofu pki init` (its jpki/ or hpki/ CA issues)")
      ->required();
  per->add_option("--type", persona_args->type, "mynumber (My Number card) or hpki (HPKI card)")
      ->required()
      ->check(CLI::IsMember({"mynumber", "hpki"}));
  per->add_option("-o,--output", persona_args->output, "The persona file to write (mode 0600, never overwritten)")
      ->required();
  per->add_option("--name", persona_args->name, "氏名, UTF-8 with U+3000 between family and given name");
  per->add_option("--address", persona_args->address, "住所 (mynumber)");
  per->add_option("--birth-date", persona_args->birth_date, "生年月日 as YYYY-MM-DD (mynumber)");
  per->add_option("--sex", persona_args->sex,
                  "性別, ISO 5218: 1 male, 2 female, 9 not applicable, 0 unknown (mynumber)")
      ->check(CLI::IsMember({"0", "1", "2", "9"}));
  per->add_option("--my-number", persona_args->my_number, "個人番号: 12 digits with a valid check digit (mynumber)");
  per->add_option("--pin", persona_args->pin,
                  "Every PIN of the card: 4 digits for mynumber (default 1234), 4 to 16 characters for hpki "
                  "(default 123456)");
  per->add_option("--tries-left", persona_args->tries_left, "Tries left on every PIN; 0 makes a blocked card")
      ->check(CLI::Range(0, 15));
  per->add_option("--role", persona_args->role, "pharmacist (default), doctor or staff (hpki)")
      ->check(CLI::IsMember({"pharmacist", "doctor", "staff"}));
  per->add_option("--applications", persona_args->applications,
                  "Which HPKI applications the card carries: signature, authentication or both (default) (hpki)")
      ->check(CLI::IsMember({"signature", "authentication", "both"}));
  per->add_option("--days", persona_args->days, "How long the certificates are valid (never beyond the CA)")
      ->check(CLI::Range(1, pki::kMaxTestDays))
      ->capture_default_str();
  per->footer(
      "Options left out take the fictional test holder's values (docs/pki.md). The file holds private keys and "
      "PINs.\n"
      "Exit status: 0 written, 1 the CA cannot issue (expired), 2 usage error (bad value, unreadable CA, file "
      "exists).");
  per->callback([&action, persona_args] { action = [persona_args] { return persona(*persona_args); }; });

  auto device_args = std::make_shared<DeviceArgs>();
  CLI::App* dev = pki->add_subcommand("device", "Issue another device certificate (TLS client) from the device CA");
  dev->add_option("--ca-dir", device_args->ca_dir, "The directory of `kofu pki init`")->required();
  dev->add_option("ID", device_args->id, "The device id, e.g. kiosk-0002 (letters, digits, '.', '_', '-')")->required();
  dev->add_option("--days", device_args->days, "How long the certificate is valid (never beyond the CA)")
      ->check(CLI::Range(1, pki::kMaxTestDays))
      ->capture_default_str();
  dev->footer(
      "Writes DIR/device/ID.key (mode 0600) and DIR/device/ID.crt and prints their paths.\n"
      "Exit status: 0 written, 1 the CA cannot issue (expired), 2 usage error (bad id, unreadable CA, files exist).");
  dev->callback([&action, device_args] { action = [device_args] { return device(*device_args); }; });

  auto show_args = std::make_shared<ShowArgs>();
  CLI::App* sho = pki->add_subcommand("show", "Print what a certificate says");
  sho->add_option("CERT", show_args->input, "A PEM or DER certificate, or a PEM bundle (- for standard input)")
      ->required();
  sho->add_flag("--json", show_args->json, "Print JSON instead of text");
  sho->footer(
      "Subject and issuer are RFC 4514 text (most specific first), times UTC.\n"
      "Exit status: 0 shown, 1 not a certificate, 2 usage error.");
  sho->callback([&action, show_args] { action = [show_args] { return show(*show_args); }; });

  auto verify_args = std::make_shared<VerifyArgs>();
  CLI::App* ver = pki->add_subcommand("verify", "Check a certificate's chain to a trusted CA");
  ver->add_option("--ca", verify_args->anchors, "A trusted CA certificate or PEM bundle (repeatable)")
      ->required()
      ->allow_extra_args(false);
  ver->add_option("--untrusted", verify_args->intermediates,
                  "An intermediate certificate that may complete the chain (repeatable)")
      ->allow_extra_args(false);
  ver->add_option("--at", verify_args->at, "Check validity at this UTC time, YYYY-MM-DD[THH:MM:SSZ] (default: now)");
  ver->add_option("CERT", verify_args->input, "The certificate to check (- for standard input)")->required();
  ver->footer(
      "A CA certificate given as CERT must allow keyCertSign, any other certificate digitalSignature.\n"
      "Exit status: 0 valid, 1 invalid (the message says why, with its code: expired, not_yet_valid, untrusted, "
      "bad_certificate_signature, not_a_ca, key_usage, unsupported_algorithm, malformed), 2 usage error.");
  ver->callback([&action, verify_args] { action = [verify_args] { return verify(*verify_args); }; });

  auto signature_args = std::make_shared<VerifySignatureArgs>();
  CLI::App* sig = pki->add_subcommand(
      "verify-signature", "Check an RSA PKCS #1 v1.5 or ECDSA (DER) SHA-256 signature with a certificate's key");
  sig->add_option("--cert", signature_args->certificate, "The signer's certificate, PEM or DER")->required();
  sig->add_option("--data", signature_args->data, "The signed bytes, from a file (- for standard input)");
  sig->add_option("--challenge", signature_args->challenge, "The signed bytes as hex (a login challenge)");
  sig->add_option("--signature", signature_args->signature, "The signature: a file (binary or hex text) or hex")
      ->required();
  sig->footer(
      "The certificate's chain is not checked here: use kofu pki verify.\n"
      "Exit status: 0 valid, 1 invalid (wrong data, key or signature), 2 usage error.");
  sig->callback([&action, signature_args] { action = [signature_args] { return verify_signature(*signature_args); }; });
}

}  // namespace kofu::cli
