#include "text/shift_jis.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <memory>

#include "error/category.hpp"

namespace kofu::text {
namespace {

// What each code means (ErrorCategory gives the unknown ones a sentence too).
const char* describe(int value) noexcept {
  switch (static_cast<TextErrc>(value)) {
    case TextErrc::invalid_shift_jis: return "invalid Shift_JIS byte sequence";
    case TextErrc::truncated_shift_jis: return "Shift_JIS double-byte character cut off at the end";
    case TextErrc::invalid_utf8: return "invalid UTF-8";
    case TextErrc::converter_unavailable: return "the SHIFT_JIS converter of iconv is not available";
  }
  return nullptr;
}

constexpr std::string_view kSubstituteUtf8 = "\u25A0";  // ■
constexpr std::string_view kSubstituteSjis = "\x81\xA1";

// One iconv descriptor per direction and thread: iconv_open loads a gconv module, which is far too slow
// to do per field, and a descriptor must not be shared between threads.
struct IconvCloser {
  void operator()(void* cd) const noexcept { iconv_close(static_cast<iconv_t>(cd)); }
};
using Converter = std::unique_ptr<void, IconvCloser>;

// iconv_open reports failure as (iconv_t)-1.
bool valid(iconv_t cd) {
  return reinterpret_cast<std::intptr_t>(cd) != -1;
}

iconv_t sjis_to_utf8() {
  thread_local Converter cd(iconv_open("UTF-8", "SHIFT_JIS"));
  iconv_t raw = cd.get();
  if (valid(raw)) iconv(raw, nullptr, nullptr, nullptr, nullptr);  // reset shift state
  return raw;
}

iconv_t utf8_to_sjis() {
  thread_local Converter cd(iconv_open("SHIFT_JIS", "UTF-8"));
  iconv_t raw = cd.get();
  if (valid(raw)) iconv(raw, nullptr, nullptr, nullptr, nullptr);
  return raw;
}

bool is_lead_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC);
}

bool is_trail_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (b >= 0x40 && b <= 0x7E) || (b >= 0x80 && b <= 0xFC);
}

// How far a conversion run got, and why it stopped short of the end.
struct Step {
  std::size_t consumed = 0;
  TextErrc failure{};
};

// Runs iconv over [pos, end), appending UTF-8 to out, until the input ends or a bad sequence is hit.
Step convert_run(iconv_t cd, std::string_view in, std::size_t pos, std::string& out) {
  char* src = const_cast<char*>(in.data() + pos);  // iconv's interface is not const-correct
  std::size_t src_left = in.size() - pos;
  char buffer[1024];
  while (src_left > 0) {
    char* dst = buffer;
    std::size_t dst_left = sizeof buffer;
    std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    out.append(buffer, static_cast<std::size_t>(dst - buffer));
    if (rc != static_cast<std::size_t>(-1)) continue;
    if (errno == E2BIG) continue;
    Step step;
    step.consumed = static_cast<std::size_t>(src - in.data()) - pos;
    step.failure = errno == EINVAL ? TextErrc::truncated_shift_jis : TextErrc::invalid_shift_jis;
    return step;
  }
  return Step{in.size() - pos, {}};
}

// glibc reads JIS X 0201 Roman: 0x5C as ¥ (U+00A5) and 0x7E as ‾ (U+203E). JAHIS data is ASCII there.
void ascii_for_roman(std::string& utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if (utf8.compare(i, 2, "\u00A5") == 0) {
      out += '\\';
      i += 1;
    } else if (utf8.compare(i, 3, "\u203E") == 0) {
      out += '~';
      i += 2;
    } else {
      out += utf8[i];
    }
  }
  utf8 = std::move(out);
}

bool needs_roman_fix(std::string_view sjis) {
  // Only single 0x5C / 0x7E bytes decode to ¥ / ‾; a trail byte with that value is part of a kanji, but
  // scanning the output for the two code points is exact either way, so this is only a fast path.
  return sjis.find_first_of("\\~") != std::string_view::npos;
}

