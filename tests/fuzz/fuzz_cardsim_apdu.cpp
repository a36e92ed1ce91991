// kofu-cardsim's emulated cards fed arbitrary bytes the way vpcd delivers them: messages of a big-endian uint16
// length and a payload, a 1-byte payload a control code (00 power off, 01 power on, 02 reset, 04 ATR), a longer one
// a command APDU. The first byte picks the card (bit 0: My Number or HPKI) and whether the T=0 and wrong-Le faults
// are on (bit 1). Nothing may crash, and every answer must end in a status word and fit a vpcd message.
#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <variant>

#include "drivers/cardsim/faulty_card.hpp"
#include "drivers/cardsim/hpki_card.hpp"
#include "drivers/cardsim/mynumber_card.hpp"
#include "drivers/cardsim/persona.hpp"
#include "test_personas.hpp"

namespace {

using namespace kofu::cardsim;

std::unique_ptr<SimulatedCard> make_card(const std::string& persona_json, bool faulty) {
  auto persona = read_persona(persona_json);
  if (!persona) std::abort();
  std::unique_ptr<SimulatedCard> card;
  if (auto* my_number = std::get_if<MyNumberPersona>(&*persona)) {
    card = std::make_unique<MyNumberCard>(std::move(*my_number));
  } else {
    card = std::make_unique<HpkiCard>(std::move(*std::get_if<HpkiPersona>(&*persona)));
  }
  Faults faults;
  faults.t0 = faulty;
  faults.wrong_le = faulty;
  return std::make_unique<FaultyCard>(std::move(card), faults);
}

// The cards, made once (RSA key generation is slow) and again only after an input that may have changed a PIN or
// its counter, so that every input starts from the same card.
struct Cards {
  std::string my_number_json = kofu::test::my_number_persona().dump();
  std::string hpki_json = kofu::test::hpki_persona().dump();
  std::array<std::unique_ptr<SimulatedCard>, 4> cards;
  bool fresh = false;

  SimulatedCard& pick(std::uint8_t selector) {
    if (!fresh) {
      for (std::size_t i = 0; i < cards.size(); ++i)
        cards[i] = make_card(i % 2 == 0 ? my_number_json : hpki_json, i >= 2);
      fresh = true;
    }
    SimulatedCard& card = *cards[selector & 0x03];
    card.power_off();
    return card;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Cards cards;
  if (size == 0) return 0;
  SimulatedCard& card = cards.pick(data[0]);
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  while (input.size() >= 2) {
    const std::size_t length = static_cast<std::uint8_t>(input[0]) << 8 | static_cast<std::uint8_t>(input[1]);
    const std::string_view payload = input.substr(2, length);
    input.remove_prefix(2 + payload.size());
    if (payload.size() == 1) {
      switch (payload[0]) {
        case 0x00: card.power_off(); break;
        case 0x01: card.power_on(); break;
        case 0x02: card.reset(); break;
        default:
          if (card.atr().empty()) std::abort();
      }
      continue;
    }
    const kofu::iso7816::Bytes response = card.execute(payload);
    if (response.size() < 2 || response.size() > 0xFFFF) std::abort();
    // VERIFY and CHANGE REFERENCE DATA change counters and PINs, which outlive power cycles.
    if (payload.size() >= 2 && (payload[1] == 0x20 || payload[1] == 0x24)) cards.fresh = false;
  }
  return 0;
}
