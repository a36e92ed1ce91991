// Which card is in the reader: a My Number card when it has the JPKI application, else an HPKI card when one of the
// HPKI applications answers. Nothing is read that needs a PIN.
#pragma once

#include <variant>

#include "drivers/cards/hpki_card.hpp"
#include "drivers/cards/mynumber_card.hpp"

namespace kofu::cards {

using AnyCard = std::variant<MyNumberCard, HpkiCard>;

// unknown_card when the card is neither.
Expected<AnyCard> open_card(iso7816::Transport& transport);

}  // namespace kofu::cards
