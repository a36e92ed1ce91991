#include "printer/font.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "printer/errors.hpp"

namespace kofu::printer {
namespace {

// Sizes past this are no receipt text (an 80 mm roll is 576 dots wide); they read as empty glyphs, which also keeps
// the cache key below in range.
constexpr int kMaxPixelSize = 4096;
// A kiosk sees a few thousand distinct (character, size, weight) triples; past this the cache starts over rather
// than grow without bound on hostile input.
constexpr std::size_t kMaxCachedGlyphs = 16384;
constexpr std::string_view kDefaultFile = "NotoSansCJK-Regular.ttc";
constexpr std::string_view kDefaultFamily = "Noto Sans CJK JP";
constexpr std::string_view kInstallHint = "install the Debian package fonts-noto-cjk or set KOFU_FONT";

std::string ft_error(FT_Error error) {
  char text[48];
  std::snprintf(text, sizeof text, "FreeType error 0x%02X", static_cast<unsigned>(error));
  return text;
}

Error font_error(std::string message) {
  return {PrinterErrc::font_unavailable, std::move(message)};
}

// One FT_Library per face: fonts may then be moved between threads independently (FreeType libraries are not
// shared-state safe).
struct Library {
  FT_Library handle = nullptr;
  Library() = default;
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
  ~Library() {
    if (handle != nullptr) FT_Done_FreeType(handle);
  }
};

std::uint64_t cache_key(char32_t c, int pixel_size, bool bold) {
  return (static_cast<std::uint64_t>(c) << 32U) | (static_cast<std::uint64_t>(pixel_size) << 1U) |
         static_cast<std::uint64_t>(bold ? 1U : 0U);
}

int round_26_6(FT_Pos value) {
  return static_cast<int>((value + 32) >> 6);
}

// The index of the face whose family is `family` in a collection, found with a library of its own.
std::optional<int> find_face(const std::filesystem::path& file, std::string_view family) {
  Library library;
  if (FT_Init_FreeType(&library.handle) != 0) return std::nullopt;
  FT_Face probe = nullptr;
  if (FT_New_Face(library.handle, file.c_str(), -1, &probe) != 0) return std::nullopt;
  const auto faces = static_cast<int>(probe->num_faces);
  FT_Done_Face(probe);
  for (int index = 0; index < faces; ++index) {
    FT_Face face = nullptr;
    if (FT_New_Face(library.handle, file.c_str(), index, &face) != 0) continue;
    const bool match = face->family_name != nullptr && family == face->family_name;
    FT_Done_Face(face);
    if (match) return index;
  }
  return std::nullopt;
}

// "path#3" names face 3 of a collection; a '#' not followed by digits alone is part of the path.
std::pair<std::string_view, int> split_face_suffix(std::string_view value) {
  const auto hash = value.rfind('#');
  if (hash == std::string_view::npos) return {value, 0};
  const std::string_view digits = value.substr(hash + 1);
  if (digits.empty() || digits.size() > 4) return {value, 0};
  int index = 0;
  for (const char ch : digits) {
    if (ch < '0' || ch > '9') return {value, 0};
    index = index * 10 + (ch - '0');
  }
  return {value.substr(0, hash), index};
}

// Debian installs fonts-noto-cjk there; other layouts are searched without fontconfig, which a kiosk image may lack.
std::optional<std::filesystem::path> find_default_file() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path usual = fs::path("/usr/share/fonts/opentype/noto") / kDefaultFile;
  if (fs::is_regular_file(usual, ec)) return usual;
  fs::recursive_directory_iterator it("/usr/share/fonts", fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->path().filename() == kDefaultFile && it->is_regular_file(ec)) return it->path();
  }
  return std::nullopt;
}

}  // namespace

// Not thread-safe: the FreeType face, its current size and the glyph cache are shared by every call.
struct Font::Face {
  Library library;
  FT_Face face = nullptr;
  std::filesystem::path file;
  int index = 0;
  int current_size = 0;
  mutable std::unordered_map<std::uint64_t, Bitmap> glyphs;
  mutable std::unordered_map<std::uint64_t, int> advances;

