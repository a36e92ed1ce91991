// Receipt encoding per certificate: the document (docs/samples/print/certificate.json: 25 text blocks, mostly
// Japanese, an SHC QR of 1,800 digits, a URL QR, a cut) composed into the ESC/POS bytes of one print job. The peer
// (@point-of-sale/receipt-printer-encoder under Node.js, tests/bench/peer/bench.mjs) encodes the same content;
// scripts/bench-print.sh runs both and prints them side by side (docs/benchmarks.md).
//
// Every benchmark measures wall time (the peer's clock is process.hrtime), warm: the font is opened once and one
// untimed compose fills its glyph cache, as in the long-running kiosk service.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <variant>

#include "printer/document.hpp"
#include "printer/font.hpp"
#include "printer/layout.hpp"
#include "printer/profile.hpp"
#include "text/shift_jis.hpp"

namespace {

using kofu::printer::Document;
using kofu::printer::Font;
using kofu::printer::PrintJob;
using kofu::printer::Profile;

// The yardstick: encoding must take at most 5% of the time the printer needs for the job at 250 mm/s.
constexpr double kReferenceSpeedMmPerS = 250.0;

std::filesystem::path document_path() {
  const char* path = std::getenv("KOFU_BENCH_DOCUMENT");  // NOLINT(concurrency-mt-unsafe): read before any thread
  if (path != nullptr && *path != '\0') return path;
  return KOFU_BENCH_DOCUMENT_DEFAULT;
}

// One font for every benchmark: opening Noto Sans CJK reads a large collection once, as the service does.
const kofu::Expected<Font>& receipt_font() {
  static const kofu::Expected<Font> font = Font::open_default();
  return font;
}

// How the text and QR codes of a run are printed.
struct Variant {
  const char* profile;
  bool native_text;  // the printer's Kanji font where the text allows (Document::native_text)
  bool raster_qr;    // QR codes drawn on the host even where the printer's GS ( k could print them
};

// Text blocks the printer's Kanji font cannot take (a character without a Shift_JIS code): drawn on the host even
// when the document asks for native text (layout.hpp).
int host_drawn_text_blocks(const Document& document, const Profile& profile) {
  int count = 0;
  for (const auto& block : document.blocks) {
    const auto* text = std::get_if<kofu::printer::TextBlock>(&block);
    if (text == nullptr) continue;
    if (!document.native_text || !profile.kanji) {
      ++count;
      continue;
    }
    auto encoded = kofu::text::encode_shift_jis(text->text);
    if (!encoded || !encoded->substitutions.empty()) ++count;
  }
  return count;
}

void BM_Certificate(benchmark::State& state, Variant variant) {
  auto document = kofu::printer::load_document(document_path());
  if (!document) {
    state.SkipWithError((document_path().string() + ": " + document.error().message() +
                         " (set KOFU_BENCH_DOCUMENT to a print document)")
                            .c_str());
    return;
  }
  document->native_text = variant.native_text;
  if (variant.raster_qr) {
    for (auto& block : document->blocks) {
      if (auto* qr = std::get_if<kofu::printer::QrBlock>(&block)) qr->native = kofu::printer::QrBlock::Native::never;
    }
  }
  auto profile = kofu::printer::find_profile(variant.profile);
  if (!profile) {
    state.SkipWithError(profile.error().message().c_str());
    return;
  }
  const auto& font = receipt_font();
  if (!font) {
    state.SkipWithError(font.error().message().c_str());
    return;
  }

  auto job = kofu::printer::compose(*document, **profile, *font);  // untimed: fills the glyph cache
  if (!job) {
    state.SkipWithError(job.error().message().c_str());
    return;
  }
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop idiom
    auto composed = kofu::printer::compose(*document, **profile, *font);
    benchmark::DoNotOptimize(composed);
  }

  const PrintJob& result = *job;
  const double print_seconds = result.paper_dots / (*profile)->dots_per_mm() / kReferenceSpeedMmPerS;
  int native_qr = 0;
  for (const auto& qr : result.qr_codes) native_qr += qr.native ? 1 : 0;
  state.counters["bytes"] = static_cast<double>(result.bytes());
  state.counters["paper_mm"] = result.paper_dots / (*profile)->dots_per_mm();
  state.counters["print_ms"] = print_seconds * 1000;
  // The encode time as a percentage of the print time: Google Benchmark turns (v × iterations / elapsed) inverted
  // into elapsed / (iterations × v), so v = print time / 100 yields the share in percent from the measured time.
  state.counters["print_share_pct"] = benchmark::Counter(
      print_seconds / 100, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["native_qr"] = native_qr;
  state.counters["host_text_blocks"] = host_drawn_text_blocks(*document, **profile);
}

void BM_CertificateRaster(benchmark::State& state, const char* profile) {
  BM_Certificate(state, Variant{profile, false, false});
}
void BM_CertificateRasterQr(benchmark::State& state, const char* profile) {
  BM_Certificate(state, Variant{profile, false, true});
}
void BM_CertificateNative(benchmark::State& state, const char* profile) {
  BM_Certificate(state, Variant{profile, true, false});
}

// tm-t88 (international firmware): every line drawn on the host in Noto Sans CJK; the QR codes as the document
// says (automatic: the printer's GS ( k where it can take the symbol).
BENCHMARK_CAPTURE(BM_CertificateRaster, tm_t88, "tm-t88")->Unit(benchmark::kMicrosecond)->UseRealTime();
// The same at 203 dpi (576 dots a line): more dots per glyph.
BENCHMARK_CAPTURE(BM_CertificateRaster, tm_t20, "tm-t20")->Unit(benchmark::kMicrosecond)->UseRealTime();
// Everything on the host, QR modules included: the job a printer without GS ( k gets.
BENCHMARK_CAPTURE(BM_CertificateRasterQr, tm_t88, "tm-t88")->Unit(benchmark::kMicrosecond)->UseRealTime();
// tm-t88-jp with native text: the printer's Kanji font and GS ( k, what the peer sends (the like-for-like pair).
BENCHMARK_CAPTURE(BM_CertificateNative, tm_t88_jp, "tm-t88-jp")->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
