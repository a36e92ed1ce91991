#include "printer/escpos.hpp"

#include <algorithm>

namespace kofu::printer {
namespace {

constexpr char kEsc = '\x1b';
constexpr char kGs = '\x1d';
constexpr char kFs = '\x1c';

// The fewest white rows worth a feed command instead of raster data.
constexpr int kMinFeedRows = 24;

char byte(int value) {
  return static_cast<char>(static_cast<std::uint8_t>(value & 0xFF));
}

void put_u16(std::string& out, std::size_t value) {
  out += byte(static_cast<int>(value & 0xFFU));
  out += byte(static_cast<int>((value >> 8U) & 0xFFU));
}

void put_u32(std::string& out, std::size_t value) {
  put_u16(out, value & 0xFFFFU);
  put_u16(out, (value >> 16U) & 0xFFFFU);
}

bool row_is_white(const Bitmap& picture, int row) {
  const std::string_view bytes = picture.rows(row, 1);
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; });
}

char ecc_byte(QrEcc ecc) {
  switch (ecc) {
    case QrEcc::low: return '0';
    case QrEcc::medium: return '1';
    case QrEcc::quartile: return '2';
    case QrEcc::high: return '3';
  }
  return '1';
}

}  // namespace

std::string& EscPosEncoder::out() {
  if (!chunk_open_) {
    chunks_.emplace_back();
    chunk_open_ = true;
  }
  return chunks_.back();
}

EscPosEncoder& EscPosEncoder::initialize() {
  std::string& o = out();
  o += {kEsc, '@'};
  kanji_mode_ = false;
  if (profile_->motion_units) o += {kGs, 'P', byte(profile_->dpi), byte(profile_->dpi)};
  return *this;
}

EscPosEncoder& EscPosEncoder::density(int level) {
  const int m = level >= 0 ? std::min(level, 8) : 256 + std::max(level, -6);
  out() += {kGs, '(', 'K', '\x02', '\x00', '1', byte(m)};
  return *this;
}

EscPosEncoder& EscPosEncoder::align(Align align) {
  const int n = align == Align::center ? 1 : align == Align::right ? 2 : 0;
  out() += {kEsc, 'a', byte(n)};
  return *this;
}

EscPosEncoder& EscPosEncoder::feed(int dots) {
  if (dots <= 0) return *this;
  if (!profile_->motion_units) {
    const Bitmap blank(profile_->width_dots, dots);
    for (int first = 0; first < dots; first += profile_->strip_rows) {
      raster_strip(blank, first, std::min(profile_->strip_rows, dots - first));
    }
    return *this;
  }
  std::string& o = out();
  for (int left = dots; left > 0; left -= 255) o += {kEsc, 'J', byte(std::min(left, 255))};
  return *this;
}

EscPosEncoder& EscPosEncoder::raster(const Bitmap& picture) {
  int row = 0;
  while (row < picture.height()) {
    int white = 0;
    while (row + white < picture.height() && row_is_white(picture, row + white)) ++white;
    if (white >= kMinFeedRows || row + white == picture.height()) {
      feed(white);
      row += white;
      continue;
    }
    // Printed rows up to the next long white run, or a strip's worth.
    int end = row;
    int white_run = 0;
    while (end < picture.height() && end - row < profile_->strip_rows) {
      white_run = row_is_white(picture, end) ? white_run + 1 : 0;
      ++end;
      if (white_run >= kMinFeedRows) {
        end -= white_run;
        break;
      }
    }
    raster_strip(picture, row, end - row);
    row = end;
  }
  return *this;
}

void EscPosEncoder::raster_strip(const Bitmap& picture, int first_row, int rows) {
  const std::string_view data = picture.rows(first_row, rows);
  const auto row_bytes = static_cast<std::size_t>(picture.row_bytes());
  end_chunk();
  std::string& o = out();
  o.reserve(data.size() + 24);
  if (profile_->raster == RasterCommand::gs_v0) {
    o += {kGs, 'v', '0', '\x00'};  // GS v 0, m = 0: x in bytes, y in dots
    put_u16(o, row_bytes);
    put_u16(o, static_cast<std::size_t>(rows));
    o += data;
  } else {
    // GS ( L / GS 8 L fn 112: store the raster (bx = by = 1, colour 1), then fn 50: print it.
    const std::size_t length = 10 + data.size();
    if (length <= 0xFFFF) {
      o += {kGs, '(', 'L'};
      put_u16(o, length);
    } else {
      o += {kGs, '8', 'L'};
      put_u32(o, length);
    }
    o += {'0', 'p', '0', '\x01', '\x01', '1'};
    put_u16(o, static_cast<std::size_t>(picture.width()));
    put_u16(o, static_cast<std::size_t>(rows));
    o += data;
    o += {kGs, '(', 'L', '\x02', '\x00', '0', '2'};
  }
  end_chunk();
}

EscPosEncoder& EscPosEncoder::kanji_line(std::string_view shift_jis, int scale, bool bold, Align alignment, int gap) {
  scale = std::clamp(scale, 1, 8);
  std::string& o = out();
  if (!kanji_mode_) {
    o += {kFs, 'C', '\x01', kFs, '&'};  // Shift_JIS code system, Kanji mode on
    kanji_mode_ = true;
  }
  align(alignment);
  out() += {kGs,  '!', byte(((scale - 1) << 4) | (scale - 1)),
            kEsc, 'E', bold ? '\x01' : '\x00',
            kEsc, '3', byte(std::min(24 * scale + std::max(gap, 0), 255))};
  out() += shift_jis;
  out() += {'\n', kGs, '!', '\x00', kEsc, 'E', '\x00', kEsc, '2'};
  return *this;
}

EscPosEncoder& EscPosEncoder::native_qr(std::string_view data, int module_dots, QrEcc ecc, Align alignment) {
  align(alignment);
  std::string& o = out();
  o += {kGs, '(', 'k', '\x04', '\x00', '1', 'A', '2', '\x00'};        // fn 165: model 2
  o += {kGs, '(', 'k', '\x03', '\x00', '1', 'C', byte(module_dots)};  // fn 167: module size
  o += {kGs, '(', 'k', '\x03', '\x00', '1', 'E', ecc_byte(ecc)};      // fn 169: error correction
  o += {kGs, '(', 'k'};                                               // fn 180: store, k = p - 3
  put_u16(o, data.size() + 3);
  o += {'1', 'P', '0'};
  o += data;
  o += {kGs, '(', 'k', '\x03', '\x00', '1', 'Q', '0'};  // fn 181: print
  return *this;
}

EscPosEncoder& EscPosEncoder::cut() {
  out() += {kGs, 'V', profile_->partial_cut ? 'B' : 'A', '\x00'};
  return *this;
}

EscPosEncoder& EscPosEncoder::end_chunk() {
  chunk_open_ = false;
  return *this;
}

std::vector<std::string> EscPosEncoder::take_chunks() {
  std::vector<std::string> chunks = std::move(chunks_);
  chunks_.clear();
  chunk_open_ = false;
  return chunks;
}

std::string EscPosEncoder::take() {
  std::string all;
  std::size_t size = 0;
  for (const std::string& chunk : chunks_) size += chunk.size();
  all.reserve(size);
  for (const std::string& chunk : chunks_) all += chunk;
  chunks_.clear();
  chunk_open_ = false;
  return all;
}

}  // namespace kofu::printer
