#include "drivers/cardsim/errors.hpp"

#include "error/category.hpp"

namespace kofu::cardsim {
namespace {

// What each code means (ErrorCategory gives the unknown ones a sentence too).
const char* describe(int value) noexcept {
  switch (static_cast<CardsimErrc>(value)) {
    case CardsimErrc::bad_persona: return "the persona file is not valid";
    case CardsimErrc::crypto_failed: return "the emulated card's RSA operation failed";
    case CardsimErrc::vpcd_unreachable: return "the vpcd reader driver is not reachable";
    case CardsimErrc::vpcd_lost: return "the connection to the vpcd reader driver was lost";
    case CardsimErrc::ready_file: return "the ready file cannot be written";
  }
  return nullptr;
}

}  // namespace

const std::error_category& cardsim_category() noexcept {
  static const ErrorCategory category("kofu.cardsim", describe);
  return category;
}

std::error_code make_error_code(CardsimErrc e) noexcept {
  return {static_cast<int>(e), cardsim_category()};
}

}  // namespace kofu::cardsim
