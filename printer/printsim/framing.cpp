#include "printer/printsim/framing.hpp"

namespace kofu::printsim {
namespace {

constexpr char kDle = 0x10;
constexpr char kEsc = 0x1B;
constexpr char kFs = 0x1C;
constexpr char kGs = 0x1D;

constexpr std::size_t kMaxTabs = 32;          // ESC D n1 … nk NUL: k ≤ 32
constexpr std::size_t kMaxBarcodeText = 255;  // GS k m d1 … dk NUL (m = 0–6)

unsigned at(std::string_view bytes, std::size_t i) {
  return static_cast<unsigned char>(bytes[i]);
}

Frame command(std::uint64_t length) {
  return {Frame::Kind::command, length};
}

Frame unknown() {
  return {Frame::Kind::unknown, 2};
}

// "ESC ( x pL pH …", "GS ( x pL pH …", "FS ( x pL pH …": a 16-bit length of what follows pH.
std::optional<Frame> with_16_bit_length(std::string_view bytes) {
  if (bytes.size() < 5) return std::nullopt;
  return command(5U + at(bytes, 3) + at(bytes, 4) * 256U);
}

// Data up to a NUL within `limit` bytes from `start`; a missing NUL ends the command at the limit.
std::optional<Frame> until_nul(std::string_view bytes, std::size_t start, std::size_t limit) {
  for (std::size_t i = start; i < start + limit + 1; ++i) {
    if (i >= bytes.size()) return std::nullopt;
    if (bytes[i] == '\0') return command(i + 1);
  }
  return command(start + limit + 1);
}

// ESC & y c1 c2 [x d1 … d(y·x)] for each character c1 … c2.
std::optional<Frame> user_defined_characters(std::string_view bytes) {
  if (bytes.size() < 5) return std::nullopt;
  const unsigned y = at(bytes, 2);
  const unsigned first = at(bytes, 3);
  const unsigned last = at(bytes, 4);
  if (y == 0 || y > 3 || first < 0x20 || last > 0x7E || last < first) return command(5);
  std::size_t position = 5;
  for (unsigned c = first; c <= last; ++c) {
    if (position >= bytes.size()) return std::nullopt;
    position += 1 + y * at(bytes, position);
  }
  return command(position);
}

std::optional<Frame> esc(std::string_view bytes) {
  switch (at(bytes, 1)) {
    case 0x0C:  // ESC FF: print in page mode
    case '2':
    case '<':
    case '@':
    case 'L':
    case 'S':
    case 'i':  // partial cut (old form)
    case 'm':
    case 'v': return command(2);
    case ' ':
    case '!':
    case '%':
    case '-':
    case '3':
    case '=':
    case '?':
    case 'E':
    case 'G':
    case 'J':
    case 'K':
    case 'M':
    case 'R':
    case 'T':
    case 'U':
    case 'V':
    case 'a':
    case 'd':
    case 'e':
    case 'r':
    case 't':
    case 'u':
    case '{': return command(3);
    case '$':
    case '\\':
    case 'c': return command(4);
    case 'p': return command(5);
    case 'W': return command(10);
    case '*': {
      if (bytes.size() < 5) return std::nullopt;
      const unsigned m = at(bytes, 2);
      const std::uint64_t columns = at(bytes, 3) + at(bytes, 4) * 256U;
      if (m == 0 || m == 1) return command(5 + columns);
      if (m == 32 || m == 33) return command(5 + 3 * columns);
      return unknown();
    }
    case 'D': return until_nul(bytes, 2, kMaxTabs);
    case '&': return user_defined_characters(bytes);
    case '(': return with_16_bit_length(bytes);
    default: return unknown();
  }
}

std::optional<Frame> gs(std::string_view bytes) {
  switch (at(bytes, 1)) {
    case ':':
    case 'c': return command(2);
    case '!':
    case '/':
    case 'B':
    case 'E':
    case 'H':
    case 'I':
    case 'T':
    case 'a':
    case 'b':
    case 'f':
    case 'h':
    case 'j':
    case 'r':
    case 'w': return command(3);
    case '$':
    case 'L':
    case 'P':
    case 'W':
    case '\\': return command(4);
    case '^': return command(5);
    case 'V': {
      if (bytes.size() < 3) return std::nullopt;
      switch (at(bytes, 2)) {
        case 65:
        case 66:
        case 97:
        case 98:
        case 103:
        case 104: return command(4);
        default: return command(3);
      }
    }
    case '(': return with_16_bit_length(bytes);
    case '8': {
      if (bytes.size() < 3) return std::nullopt;
      if (bytes[2] != 'L') return unknown();
      if (bytes.size() < 7) return std::nullopt;
      const std::uint64_t p =
          at(bytes, 3) | at(bytes, 4) << 8U | at(bytes, 5) << 16U | static_cast<std::uint64_t>(at(bytes, 6)) << 24U;
      return command(7 + p);
    }
    case 'v': {
      if (bytes.size() < 3) return std::nullopt;
      if (bytes[2] != '0') return unknown();
      if (bytes.size() < 8) return std::nullopt;
      const std::uint64_t x = at(bytes, 4) + at(bytes, 5) * 256U;
      const std::uint64_t y = at(bytes, 6) + at(bytes, 7) * 256U;
      return command(8 + x * y);
    }
    case 'k': {
      if (bytes.size() < 3) return std::nullopt;
      const unsigned m = at(bytes, 2);
      if (m <= 6) return until_nul(bytes, 3, kMaxBarcodeText);
      if (m >= 65 && m <= 79) {
        if (bytes.size() < 4) return std::nullopt;
        return command(4 + at(bytes, 3));
      }
      return command(3);
    }
    case '*': {
      if (bytes.size() < 4) return std::nullopt;
      return command(4 + std::uint64_t{at(bytes, 2)} * at(bytes, 3) * 8);
    }
    case 'g': {
      if (bytes.size() < 3) return std::nullopt;
      return (bytes[2] == '0' || bytes[2] == '2') ? command(6) : unknown();
    }
    default: return unknown();
  }
}

std::optional<Frame> fs(std::string_view bytes) {
  switch (at(bytes, 1)) {
    case '&':
    case '.': return command(2);
    case '!':
    case '-':
    case 'C':
    case 'W': return command(3);
    case '?':
    case 'S':
    case 'p': return command(4);
    case '2': return command(4 + 72);  // FS 2 c1 c2 + a 24×24 pattern (72 bytes)
    case '(': return with_16_bit_length(bytes);
    default: return unknown();
  }
}

}  // namespace

std::optional<std::size_t> real_time_length(std::string_view bytes) {
  if (bytes.empty()) return std::nullopt;
  if (bytes[0] != kDle) return 0;
  if (bytes.size() < 2) return std::nullopt;
  const unsigned kind = at(bytes, 1);
  if (kind != 0x04 && kind != 0x05 && kind != 0x14) return 0;
  if (bytes.size() < 3) return std::nullopt;
  const unsigned n = at(bytes, 2);
  if (kind == 0x04) return (n == 7 || n == 8 || n == 18) ? 4 : 3;  // DLE EOT 7/8/18 a
  if (kind == 0x05) return 3;
  switch (n) {          // DLE DC4 fn …
    case 1:             // 10 14 01 m t: drawer pulse
    case 2: return 5;   // 10 14 02 01 08: power off
    case 3: return 8;   // 10 14 03 a n r t1 t2: buzzer
    case 7: return 4;   // 10 14 07 m: transmit status
    case 8: return 10;  // 10 14 08 01 03 14 01 06 02 08: clear buffers
    default: return 3;
  }
}

std::optional<Frame> frame_command(std::string_view bytes) {
  if (bytes.empty()) return std::nullopt;
  const unsigned first = at(bytes, 0);
  if (first >= 0x20) return Frame{Frame::Kind::text, 1};
  if (bytes[0] == kDle) {
    const auto length = real_time_length(bytes);
    if (!length) return std::nullopt;
    if (*length == 0) return Frame{Frame::Kind::control, 1};
    return Frame{Frame::Kind::real_time, *length};
  }
  if (bytes[0] != kEsc && bytes[0] != kGs && bytes[0] != kFs) return Frame{Frame::Kind::control, 1};
  if (bytes.size() < 2) return std::nullopt;
  if (bytes[0] == kEsc) return esc(bytes);
  if (bytes[0] == kGs) return gs(bytes);
  return fs(bytes);
}

}  // namespace kofu::printsim
