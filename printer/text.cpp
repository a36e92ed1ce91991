#include "printer/text.hpp"

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdio>
#include <utility>

#include "printer/errors.hpp"
#include "text/shift_jis.hpp"

namespace kofu::printer {
namespace {

// Larger than any receipt needs, small enough that sums of advances and heights stay far from int overflow.
constexpr int kMaxSizeDots = 1024;
constexpr int kMaxGapDots = 1024;
constexpr int kMaxWidthDots = 65535;
// Bytes of the text shown on each side of a bad character in a message.
constexpr std::size_t kExcerptBytes = 30;

struct Char {
  char32_t code = 0;
  std::size_t offset = 0;  // in the UTF-8 text, for messages
};

bool is_continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0U) == 0x80U;
}

// Input already checked by find_invalid_utf8, so only the lead byte decides the length.
char32_t decode_at(std::string_view utf8, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(utf8[i++]);
  if (lead < 0x80U) return lead;
  const int trail = lead >= 0xF0U ? 3 : lead >= 0xE0U ? 2 : 1;
  char32_t code = lead & (0x3FU >> trail);
  for (int k = 0; k < trail; ++k) code = (code << 6U) | (static_cast<unsigned char>(utf8[i++]) & 0x3FU);
  return code;
}

std::string code_point_name(char32_t code) {
  char name[16];
  std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(code));
  return name;
}

// The text around byte `offset`, cut at character boundaries, for a message.
std::string excerpt(std::string_view utf8, std::size_t offset) {
  std::size_t begin = offset > kExcerptBytes ? offset - kExcerptBytes : 0;
  while (begin > 0 && is_continuation(utf8[begin])) --begin;
  std::size_t end = std::min(utf8.size(), offset + kExcerptBytes);
  while (end < utf8.size() && is_continuation(utf8[end])) ++end;
  std::string out = "\"";
  if (begin > 0) out += "…";
  for (const char byte : utf8.substr(begin, end - begin)) out += byte == '\n' ? ' ' : byte;
  if (end < utf8.size()) out += "…";
  return out + "\"";
}

Error document_error(std::string message) {
  return {PrinterErrc::bad_document, std::move(message)};
}

Expected<void> check_layout(const TextStyle& style, int width) {
  if (style.size_dots < 1 || style.size_dots > kMaxSizeDots) {
    return unexpected(document_error("text size " + std::to_string(style.size_dots) +
                                     " dots is out of range; use 1 to " + std::to_string(kMaxSizeDots)));
  }
  if (style.line_gap_dots < 0 || style.line_gap_dots > kMaxGapDots) {
    return unexpected(document_error("line gap " + std::to_string(style.line_gap_dots) +
                                     " dots is out of range; use 0 to " + std::to_string(kMaxGapDots)));
  }
  if (width < 1 || width > kMaxWidthDots) {
    return unexpected(document_error("text width " + std::to_string(width) + " dots is out of range; use 1 to " +
                                     std::to_string(kMaxWidthDots)));
  }
  return {};
}

// The characters of the text with line ends as '\n' (CR LF and a lone CR count as one) and tabs as spaces; every
// other character must be in the font.
Expected<std::vector<Char>> decode_text(const Font& font, std::string_view utf8) {
  if (const std::size_t bad = text::find_invalid_utf8(utf8); bad != std::string_view::npos) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(utf8[bad])));
    return unexpected(document_error("the text is not valid UTF-8 at byte " + std::to_string(bad) + " (" + byte +
                                     "); send the document as UTF-8"));
  }
  std::vector<Char> chars;
  chars.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) {
    const std::size_t offset = i;
    char32_t code = decode_at(utf8, i);
    if (code == U'\r') {
      if (i < utf8.size() && utf8[i] == '\n') continue;
      code = U'\n';
    } else if (code == U'\t') {
      code = U' ';
    }
    if (code != U'\n' && !font.has_glyph(code)) {
      return unexpected(Error(PrinterErrc::missing_glyph,
                              "the font " + font.describe() + " has no glyph for " + code_point_name(code) +
                                  " at byte " + std::to_string(offset) + " of " + excerpt(utf8, offset) +
                                  "; leave the character out or set KOFU_FONT to a font that has it"));
    }
    chars.push_back({code, offset});
  }
  return chars;
}

