// Shift_JIS (JIS X 0201 + JIS X 0208, no vendor extensions) <-> UTF-8, through glibc iconv.
//
// The JAHIS formats carry "ASCII or Shift_JIS" text (JAHIS Rx 1.10 表3-4): bytes 0x00-0x7F are ASCII here,
// so 0x5C is '\' and 0x7E is '~' (glibc's SHIFT_JIS would give ¥ and ‾). Characters outside JIS X 0208
// cannot be written: the encoder puts ■ (0x81A1, the JAHIS 外字 substitute) in their place and reports each.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "error/expected.hpp"

namespace kofu::text {

enum class TextErrc {
  invalid_shift_jis = 1,  // a byte sequence that is not JIS X 0201 / JIS X 0208 Shift_JIS
  truncated_shift_jis,    // a double-byte character cut off by the end of the input
  invalid_utf8,           // input that should be UTF-8 is not
  converter_unavailable,  // iconv has no SHIFT_JIS converter (glibc without gconv modules)
};
const std::error_category& text_category() noexcept;
std::error_code make_error_code(TextErrc e) noexcept;

// A conversion failure with the byte offset in the input where it happened.
struct TextError {
  TextErrc code{};
  std::size_t offset = 0;
  std::string message() const;
};

// Strict decode: the first invalid or cut sequence is an error with its byte offset.
Expected<std::string, TextError> decode_shift_jis(std::string_view sjis);

// Lenient decode: each invalid byte, or well-formed double-byte code outside JIS X 0208 (CP932 extensions,
// 外字), becomes ■ (U+25A0) and its offset is listed; a cut final character likewise. Used where bad data
// must be reported but the rest kept.
struct LossyText {
  std::string utf8;
  std::vector<std::size_t> replaced_offsets;
};
LossyText decode_shift_jis_lossy(std::string_view sjis);

// One character that Shift_JIS cannot carry, and what was written in its place.
struct Substitution {
  std::size_t utf8_offset = 0;
  char32_t code_point = 0;
  std::string_view written_as;  // UTF-8: "■", or "￥" / "￣" for ¥ and ‾
};
struct EncodedText {
  std::string sjis;
  std::vector<Substitution> substitutions;
};
// Encode UTF-8. CP932-style code points whose Shift_JIS bytes are plain JIS X 0208 (～ U+FF5E, － U+FF0D,
// ∥ U+2225, — U+2014) are written as those bytes; ¥ and ‾ become ￥ and ￣ (0x5C and 0x7E are ASCII here);
// anything else outside the set becomes ■. Every replacement is listed.
// Invalid UTF-8 is an error with its offset.
Expected<EncodedText, TextError> encode_shift_jis(std::string_view utf8);

// Validates UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF); returns the offset of the
// first bad byte, or npos when the whole input is valid.
std::size_t find_invalid_utf8(std::string_view utf8) noexcept;

// How many bytes the UTF-8 text takes in Shift_JIS: 1 for ASCII and half-width katakana, 2 otherwise.
// The JAHIS byte limits are counted this way.
std::size_t shift_jis_length(std::string_view utf8) noexcept;

}  // namespace kofu::text

template <>
struct std::is_error_code_enum<kofu::text::TextErrc> : std::true_type {};
