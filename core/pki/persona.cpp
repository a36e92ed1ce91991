#include "pki/persona.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <vector>

#include "cards/mynumber.hpp"
#include "pki/drbg.hpp"
#include "pki/errors.hpp"
#include "pki/test_pki.hpp"
#include "secure/secret.hpp"
#include "text/shift_jis.hpp"

namespace kofu::pki {
namespace {

using Json = nlohmann::ordered_json;

Error bad_request(std::string message) {
  return Error(PkiErrc::bad_request, std::move(message));
}

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

Expected<void> check_text(std::string_view value, const char* field) {
  if (value.empty() || text::find_invalid_utf8(value) != std::string_view::npos) {
    return unexpected(bad_request(std::string(field) + " must be non-empty UTF-8"));
  }
  return {};
}

// The retry counter fits the low nibble of 63Cx.
Expected<void> check_tries(const PinState& pin, const char* which) {
  if (pin.max_tries < 1 || pin.max_tries > 15 || pin.tries_left < 0 || pin.tries_left > pin.max_tries) {
    return unexpected(bad_request(std::string("the ") + which + " PIN's tries left (" + std::to_string(pin.tries_left) +
                                  ") must be from 0 to its maximum (" + std::to_string(pin.max_tries) +
                                  "), and the maximum from 1 to 15"));
  }
  return {};
}

Expected<void> check_four_digit_pin(const PinState& pin, const char* which) {
  if (pin.value.size() != 4 || !all_digits(pin.value)) {
    return unexpected(bad_request(std::string("the ") + which + " PIN must be 4 digits"));
  }
  return check_tries(pin, which);
}

Expected<void> check_hpki_pin(const PinState& pin, const char* which) {
  const bool printable = pin.value.find_first_not_of(
                             "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                             "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~") == std::string::npos;
  if (pin.value.size() < 4 || pin.value.size() > 16 || !printable) {
    return unexpected(bad_request(std::string("the HPKI ") + which + " PIN must be 4 to 16 ASCII characters"));
  }
  return check_tries(pin, which);
}

Expected<void> check(const MyNumberPersona& persona) {
  if (auto ok = check_text(persona.name, "the name"); !ok) return ok;
  if (auto ok = check_text(persona.address, "the address"); !ok) return ok;
  auto birth = UtcTime::parse_iso(persona.birth_date);
  if (persona.birth_date.size() != 10 || !birth) {
    return unexpected(bad_request("the birth date \"" + persona.birth_date + "\" is not a YYYY-MM-DD date"));
  }
  if (persona.sex != "0" && persona.sex != "1" && persona.sex != "2" && persona.sex != "9") {
    return unexpected(bad_request("the sex must be an ISO 5218 digit: 1 male, 2 female, 9 not applicable, 0 unknown"));
  }
  const std::string_view number = persona.my_number;
  if (number.size() != 12 || !all_digits(number) ||
      cards::mynumber::my_number_check_digit(number.substr(0, 11)) != number[11] - '0') {
    return unexpected(bad_request("the 個人番号 must be 12 digits with a valid check digit (the last)"));
  }
  if (auto ok = check_four_digit_pin(persona.jpki_auth, "JPKI authentication"); !ok) return ok;
  return check_four_digit_pin(persona.text, "券面事項入力補助");
}

// A subject id like a real 利用者証明用 certificate's: no name, only a random serial-like value.
Expected<std::string> random_id() {
  auto drbg = thread_drbg();
  if (!drbg) return unexpected(drbg.error());
  std::array<unsigned char, 16> bytes{};
  if (drbg_random(*drbg, bytes.data(), bytes.size()) != 0) {
    return unexpected(Error(PkiErrc::no_entropy, "cannot draw a random id"));
  }
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string id;
  for (const unsigned char b : bytes) {
    id += kDigits[b >> 4];
    id += kDigits[b & 0x0F];
  }
  return id;
}

Json pin_json(const PinState& pin) {
  return {{"value", pin.value}, {"tries_left", pin.tries_left}, {"max_tries", pin.max_tries}};
}

// A new RSA-2048 key and its certificate; the key's PEM goes straight into `key_pem`.
Expected<Certificate> issue_card_key(const CertificateProfile& profile, const Credential& ca, std::string& key_pem) {
  auto key = KeyPair::generate(KeyAlgorithm::rsa_2048);
  if (!key) return unexpected(key.error());
  auto certificate = issue_certificate(profile, *key, ca);
  if (!certificate) return unexpected(certificate.error());
  key_pem = key->private_key_pem();
  return certificate;
}

// A persona document: the private keys in it are wiped when it goes away, on every path.
struct PersonaDocument {
  Json json;
  std::vector<Json::json_pointer> keys;

  PersonaDocument() = default;
  PersonaDocument(const PersonaDocument&) = delete;
  PersonaDocument& operator=(const PersonaDocument&) = delete;
  ~PersonaDocument() {
    for (const auto& pointer : keys) wipe(json[pointer].get_ref<std::string&>());
  }
  void add_key(const Json::json_pointer& pointer, std::string& pem) {
    json[pointer] = pem;
    keys.push_back(pointer);
    wipe(pem);
  }
  std::string text() const { return json.dump(2) + "\n"; }
};

// HPKI role names as the HPKI certificate policy writes them (hcRole codeDataFreeText).
std::optional<std::string> hc_role_of(std::string_view role) {
  if (role == "pharmacist") return "Pharmacist";
  if (role == "doctor") return "Medical Doctor";
  if (role == "staff") return "";
  return std::nullopt;
}

}  // namespace

Expected<std::string> make_mynumber_persona(const MyNumberPersona& persona, const Credential& jpki_ca,
                                            const UtcTime& now, int days) {
  if (auto ok = check(persona); !ok) return unexpected(ok.error());
  auto profile = test_leaf_profile(jpki_ca, now, days);
  if (!profile) return unexpected(profile.error());
  auto id = random_id();
  if (!id) return unexpected(id.error());
  profile->subject.common_name = *id;
  profile->key_usage = key_usage::digital_signature;
  std::string key_pem;
  auto certificate = issue_card_key(*profile, jpki_ca, key_pem);
  if (!certificate) return unexpected(certificate.error());

  PersonaDocument document;
  document.json = {
      {"format", kPersonaFormat},
      {"card", "mynumber"},
      {"holder",
       {{"name", persona.name},
        {"address", persona.address},
        {"birth_date", persona.birth_date},
        {"sex", persona.sex},
        {"my_number", persona.my_number}}},
      {"pins", {{"jpki_auth", pin_json(persona.jpki_auth)}, {"text", pin_json(persona.text)}}},
      {"jpki",
       {{"auth_key", ""},
        {"auth_certificate", certificate->pem()},
        {"auth_ca_certificate", jpki_ca.certificate.pem()}}},
  };
  document.add_key(Json::json_pointer("/jpki/auth_key"), key_pem);
  return document.text();
}

Expected<std::string> make_hpki_persona(const HpkiPersona& persona, const Credential& hpki_ca, const UtcTime& now,
                                        int days) {
  if (auto ok = check_text(persona.name, "the name"); !ok) return unexpected(ok.error());
  const auto hc_role = hc_role_of(persona.role);
  if (!hc_role) return unexpected(bad_request("the role \"" + persona.role + "\" is not pharmacist, doctor or staff"));
  if (!persona.signature && !persona.authentication) {
    return unexpected(bad_request("an HPKI card carries the signature application, the authentication one, or both"));
  }
  PersonaDocument document;
  document.json = {{"format", kPersonaFormat},
                   {"card", "hpki"},
                   {"holder", {{"name", persona.name}, {"role", persona.role}}},
                   {"pins", Json::object()},
                   {"hpki", Json::object()}};
  const struct {
    const char* name;
    const std::optional<PinState>& pin;
    std::uint32_t usage;
  } applications[] = {
      // 電子署名用: signatures a person stands by (nonRepudiation); 電子認証用: logins and TLS.
      {"signature", persona.signature, key_usage::digital_signature | key_usage::non_repudiation},
      {"authentication", persona.authentication, key_usage::digital_signature},
  };
  for (const auto& application : applications) {
    if (!application.pin) continue;
    if (auto ok = check_hpki_pin(*application.pin, application.name); !ok) return unexpected(ok.error());
    auto profile = test_leaf_profile(hpki_ca, now, days);
    if (!profile) return unexpected(profile.error());
    profile->subject.organization = "kofu test";
    profile->subject.common_name = persona.name;
    profile->subject.title = *hc_role;
    profile->hc_role = *hc_role;
    profile->key_usage = application.usage;
    std::string key_pem;
    auto certificate = issue_card_key(*profile, hpki_ca, key_pem);
    if (!certificate) return unexpected(certificate.error());
    document.json["pins"][application.name] = pin_json(*application.pin);
    document.json["hpki"][application.name] = {
        {"key", ""}, {"certificate", certificate->pem()}, {"ca_certificate", hpki_ca.certificate.pem()}};
    document.add_key(Json::json_pointer(std::string("/hpki/") + application.name + "/key"), key_pem);
  }
  return document.text();
}

}  // namespace kofu::pki
