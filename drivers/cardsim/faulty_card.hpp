// The fault switches of kofu-cardsim, and the card-side ones applied to any emulated card: a slow signature, T=0
// style 61xx answers served by GET RESPONSE, 6Cxx for a READ BINARY or GET RESPONSE that asks for more than there is
// (ISO/IEC 7816-3 §10.3.4, T=0). The link-side ones (removal, reinsertion, a mute card) are the vpcd link's.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "drivers/cardsim/simulated_card.hpp"

namespace kofu::cardsim {

struct Faults {
  // The card vanishes when the N-th APDU since start arrives: the link closes without answering it.
  std::optional<std::uint64_t> remove_after;
  // After such a removal the card comes back this much later; without it, it stays away.
  std::optional<std::chrono::milliseconds> reinsert_after;
  // A successful signature takes this long; a real card takes about 600 ms.
  std::chrono::milliseconds sign_delay{0};
  // Every answer with data becomes 61xx; the data is fetched with GET RESPONSE (00 C0 00 00 Le), 256 at most each.
  bool t0 = false;
  // A READ BINARY or GET RESPONSE whose short Le asks for more than there is gets 6Cxx (xx: what there is) instead
  // of a short read. A smaller Le is a plain partial read.
  bool wrong_le = false;
  // The card gives its ATR but never answers an APDU.
  bool mute = false;
};

class FaultyCard final : public SimulatedCard {
 public:
  using Sleep = std::function<void(std::chrono::milliseconds)>;

  // `sleep` makes the signature slow; tests pass one that records instead of waiting.
  FaultyCard(std::unique_ptr<SimulatedCard> card, const Faults& faults, Sleep sleep = default_sleep);

  Bytes atr() const override { return card_->atr(); }
  void power_on() override;
  void power_off() override;
  void reset() override;
  Bytes execute(std::string_view command_apdu) override;

  static void default_sleep(std::chrono::milliseconds duration);

 private:
  Bytes get_response(const iso7816::Command& command);

  std::unique_ptr<SimulatedCard> card_;
  Faults faults_;
  Sleep sleep_;
  Bytes pending_;  // T=0: the data of the last answer that GET RESPONSE has not fetched yet
};

}  // namespace kofu::cardsim
