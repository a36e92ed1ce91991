// The card's side of ISO/IEC 7816-3 §12.1.3: which of the cases 1, 2S/E, 3S/E, 4S/E a command APDU is, its data
// and its Le. The inverse of iso7816::encode, for bytes from outside: any input is answered, none crashes.
#pragma once

#include <optional>
#include <string_view>

#include "iso7816/apdu.hpp"

namespace kofu::cardsim {

// The command, or nothing when the length bytes do not add up to the APDU's size (the card answers 6700).
// Le 00 is 256, extended Le 00 00 is 65536.
std::optional<iso7816::Command> parse_command(std::string_view apdu);

}  // namespace kofu::cardsim