  Face() = default;
  Face(const Face&) = delete;
  Face& operator=(const Face&) = delete;
  ~Face() {
    if (face != nullptr) FT_Done_Face(face);
  }

  bool set_size(int pixel_size) {
    if (pixel_size < 1 || pixel_size > kMaxPixelSize) return false;
    if (pixel_size == current_size) return true;
    if (FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(pixel_size)) != 0) return false;
    current_size = pixel_size;
    return true;
  }

  // Whole dots above and below the baseline; FreeType's scaled metrics may hold fractions.
  int ascender() const { return static_cast<int>((face->size->metrics.ascender + 63) >> 6); }
  int descender() const { return static_cast<int>((-face->size->metrics.descender + 63) >> 6); }
};

Font::Font(std::unique_ptr<Face> face) : face_(std::move(face)) {}
Font::Font(Font&&) noexcept = default;
Font& Font::operator=(Font&&) noexcept = default;
Font::~Font() = default;

Expected<Font> Font::open(const std::filesystem::path& file, int face_index) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    return unexpected(
        font_error("cannot open the font file " + file.string() + ": no such file; check the path or set KOFU_FONT"));
  }
  auto face = std::make_unique<Face>();
  face->file = file;
  face->index = face_index;
  if (const FT_Error error = FT_Init_FreeType(&face->library.handle); error != 0) {
    return unexpected(font_error("cannot start FreeType to read the font " + file.string() + ": " + ft_error(error)));
  }
  FT_Face probe = nullptr;
  if (const FT_Error error = FT_New_Face(face->library.handle, file.c_str(), -1, &probe); error != 0) {
    return unexpected(font_error("cannot read the font file " + file.string() + ": " + ft_error(error) +
                                 " (not a TrueType/OpenType font?); check the path or set KOFU_FONT"));
  }
  const auto faces = static_cast<int>(probe->num_faces);
  FT_Done_Face(probe);
  if (face_index < 0 || face_index >= faces) {
    return unexpected(font_error("the font file " + file.string() + " has " + std::to_string(faces) +
                                 " face(s), so face " + std::to_string(face_index) +
                                 " does not exist; give an index from 0 to " + std::to_string(faces - 1)));
  }
  if (const FT_Error error = FT_New_Face(face->library.handle, file.c_str(), face_index, &face->face); error != 0) {
    return unexpected(font_error("cannot read face " + std::to_string(face_index) + " of the font file " +
                                 file.string() + ": " + ft_error(error)));
  }
  if (!FT_IS_SCALABLE(face->face)) {
    return unexpected(font_error("the font " + file.string() +
                                 " is a bitmap font; receipt text needs an outline (TrueType/OpenType) font"));
  }
  // FreeType prefers the UCS-4 map when there is one, so characters past the BMP (𠮷 U+20BB7) are found too.
  if (FT_Select_Charmap(face->face, FT_ENCODING_UNICODE) != 0) {
    return unexpected(font_error("the font " + file.string() + " has no Unicode character map; use a Unicode font"));
  }
  return Font(std::move(face));
}

Expected<Font> Font::open_default() {
  // No kofu code calls setenv (only single-threaded tests do), so this read cannot race.
  const char* chosen = std::getenv("KOFU_FONT");  // NOLINT(concurrency-mt-unsafe)
  if (chosen != nullptr && *chosen != '\0') {
    const std::string_view value(chosen);
    const auto [path, index] = split_face_suffix(value);
    auto font = open(std::filesystem::path(path), index);
    if (!font) {
      return unexpected(font_error("KOFU_FONT=" + std::string(value) + " is not usable: " + font.error().message()));
    }
    return font;
  }
  const auto file = find_default_file();
  if (!file) {
    return unexpected(font_error("no receipt font: " + std::string(kDefaultFile) + " is not under /usr/share/fonts; " +
                                 std::string(kInstallHint)));
  }
  // In Debian's collection the faces are JP, KR, SC, TC, HK, then the Mono ones; the order is not promised, the
  // family name is.
  const auto index = find_face(*file, kDefaultFamily);
  if (!index) {
    return unexpected(font_error("the font file " + file->string() + " has no face of the family " +
                                 std::string(kDefaultFamily) + "; " + std::string(kInstallHint)));
  }
  return open(*file, *index);
}

