// The emulated HPKI card (医師・薬剤師 etc.): the 電子署名用 and/or 電子認証用 application, each with its certificate,
// the issuing CA's certificate, a PIN and an RSA-2048 key, signing by MSE SET + PSO COMPUTE DIGITAL SIGNATURE over a
// block the terminal padded. The profile (application ids, files, commands) is core/cards/hpki.hpp's, which the
// driver shares (JAHIS HPKI対応ICカードガイドライン Annex A/C; iccard.md §2).
#pragma once

#include <string_view>

#include "drivers/cardsim/file_system.hpp"
#include "drivers/cardsim/persona.hpp"
#include "drivers/cardsim/simulated_card.hpp"

namespace kofu::cardsim {

class HpkiCard final : public SimulatedCard {
 public:
  explicit HpkiCard(HpkiPersona persona);

  Bytes atr() const override { return atr_; }
  void power_on() override { files_.end_session(); }
  void power_off() override { files_.end_session(); }
  void reset() override { files_.end_session(); }
  Bytes execute(std::string_view command_apdu) override;

 private:
  Bytes dispatch(const iso7816::Command& command);
  Bytes select(const iso7816::Command& command);
  Bytes manage_security_environment(const iso7816::Command& command);
  Bytes compute_signature(const iso7816::Command& command);

  Bytes atr_;
  FileSystem files_;
};

}  // namespace kofu::cardsim
