// Error codes of the card data layer (kofu.cards).
#pragma once

#include <system_error>

namespace kofu::cards {

enum class CardsErrc {
  bad_basic_info = 1,  // the 基本4情報 record is malformed
  bad_my_number,       // the 個人番号 record is malformed or its check digit is wrong
};

const std::error_category& cards_category() noexcept;
std::error_code make_error_code(CardsErrc e) noexcept;

}  // namespace kofu::cards

template <>
struct std::is_error_code_enum<kofu::cards::CardsErrc> : std::true_type {};