// Decodes the next UTF-8 code point at s[i]; returns its length, or 0 when invalid.
std::size_t utf8_sequence(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1Fu;
    min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0Fu;
    min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07u;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// CP932 code points whose Shift_JIS bytes are JIS X 0208 characters that glibc knows by another code point.
char32_t jis_code_point(char32_t cp) noexcept {
  switch (cp) {
    case 0xFF5E: return 0x301C;  // ～ -> 〜 (0x8160)
    case 0x2225: return 0x2016;  // ∥ -> ‖ (0x8161)
    case 0xFF0D: return 0x2212;  // － -> − (0x817C)
    case 0x2014: return 0x2015;  // — -> ― (0x815C)
    default: return cp;
  }
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

const std::error_category& text_category() noexcept {
  static const ErrorCategory category("kofu.text", describe);
  return category;
}

std::error_code make_error_code(TextErrc e) noexcept {
  return {static_cast<int>(e), text_category()};
}

std::string TextError::message() const {
  return text_category().message(static_cast<int>(code)) + " at byte offset " + std::to_string(offset);
}

Expected<std::string, TextError> decode_shift_jis(std::string_view sjis) {
  iconv_t cd = sjis_to_utf8();
  if (!valid(cd)) return unexpected(TextError{TextErrc::converter_unavailable, 0});
  std::string out;
  out.reserve(sjis.size() + sjis.size() / 2);
  Step step = convert_run(cd, sjis, 0, out);
  if (step.consumed != sjis.size()) return unexpected(TextError{step.failure, step.consumed});
  if (needs_roman_fix(sjis)) ascii_for_roman(out);
  return out;
}

LossyText decode_shift_jis_lossy(std::string_view sjis) {
  LossyText result;
  iconv_t cd = sjis_to_utf8();
  std::size_t pos = 0;
  while (pos < sjis.size()) {
    if (!valid(cd)) {
      result.replaced_offsets.push_back(pos);
      result.utf8 += kSubstituteUtf8;
      ++pos;
      continue;
    }
    Step step = convert_run(cd, sjis, pos, result.utf8);
    pos += step.consumed;
    if (pos < sjis.size()) {
      result.replaced_offsets.push_back(pos);
      result.utf8 += kSubstituteUtf8;
      // A well-formed double-byte code outside JIS X 0208 (a CP932 extension such as ①, or 外字 in
      // 0xF040-0xF9FC) is one character: one ■ for both bytes, so its trail byte is not read as ASCII.
      pos += is_lead_byte(sjis[pos]) && pos + 1 < sjis.size() && is_trail_byte(sjis[pos + 1]) ? 2U : 1U;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
  }
  if (needs_roman_fix(sjis)) ascii_for_roman(result.utf8);
  return result;
}

Expected<EncodedText, TextError> encode_shift_jis(std::string_view utf8) {
  EncodedText result;
  result.sjis.reserve(utf8.size());
  iconv_t cd = utf8_to_sjis();
  if (!valid(cd)) return unexpected(TextError{TextErrc::converter_unavailable, 0});
  std::string one;
  std::size_t i = 0;
  while (i < utf8.size()) {
    char32_t cp = 0;
    const std::size_t len = utf8_sequence(utf8, i, cp);
    if (len == 0) return unexpected(TextError{TextErrc::invalid_utf8, i});
    if (cp < 0x80) {
      result.sjis += static_cast<char>(cp);
    } else if (cp == 0x00A5 || cp == 0x203E) {
      // JIS X 0201 Roman ¥ and ‾ share 0x5C and 0x7E with ASCII \ and ~, which is how JAHIS data reads those
      // bytes; write the full-width forms instead, so that the character survives, and say so.
      const bool yen = cp == 0x00A5;
      result.sjis += yen ? "\x81\x8F" : "\x81\x50";
      result.substitutions.push_back({i, cp, yen ? "\uFFE5" : "\uFFE3"});
    } else {
      one.clear();
      append_utf8(one, jis_code_point(cp));
      char* src = one.data();
      std::size_t src_left = one.size();
      char buffer[8];
      char* dst = buffer;
      std::size_t dst_left = sizeof buffer;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
      if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) {
        result.sjis += kSubstituteSjis;
        result.substitutions.push_back({i, cp, kSubstituteUtf8});
      } else {
        result.sjis.append(buffer, static_cast<std::size_t>(dst - buffer));
      }
    }
    i += len;
  }
  return result;
}

std::size_t find_invalid_utf8(std::string_view utf8) noexcept {
  std::size_t i = 0;
  while (i < utf8.size()) {
    char32_t cp = 0;
    const std::size_t len = utf8_sequence(utf8, i, cp);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::size_t shift_jis_length(std::string_view utf8) noexcept {
  std::size_t bytes = 0;
  std::size_t i = 0;
  while (i < utf8.size()) {
    char32_t cp = 0;
    const std::size_t len = utf8_sequence(utf8, i, cp);
    if (len == 0) {  // an invalid byte counts as one; validation reports it elsewhere
      ++bytes;
      ++i;
      continue;
    }
    bytes += (cp < 0x80 || (cp >= 0xFF61 && cp <= 0xFF9F)) ? 1 : 2;
    i += len;
  }
  return bytes;
}

}  // namespace kofu::text
