// Glyphs from an OpenType/TrueType font through FreeType, in printer dots, for receipts whose text must print every
// character of a name (JIS X 0213 and beyond), not only what a printer's resident font holds.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "error/expected.hpp"
#include "printer/bitmap.hpp"

namespace kofu::printer {

// Rendered glyphs are cached (a kiosk prints the same characters all day). Not thread-safe: one Font per thread.
class Font {
 public:
  // A font file and the face in it (a .ttc collection holds several faces).
  static Expected<Font> open(const std::filesystem::path& file, int face_index = 0);
  // The receipt font: $KOFU_FONT when set (a path, optionally "path#face"), else the face of Debian's fonts-noto-cjk
  // whose family is Noto Sans CJK JP (chosen by name, not position). The error says which package to install.
  static Expected<Font> open_default();

  Font(Font&&) noexcept;
  Font& operator=(Font&&) noexcept;
  ~Font();

  // The file and face, for messages.
  std::string describe() const;

  bool has_glyph(char32_t c) const;
  // The height of one line of text set at `pixel_size` (the em size in dots): ascender + descender.
  int line_height(int pixel_size) const;
  // How far the pen moves after the character.
  int advance(char32_t c, int pixel_size) const;
  // One character in a cell `advance` wide and `line_height` high, the baseline at the ascender; black where
  // FreeType's anti-aliased coverage is at least half. `bold` emboldens the outline.
  Bitmap glyph(char32_t c, int pixel_size, bool bold) const;

 private:
  struct Face;
  explicit Font(std::unique_ptr<Face> face);
  std::unique_ptr<Face> face_;
};

}  // namespace kofu::printer