std::string Font::describe() const {
  if (!face_) return "(no font)";
  std::string name = face_->face->family_name != nullptr ? face_->face->family_name : "unnamed font";
  if (face_->face->style_name != nullptr) name += std::string(" ") + face_->face->style_name;
  return name + " (" + face_->file.string() + "#" + std::to_string(face_->index) + ")";
}

bool Font::has_glyph(char32_t c) const {
  assert(face_);
  return FT_Get_Char_Index(face_->face, c) != 0;
}

int Font::line_height(int pixel_size) const {
  assert(face_);
  if (!face_->set_size(pixel_size)) return 0;
  return face_->ascender() + face_->descender();
}

int Font::advance(char32_t c, int pixel_size) const {
  assert(face_);
  if (pixel_size < 1 || pixel_size > kMaxPixelSize) return 0;
  const std::uint64_t key = cache_key(c, pixel_size, false);
  if (const auto found = face_->advances.find(key); found != face_->advances.end()) return found->second;
  if (!face_->set_size(pixel_size)) return 0;
  if (FT_Load_Char(face_->face, c, FT_LOAD_DEFAULT | FT_LOAD_NO_BITMAP) != 0) return 0;
  const int dots = std::max(round_26_6(face_->face->glyph->advance.x), 0);
  if (face_->advances.size() >= kMaxCachedGlyphs) face_->advances.clear();
  face_->advances.emplace(key, dots);
  return dots;
}

Bitmap Font::glyph(char32_t c, int pixel_size, bool bold) const {
  assert(face_);
  if (pixel_size < 1 || pixel_size > kMaxPixelSize) return {};
  const std::uint64_t key = cache_key(c, pixel_size, bold);
  if (const auto found = face_->glyphs.find(key); found != face_->glyphs.end()) return found->second;
  const int width = advance(c, pixel_size);
  if (!face_->set_size(pixel_size)) return {};
  const int ascender = face_->ascender();
  Bitmap cell(width, ascender + face_->descender());

  FT_GlyphSlot slot = face_->face->glyph;
  bool drawn = FT_Load_Char(face_->face, c, FT_LOAD_DEFAULT | FT_LOAD_NO_BITMAP) == 0;
  if (drawn && bold && slot->format == FT_GLYPH_FORMAT_OUTLINE) {
    // FreeType's own synthetic bold strength (ftsynth.c): 1/24 em, one dot at the 24-dot receipt size.
    const FT_Pos strength = FT_MulFix(face_->face->units_per_EM, face_->face->size->metrics.y_scale) / 24;
    drawn = FT_Outline_Embolden(&slot->outline, strength) == 0;
  }
  if (drawn) drawn = FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) == 0;
  if (drawn && slot->bitmap.pixel_mode == FT_PIXEL_MODE_GRAY && slot->bitmap.buffer != nullptr) {
    const FT_Bitmap& grey = slot->bitmap;
    const int rows = static_cast<int>(grey.rows);
    const int columns = static_cast<int>(grey.width);
    // The row order follows the sign of the pitch (FreeType's "flow").
    const unsigned char* top =
        grey.pitch >= 0 ? grey.buffer : grey.buffer - static_cast<std::ptrdiff_t>(grey.pitch) * (rows - 1);
    for (int row = 0; row < rows; ++row) {
      const unsigned char* line = top + static_cast<std::ptrdiff_t>(row) * grey.pitch;
      const int y = ascender - slot->bitmap_top + row;
      for (int column = 0; column < columns; ++column) {
        if (line[column] >= 128) cell.set(slot->bitmap_left + column, y);
      }
    }
  }
  if (face_->glyphs.size() >= kMaxCachedGlyphs) face_->glyphs.clear();
  face_->glyphs.emplace(key, cell);
  return cell;
}

}  // namespace kofu::printer
