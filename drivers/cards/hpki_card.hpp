// The HPKI card (医師・薬剤師などの HPKI カード): its 電子署名用 and 電子認証用 applications, each a certificate, the
// issuing CA's certificate, a PIN and an RSA key. The profile is core/cards/hpki.hpp; facts in iccard.md §2.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "drivers/cards/card_session.hpp"
#include "drivers/cards/signing_card.hpp"

namespace kofu::cards {

enum class HpkiApplication { signature, authentication };
const char* to_string(HpkiApplication application) noexcept;

class HpkiCard {
 public:
  // Selects each application by its full AID: not_hpki_card when neither answers.
  static Expected<HpkiCard> open(iso7816::Transport& transport);

  bool has(HpkiApplication application) const noexcept { return present_[index(application)]; }

  Expected<iso7816::Bytes> certificate(HpkiApplication application);
  Expected<iso7816::Bytes> ca_certificate(HpkiApplication application);
  Expected<PinStatus> pin_status(HpkiApplication application);
  // VERIFY, MSE SET, PSO COMPUTE DIGITAL SIGNATURE over the padded block. The signature application wants its PIN
  // for every signature (JAHIS: 毎回), so each call verifies.
  Expected<iso7816::Bytes> sign_sha256(HpkiApplication application, std::string_view sha256, const Secret& pin,
                                       PinPolicy policy);

 private:
  explicit HpkiCard(iso7816::Transport& transport) : session_(transport) {}
  static std::size_t index(HpkiApplication application) noexcept { return static_cast<std::size_t>(application); }
  Expected<void> select(HpkiApplication application);
  Expected<iso7816::Bytes> read_file(HpkiApplication application, std::uint16_t ef, const char* what);
  Expected<std::size_t> key_size(HpkiApplication application);

  CardSession session_;
  std::array<bool, 2> present_{};
  std::array<std::optional<std::size_t>, 2> key_size_{};
};

// One application's key as a SigningCard; the card outlives it.
class HpkiKey final : public SigningCard {
 public:
  HpkiKey(HpkiCard& card, HpkiApplication application) : card_(&card), application_(application) {}
  std::string description() const override;
  Expected<iso7816::Bytes> certificate() override { return card_->certificate(application_); }
  Expected<iso7816::Bytes> ca_certificate() override { return card_->ca_certificate(application_); }
  Expected<PinStatus> pin_status() override { return card_->pin_status(application_); }
  Expected<iso7816::Bytes> sign_sha256(std::string_view sha256, const Secret& pin, PinPolicy policy) override {
    return card_->sign_sha256(application_, sha256, pin, policy);
  }

 private:
  HpkiCard* card_;
  HpkiApplication application_;
};

}  // namespace kofu::cards
