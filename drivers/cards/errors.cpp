#include "drivers/cards/errors.hpp"

#include "error/category.hpp"

namespace kofu::cards {
namespace {

const char* describe(int value) noexcept {
  switch (static_cast<CardErrc>(value)) {
    case CardErrc::wrong_pin: return "wrong PIN";
    case CardErrc::pin_blocked: return "the PIN is blocked";
    case CardErrc::last_try_refused: return "only one PIN try is left";
    case CardErrc::bad_pin_format: return "the PIN is not in the card's format";
    case CardErrc::not_my_number_card: return "not a My Number card";
    case CardErrc::not_hpki_card: return "not an HPKI card";
    case CardErrc::unknown_card: return "neither a My Number card nor an HPKI card";
    case CardErrc::no_application: return "the card has no such application";
    case CardErrc::access_denied: return "the card refused access: no verified PIN";
    case CardErrc::card_refused: return "the card refused the command";
    case CardErrc::bad_file: return "the card's file is malformed";
  }
  return nullptr;
}

}  // namespace

const std::error_category& card_category() noexcept {
  static const ErrorCategory category("kofu.card", describe);
  return category;
}

std::error_code make_error_code(CardErrc e) noexcept {
  return {static_cast<int>(e), card_category()};
}

}  // namespace kofu::cards
