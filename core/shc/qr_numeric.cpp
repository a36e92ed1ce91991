#include "shc/qr_numeric.hpp"

#include <array>

#include "shc/errors.hpp"

namespace kofu::shc {
namespace {

constexpr int kOffset = 45;  // '-'
constexpr int kLargest = 'z' - kOffset;

Error fail(ShcErrc code, const std::string& where) {
  return Error(code, shc_category().message(static_cast<int>(code)) + where);
}

// Data codewords per version 1..22 at ECC L, M, Q, H (ISO/IEC 18004:2015 table 7).
constexpr std::array<std::array<int, 4>, kMaxQrVersion> kDataCodewords = {{
    {19, 16, 13, 9},      {34, 28, 22, 16},      {55, 44, 34, 26},     {80, 64, 48, 36},     {108, 86, 62, 46},
    {136, 108, 76, 60},   {156, 124, 88, 66},    {194, 154, 110, 86},  {232, 182, 132, 100}, {274, 216, 154, 122},
    {324, 254, 180, 140}, {370, 290, 206, 158},  {428, 334, 244, 180}, {461, 365, 261, 197}, {523, 415, 295, 223},
    {589, 453, 325, 253}, {647, 507, 367, 283},  {721, 563, 397, 313}, {795, 627, 445, 341}, {861, 669, 485, 385},
    {932, 714, 512, 406}, {1006, 782, 568, 442},
}};

// Bits of the two segments at a version: mode indicators (4 bits each), character counts (byte 8/16 bits,
// numeric 10/12 bits for versions 1-9/10-26), the 5 prefix bytes, and 10 bits per 3 digits (4 or 7 for a rest).
std::size_t segment_bits(std::size_t digits, int version) {
  const bool small = version <= 9;
  const std::size_t byte_segment = 4 + (small ? 8 : 16) + 8 * kQrPrefix.size();
  const std::size_t rest = digits % 3;
  const std::size_t numeric = 4 + (small ? 10 : 12) + 10 * (digits / 3) + (rest == 0 ? 0 : rest == 1 ? 4 : 7);
  return byte_segment + numeric;
}

}  // namespace

std::optional<int> qr_version_for(std::size_t jws_length, QrEcc ecc) {
  for (int version = 1; version <= kMaxQrVersion; ++version) {
    const auto row = static_cast<std::size_t>(version - 1);
    const auto capacity = static_cast<std::size_t>(kDataCodewords[row][static_cast<std::size_t>(ecc)]) * 8;
    if (segment_bits(2 * jws_length, version) <= capacity) return version;
  }
  return std::nullopt;
}

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
