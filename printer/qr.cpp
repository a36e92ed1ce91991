#include "printer/qr.hpp"

#include <qrencode.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <system_error>
#include <utility>

#include "printer/errors.hpp"
#include "shc/qr_numeric.hpp"
#include "text/shift_jis.hpp"

namespace kofu::printer {
namespace {

// Data codewords per version (index 0 = version 1) and ECC level, ISO/IEC 18004 Table 7. qr_test checks the table
// against libqrencode at the capacity edge. Ten versions a line.
// clang-format off
constexpr std::array<std::array<int, 40>, 4> kDataCodewords = {{
    {  19,   34,   55,   80,  108,  136,  156,  194,  232,  274,
      324,  370,  428,  461,  523,  589,  647,  721,  795,  861,
      932, 1006, 1094, 1174, 1276, 1370, 1468, 1531, 1631, 1735,
     1843, 1955, 2071, 2191, 2306, 2434, 2566, 2702, 2812, 2956},  // L
    {  16,   28,   44,   64,   86,  108,  124,  154,  182,  216,
      254,  290,  334,  365,  415,  453,  507,  563,  627,  669,
      714,  782,  860,  914, 1000, 1062, 1128, 1193, 1267, 1373,
     1455, 1541, 1631, 1725, 1812, 1914, 1992, 2102, 2216, 2334},  // M
    {  13,   22,   34,   48,   62,   76,   88,  110,  132,  154,
      180,  206,  244,  261,  295,  325,  367,  397,  445,  485,
      512,  568,  614,  664,  718,  754,  808,  871,  911,  985,
     1033, 1115, 1171, 1231, 1286, 1354, 1426, 1502, 1582, 1666},  // Q
    {   9,   16,   26,   36,   46,   60,   66,   86,  100,  122,
      140,  158,  180,  197,  223,  253,  283,  313,  341,  385,
      406,  442,  464,  514,  538,  596,  628,  661,  701,  745,
      793,  845,  901,  961,  986, 1054, 1096, 1142, 1222, 1276},  // H
}};
// clang-format on

constexpr int kModeIndicatorBits = 4;
constexpr int kStructuredAppendBits = 20;  // mode 0011, position, count − 1, parity (jahis.md §4.2)

long capacity_bits(int version, QrEcc ecc) {
  return 8L * kDataCodewords[static_cast<std::size_t>(ecc)][static_cast<std::size_t>(version - 1)];
}

// Character count indicator length, ISO/IEC 18004 Table 3 (versions 1-9, 10-26, 27-40).
int count_bits(QrMode mode, int version) {
  const std::size_t range = version <= 9 ? 0 : (version <= 26 ? 1 : 2);
  constexpr std::array<std::array<int, 3>, 4> kBits = {{{8, 16, 16}, {10, 12, 14}, {9, 11, 13}, {8, 10, 12}}};
  return kBits[static_cast<std::size_t>(mode)][range];
}

// Bytes per character: a kanji character is a Shift_JIS pair.
std::size_t unit_bytes(QrMode mode) {
  return mode == QrMode::kanji ? 2 : 1;
}

long data_bits(QrMode mode, long chars) {
  switch (mode) {
    case QrMode::numeric: return 10 * (chars / 3) + std::array<long, 3>{0, 4, 7}[static_cast<std::size_t>(chars % 3)];
    case QrMode::alphanumeric: return 11 * (chars / 2) + 6 * (chars % 2);
    case QrMode::kanji: return 13 * chars;
    case QrMode::byte: break;
  }
  return 8 * chars;
}

// Bits for `chars` characters in one mode. A run longer than the count indicator can state becomes several
// segments, each with its own header (libqrencode splits it the same way).
long segment_bits(QrMode mode, long chars, int version) {
  if (chars == 0) return 0;
  const int count = count_bits(mode, version);
  const long per_segment = (1L << count) - 1;
  const long segments = (chars + per_segment - 1) / per_segment;
  return segments * (kModeIndicatorBits + count) + data_bits(mode, chars);
}

const char* mode_name(QrMode mode) {
  switch (mode) {
    case QrMode::numeric: return "numeric";
    case QrMode::alphanumeric: return "alphanumeric";
    case QrMode::kanji: return "kanji";
    case QrMode::byte: break;
  }
  return "byte";
}

char ecc_letter(QrEcc ecc) {
  return std::array{'L', 'M', 'Q', 'H'}[static_cast<std::size_t>(ecc)];
}

bool is_alphanumeric(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || std::strchr(" $%*+-./:", c) != nullptr;
}

// QR Kanji mode covers these Shift_JIS ranges (ISO/IEC 18004 §7.4.6); the trail byte must be a Shift_JIS one.
bool is_kanji_pair(unsigned char lead, unsigned char trail) {
  const unsigned value = (static_cast<unsigned>(lead) << 8U) | trail;
  const bool in_range = (value >= 0x8140U && value <= 0x9FFCU) || (value >= 0xE040U && value <= 0xEBBFU);
  return in_range && trail >= 0x40U && trail <= 0xFCU && trail != 0x7FU;
}

Error segment_error(std::size_t segment, const QrSegment& seg, std::size_t offset, std::size_t message_offset,
                    const std::string& what) {
  return Error(PrinterErrc::bad_document, "QR data byte " + std::to_string(message_offset) + " (segment " +
                                              std::to_string(segment) + ", " + mode_name(seg.mode) + ", its byte " +
                                              std::to_string(offset) + "): " + what);
}

std::string hex_byte(unsigned char c) {
  constexpr std::string_view kDigits = "0123456789ABCDEF";
  return std::string("0x") + kDigits[c >> 4U] + kDigits[c & 0x0FU];
}

Expected<void> validate(std::span<const QrSegment> segments) {
  std::size_t base = 0;
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const QrSegment& seg = segments[s];
    const std::string& d = seg.data;
    for (std::size_t i = 0; i < d.size(); ++i) {
      const auto c = static_cast<unsigned char>(d[i]);
      if (seg.mode == QrMode::numeric && (c < '0' || c > '9')) {
        return unexpected(
            segment_error(s, seg, i, base + i, hex_byte(c) + " is not a digit; a numeric segment takes 0-9 only"));
      }
      if (seg.mode == QrMode::alphanumeric && !is_alphanumeric(c)) {
        return unexpected(segment_error(
            s, seg, i, base + i,
            hex_byte(c) + " is not in the QR alphanumeric set (0-9, A-Z, space, $%*+-./:); use a byte segment"));
      }
    }
    if (seg.mode == QrMode::kanji) {
      if (d.size() % 2 != 0) {
        return unexpected(segment_error(s, seg, d.size() - 1, base + d.size() - 1,
                                        "a kanji segment holds Shift_JIS pairs but ends with a lone byte"));
      }
      for (std::size_t i = 0; i < d.size(); i += 2) {
        const auto lead = static_cast<unsigned char>(d[i]);
        const auto trail = static_cast<unsigned char>(d[i + 1]);
        if (!is_kanji_pair(lead, trail)) {
          return unexpected(segment_error(s, seg, i, base + i,
                                          hex_byte(lead) + " " + hex_byte(trail) +
                                              " is outside the QR Kanji range (Shift_JIS 0x8140-0x9FFC, "
                                              "0xE040-0xEBBF); put it in a byte segment"));
        }
      }
    }
    base += d.size();
  }
  return {};
}

Expected<void> validate(const QrOptions& options) {
  const auto fail = [](const std::string& what) {
    return unexpected(Error(PrinterErrc::bad_document, "QR options: " + what));
  };
  if (options.min_version < 1 || options.min_version > 40 || options.max_version < 1 || options.max_version > 40) {
    return fail("versions run from 1 to 40, not " + std::to_string(options.min_version) + "-" +
                std::to_string(options.max_version));
  }
  if (options.min_version > options.max_version) {
    return fail("min_version " + std::to_string(options.min_version) + " is above max_version " +
                std::to_string(options.max_version));
  }
  if (options.max_symbols < 1 || options.max_symbols > kMaxQrSymbols) {
    return fail("max_symbols must be 1 to 16 (structured append), not " + std::to_string(options.max_symbols));
  }
  if (static_cast<int>(options.ecc) < 0 || static_cast<int>(options.ecc) > 3) return fail("unknown ECC level");
  return {};
}

// Where a cut keeps a character of a byte segment whole: UTF-8 when the bytes are valid UTF-8 with non-ASCII,
// Shift_JIS otherwise (lead bytes 0x81-0x9F, 0xE0-0xFC take the next byte). whole[i]: a cut before byte i.
std::vector<bool> character_starts(const QrSegment& seg) {
  const std::string& d = seg.data;
  std::vector<bool> whole(d.size() + 1, true);
  if (seg.mode != QrMode::byte) return whole;
  const bool ascii = std::all_of(d.begin(), d.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80U; });
  if (ascii) return whole;
  if (text::find_invalid_utf8(d) == std::string_view::npos) {
    for (std::size_t i = 0; i < d.size(); ++i) whole[i] = (static_cast<unsigned char>(d[i]) & 0xC0U) != 0x80U;
    return whole;
  }
  for (std::size_t i = 0; i < d.size();) {
    const auto c = static_cast<unsigned char>(d[i]);
    if (((c >= 0x81U && c <= 0x9FU) || (c >= 0xE0U && c <= 0xFCU)) && i + 1 < d.size()) {
      whole[i + 1] = false;
      i += 2;
    } else {
      ++i;
    }
  }
  return whole;
}

