// QR Code model 2 symbols made on the host (libqrencode), for printing as rasters: one symbol, or a structured-
// append sequence of up to 16 when the data is too large for one (JAHIS お薬手帳 / 院外処方箋 payloads).
// Facts: ../shared/reference/jahis.md §3.2 (ECC ≥ L, module ≥ 0.25 mm), §4.1 (Shift_JIS bytes), §4.2 (structured
// append header and parity), §4.3 (capacities); escpos-scanners.md §1.5 (width and quiet zone).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "error/expected.hpp"
#include "printer/bitmap.hpp"
#include "printer/profile.hpp"

namespace kofu::printer {

// Error-correction level: L 7 %, M 15 %, Q 25 %, H 30 % of the codewords can be restored.
enum class QrEcc { low, medium, quartile, high };

// How a segment's bytes are compacted (ISO/IEC 18004 §7.4).
enum class QrMode {
  byte,          // any bytes, 8 bits each
  numeric,       // digits '0'-'9', 10 bits per 3
  alphanumeric,  // '0'-'9', 'A'-'Z', space and $%*+-./: ; 11 bits per 2
  kanji,         // Shift_JIS double-byte pairs 0x8140-0x9FFC and 0xE040-0xEBBF, 13 bits per pair
};

struct QrSegment {
  QrMode mode = QrMode::byte;
  std::string data;  // the bytes of the segment (Shift_JIS pairs for kanji)
};

struct QrOptions {
  QrEcc ecc = QrEcc::medium;
  int min_version = 1;
  int max_version = 40;
  int max_symbols = 1;  // > 1 allows a structured-append sequence of that many symbols at most (16)
};

struct QrSymbol {
  int version = 0;                    // 1-40
  int size = 0;                       // modules per side: 17 + 4 * version
  std::vector<std::uint8_t> modules;  // size * size, row by row, 1 = dark
  int index = 0;                      // position in a structured-append sequence, from 0
  int count = 1;                      // symbols in the sequence; 1 = a lone symbol without a header
  int parity = 0;    // the sequence's parity byte (XOR of every data byte of the whole message); 0 when count == 1
  std::string data;  // the bytes this symbol carries

  bool dark(int x, int y) const noexcept {
    return modules[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)] != 0;
  }
};

// The largest structured-append sequence (ISO/IEC 18004: 4-bit position and count).
inline constexpr int kMaxQrSymbols = 16;
// The quiet zone every QR symbol needs on each side, in modules.
inline constexpr int kQrQuietZone = 4;

// One symbol of the smallest version in [min_version, max_version] that holds the segments. When none does and
// max_symbols > 1: a structured-append sequence of the fewest symbols, all of the smallest version that allows
// that count. Cuts fall on segment data; a kanji pair is never cut, and a byte segment's Shift_JIS (or UTF-8)
// character is cut only when keeping it whole would cost a symbol (readers join the bytes before decoding).
// Errors: bad_document for invalid options or segment data (the message gives the segment and byte offset);
// does_not_fit when the data exceeds what max_symbols symbols of max_version carry (the message gives both).
Expected<std::vector<QrSymbol>> encode_qr(std::span<const QrSegment> segments, const QrOptions& options);

// The smallest version in [min_version, max_version] that holds the segments in one symbol, found without drawing
// the symbol: for a printer that draws it itself (GS ( k), where only its size matters. Errors as encode_qr.
Expected<int> qr_single_version(std::span<const QrSegment> segments, const QrOptions& options);

// The segments kofu uses for a payload: a SMART Health Card "shc:/" + digits as a byte segment and a numeric
// segment (digits cost 3.3 bits instead of 8); anything else as one byte segment.
std::vector<QrSegment> segments_for(std::string_view payload);

// How large a symbol prints: dots per module and the width with the quiet zone.
struct QrFit {
  int module_dots = 0;
  int width_dots = 0;  // (size + 2 * kQrQuietZone) * module_dots
};

// The module size for printing a symbol of `symbol_size` modules on `profile`: the largest whole number of dots
// not above preferred_module_mm, but at least the smallest that reaches min_module_mm (JAHIS Rx: 0.25 mm), and
// shrunk toward that minimum until the symbol and its quiet zone fit max_width_dots (0, or more than the
// profile's width: the profile's width).
// Error does_not_fit when even the minimum does not fit: it names the version, the dots needed and available.
Expected<QrFit> fit_qr(int symbol_size, const Profile& profile, double min_module_mm = 0.25,
                       double preferred_module_mm = 0.33, int max_width_dots = 0);

// The symbol as a picture, `module_dots` square dots per module, inside a white quiet zone of 4 modules when
// `quiet_zone` is set. A module_dots below 1 counts as 1.
Bitmap draw_qr(const QrSymbol& symbol, int module_dots, bool quiet_zone = true);

}  // namespace kofu::printer
