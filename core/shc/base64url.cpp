#include "shc/base64url.hpp"

#include <array>
#include <cstdint>

#include "shc/errors.hpp"

namespace kofu::shc {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<std::int8_t, 256> make_values() {
  std::array<std::int8_t, 256> values{};
  values.fill(-1);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    values[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  }
  return values;
}
constexpr std::array<std::int8_t, 256> kValues = make_values();

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                            static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                            static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    if (rest == 2) out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

Expected<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) {
    return unexpected(Error(ShcErrc::bad_base64url, "not base64url: a length of " + std::to_string(text.size()) +
                                                        " characters cannot be (4n + 1)"));
  }
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::int8_t value = kValues[static_cast<unsigned char>(text[i])];
    if (value < 0) {
      return unexpected(
          Error(ShcErrc::bad_base64url, std::string("not base64url: character '") +
                                            (text[i] >= 0x20 && text[i] < 0x7F ? std::string(1, text[i]) : "?") +
                                            "' at offset " + std::to_string(i)));
    }
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  // The bits left over in the last character must be zero (RFC 4648 §3.5): otherwise four texts decode to the same
  // bytes, and a signed JWS would have look-alikes.
  if (bits > 0 && (buffer & ((1U << bits) - 1U)) != 0) {
    return unexpected(Error(ShcErrc::bad_base64url, "not base64url: the last character has bits set beyond the data"));
  }
  return out;
}

}  // namespace kofu::shc
