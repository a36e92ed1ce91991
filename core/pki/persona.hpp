// Card personas: the files kofu-cardsim reads to emulate a My Number card or an HPKI card (format
// "kofu-cardsim-persona/1", docs/pki.md). Each persona gets new RSA-2048 keys and certificates from the test PKI's
// CA. The people are fictional; the defaults below are kofu's test residents and staff.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "error/expected.hpp"
#include "pki/issuing.hpp"
#include "pki/utc_time.hpp"

namespace kofu::pki {

inline constexpr std::string_view kPersonaFormat = "kofu-cardsim-persona/1";

// A PIN as the card holds it: the value (ASCII) and its retry counter; tries_left 0 is a blocked PIN.
struct PinState {
  std::string value;
  int tries_left = 3;
  int max_tries = 3;
};

struct MyNumberPersona {
  // 券面事項入力補助AP: 氏名 (U+3000 between family and given name), 住所, 生年月日, 性別 (ISO 5218 digit), 個人番号.
  std::string name = "試験　花子";
  std::string address = "東京都千代田区試験町一丁目2番3号";
  std::string birth_date = "1980-02-17";
  std::string sex = "2";
  std::string my_number = "123456789018";  // a valid check digit; not anyone's number
  PinState jpki_auth{"1234"};              // 利用者証明用電子証明書 PIN: 4 digits
  PinState text{"1234"};                   // 券面事項入力補助用暗証番号: 4 digits
};

struct HpkiPersona {
  std::string name = "試験　薫";
  std::string role = "pharmacist";  // pharmacist, doctor or staff (staff: no HPKI role in the certificates)
  // 電子署名用 and 電子認証用 applications; a card may carry either or both. PINs: 4 to 16 ASCII characters.
  std::optional<PinState> signature = PinState{"123456"};
  std::optional<PinState> authentication = PinState{"123456"};
};

// The persona file (UTF-8 JSON): a new RSA-2048 key and its 利用者証明用 (authentication) certificate issued by the
// JPKI CA, with no personal data in it (subject C=JP, CN=random id). The text holds a private key: wipe it when done.
Expected<std::string> make_mynumber_persona(const MyNumberPersona& persona, const Credential& jpki_ca,
                                            const UtcTime& now, int days);

// The persona file of an HPKI card: per application a new RSA-2048 key and a certificate from the HPKI CA carrying
// the holder's name and role. The text holds private keys: wipe it when done.
Expected<std::string> make_hpki_persona(const HpkiPersona& persona, const Credential& hpki_ca, const UtcTime& now,
                                        int days);

}  // namespace kofu::pki
