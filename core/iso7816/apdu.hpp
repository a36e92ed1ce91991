// ISO/IEC 7816-4 command and response APDUs: encoding (short, or extended when the data or Le need it), response
// parsing, and the status words the My Number and HPKI cards answer with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "error/expected.hpp"

namespace kofu::iso7816 {

using Bytes = std::string;  // binary, as the rest of core uses it

inline constexpr std::size_t kMaxShortData = 255;
inline constexpr std::size_t kMaxShortLe = 256;  // Le byte 00
inline constexpr std::size_t kMaxExtendedData = 65535;
inline constexpr std::size_t kMaxExtendedLe = 65536;  // Le bytes 00 00

struct Command {
  std::uint8_t cla = 0x00;
  std::uint8_t ins = 0;
  std::uint8_t p1 = 0;
  std::uint8_t p2 = 0;
  Bytes data;                     // empty: no Lc
  std::optional<std::size_t> le;  // expected response length, 1..65536; none: no Le
};

// The bytes of a command: case 1-4, short when data ≤ 255 and Le ≤ 256, else extended. Fails on a data field or Le
// beyond the extended limits (and on Le 0, which cannot be written).
Expected<Bytes> encode(const Command& command);

struct Response {
  Bytes data;
  std::uint16_t sw = 0;

  std::uint8_t sw1() const noexcept { return static_cast<std::uint8_t>(sw >> 8); }
  std::uint8_t sw2() const noexcept { return static_cast<std::uint8_t>(sw & 0xFF); }
  bool ok() const noexcept { return sw == 0x9000; }
};

// A response is data followed by SW1 SW2; fewer than 2 bytes is an error, not a guess.
Expected<Response> parse_response(std::string_view bytes);

// 63 Cx: x tries left (a VERIFY failed, or the retry counter was asked for); nothing for other status words.
std::optional<int> tries_left(std::uint16_t sw) noexcept;

// What a status word means, for logs and error messages ("6A82 file or application not found").
std::string describe(std::uint16_t sw);

// "00A4040C" style hex for logs and tests; parse_hex ignores spaces and fails on anything else.
std::string to_hex(std::string_view bytes);
Expected<Bytes> parse_hex(std::string_view hex);

}  // namespace kofu::iso7816
