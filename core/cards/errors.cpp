#include "cards/errors.hpp"

#include <string>

#include "error/category.hpp"

namespace kofu::cards {
namespace {

// What each code means (ErrorCategory gives the unknown ones a sentence too).
const char* describe(int value) noexcept {
  switch (static_cast<CardsErrc>(value)) {
    case CardsErrc::bad_basic_info: return "the card's 基本4情報 record is malformed";
    case CardsErrc::bad_my_number: return "the card's 個人番号 record is malformed";
  }
  return nullptr;
}

}  // namespace

const std::error_category& cards_category() noexcept {
  static const ErrorCategory category("kofu.cards", describe);
  return category;
}

std::error_code make_error_code(CardsErrc e) noexcept {
  return {static_cast<int>(e), cards_category()};
}

}  // namespace kofu::cards