// A run of one segment's bytes that goes into one symbol.
struct Piece {
  std::size_t segment = 0;
  std::size_t begin = 0;
  std::size_t length = 0;
};

struct Split {
  std::vector<std::vector<Piece>> parts;
  std::size_t bytes = 0;  // bytes placed
  bool complete = false;  // every byte placed within the part limit
};

class Splitter {
 public:
  explicit Splitter(std::span<const QrSegment> segments) : segments_(segments) {
    starts_.reserve(segments.size());
    for (const QrSegment& seg : segments) starts_.push_back(character_starts(seg));
  }

  // Greedy: each symbol takes as much of the rest as fits, which gives the fewest symbols since a longer run
  // never costs fewer bits. With `whole_characters`, a byte segment is cut only between characters.
  Split split(int version, QrEcc ecc, bool headers, bool whole_characters, int max_parts) const {
    Split result;
    std::size_t s = 0;
    std::size_t offset = 0;
    const auto skip_done = [&] {
      while (s < segments_.size() && offset >= segments_[s].data.size()) {
        ++s;
        offset = 0;
      }
    };
    skip_done();
    while (s < segments_.size() && static_cast<int>(result.parts.size()) < max_parts) {
      long room = capacity_bits(version, ecc) - (headers ? kStructuredAppendBits : 0);
      std::vector<Piece> part;
      while (s < segments_.size()) {
        const QrSegment& seg = segments_[s];
        const std::size_t unit = unit_bytes(seg.mode);
        const long left = static_cast<long>((seg.data.size() - offset) / unit);
        long chars = fitting_chars(seg.mode, left, room, version);
        if (whole_characters && chars < left) {
          while (chars > 0 && !starts_[s][offset + static_cast<std::size_t>(chars) * unit]) --chars;
          // A symbol with room for less than the first character takes part of it rather than nothing.
          if (chars == 0 && part.empty()) chars = fitting_chars(seg.mode, left, room, version);
        }
        if (chars == 0) break;
        const std::size_t length = static_cast<std::size_t>(chars) * unit;
        part.push_back(Piece{s, offset, length});
        room -= segment_bits(seg.mode, chars, version);
        result.bytes += length;
        offset += length;
        if (chars < left) break;
        skip_done();
      }
      if (part.empty()) break;  // not even one character fits: no progress is possible
      result.parts.push_back(std::move(part));
    }
    result.complete = s >= segments_.size();
    return result;
  }