// Kana, kanji, CJK punctuation and full-width forms: Japanese text may break between any two of them.
bool is_cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) ||  // radicals
         (c >= 0x3000 && c <= 0x33FF) ||  // CJK punctuation, kana, bopomofo, enclosed and compatibility forms
         (c >= 0x3400 && c <= 0x4DBF) ||  // extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // unified ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||  // compatibility ideographs (﨑 U+FA11)
         (c >= 0xFE30 && c <= 0xFE4F) ||  // vertical compatibility forms
         (c >= 0xFF00 && c <= 0xFFEF) ||  // full-width and half-width forms
         (c >= 0x20000 && c <= 0x3FFFF);  // extensions B and later (𠮷 U+20BB7)
}

// 行頭禁則: closing brackets, punctuation, the prolonged sound mark and small kana do not start a line
// (JIS X 4051 classes 2–7 and 11, the commonly applied part).
bool no_line_start(char32_t c) {
  switch (c) {
    case U'、':
    case U'。':
    case U'，':
    case U'．':
    case U'・':
    case U'：':
    case U'；':
    case U'？':
    case U'！':
    case U'）':
    case U'」':
    case U'』':
    case U'】':
    case U'〕':
    case U'］':
    case U'｝':
    case U'〉':
    case U'》':
    case U'〙':
    case U'〗':
    case U'’':
    case U'”':
    case U'ー':
    case U'ゝ':
    case U'ゞ':
    case U'ヽ':
    case U'ヾ':
    case U'々':
    case U'ぁ':
    case U'ぃ':
    case U'ぅ':
    case U'ぇ':
    case U'ぉ':
    case U'っ':
    case U'ゃ':
    case U'ゅ':
    case U'ょ':
    case U'ゎ':
    case U'ゕ':
    case U'ゖ':
    case U'ァ':
    case U'ィ':
    case U'ゥ':
    case U'ェ':
    case U'ォ':
    case U'ッ':
    case U'ャ':
    case U'ュ':
    case U'ョ':
    case U'ヮ':
    case U'ヵ':
    case U'ヶ':
    case U'｡':
    case U'､':
    case U'ｰ':
    case U'ｧ':
    case U'ｨ':
    case U'ｩ':
    case U'ｪ':
    case U'ｫ':
    case U'ｬ':
    case U'ｭ':
    case U'ｮ':
    case U'ｯ':
    case U')':
    case U']':
    case U'}':
    case U',':
    case U'.':
    case U'!':
    case U'?':
    case U':':
    case U';': return true;
    default: return false;
  }
}

// 行末禁則: opening brackets do not end a line.
bool no_line_end(char32_t c) {
  switch (c) {
    case U'（':
    case U'「':
    case U'『':
    case U'【':
    case U'〔':
    case U'［':
    case U'｛':
    case U'〈':
    case U'《':
    case U'〘':
    case U'〖':
    case U'‘':
    case U'“':
    case U'｢':
    case U'(':
    case U'[':
    case U'{': return true;
    default: return false;
  }
}

bool can_break_before(const std::vector<Char>& chars, std::size_t i) {
  const char32_t before = chars[i - 1].code;
  const char32_t after = chars[i].code;
  if (after == U' ' || no_line_start(after) || no_line_end(before)) return false;
  return before == U' ' || is_cjk(before) || is_cjk(after);
}

