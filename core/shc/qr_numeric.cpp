#include "shc/qr_numeric.hpp"

#include "shc/errors.hpp"

namespace kofu::shc {
namespace {

constexpr int kOffset = 45;  // '-'
constexpr int kLargest = 'z' - kOffset;

Error fail(ShcErrc code, const std::string& where) {
  return Error(code, shc_category().message(static_cast<int>(code)) + where);
}

}  // namespace

std::string encode_qr_numeric(std::string_view jws) {
  std::string text(kQrPrefix);
  text.reserve(kQrPrefix.size() + 2 * jws.size());
  for (char c : jws) {
    const int value = static_cast<unsigned char>(c) - kOffset;
    text += static_cast<char>('0' + value / 10);
    text += static_cast<char>('0' + value % 10);
  }
  return text;
}

Expected<std::string> decode_qr_numeric(std::string_view text) {
  if (!text.starts_with(kQrPrefix)) return unexpected(fail(ShcErrc::bad_prefix, ""));
  std::string_view digits = text.substr(kQrPrefix.size());
  // A scanner may end the text with a line break; nothing else may follow the digits.
  while (!digits.empty() && (digits.back() == '\n' || digits.back() == '\r')) digits.remove_suffix(1);
  if (digits.find('/') != std::string_view::npos) {
    return unexpected(fail(ShcErrc::chunked, " (\"shc:/C/N/…\"): ask the issuer for a single QR code"));
  }
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (digits[i] < '0' || digits[i] > '9') {
      return unexpected(fail(ShcErrc::not_a_digit, " at offset " + std::to_string(kQrPrefix.size() + i)));
    }
  }
  if (digits.size() % 2 != 0) {
    return unexpected(fail(ShcErrc::odd_digit_count, " (" + std::to_string(digits.size()) + " digits)"));
  }
  std::string jws;
  jws.reserve(digits.size() / 2);
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    const int value = (digits[i] - '0') * 10 + (digits[i + 1] - '0');
    if (value > kLargest) {
      return unexpected(
          fail(ShcErrc::digit_pair_out_of_range,
               ": \"" + std::string(digits.substr(i, 2)) + "\" at offset " + std::to_string(kQrPrefix.size() + i)));
    }
    jws += static_cast<char>(value + kOffset);
  }
  return jws;
}

}  // namespace kofu::shc
