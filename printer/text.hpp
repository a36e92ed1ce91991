// Japanese and Latin text laid out in lines and drawn in printer dots with a Font, so that names outside JIS X 0208
// (髙, 﨑, 𠮷) print as they are written (escpos-scanners.md §1.3: the printer's Kanji font cannot).
// Like Font, nothing here is thread-safe: calls share the font's glyph cache.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "error/expected.hpp"
#include "printer/bitmap.hpp"
#include "printer/font.hpp"

namespace kofu::printer {

enum class Align { left, center, right };

struct TextStyle {
  int size_dots = 24;  // the em size in dots (24 = ESC/POS font A height)
  bool bold = false;
  Align align = Align::left;
  int line_gap_dots = 0;  // extra space between lines
};

// Breaks UTF-8 text into lines no wider than `width` dots: at '\n' (which ends a line: "a\n" is one line, "" none);
// at spaces between Latin words (the spaces at a break are dropped, as are a line's trailing spaces); between any
// two characters of which one is CJK (kana, kanji, CJK punctuation, full-width forms), with the basic Japanese
// line-breaking rules (禁則処理, JIS X 4051): no line starts with 、。，．）」』】〕・ー？！, small kana or their ASCII
// counterparts ),.!?, and no line ends with （「『【〔( — such a character takes its neighbour to the next line
// with it. A word longer than the whole line is cut where it must be.
// Errors: invalid UTF-8 (bad_document, with the byte offset); a character the font lacks (missing_glyph, naming
// it as U+XXXX and its byte offset); a size, gap or width out of range (bad_document); one character wider than
// the line (does_not_fit).
Expected<std::vector<std::u32string>> wrap_text(const Font& font, std::string_view utf8, const TextStyle& style,
                                                int width);

// The wrapped lines drawn into one bitmap `width` dots wide and lines * (line_height + gap) high, each line aligned.
// Empty text gives an empty bitmap of height 0.
Expected<Bitmap> render_text(const Font& font, std::string_view utf8, const TextStyle& style, int width);

// The width in dots of a line of text (the sum of the advances), for layout.
int text_width(const Font& font, std::u32string_view line, const TextStyle& style);

}  // namespace kofu::printer
