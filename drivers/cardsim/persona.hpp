// The persona file: who the emulated card belongs to and what it holds (docs/cardsim.md; written by `kofu pki`).
// JSON "kofu-cardsim-persona/1", a My Number card or an HPKI card. Every member is checked and an error names it
// ("pins.jpki_auth.value: a PIN is 4 ASCII digits"); unknown members are errors, so that a typo cannot make a
// different card. PINs and private keys are wiped when the persona goes away and are never printed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "error/expected.hpp"
#include "iso7816/apdu.hpp"
#include "pki/key_pair.hpp"
#include "secure/secret.hpp"

namespace kofu::cardsim {

using iso7816::Bytes;

inline constexpr std::string_view kPersonaFormat = "kofu-cardsim-persona/1";

// What a PIN may look like: the My Number card's are 4 digits (iccard.md §1.7), HPKI PINs 4 to 16 ASCII characters
// (JAHIS HPKI対応ICカードガイドライン).
struct PinRule {
  std::size_t min_length = 4;
  std::size_t max_length = 4;
  bool digits_only = true;

  bool allows(std::string_view pin) const noexcept;
};
inline constexpr PinRule kMyNumberPinRule{4, 4, true};
inline constexpr PinRule kHpkiPinRule{4, 16, false};

// A PIN IEF: its value and its retry counter (tries_left 0: the PIN is blocked, as on a card the holder locked).
struct PinSetting {
  Secret value;
  int tries_left = 0;
  int max_tries = 0;
};

// A key pair on the card with its certificate and the certificate of the issuing CA (DER).
struct Credential {
  pki::KeyPair key;  // RSA-2048
  Bytes certificate;
  Bytes ca_certificate;
};

// A My Number card (個人番号カード) with the JPKI-AP (利用者証明用 key only: the emulated holder has no 署名用
// certificate) and the 券面事項入力補助AP.
struct MyNumberPersona {
  Bytes atr;
  // 券面事項入力補助AP contents, as the card stores them. Fictional people only.
  std::string name;        // 氏名, UTF-8
  std::string address;     // 住所, UTF-8
  std::string birth_date;  // 生年月日, YYYYMMDD
  char sex = '0';          // 性別, ISO 5218 digit
  std::string my_number;   // 個人番号, 12 digits with a valid check digit; never logged
  PinSetting jpki_auth_pin;
  PinSetting text_pin;
  std::string token_label;  // EF 0006, JPKIAPICCTOKEN2 for a plastic card
  Credential jpki_auth;
};

// One HPKI application (電子署名用 or 電子認証用) and its PIN.
struct HpkiApplicationPersona {
  PinSetting pin;
  Credential credential;
};

// An HPKI card (医師・薬剤師 etc.) with one or both applications.
struct HpkiPersona {
  Bytes atr;
  std::string holder_name;  // informational only, not on the card
  std::string role;         // pharmacist, doctor, staff: informational only
  std::optional<HpkiApplicationPersona> signature;
  std::optional<HpkiApplicationPersona> authentication;
};

using Persona = std::variant<MyNumberPersona, HpkiPersona>;

// The ATRs the emulated cards give unless the persona names one; both T=1, which pcscd negotiates through vpcd
// (iccard.md §1.9, §2).
inline constexpr std::string_view kMyNumberAtrHex = "3BDA13FF8131FB468012392F31C173C601C03B";
inline constexpr std::string_view kHpkiAtrHex = "3BF41300008131FE45004E0000A2";

// Reads and checks a persona. Errors (CardsimErrc::bad_persona) name the member and never quote a PIN, a key or
// the 個人番号.
Expected<Persona> read_persona(std::string_view json_text);

}  // namespace kofu::cardsim