 private:
  // The most characters (up to `left`) whose bits fit `room`.
  static long fitting_chars(QrMode mode, long left, long room, int version) {
    long low = 0;
    long high = left;
    while (low < high) {
      const long mid = low + (high - low + 1) / 2;
      if (segment_bits(mode, mid, version) <= room) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  std::span<const QrSegment> segments_;
  std::vector<std::vector<bool>> starts_;
};

struct InputFree {
  void operator()(QRinput* input) const { QRinput_free(input); }
};
struct StructFree {
  void operator()(QRinput_Struct* set) const { QRinput_Struct_free(set); }
};
struct CodeFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
struct ListFree {
  void operator()(QRcode_List* list) const { QRcode_List_free(list); }
};
using InputPtr = std::unique_ptr<QRinput, InputFree>;

Error libqrencode_error(const char* what) {
  const int error = errno;
  const auto code = error == ERANGE ? PrinterErrc::does_not_fit : PrinterErrc::bad_document;
  return Error(code, std::string("libqrencode could not ") + what + ": " + std::generic_category().message(error));
}

QRencodeMode qrencode_mode(QrMode mode) {
  switch (mode) {
    case QrMode::numeric: return QR_MODE_NUM;
    case QrMode::alphanumeric: return QR_MODE_AN;
    case QrMode::kanji: return QR_MODE_KANJI;
    case QrMode::byte: break;
  }
  return QR_MODE_8;
}

Expected<InputPtr> make_input(std::span<const QrSegment> segments, const std::vector<Piece>& part, int version,
                              QrEcc ecc) {
  errno = 0;
  InputPtr input(QRinput_new2(version, static_cast<QRecLevel>(ecc)));
  if (!input) return unexpected(libqrencode_error("start a symbol"));
  for (const Piece& piece : part) {
    const QrSegment& seg = segments[piece.segment];
    errno = 0;
    if (QRinput_append(input.get(), qrencode_mode(seg.mode), static_cast<int>(piece.length),
                       reinterpret_cast<const unsigned char*>(seg.data.data() + piece.begin)) != 0) {
      return unexpected(libqrencode_error("take a segment"));
    }
  }
  return input;
}

Expected<QrSymbol> to_symbol(const QRcode& code, int version) {
  // The bit counts above must agree with libqrencode's, or it would have picked a larger version.
  if (code.version != version || code.width != 17 + 4 * version) {
    return unexpected(Error(PrinterErrc::does_not_fit, "libqrencode made a version " + std::to_string(code.version) +
                                                           " QR symbol where version " + std::to_string(version) +
                                                           " was computed; report this as a kofu bug"));
  }
  QrSymbol symbol;
  symbol.version = code.version;
  symbol.size = code.width;
  const auto cells = static_cast<std::size_t>(code.width) * static_cast<std::size_t>(code.width);
  symbol.modules.resize(cells);
  for (std::size_t i = 0; i < cells; ++i) symbol.modules[i] = static_cast<std::uint8_t>(code.data[i] & 1U);
  return symbol;
}

std::string part_data(std::span<const QrSegment> segments, const std::vector<Piece>& part) {
  std::string data;
  for (const Piece& piece : part) data.append(segments[piece.segment].data, piece.begin, piece.length);
  return data;
}

Expected<std::vector<QrSymbol>> encode_single(std::span<const QrSegment> segments, const std::vector<Piece>& part,
                                              int version, QrEcc ecc) {
  auto input = make_input(segments, part, version, ecc);
  if (!input) return unexpected(std::move(input).error());
  errno = 0;
  const std::unique_ptr<QRcode, CodeFree> code(QRcode_encodeInput(input->get()));
  if (!code) return unexpected(libqrencode_error("encode the QR symbol"));
  auto symbol = to_symbol(*code, version);
  if (!symbol) return unexpected(std::move(symbol).error());
  symbol->data = part_data(segments, part);
  std::vector<QrSymbol> symbols;
  symbols.push_back(std::move(*symbol));
  return symbols;
}

Expected<std::vector<QrSymbol>> encode_sequence(std::span<const QrSegment> segments, const Split& split, int version,
                                                QrEcc ecc) {
  unsigned parity = 0;
  for (const QrSegment& seg : segments) {
    for (const char c : seg.data) parity ^= static_cast<unsigned char>(c);
  }
  errno = 0;
  const std::unique_ptr<QRinput_Struct, StructFree> set(QRinput_Struct_new());
  if (!set) return unexpected(libqrencode_error("start a structured-append sequence"));
  for (const std::vector<Piece>& part : split.parts) {
    auto input = make_input(segments, part, version, ecc);
    if (!input) return unexpected(std::move(input).error());
    errno = 0;
    if (QRinput_Struct_appendInput(set.get(), input->get()) < 0) {
      return unexpected(libqrencode_error("add a symbol to the sequence"));
    }
    static_cast<void>(input->release());  // the set frees it now
  }
  QRinput_Struct_setParity(set.get(), static_cast<unsigned char>(parity));
  errno = 0;
  if (QRinput_Struct_insertStructuredAppendHeaders(set.get()) != 0) {
    return unexpected(libqrencode_error("add the structured-append headers"));
  }
  errno = 0;
  const std::unique_ptr<QRcode_List, ListFree> list(QRcode_encodeInputStructured(set.get()));
  if (!list) return unexpected(libqrencode_error("encode the structured-append sequence"));

  std::vector<QrSymbol> symbols;
  const int count = static_cast<int>(split.parts.size());
  for (const QRcode_List* entry = list.get(); entry != nullptr; entry = entry->next) {
    if (static_cast<int>(symbols.size()) == count) break;
    auto symbol = to_symbol(*entry->code, version);
    if (!symbol) return unexpected(std::move(symbol).error());
    symbol->index = static_cast<int>(symbols.size());
    symbol->count = count;
    symbol->parity = static_cast<int>(parity);
    symbol->data = part_data(segments, split.parts[symbols.size()]);
    symbols.push_back(std::move(*symbol));
  }
  if (static_cast<int>(symbols.size()) != count) {
    return unexpected(Error(PrinterErrc::does_not_fit, "libqrencode returned " + std::to_string(symbols.size()) +
                                                           " symbols for a sequence of " + std::to_string(count)));
  }
  return symbols;
}

Expected<std::size_t> checked_total(std::span<const QrSegment> segments, const QrOptions& options) {
  if (auto valid = validate(options); !valid) return unexpected(valid.error());
  if (auto valid = validate(segments); !valid) return unexpected(valid.error());
  std::size_t total = 0;
  for (const QrSegment& seg : segments) total += seg.data.size();
  if (total == 0) return unexpected(Error(PrinterErrc::bad_document, "QR code without data: give it a payload"));
  return total;
}

Error too_large(const Splitter& splitter, std::size_t total, const QrOptions& options) {
  const Split most =
      splitter.split(options.max_version, options.ecc, options.max_symbols > 1, false, options.max_symbols);
  const std::string symbols =
      options.max_symbols == 1 ? "one symbol" : std::to_string(options.max_symbols) + " symbols";
  return Error(PrinterErrc::does_not_fit, "QR data of " + std::to_string(total) + " bytes does not fit " + symbols +
                                              " of version " + std::to_string(options.max_version) + " at ECC level " +
                                              ecc_letter(options.ecc) + ": only the first " +
                                              std::to_string(most.bytes) +
                                              " bytes fit; allow more symbols (structured append, up to 16), a "
                                              "larger version or a lower ECC level, or shorten the data");
}

}  // namespace

Expected<int> qr_single_version(std::span<const QrSegment> segments, const QrOptions& options) {
  auto total = checked_total(segments, options);
  if (!total) return unexpected(total.error());
  const Splitter splitter(segments);
  for (int version = options.min_version; version <= options.max_version; ++version) {
    if (splitter.split(version, options.ecc, false, false, 1).complete) return version;
  }
  QrOptions single = options;
  single.max_symbols = 1;
  return unexpected(too_large(splitter, *total, single));
}

Expected<std::vector<QrSymbol>> encode_qr(std::span<const QrSegment> segments, const QrOptions& options) {
  auto total = checked_total(segments, options);
  if (!total) return unexpected(total.error());

  const Splitter splitter(segments);
  for (int version = options.min_version; version <= options.max_version; ++version) {
    const Split one = splitter.split(version, options.ecc, false, false, 1);
    if (one.complete) return encode_single(segments, one.parts.front(), version, options.ecc);
  }

  if (options.max_symbols > 1) {
    // The fewest symbols, then the smallest version that allows that many.
    int best_version = 0;
    std::size_t best_count = 0;
    for (int version = options.min_version; version <= options.max_version; ++version) {
      const Split split = splitter.split(version, options.ecc, true, false, options.max_symbols);
      if (split.complete && (best_version == 0 || split.parts.size() < best_count)) {
        best_version = version;
        best_count = split.parts.size();
      }
    }
    if (best_version != 0) {
      Split chosen = splitter.split(best_version, options.ecc, true, true, static_cast<int>(best_count));
      if (!chosen.complete) chosen = splitter.split(best_version, options.ecc, true, false, options.max_symbols);
      return encode_sequence(segments, chosen, best_version, options.ecc);
    }
  }

  return unexpected(too_large(splitter, *total, options));
}

std::vector<QrSegment> segments_for(std::string_view payload) {
  const std::string_view prefix = shc::kQrPrefix;
  if (payload.size() > prefix.size() && payload.substr(0, prefix.size()) == prefix) {
    const std::string_view digits = payload.substr(prefix.size());
    if (std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return {QrSegment{QrMode::byte, std::string(prefix)}, QrSegment{QrMode::numeric, std::string(digits)}};
    }
  }
  return {QrSegment{QrMode::byte, std::string(payload)}};
}

Expected<QrFit> fit_qr(int symbol_size, const Profile& profile, double min_module_mm, double preferred_module_mm,
                       int max_width_dots) {
  if (symbol_size <= 0 || profile.dpi <= 0) {
    return unexpected(Error(PrinterErrc::bad_document, "QR fit: a symbol of " + std::to_string(symbol_size) +
                                                           " modules on a profile of " + std::to_string(profile.dpi) +
                                                           " dpi cannot be measured"));
  }
  const double dots_per_mm = profile.dots_per_mm();
  constexpr double kRounding = 1e-9;  // absorbs floating-point error when mm * dots_per_mm is a whole number
  const int min_dots = std::max(1, static_cast<int>(std::ceil(min_module_mm * dots_per_mm - kRounding)));
  const int preferred_dots =
      std::max(min_dots, static_cast<int>(std::floor(preferred_module_mm * dots_per_mm + kRounding)));
  const int available = max_width_dots > 0 ? std::min(max_width_dots, profile.width_dots) : profile.width_dots;
  const int modules = symbol_size + 2 * kQrQuietZone;
  for (int dots = preferred_dots; dots >= min_dots; --dots) {
    if (modules * dots <= available) return QrFit{dots, modules * dots};
  }
  const std::string symbol = (symbol_size - 17) % 4 == 0 && symbol_size >= 21
                                 ? "a version " + std::to_string((symbol_size - 17) / 4) + " QR code"
                                 : "a QR code of " + std::to_string(symbol_size) + " modules";
  std::array<char, 32> min_mm{};
  std::snprintf(min_mm.data(), min_mm.size(), "%.2f", min_module_mm);
  return unexpected(Error(
      PrinterErrc::does_not_fit,
      symbol + " needs " + std::to_string(modules * min_dots) + " dots (" + std::to_string(symbol_size) +
          " modules and a quiet zone of " + std::to_string(kQrQuietZone) + " on each side, " +
          std::to_string(min_dots) + " dots per module for at least " + min_mm.data() + " mm at " +
          std::to_string(profile.dpi) + " dpi) but only " + std::to_string(available) + " dots are available on " +
          std::string(profile.name) + "; split the data over more, smaller symbols or print on wider paper"));
}

Bitmap draw_qr(const QrSymbol& symbol, int module_dots, bool quiet_zone) {
  const int dots = std::max(1, module_dots);
  const int margin = quiet_zone ? kQrQuietZone : 0;
  const int side = (symbol.size + 2 * margin) * dots;
  Bitmap bitmap(side, side);
  for (int y = 0; y < symbol.size; ++y) {
    for (int x = 0; x < symbol.size; ++x) {
      if (symbol.dark(x, y)) bitmap.fill((x + margin) * dots, (y + margin) * dots, dots, dots);
    }
  }
  return bitmap;
}

}  // namespace kofu::printer
