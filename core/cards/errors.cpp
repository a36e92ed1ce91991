#include "cards/errors.hpp"

#include <string>

namespace kofu::cards {
namespace {

class CardsCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "kofu.cards"; }
  std::string message(int value) const override {
    switch (static_cast<CardsErrc>(value)) {
      case CardsErrc::bad_basic_info: return "the card's 基本4情報 record is malformed";
      case CardsErrc::bad_my_number: return "the card's 個人番号 record is malformed";
    }
    return "unknown card data error";
  }
};

}  // namespace

const std::error_category& cards_category() noexcept {
  static const CardsCategory category;
  return category;
}

std::error_code make_error_code(CardsErrc e) noexcept {
  return {static_cast<int>(e), cards_category()};
}

}  // namespace kofu::cards
