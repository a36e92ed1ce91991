#include "drivers/cardsim/simulated_card.hpp"

namespace kofu::cardsim {

Bytes answer(std::uint16_t status) {
  return answer({}, status);
}

Bytes answer(std::string_view data, std::uint16_t status) {
  Bytes out;
  out.reserve(data.size() + 2);
  out += data;
  out += static_cast<char>(status >> 8);
  out += static_cast<char>(status & 0xFF);
  return out;
}

std::uint16_t status_of(std::string_view response) noexcept {
  if (response.size() < 2) return 0;
  return static_cast<std::uint16_t>(static_cast<std::uint8_t>(response[response.size() - 2]) << 8 |
                                    static_cast<std::uint8_t>(response[response.size() - 1]));
}

}  // namespace kofu::cardsim
