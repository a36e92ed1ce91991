#include "scanner/qr_image.hpp"

#define ZX_USE_UTF8 1  // ZXing-cpp 1.4: text() as UTF-8
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <cmath>

namespace kofu::scanner {
namespace {

// Brightness at a point, 0 when outside the image.
int pixel(const GrayImage& image, double x, double y) {
  const auto ix = static_cast<int>(std::lround(x));
  const auto iy = static_cast<int>(std::lround(y));
  if (ix < 0 || iy < 0 || ix >= image.width || iy >= image.height) return 0;
  return image
      .pixels[static_cast<std::size_t>(iy) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(ix)];
}

}  // namespace

int measure_qr_version(const GrayImage& image, const std::array<PointI, 4>& corners) {
  // No structured bindings: clang-tidy 14 cannot capture them in the lambda below.
  const PointI tl = corners[0];
  const PointI tr = corners[1];
  const PointI bl = corners[3];
  int best_version = 0;
  double best_score = 0.9;  // below this, no version fits well enough to report
  for (int version = 1; version <= 40; ++version) {
    const int n = 17 + 4 * version;
    const double ux = (tr.x - tl.x) / static_cast<double>(n);
    const double uy = (tr.y - tl.y) / static_cast<double>(n);
    const double vx = (bl.x - tl.x) / static_cast<double>(n);
    const double vy = (bl.y - tl.y) / static_cast<double>(n);
    if (std::hypot(ux, uy) < 1.0 || std::hypot(vx, vy) < 1.0) break;  // modules under a pixel: cannot tell
    // Module centre (row, column) → image coordinates, by the affine map of the top-left, top-right and
    // bottom-left corners (flat symbols; a photo's perspective is small at the centre lines).
    auto at = [&](int row, int column) {
      return pixel(image, tl.x + (column + 0.5) * ux + (row + 0.5) * vx, tl.y + (column + 0.5) * uy + (row + 0.5) * vy);
    };
    std::vector<int> samples;
    for (int k = 8; k <= n - 9; ++k) {
      samples.push_back(at(6, k));
      samples.push_back(at(k, 6));
    }
    const auto [low, high] = std::minmax_element(samples.begin(), samples.end());
    const int threshold = (*low + *high) / 2;
    int matches = 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const int k = 8 + static_cast<int>(i / 2);
      const bool dark = samples[i] < threshold;
      if (dark == (k % 2 == 0)) ++matches;
    }
    const double score = static_cast<double>(matches) / static_cast<double>(samples.size());
    if (score > best_score) {
      best_score = score;
      best_version = version;
    }
  }
  return best_version;
}

std::vector<QrSymbol> read_qr_symbols(const GrayImage& image) {
  std::vector<QrSymbol> symbols;
  if (image.width <= 0 || image.height <= 0) return symbols;
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setTryHarder(true);
  hints.setTryRotate(true);
  hints.setTryDownscale(true);
  const ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
  for (const ZXing::Result& result : ZXing::ReadBarcodes(view, hints)) {
    if (!result.isValid()) continue;
    QrSymbol symbol;
    symbol.text = result.text();
    symbol.bytes.assign(result.bytes().begin(), result.bytes().end());
    symbol.sequence_index = result.sequenceIndex();
    symbol.sequence_size = result.sequenceSize();
    symbol.sequence_id = result.sequenceId();
    const std::string ecc = result.ecLevel();
    symbol.ecc = ecc.empty() ? '?' : ecc[0];
    const auto& p = result.position();
    symbol.corners = {PointI{p.topLeft().x, p.topLeft().y}, PointI{p.topRight().x, p.topRight().y},
                      PointI{p.bottomRight().x, p.bottomRight().y}, PointI{p.bottomLeft().x, p.bottomLeft().y}};
    symbol.version = measure_qr_version(image, symbol.corners);
    symbols.push_back(std::move(symbol));
  }
  return symbols;
}

}  // namespace kofu::scanner
