// The emulated My Number card (個人番号カード): JPKI-AP with the 利用者証明用 key, certificate, CA certificate and
// PIN, and the 券面事項入力補助AP with the 個人番号 and the 基本4情報 behind its PIN (iccard.md §1.3, §1.4, §1.10).
#pragma once

#include <string_view>

#include "drivers/cardsim/file_system.hpp"
#include "drivers/cardsim/persona.hpp"
#include "drivers/cardsim/simulated_card.hpp"

namespace kofu::cardsim {

class MyNumberCard final : public SimulatedCard {
 public:
  explicit MyNumberCard(MyNumberPersona persona);

  Bytes atr() const override { return atr_; }
  void power_on() override { files_.end_session(); }
  void power_off() override { files_.end_session(); }
  void reset() override { files_.end_session(); }
  Bytes execute(std::string_view command_apdu) override;

 private:
  Bytes dispatch(const iso7816::Command& command);
  Bytes select(const iso7816::Command& command);
  Bytes compute_signature(const iso7816::Command& command);

  Bytes atr_;
  FileSystem files_;
};

}  // namespace kofu::cardsim
