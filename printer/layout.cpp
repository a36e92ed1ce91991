#include "printer/layout.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <span>

#include "printer/errors.hpp"
#include "printer/escpos.hpp"
#include "printer/qr.hpp"
#include "printer/text.hpp"
#include "scanner/image_file.hpp"
#include "text/shift_jis.hpp"

namespace kofu::printer {
namespace {

constexpr int kLineDots = 24;       // ESC/POS font A height: text scale 1
constexpr int kLineGap = 6;         // ESC 2's 30-dot line spacing, less the font
constexpr int kSmallTextDots = 20;  // captions and sequence numbers under QR codes
constexpr int kColumnGutter = 8;
constexpr int kRuleMargin = 4;
// GS ( k fn 180 stores at most 7089 bytes (§1.5).
constexpr std::size_t kMaxNativeQrBytes = 7089;

int offset_for(Align align, int width, int available) {
  if (align == Align::center) return std::max((available - width) / 2, 0);
  if (align == Align::right) return std::max(available - width, 0);
  return 0;
}

bool printable_ascii(const std::string& bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

// Greyscale to dots by Floyd–Steinberg error diffusion (a threshold would lose a logo's mid-tones).
Bitmap dither(const scanner::GrayImage& image, int width, int height) {
  Bitmap out(width, height);
  std::vector<int> row(static_cast<std::size_t>(width) + 2, 0);
  std::vector<int> next(static_cast<std::size_t>(width) + 2, 0);
  for (int y = 0; y < height; ++y) {
    const int source_y = std::min(y * image.height / height, image.height - 1);
    for (int x = 0; x < width; ++x) {
      const int source_x = std::min(x * image.width / width, image.width - 1);
      row[static_cast<std::size_t>(x) + 1] +=
          image.pixels[static_cast<std::size_t>(source_y) * static_cast<std::size_t>(image.width) +
                       static_cast<std::size_t>(source_x)];
    }
    for (int x = 0; x < width; ++x) {
      const auto i = static_cast<std::size_t>(x) + 1;
      const int value = row[i];
      const int chosen = value < 128 ? 0 : 255;
      if (chosen == 0) out.set(x, y);
      const int error = value - chosen;
      row[i + 1] += error * 7 / 16;
      next[i - 1] += error * 3 / 16;
      next[i] += error * 5 / 16;
      next[i + 1] += error / 16;
    }
    std::swap(row, next);
    std::fill(next.begin(), next.end(), 0);
  }
  return out;
}

class Composer {
 public:
  Composer(const Document& document, const Profile& profile, const Font& font)
      : document_(document), profile_(profile), font_(font), encoder_(profile), band_(profile.width_dots, 0) {}

  Expected<PrintJob> run() {
    encoder_.initialize();
    if (document_.density != 0) encoder_.density(document_.density);
    for (std::size_t i = 0; i < document_.blocks.size(); ++i) {
      index_ = i;
      auto done = std::visit([this](const auto& block) { return add(block); }, document_.blocks[i]);
      if (!done) {
        return unexpected(Error(done.error().code(), "blocks[" + std::to_string(i) + "]: " + done.error().message()));
      }
    }
    flush();
    job_.chunks = encoder_.take_chunks();
    return std::move(job_);
  }

 private:
  int width() const { return profile_.width_dots; }

  void place(const Bitmap& piece, int x) {
    const int top = band_.height();
    band_.grow(piece.height());
    band_.draw(piece, x, top);
    job_.paper_dots += piece.height();
  }

  void space(int dots) {
    band_.grow(dots);
    job_.paper_dots += dots;
  }

  void flush() {
    if (band_.height() > 0) encoder_.raster(band_);
    band_ = Bitmap(width(), 0);
  }

  Expected<void> add(const TextBlock& block) {
    if (document_.native_text && profile_.kanji) {
      auto encoded = text::encode_shift_jis(block.text);
      if (encoded && encoded->substitutions.empty()) {
        native_text(encoded->sjis, block);
        return {};
      }
    }
    const TextStyle style{kLineDots * block.scale, block.bold, block.align, kLineGap};
    auto picture = render_text(font_, block.text, style, width());
    if (!picture) return unexpected(picture.error());
    place(*picture, 0);
    return {};
  }

  // Lines cut to the paper width by counting cells: 12 dots a byte, so 24 for a two-byte character (font A).
  void native_text(const std::string& sjis, const TextBlock& block) {
    flush();
    const int cell = 12 * block.scale;
    const int per_line = std::max(width() / cell, 2);
    std::string line;
    int used = 0;
    auto emit = [&] {
      encoder_.kanji_line(line, block.scale, block.bold, block.align, kLineGap);
      job_.paper_dots += kLineDots * block.scale + kLineGap;
      line.clear();
      used = 0;
    };
    for (std::size_t i = 0; i < sjis.size();) {
      const auto lead = static_cast<unsigned char>(sjis[i]);
      if (lead == '\n') {
        emit();
        ++i;
        continue;
      }
      const bool pair = ((lead >= 0x81 && lead <= 0x9F) || (lead >= 0xE0 && lead <= 0xFC)) && i + 1 < sjis.size();
      const int cells = pair ? 2 : 1;
      if (used + cells > per_line) emit();
      line.append(sjis, i, static_cast<std::size_t>(cells));
      used += cells;
      i += static_cast<std::size_t>(cells);
    }
    if (!line.empty() || sjis.empty()) emit();
  }

  Expected<void> add(const ColumnsBlock& block) {
    const int usable = width() - kColumnGutter * (static_cast<int>(block.cells.size()) - 1);
    double given = 0;
    int shared = 0;
    for (const auto& cell : block.cells) {
      given += cell.width;
      shared += cell.width == 0 ? 1 : 0;
    }
    const double each = shared > 0 ? std::max(1.0 - given, 0.0) / shared : 0;
    std::vector<Bitmap> pictures;
    std::vector<int> widths;
    int height = 0;
    for (const auto& cell : block.cells) {
      const int cell_width = std::max(static_cast<int>(usable * (cell.width > 0 ? cell.width : each)), kLineDots);
      const TextStyle style{kLineDots * block.scale, block.bold, cell.align, kLineGap};
      auto picture = render_text(font_, cell.text, style, cell_width);
      if (!picture) return unexpected(picture.error());
      height = std::max(height, picture->height());
      pictures.push_back(std::move(*picture));
      widths.push_back(cell_width);
    }
    const int top = band_.height();
    space(height);
    int x = 0;
    for (std::size_t i = 0; i < pictures.size(); ++i) {
      band_.draw(pictures[i], x, top);
      x += widths[i] + kColumnGutter;
    }
    return {};
  }

  Expected<void> add(const RuleBlock& block) {
    space(kRuleMargin);
    const int top = band_.height();
    space(block.thickness);
    for (int x = 0; x < width(); x += block.dashed ? 12 : width()) {
      band_.fill(x, top, block.dashed ? 8 : width(), block.thickness);
    }
    space(kRuleMargin);
    return {};
  }

  Expected<void> add(const SpaceBlock& block) {
    space(profile_.mm_to_dots(block.mm));
    return {};
  }

  Expected<void> add(const QrBlock& block) {
    if (block.native != QrBlock::Native::never) {
      auto native = native_qr(block);
      if (!native) return unexpected(native.error());
      if (*native) return caption(block);
    }
    auto symbols = encode_qr(block.segments, block.options);
    if (!symbols) return unexpected(symbols.error());
    auto fit = fit_qr(symbols->front().size, profile_, block.module_mm, block.preferred_module_mm);
    if (!fit) return unexpected(fit.error());
    place_symbols(*symbols, *fit, block.align);
    job_.qr_codes.push_back(
        PlacedQr{index_, static_cast<int>(symbols->size()), symbols->front().version, fit->module_dots, false});
    return caption(block);
  }

  // The printer's own QR generator (GS ( k), when the block allows it and it is safe: the profile has it, the data
  // is printable ASCII (a printer picks Kanji compaction for byte pairs in the Shift_JIS range, §1.5), and one
  // symbol fits even if the printer chose byte mode for all of it (it picks compaction itself; a symbol wider than
  // the paper prints nothing, with no error). Only the size is computed here: the printer draws the symbol.
  // True when printed so; false to draw it instead; an error when "always" cannot be honoured.
  Expected<bool> native_qr(const QrBlock& block) {
    std::string data;
    for (const QrSegment& segment : block.segments) data += segment.data;
    const QrSegment as_bytes{QrMode::byte, data};
    QrOptions single = block.options;
    single.max_symbols = 1;
    std::optional<QrFit> fit;
    int version = 0;
    if (profile_.native_qr && printable_ascii(data) && data.size() <= kMaxNativeQrBytes) {
      if (auto found = qr_single_version(std::span(&as_bytes, 1), single)) {
        version = *found;
        if (auto fits = fit_qr(17 + 4 * version, profile_, block.module_mm, block.preferred_module_mm);
            fits && fits->module_dots <= profile_.max_native_qr_module) {
          fit = *fits;
        }
      }
    }
    if (!fit) {
      if (block.native != QrBlock::Native::always) return false;
      return unexpected(Error(make_error_code(PrinterErrc::does_not_fit),
                              "this QR code cannot be printed by the printer's own QR generator (profile " +
                                  std::string(profile_.name) +
                                  "): that needs GS ( k, printable ASCII data, and one symbol in byte mode that fits "
                                  "the paper with a module of at most " +
                                  std::to_string(profile_.max_native_qr_module) + " dots"));
    }
    flush();
    const int quiet = kQrQuietZone * fit->module_dots;
    encoder_.feed(quiet);
    encoder_.native_qr(data, fit->module_dots, block.options.ecc, block.align);
    encoder_.feed(quiet);
    job_.paper_dots += fit->width_dots;
    job_.qr_codes.push_back(PlacedQr{index_, 1, version, fit->module_dots, true});
    return true;
  }

  Expected<void> caption(const QrBlock& block) {
    if (block.caption.empty()) return {};
    auto picture = render_text(font_, block.caption, TextStyle{kSmallTextDots, false, block.align, kLineGap}, width());
    if (!picture) return unexpected(picture.error());
    place(*picture, 0);
    return {};
  }

  // Symbols side by side as many as fit, rows below each other; a sequence gets "1/3" under each symbol.
  void place_symbols(const std::vector<QrSymbol>& symbols, const QrFit& fit, Align align) {
    const int per_row = std::max(width() / fit.width_dots, 1);
    const bool numbered = symbols.size() > 1;
    for (std::size_t first = 0; first < symbols.size(); first += static_cast<std::size_t>(per_row)) {
      const std::size_t count = std::min(symbols.size() - first, static_cast<std::size_t>(per_row));
      const int row_width = static_cast<int>(count) * fit.width_dots;
      int x = offset_for(align, row_width, width());
      const int top = band_.height();
      int height = fit.width_dots;
      std::vector<std::pair<int, Bitmap>> labels;
      for (std::size_t i = first; i < first + count; ++i) {
        if (numbered) {
          const std::string label = std::to_string(symbols[i].index + 1) + "/" + std::to_string(symbols[i].count);
          auto picture = render_text(font_, label, TextStyle{kSmallTextDots, false, Align::center, 0}, fit.width_dots);
          if (picture) {
            height = std::max(height, fit.width_dots + picture->height());
            labels.emplace_back(x, std::move(*picture));
          }
        }
        x += fit.width_dots;
      }
      space(height);
      x = offset_for(align, row_width, width());
      for (std::size_t i = first; i < first + count; ++i) {
        band_.draw(draw_qr(symbols[i], fit.module_dots, true), x, top);
        x += fit.width_dots;
      }
      for (const auto& [label_x, picture] : labels) band_.draw(picture, label_x, top + fit.width_dots);
    }
  }

  Expected<void> add(const ImageBlock& block) {
    auto image = scanner::load_image(block.path);
    if (!image) return unexpected(Error(make_error_code(PrinterErrc::bad_image), image.error().message()));
    if (image->width <= 0 || image->height <= 0) {
      return unexpected(Error(make_error_code(PrinterErrc::bad_image), block.path.string() + " is empty"));
    }
    int target = block.width_mm > 0 ? profile_.mm_to_dots(block.width_mm) : image->width;
    if (target > width()) {
      if (block.width_mm > 0) {
        return unexpected(Error(
            make_error_code(PrinterErrc::does_not_fit),
            "the image is to be " + std::to_string(target) + " dots wide; the paper has " + std::to_string(width())));
      }
      target = width();
    }
    const int height =
        std::max(static_cast<int>(std::lround(static_cast<double>(image->height) * target / image->width)), 1);
    place(dither(*image, target, height), offset_for(block.align, target, width()));
    return {};
  }

  Expected<void> add(const CutBlock& /*cut*/) {
    flush();
    encoder_.cut();
    return {};
  }

  const Document& document_;
  const Profile& profile_;
  const Font& font_;
  EscPosEncoder encoder_;
  Bitmap band_;
  PrintJob job_;
  std::size_t index_ = 0;
};

}  // namespace

std::size_t PrintJob::bytes() const {
  return std::accumulate(chunks.begin(), chunks.end(), std::size_t{0},
                         [](std::size_t sum, const std::string& chunk) { return sum + chunk.size(); });
}

std::string PrintJob::joined() const {
  std::string all;
  all.reserve(bytes());
  for (const std::string& chunk : chunks) all += chunk;
  return all;
}

double PrintJob::print_seconds(const Profile& profile) const {
  if (profile.speed_mm_per_s <= 0) return 0;
  return paper_dots / profile.dots_per_mm() / profile.speed_mm_per_s;
}

Expected<PrintJob> compose(const Document& document, const Profile& profile, const Font& font) {
  return Composer(document, profile, font).run();
}

}  // namespace kofu::printer
