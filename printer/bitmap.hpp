// A 1-bit picture in printer dots, stored the way ESC/POS raster commands carry it: rows top to bottom, each row
// ceil(width / 8) bytes, the leftmost dot in the most significant bit, 1 = black (a heated dot).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "error/expected.hpp"

namespace kofu::printer {

class Bitmap {
 public:
  Bitmap() = default;
  Bitmap(int width, int height);  // all white; negative sizes count as 0

  int width() const noexcept { return width_; }
  int height() const noexcept { return height_; }
  int row_bytes() const noexcept { return row_bytes_; }
  bool empty() const noexcept { return width_ == 0 || height_ == 0; }

  // Outside the picture a dot reads white and writes nowhere.
  bool at(int x, int y) const noexcept;
  void set(int x, int y, bool black = true) noexcept;
  // A rectangle, clipped to the picture.
  void fill(int x, int y, int width, int height, bool black = true) noexcept;
  // Ors `source` in with its top left corner at (x, y), clipped.
  void draw(const Bitmap& source, int x, int y) noexcept;
  // Adds white rows at the bottom (or removes rows when `rows` is negative, down to none).
  void grow(int rows);
  // Rows [first, first + count) as packed bytes, clipped to the picture.
  std::string_view rows(int first, int count) const noexcept;
  // The whole packed picture.
  const std::string& data() const noexcept { return bits_; }

  // A picture from packed rows (as GS v 0 carries them); the data is cut or padded with white to fit.
  static Bitmap from_rows(int width, int height, std::string_view packed);

  bool operator==(const Bitmap& other) const = default;

 private:
  // The byte that holds dot (x, y); x and y are in range (y may be height_ for the end).
  std::size_t offset(int x, int y) const noexcept {
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(row_bytes_) + static_cast<std::size_t>(x / 8);
  }

  int width_ = 0;
  int height_ = 0;
  int row_bytes_ = 0;
  std::string bits_;
};

// The picture as an 8-bit greyscale PNG (black dots 0, white 255), `scale` pixels per dot.
std::string encode_png(const Bitmap& bitmap, int scale = 1);
// The same, written to a file; the error names the file.
Expected<void> write_png(const Bitmap& bitmap, const std::filesystem::path& path, int scale = 1);

}  // namespace kofu::printer
