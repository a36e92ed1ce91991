// Error codes of the card emulator (kofu.cardsim): the persona file, the card's RSA operations, the vpcd link.
#pragma once

#include <system_error>

namespace kofu::cardsim {

enum class CardsimErrc {
  bad_persona = 1,   // the persona file is not a valid kofu-cardsim-persona/1 (the message names the member)
  crypto_failed,     // an RSA operation of the emulated card failed inside mbedTLS
  vpcd_unreachable,  // nothing accepted the connection at the vpcd host and port within the connect timeout
  vpcd_lost,         // the vpcd connection broke and did not come back
  ready_file,        // the ready file could not be written
};

const std::error_category& cardsim_category() noexcept;
std::error_code make_error_code(CardsimErrc e) noexcept;

}  // namespace kofu::cardsim

template <>
struct std::is_error_code_enum<kofu::cardsim::CardsimErrc> : std::true_type {};