// Appends the lines of chars[begin, end), a paragraph without '\n'. Greedy: a line takes characters until the next
// would overflow, then ends at the last break opportunity (or, for one overlong word, before that character).
Expected<void> wrap_paragraph(const std::vector<Char>& chars, const std::vector<int>& advances, std::size_t begin,
                              std::size_t end, int width, std::vector<std::u32string>& lines) {
  const auto emit = [&](std::size_t from, std::size_t to) {
    while (to > from && chars[to - 1].code == U' ') --to;
    std::u32string line;
    line.reserve(to - from);
    for (std::size_t k = from; k < to; ++k) line += chars[k].code;
    lines.push_back(std::move(line));
  };
  bool emitted = false;
  std::size_t start = begin;
  std::size_t last_break = start;  // == start: no break opportunity yet
  long long line_width = 0;
  std::size_t i = start;
  while (i < end) {
    const bool space = chars[i].code == U' ';
    if (!space && i > start && can_break_before(chars, i)) last_break = i;
    line_width += advances[i];
    // Spaces hang past the edge: they are dropped at the break.
    if (space || line_width <= width) {
      ++i;
      continue;
    }
    std::size_t cut = last_break;
    if (cut == start) {
      if (i == start) {
        return unexpected(
            Error(PrinterErrc::does_not_fit, "the character " + code_point_name(chars[i].code) + " at byte " +
                                                 std::to_string(chars[i].offset) + " is " +
                                                 std::to_string(advances[i]) + " dots wide, wider than the line of " +
                                                 std::to_string(width) + " dots; use a smaller text size"));
      }
      cut = i;
    }
    emit(start, cut);
    emitted = true;
    start = cut;
    while (start < end && chars[start].code == U' ') ++start;
    last_break = start;
    line_width = 0;
    i = start;
  }
  if (start < end || !emitted) emit(start, end);
  return {};
}

}  // namespace

Expected<std::vector<std::u32string>> wrap_text(const Font& font, std::string_view utf8, const TextStyle& style,
                                                int width) {
  if (auto checked = check_layout(style, width); !checked) return unexpected(checked.error());
  auto decoded = decode_text(font, utf8);
  if (!decoded) return unexpected(std::move(decoded).error());
  const std::vector<Char>& chars = *decoded;
  std::vector<int> advances(chars.size(), 0);
  for (std::size_t k = 0; k < chars.size(); ++k) {
    if (chars[k].code != U'\n') advances[k] = font.advance(chars[k].code, style.size_dots);
  }
  std::vector<std::u32string> lines;
  std::size_t begin = 0;
  // '\n' ends a line, so text ending in '\n' has no empty last line.
  while (begin < chars.size()) {
    std::size_t end = begin;
    while (end < chars.size() && chars[end].code != U'\n') ++end;
    if (auto wrapped = wrap_paragraph(chars, advances, begin, end, width, lines); !wrapped) {
      return unexpected(wrapped.error());
    }
    begin = end + 1;
  }
  return lines;
}

Expected<Bitmap> render_text(const Font& font, std::string_view utf8, const TextStyle& style, int width) {
  auto lines = wrap_text(font, utf8, style, width);
  if (!lines) return unexpected(std::move(lines).error());
  const int pitch = font.line_height(style.size_dots) + style.line_gap_dots;
  if (pitch > 0 && lines->size() > static_cast<std::size_t>(INT_MAX / pitch)) {
    return unexpected(Error(PrinterErrc::does_not_fit, "the text has " + std::to_string(lines->size()) +
                                                           " lines, too many for one picture; split the text"));
  }
  Bitmap picture(width, static_cast<int>(lines->size()) * pitch);
  int y = 0;
  for (const std::u32string& line : *lines) {
    const int room = width - text_width(font, line, style);
    int x = style.align == Align::center ? room / 2 : style.align == Align::right ? room : 0;
    for (const char32_t c : line) {
      picture.draw(font.glyph(c, style.size_dots, style.bold), x, y);
      x += font.advance(c, style.size_dots);
    }
    y += pitch;
  }
  return picture;
}

int text_width(const Font& font, std::u32string_view line, const TextStyle& style) {
  long long width = 0;
  for (const char32_t c : line) width += font.advance(c, style.size_dots);
  return static_cast<int>(std::min<long long>(width, INT_MAX));
}

}  // namespace kofu::printer
