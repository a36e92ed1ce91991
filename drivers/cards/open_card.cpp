#include "drivers/cards/open_card.hpp"

#include "drivers/cards/errors.hpp"

namespace kofu::cards {

Expected<AnyCard> open_card(iso7816::Transport& transport) {
  auto my_number = MyNumberCard::open(transport);
  if (my_number) return AnyCard(std::move(*my_number));
  if (my_number.error().code() != CardErrc::not_my_number_card) return unexpected(my_number.error());
  auto hpki = HpkiCard::open(transport);
  if (hpki) return AnyCard(*hpki);
  if (hpki.error().code() != CardErrc::not_hpki_card) return unexpected(hpki.error());
  return unexpected(Error(CardErrc::unknown_card, "neither a My Number card nor an HPKI card"));
}

}  // namespace kofu::cards
