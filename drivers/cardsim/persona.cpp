#include "drivers/cardsim/persona.hpp"

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <utility>

#include "cards/mynumber.hpp"
#include "drivers/cardsim/errors.hpp"
#include "jahis/dates.hpp"
#include "jahis/numbers.hpp"
#include "json/json_access.hpp"
#include "pki/certificate.hpp"
#include "text/shift_jis.hpp"

namespace kofu::cardsim {
namespace {

using nlohmann::json;

// Long enough for any real name or address; keeps EF 0002 well inside a 15-bit READ BINARY offset.
constexpr std::size_t kMaxHolderText = 512;
constexpr int kMaxTries = 15;  // the counter is the low nibble of 63Cx

bool printable_ascii(std::string_view text) {
  for (const char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

Error bad(const std::string& path, const std::string& what) {
  return Error(CardsimErrc::bad_persona, path + ": " + what);
}

// One JSON object of the persona and where it is ("pins.text"), so that every error names its member.
class Members {
 public:
  Members(const json& object, std::string path) : object_(&object), path_(std::move(path)) {}

  std::string path(const char* name) const { return path_.empty() ? name : path_ + "." + name; }
  bool has(const char* name) const { return object_->contains(name); }

  // Every member must be one of `allowed`.
  Expected<void> only(std::initializer_list<const char*> allowed) const {
    for (const auto& item : object_->items()) {
      bool known = false;
      for (const char* name : allowed) known = known || item.key() == name;
      if (!known) {
        return unexpected(bad(path(item.key().c_str()),
                              "unknown member; " + std::string(kPersonaFormat) + " has no such member (a typo?)"));
      }
    }
    return {};
  }

  Expected<std::string_view> string(const char* name) const {
    if (!has(name)) return unexpected(bad(path(name), "missing"));
    const auto value = string_member(*object_, name);
    if (!value) return unexpected(bad(path(name), "must be a string"));
    return *value;
  }

  Expected<int> integer(const char* name, int low, int high) const {
    if (!has(name)) return unexpected(bad(path(name), "missing"));
    const auto value = integer_member(*object_, name, low, high);
    if (!value) {
      return unexpected(
          bad(path(name), "must be an integer from " + std::to_string(low) + " to " + std::to_string(high)));
    }
    return static_cast<int>(*value);
  }

  Expected<Members> object(const char* name) const {
    const auto it = object_->find(name);
    if (it == object_->end()) return unexpected(bad(path(name), "missing"));
    if (!it->is_object()) return unexpected(bad(path(name), "must be a JSON object"));
    return Members(*it, path(name));
  }

 private:
  const json* object_;
  std::string path_;
};

// The PEMs and PINs of the document are overwritten before it is freed.
void wipe_strings(json& value) {
  if (value.is_string()) {
    wipe(value.get_ref<std::string&>());
  } else if (value.is_structured()) {
    for (json& child : value) wipe_strings(child);
  }
}

Expected<PinSetting> read_pin(const Members& pins, const char* name, const PinRule& rule) {
  auto pin = pins.object(name);
  if (!pin) return unexpected(pin.error());
  if (auto ok = pin->only({"value", "tries_left", "max_tries"}); !ok) return unexpected(ok.error());
  auto value = pin->string("value");
  if (!value) return unexpected(value.error());
  if (!rule.allows(*value)) {
    return unexpected(bad(pin->path("value"), rule.digits_only ? "a PIN is 4 ASCII digits"
                                                               : "an HPKI PIN is 4 to 16 printable ASCII characters"));
  }
  auto max_tries = pin->integer("max_tries", 1, kMaxTries);
  if (!max_tries) return unexpected(max_tries.error());
  auto tries_left = pin->integer("tries_left", 0, *max_tries);
  if (!tries_left) {
    if (!pin->has("tries_left")) return unexpected(tries_left.error());
    return unexpected(bad(pin->path("tries_left"),
                          "must be an integer from 0 (blocked) to max_tries (" + std::to_string(*max_tries) + ")"));
  }
  std::string text(*value);
  return PinSetting{Secret::take(text), *tries_left, *max_tries};
}

// A key and its certificates; the key must be RSA-2048 and the certificate's public key its own.
Expected<Credential> read_credential(const Members& members, const char* key_name, const char* certificate_name,
                                     const char* ca_name) {
  auto key_pem = members.string(key_name);
  if (!key_pem) return unexpected(key_pem.error());
  auto certificate_pem = members.string(certificate_name);
  if (!certificate_pem) return unexpected(certificate_pem.error());
  auto ca_pem = members.string(ca_name);
  if (!ca_pem) return unexpected(ca_pem.error());
  auto key = pki::KeyPair::parse(*key_pem);
  if (!key) return unexpected(bad(members.path(key_name), key.error().message()));
  if (key->type() != pki::KeyType::rsa || key->bits() != 2048) {
    return unexpected(bad(members.path(key_name), "the key is " +
                                                      std::string(key->type() == pki::KeyType::rsa ? "RSA-" : "EC ") +
                                                      std::to_string(key->bits()) + "; the cards carry RSA-2048 keys"));
  }
  auto certificate = pki::Certificate::parse(*certificate_pem);
  if (!certificate) return unexpected(bad(members.path(certificate_name), certificate.error().message()));
  auto ca_certificate = pki::Certificate::parse(*ca_pem);
  if (!ca_certificate) return unexpected(bad(members.path(ca_name), ca_certificate.error().message()));
  if (!key->matches(*certificate)) {
    return unexpected(bad(members.path(key_name), "the key is not the one certified by " +
                                                      members.path(certificate_name) +
                                                      "; give the private key of that certificate"));
  }
  return Credential{std::move(*key), Bytes(certificate->der()), Bytes(ca_certificate->der())};
}

Expected<Bytes> read_atr(const Members& top, std::string_view fallback) {
  std::string_view hex = fallback;
  if (top.has("atr")) {
    auto text = top.string("atr");
    if (!text) return unexpected(text.error());
    hex = *text;
  }
  auto atr = iso7816::parse_hex(hex);
  // ISO/IEC 7816-3 §8.2: TS is 3B or 3F, and an ATR has at most 33 bytes.
  if (!atr || atr->size() < 2 || atr->size() > 33 ||
      (static_cast<std::uint8_t>((*atr)[0]) != 0x3B && static_cast<std::uint8_t>((*atr)[0]) != 0x3F)) {
    return unexpected(bad(top.path("atr"), "an ATR is 2 to 33 bytes in hex starting with 3B or 3F"));
  }
  return std::move(*atr);
}

// "1980-02-17": the form, and a day that exists.
bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  const std::string_view year = text.substr(0, 4);
  const std::string_view month = text.substr(5, 2);
  const std::string_view day = text.substr(8, 2);
  if (!jahis::all_digits(year) || !jahis::all_digits(month) || !jahis::all_digits(day)) return false;
  return jahis::is_whole_date({jahis::to_int(year), jahis::to_int(month), jahis::to_int(day)});
}

Expected<std::string> read_holder_text(const Members& holder, const char* name) {
  auto text = holder.string(name);
  if (!text) return unexpected(text.error());
  if (text->empty() || text->size() > kMaxHolderText || text::find_invalid_utf8(*text) != std::string_view::npos) {
    return unexpected(
        bad(holder.path(name), "must be UTF-8 text of 1 to " + std::to_string(kMaxHolderText) + " bytes"));
  }
  return std::string(*text);
}

Expected<Persona> read_my_number(const Members& top) {
  if (auto ok = top.only({"format", "card", "atr", "holder", "pins", "jpki"}); !ok) return unexpected(ok.error());
  auto atr = read_atr(top, kMyNumberAtrHex);
  if (!atr) return unexpected(atr.error());

  auto holder = top.object("holder");
  if (!holder) return unexpected(holder.error());
  if (auto ok = holder->only({"name", "address", "birth_date", "sex", "my_number"}); !ok) {
    return unexpected(ok.error());
  }
  auto name = read_holder_text(*holder, "name");
  if (!name) return unexpected(name.error());
  auto address = read_holder_text(*holder, "address");
  if (!address) return unexpected(address.error());
  auto birth = holder->string("birth_date");
  if (!birth) return unexpected(birth.error());
  if (!is_iso_date(*birth)) return unexpected(bad(holder->path("birth_date"), "must be a date YYYY-MM-DD"));
  auto sex = holder->string("sex");
  if (!sex) return unexpected(sex.error());
  if (*sex != "0" && *sex != "1" && *sex != "2" && *sex != "9") {
    return unexpected(
        bad(holder->path("sex"), "must be an ISO 5218 digit: \"1\" male, \"2\" female, \"9\" n/a, \"0\" unknown"));
  }
  auto my_number = holder->string("my_number");
  if (!my_number) return unexpected(my_number.error());
  if (my_number->size() != 12 || !jahis::all_digits(*my_number)) {
    return unexpected(bad(holder->path("my_number"), "a 個人番号 is 12 digits"));
  }
  if (cards::mynumber::my_number_check_digit(my_number->substr(0, 11)) != (*my_number)[11] - '0') {
    return unexpected(bad(holder->path("my_number"), "the check digit (the 12th digit) is wrong"));
  }

  auto pins = top.object("pins");
  if (!pins) return unexpected(pins.error());
  if (auto ok = pins->only({"jpki_auth", "text"}); !ok) return unexpected(ok.error());
  auto auth_pin = read_pin(*pins, "jpki_auth", kMyNumberPinRule);
  if (!auth_pin) return unexpected(auth_pin.error());
  auto text_pin = read_pin(*pins, "text", kMyNumberPinRule);
  if (!text_pin) return unexpected(text_pin.error());

  auto jpki = top.object("jpki");
  if (!jpki) return unexpected(jpki.error());
  if (auto ok = jpki->only({"token_label", "auth_key", "auth_certificate", "auth_ca_certificate"}); !ok) {
    return unexpected(ok.error());
  }
  std::string label = "JPKIAPICCTOKEN2";
  if (jpki->has("token_label")) {
    auto text = jpki->string("token_label");
    if (!text) return unexpected(text.error());
    if (text->empty() || text->size() > 32 || !printable_ascii(*text)) {
      return unexpected(bad(jpki->path("token_label"), "must be 1 to 32 printable ASCII characters"));
    }
    label = std::string(*text);
  }
  auto credential = read_credential(*jpki, "auth_key", "auth_certificate", "auth_ca_certificate");
  if (!credential) return unexpected(credential.error());

  std::string birth_date =
      std::string(birth->substr(0, 4)) + std::string(birth->substr(5, 2)) + std::string(birth->substr(8, 2));
  return Persona(MyNumberPersona{std::move(*atr), std::move(*name), std::move(*address), std::move(birth_date),
                                 (*sex)[0], std::string(*my_number), std::move(*auth_pin), std::move(*text_pin),
                                 std::move(label), std::move(*credential)});
}

// One HPKI application: present in "hpki" and in "pins" together, or in neither.
Expected<std::optional<HpkiApplicationPersona>> read_hpki_application(const Members& pins, const Members& hpki,
                                                                      const char* name) {
  if (!hpki.has(name)) {
    if (pins.has(name)) {
      return unexpected(bad(pins.path(name), "a PIN for an application the card does not have (" + hpki.path(name) +
                                                 " is absent); remove it"));
    }
    return std::optional<HpkiApplicationPersona>();
  }
  if (!pins.has(name)) return unexpected(bad(pins.path(name), "missing; " + hpki.path(name) + " needs its PIN"));
  auto pin = read_pin(pins, name, kHpkiPinRule);
  if (!pin) return unexpected(pin.error());
  auto application = hpki.object(name);
  if (!application) return unexpected(application.error());
  if (auto ok = application->only({"key", "certificate", "ca_certificate"}); !ok) return unexpected(ok.error());
  auto credential = read_credential(*application, "key", "certificate", "ca_certificate");
  if (!credential) return unexpected(credential.error());
  return std::optional<HpkiApplicationPersona>(HpkiApplicationPersona{std::move(*pin), std::move(*credential)});
}

Expected<Persona> read_hpki(const Members& top) {
  if (auto ok = top.only({"format", "card", "atr", "holder", "pins", "hpki"}); !ok) return unexpected(ok.error());
  auto atr = read_atr(top, kHpkiAtrHex);
  if (!atr) return unexpected(atr.error());
  HpkiPersona persona{std::move(*atr), {}, {}, std::nullopt, std::nullopt};
  if (top.has("holder")) {
    auto holder = top.object("holder");
    if (!holder) return unexpected(holder.error());
    if (auto ok = holder->only({"name", "role"}); !ok) return unexpected(ok.error());
    if (holder->has("name")) {
      auto name = read_holder_text(*holder, "name");
      if (!name) return unexpected(name.error());
      persona.holder_name = std::move(*name);
    }
    if (holder->has("role")) {
      auto role = read_holder_text(*holder, "role");
      if (!role) return unexpected(role.error());
      persona.role = std::move(*role);
    }
  }
  auto pins = top.object("pins");
  if (!pins) return unexpected(pins.error());
  if (auto ok = pins->only({"signature", "authentication"}); !ok) return unexpected(ok.error());
  auto hpki = top.object("hpki");
  if (!hpki) return unexpected(hpki.error());
  if (auto ok = hpki->only({"signature", "authentication"}); !ok) return unexpected(ok.error());
  if (!hpki->has("signature") && !hpki->has("authentication")) {
    return unexpected(bad("hpki", "has neither \"signature\" nor \"authentication\"; a card carries one or both"));
  }
  auto signature = read_hpki_application(*pins, *hpki, "signature");
  if (!signature) return unexpected(signature.error());
  auto authentication = read_hpki_application(*pins, *hpki, "authentication");
  if (!authentication) return unexpected(authentication.error());
  persona.signature = std::move(*signature);
  persona.authentication = std::move(*authentication);
  return Persona(std::move(persona));
}

Expected<Persona> read_document(const json& doc) {
  if (!doc.is_object()) return unexpected(Error(CardsimErrc::bad_persona, "the persona is not a JSON object"));
  const Members top(doc, "");
  if (!member_is(doc, "format", kPersonaFormat)) {
    return unexpected(bad("format", "must be \"" + std::string(kPersonaFormat) + "\""));
  }
  if (member_is(doc, "card", "mynumber")) return read_my_number(top);
  if (member_is(doc, "card", "hpki")) return read_hpki(top);
  return unexpected(bad("card", "must be \"mynumber\" or \"hpki\""));
}

}  // namespace

bool PinRule::allows(std::string_view pin) const noexcept {
  if (pin.size() < min_length || pin.size() > max_length) return false;
  return digits_only ? jahis::all_digits(pin) : printable_ascii(pin);
}

Expected<Persona> read_persona(std::string_view json_text) {
  std::string reason;
  json doc = parse_json<json>(json_text, &reason);
  if (doc.is_discarded()) {
    // nlohmann quotes the text around a syntax error ("last read: ..."): it may be a PIN or a key, so it is cut.
    reason.resize(std::min(reason.size(), reason.find("; last read")));
    return unexpected(Error(CardsimErrc::bad_persona, "the persona is not JSON: " + reason));
  }
  auto persona = read_document(doc);
  wipe_strings(doc);
  return persona;
}

}  // namespace kofu::cardsim
