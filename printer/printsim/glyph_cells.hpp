// Character cells as the printer's resident font would print them: font A 12×24 dots per ANK character, font B
// 9×17, 24×24 per Kanji (escpos-scanners.md §1.2), scaled by ESC ! / GS ! / FS !, drawn from a FreeType font or,
// without one, as box outlines.
#pragma once

#include <unordered_map>

#include "printer/bitmap.hpp"
#include "printer/font.hpp"

namespace kofu::printsim {

struct CellStyle {
  int width = 12;  // the cell before scaling
  int height = 24;
  int scale_x = 1;  // 1–8
  int scale_y = 1;
  bool bold = false;
  int underline = 0;  // dots: 0, 1 or 2
  bool reverse = false;
};

// A picture `scale_x` × `scale_y` times larger, each dot a block.
printer::Bitmap enlarge(const printer::Bitmap& source, int scale_x, int scale_y);
// The picture turned half a turn (ESC { upside-down printing).
printer::Bitmap rotate_half_turn(const printer::Bitmap& source);

class GlyphCells {
 public:
  explicit GlyphCells(const printer::Font* font) : font_(font) {}

  // The cell for `c` (0: a byte with no character, drawn as a box). Spaces are blank.
  printer::Bitmap cell(char32_t c, const CellStyle& style);

 private:
  printer::Bitmap glyph(char32_t c, int width, int height, bool bold);
  int baseline(int pixel_size);

  const printer::Font* font_;
  std::unordered_map<int, int> baselines_;  // pixel size → the baseline's row in the font's glyph cells
};

}  // namespace kofu::printsim
