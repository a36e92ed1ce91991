// QR codes in an image, through ZXing-cpp, with what a SMART Health Card check needs beyond the text: the error
// correction level and the symbol version (ZXing-cpp 1.4 does not report it, so it is measured from the symbol's
// timing patterns).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "scanner/image_file.hpp"

namespace kofu::scanner {

struct PointI {
  int x = 0;
  int y = 0;
};

struct QrSymbol {
  std::string text;                 // as decoded (UTF-8)
  std::string bytes;                // the data bytes as carried, before any character decoding
  int sequence_index = -1;          // structured append: position from 0, or -1 outside a sequence
  int sequence_size = -1;           // structured append: symbols in the sequence, or -1
  std::string sequence_id;          // structured append: what ties a sequence together (ZXing: the parity)
  char ecc = '?';                   // 'L', 'M', 'Q' or 'H'
  int version = 0;                  // 1-40, or 0 when it could not be measured
  std::array<PointI, 4> corners{};  // outer corners: top left, top right, bottom right, bottom left
};

// Every QR code ZXing finds in the image (tried harder, rotated, downscaled); none for a damaged or absent one.
std::vector<QrSymbol> read_qr_symbols(const GrayImage& image);

// The version of the symbol with these outer corners: the one whose timing patterns (rows and columns 6, which
// alternate dark and light) the image matches best; 0 when no version matches well.
int measure_qr_version(const GrayImage& image, const std::array<PointI, 4>& corners);

}  // namespace kofu::scanner
