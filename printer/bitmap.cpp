#include "printer/bitmap.hpp"

#include <png.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <vector>

#include "printer/errors.hpp"

namespace kofu::printer {

Bitmap::Bitmap(int width, int height)
    : width_(std::max(width, 0)),
      height_(std::max(height, 0)),
      row_bytes_((width_ + 7) / 8),
      bits_(static_cast<std::size_t>(row_bytes_) * static_cast<std::size_t>(height_), '\0') {}

bool Bitmap::at(int x, int y) const noexcept {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return false;
  const auto byte = static_cast<unsigned char>(bits_[offset(x, y)]);
  return (byte & (0x80U >> (x % 8))) != 0;
}

void Bitmap::set(int x, int y, bool black) noexcept {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
  char& byte = bits_[offset(x, y)];
  const auto mask = static_cast<unsigned char>(0x80U >> (x % 8));
  byte =
      static_cast<char>(black ? (static_cast<unsigned char>(byte) | mask) : (static_cast<unsigned char>(byte) & ~mask));
}

void Bitmap::fill(int x, int y, int width, int height, bool black) noexcept {
  const int x0 = std::max(x, 0);
  const int y0 = std::max(y, 0);
  const int x1 = std::min(x + width, width_);
  const int y1 = std::min(y + height, height_);
  for (int row = y0; row < y1; ++row) {
    for (int column = x0; column < x1; ++column) set(column, row, black);
  }
}

void Bitmap::draw(const Bitmap& source, int x, int y) noexcept {
  const int y0 = std::max(y, 0);
  const int y1 = std::min(y + source.height_, height_);
  const int x0 = std::max(x, 0);
  const int x1 = std::min(x + source.width_, width_);
  for (int row = y0; row < y1; ++row) {
    for (int column = x0; column < x1; ++column) {
      if (source.at(column - x, row - y)) set(column, row);
    }
  }
}

void Bitmap::grow(int rows) {
  height_ = std::max(height_ + rows, 0);
  bits_.resize(offset(0, height_), '\0');
}

std::string_view Bitmap::rows(int first, int count) const noexcept {
  const int start = std::clamp(first, 0, height_);
  const int end = std::clamp(first + std::max(count, 0), start, height_);
  return std::string_view(bits_).substr(offset(0, start), offset(0, end) - offset(0, start));
}

Bitmap Bitmap::from_rows(int width, int height, std::string_view packed) {
  Bitmap bitmap(width, height);
  const std::size_t n = std::min(packed.size(), bitmap.bits_.size());
  std::copy_n(packed.begin(), n, bitmap.bits_.begin());
  // Dots past the width in each row's last byte are padding, not picture.
  if (width % 8 != 0) {
    const auto keep = static_cast<unsigned char>(0xFFU << (8 - width % 8));
    for (int row = 0; row < bitmap.height_; ++row) {
      char& last = bitmap.bits_[bitmap.offset(bitmap.width_ - 1, row)];
      last = static_cast<char>(static_cast<unsigned char>(last) & keep);
    }
  }
  return bitmap;
}

namespace {

void append_png_bytes(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

}  // namespace

std::string encode_png(const Bitmap& bitmap, int scale) {
  scale = std::max(scale, 1);
  const int width = std::max(bitmap.width(), 1) * scale;
  const int height = std::max(bitmap.height(), 1) * scale;
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  std::vector<png_byte> row(static_cast<std::size_t>(width));
  if (setjmp(png_jmpbuf(png)) != 0) {  // NOLINT(cert-err52-cpp): libpng reports errors by longjmp
    png_destroy_write_struct(&png, &info);
    return {};
  }
  png_set_write_fn(png, &out, append_png_bytes, nullptr);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8, PNG_COLOR_TYPE_GRAY,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) row[static_cast<std::size_t>(x)] = bitmap.at(x / scale, y / scale) ? 0 : 255;
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

Expected<void> write_png(const Bitmap& bitmap, const std::filesystem::path& path, int scale) {
  const std::string bytes = encode_png(bitmap, scale);
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file || !file.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !file.flush()) {
    return unexpected(Error(make_error_code(PrinterErrc::io_failed), "cannot write the PNG " + path.string()));
  }
  return {};
}

}  // namespace kofu::printer
