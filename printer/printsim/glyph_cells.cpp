#include "printer/printsim/glyph_cells.hpp"

#include <algorithm>

namespace kofu::printsim {
namespace {

using printer::Bitmap;

void draw_box(Bitmap& cell, bool bold) {
  const int w = cell.width();
  const int h = cell.height();
  const int t = bold ? 2 : 1;
  cell.fill(1, 1, w - 2, t);
  cell.fill(1, h - 1 - t, w - 2, t);
  cell.fill(1, 1, t, h - 2);
  cell.fill(w - 1 - t, 1, t, h - 2);
}

}  // namespace

Bitmap enlarge(const Bitmap& source, int scale_x, int scale_y) {
  if (scale_x <= 1 && scale_y <= 1) return source;
  scale_x = std::max(scale_x, 1);
  scale_y = std::max(scale_y, 1);
  Bitmap out(source.width() * scale_x, source.height() * scale_y);
  for (int y = 0; y < source.height(); ++y) {
    for (int x = 0; x < source.width(); ++x) {
      if (source.at(x, y)) out.fill(x * scale_x, y * scale_y, scale_x, scale_y);
    }
  }
  return out;
}

Bitmap rotate_half_turn(const Bitmap& source) {
  Bitmap out(source.width(), source.height());
  for (int y = 0; y < source.height(); ++y) {
    for (int x = 0; x < source.width(); ++x) {
      if (source.at(x, y)) out.set(source.width() - 1 - x, source.height() - 1 - y);
    }
  }
  return out;
}

Bitmap GlyphCells::cell(char32_t c, const CellStyle& style) {
  const int w = std::clamp(style.width, 1, 64);
  const int h = std::clamp(style.height, 1, 64);
  const bool blank = c == U' ' || c == U'\u3000';
  Bitmap out = enlarge(blank ? Bitmap(w, h) : glyph(c, w, h, style.bold), std::clamp(style.scale_x, 1, 8),
                       std::clamp(style.scale_y, 1, 8));
  if (style.underline > 0) out.fill(0, out.height() - style.underline, out.width(), style.underline);
  if (style.reverse) {
    for (int y = 0; y < out.height(); ++y) {
      for (int x = 0; x < out.width(); ++x) out.set(x, y, !out.at(x, y));
    }
  }
  return out;
}

Bitmap GlyphCells::glyph(char32_t c, int width, int height, bool bold) {
  Bitmap cell(width, height);
  const Bitmap drawn = (font_ != nullptr && c != 0 && font_->has_glyph(c)) ? font_->glyph(c, height, bold) : Bitmap();
  if (drawn.empty()) {
    draw_box(cell, bold);
    return cell;
  }
  // The cell is the ideographic em box, 0.88 em above the baseline and 0.12 below (the CJK fonts' convention), so
  // Kanji fill their 24×24 cells and Latin letters sit on a common baseline.
  const int top = baseline(height) - (height * 88 + 50) / 100;
  const int advance = drawn.width();
  if (advance <= width) {
    cell.draw(drawn, (width - advance) / 2, -top);
    return cell;
  }
  // Wider than the cell (a proportional "m" in a 12-dot ANK cell): squeezed, each cell column taking every glyph
  // column that falls on it, so no stroke disappears.
  for (int x = 0; x < width; ++x) {
    const int from = x * advance / width;
    const int to = std::max(from + 1, (x + 1) * advance / width);
    for (int y = 0; y < height; ++y) {
      for (int column = from; column < to; ++column) {
        if (drawn.at(column, y + top)) {
          cell.set(x, y);
          break;
        }
      }
    }
  }
  return cell;
}

int GlyphCells::baseline(int pixel_size) {
  if (const auto found = baselines_.find(pixel_size); found != baselines_.end()) return found->second;
  // The font only says where the baseline is through its glyphs: it is under the bottom of an "H".
  const Bitmap h = font_->glyph(U'H', pixel_size, false);
  int row = -1;
  for (int y = 0; y < h.height() && row < 0; ++y) {
    for (int x = 0; x < h.width(); ++x) {
      if (h.at(x, h.height() - 1 - y)) {
        row = h.height() - y;
        break;
      }
    }
  }
  if (row < 0) row = font_->line_height(pixel_size) * 4 / 5;
  baselines_.emplace(pixel_size, row);
  return row;
}

}  // namespace kofu::printsim
