// The My Number card (個人番号カード) for the kiosk: JPKI-AP (the 利用者証明用 certificate, its CA, the PIN counter,
// the authentication signature) and the 券面事項入力補助AP (基本4情報, and the 個人番号 only when asked for).
// Facts: ../shared/reference/iccard.md §1. Applications are always selected by their full AID.
#pragma once

#include <optional>
#include <string>

#include "cards/mynumber.hpp"
#include "drivers/cards/card_session.hpp"
#include "drivers/cards/signing_card.hpp"

namespace kofu::cards {

// What answers as JPKI, by the token label in EF 0006 (iccard.md §1.3, pitfall 12).
enum class JpkiToken {
  my_number_card,  // JPKIAPICCTOKEN2
  juki_card,       // JPKIAPICCTOKEN: the old 住民基本台帳カード
  android_phone,   // JPKIAPGPSETOKEN: スマホ用電子証明書 (no 券面 applications)
  iphone,          // JPKIAPIOSTOKEN
};
const char* to_string(JpkiToken token) noexcept;

// What the 券面事項入力補助AP gives after its PIN.
struct CardText {
  mynumber::BasicInfo basic;
  std::optional<std::string> my_number;  // only when asked for; never logged or stored (DESIGN.md)
};

class MyNumberCard final : public SigningCard {
 public:
  // Selects the JPKI-AP and reads the token label: not_my_number_card when the card has neither or another label.
  static Expected<MyNumberCard> open(iso7816::Transport& transport);

  JpkiToken token() const noexcept { return token_; }

  // SigningCard: the JPKI authentication key (利用者証明用), PIN EF 0018 (4 digits, 3 tries).
  std::string description() const override;
  Expected<iso7816::Bytes> certificate() override;     // EF 000A, no PIN needed
  Expected<iso7816::Bytes> ca_certificate() override;  // EF 000B
  Expected<PinStatus> pin_status() override;
  Expected<iso7816::Bytes> sign_sha256(std::string_view sha256, const Secret& pin, PinPolicy policy) override;

  // The 券面事項入力補助AP's PIN counter (EF 0011), no try used.
  Expected<PinStatus> text_pin_status();
  // VERIFY the 券面事項入力補助AP PIN, read the 基本4情報 and, with `with_my_number`, the 個人番号, in one session.
  Expected<CardText> read_text(const Secret& pin, PinPolicy policy, bool with_my_number);

 private:
  MyNumberCard(iso7816::Transport& transport, JpkiToken token) : session_(transport), token_(token) {}
  Expected<void> select_jpki();
  Expected<void> select_text();
  Expected<iso7816::Bytes> read_jpki_file(std::uint16_t ef, const char* what);

  CardSession session_;
  JpkiToken token_;
};

}  // namespace kofu::cards
