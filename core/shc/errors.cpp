#include "shc/errors.hpp"

#include <string>

namespace kofu::shc {
namespace {

class ShcCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "kofu.shc"; }
  std::string message(int value) const override {
    switch (static_cast<ShcErrc>(value)) {
      case ShcErrc::bad_prefix: return "the QR text does not start with shc:/";
      case ShcErrc::chunked: return "chunked SMART Health Card QR codes are deprecated and not accepted";
      case ShcErrc::odd_digit_count: return "the numeric QR text has an odd number of digits";
      case ShcErrc::not_a_digit: return "the numeric QR text has a character that is not a digit";
      case ShcErrc::digit_pair_out_of_range: return "a digit pair of the numeric QR text is above 77";
      case ShcErrc::bad_base64url: return "not base64url";
      case ShcErrc::zlib_wrapper: return "the payload is zlib-wrapped instead of raw DEFLATE";
      case ShcErrc::bad_deflate: return "the payload is not valid raw DEFLATE";
      case ShcErrc::payload_too_large: return "the inflated payload is too large";
    }
    return "unknown SMART Health Card error";
  }
};

}  // namespace

const std::error_category& shc_category() noexcept {
  static const ShcCategory category;
  return category;
}

std::error_code make_error_code(ShcErrc e) noexcept {
  return {static_cast<int>(e), shc_category()};
}

}  // namespace kofu::shc
