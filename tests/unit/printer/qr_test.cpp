// Host-made QR symbols: what encode_qr makes is read back with ZXing-cpp (text, raw bytes, structured-append
// fields); the capacity table and bit counts are checked against libqrencode; fit_qr against the profiles.
#define ZX_USE_UTF8 1  // ZXing-cpp 1.4: text() as UTF-8
#include <ZXing/ReadBarcode.h>
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "printer/errors.hpp"
#include "printer/profile.hpp"
#include "printer/qr.hpp"
#include "scanner/image_file.hpp"
#include "scanner/qr_image.hpp"
#include "text/shift_jis.hpp"

using kofu::printer::Bitmap;
using kofu::printer::PrinterErrc;
using kofu::printer::QrEcc;
using kofu::printer::QrMode;
using kofu::printer::QrOptions;
using kofu::printer::QrSegment;
using kofu::printer::QrSymbol;

namespace {

const kofu::printer::Profile& profile(std::string_view name) {
  auto found = kofu::printer::find_profile(name);
  REQUIRE(found);
  return **found;
}

kofu::scanner::GrayImage to_gray(const Bitmap& bitmap) {
  kofu::scanner::GrayImage image;
  image.width = bitmap.width();
  image.height = bitmap.height();
  image.pixels.reserve(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) image.pixels.push_back(bitmap.at(x, y) ? 0 : 255);
  }
  return image;
}

struct Read {
  std::string bytes;
  int index = -1;
  int count = -1;
  std::string id;  // ZXing: the structured-append parity as a decimal string
  std::string ec_level;
};

std::optional<Read> zxing_read(const QrSymbol& symbol) {
  const kofu::scanner::GrayImage image = to_gray(kofu::printer::draw_qr(symbol, 2));
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  const ZXing::Result result = ZXing::ReadBarcode(
      ZXing::ImageView(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum), hints);
  if (!result.isValid()) return std::nullopt;
  Read read;
  read.bytes.assign(result.bytes().begin(), result.bytes().end());
  read.index = result.sequenceIndex();
  read.count = result.sequenceSize();
  read.id = result.sequenceId();
  read.ec_level = result.ecLevel();
  return read;
}

std::string sjis(std::string_view utf8) {
  auto encoded = kofu::text::encode_shift_jis(utf8);
  REQUIRE(encoded);
  REQUIRE(encoded->substitutions.empty());
  return encoded->sjis;
}

// A JAHIS TC-like medication-notebook payload of at least `bytes` Shift_JIS bytes.
std::string jahis_payload(std::size_t bytes) {
  std::string text = "JAHISTC07,1\r\n";
  while (text.size() < bytes) {
    text += sjis(
        "1,山田太郎,ﾔﾏﾀﾞﾀﾛｳ,1,S330303,〒100-0001,東京都千代田区千代田１－１,03-1234-5678\r\n"
        "201,1,ロキソプロフェンナトリウム錠６０ｍｇ,3,錠,2,1149019F1560,1\r\n"
        "301,1,１日３回毎食後,7,日分,1\r\n");
  }
  return text;
}

// Where a cut of Shift_JIS bytes keeps every double-byte character whole.
std::vector<bool> sjis_character_starts(const std::string& bytes) {
  std::vector<bool> starts(bytes.size() + 1, true);
  for (std::size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    const bool lead = (c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC);
    if (lead && i + 1 < bytes.size()) starts[i + 1] = false;
    i += lead ? 2 : 1;
  }
  return starts;
}

int xor_of(const std::string& bytes) {
  unsigned parity = 0;
  for (const char c : bytes) parity ^= static_cast<unsigned char>(c);
  return static_cast<int>(parity);
}

QrOptions options(QrEcc ecc, int min_version, int max_version, int max_symbols = 1) {
  QrOptions o;
  o.ecc = ecc;
  o.min_version = min_version;
  o.max_version = max_version;
  o.max_symbols = max_symbols;
  return o;
}

}  // namespace

TEST_CASE("printer/qr: segments_for splits a SMART Health Card payload into byte and numeric segments") {
  const auto shc = kofu::printer::segments_for("shc:/5676290952432060346029243740");
  REQUIRE(shc.size() == 2);
  CHECK(shc[0].mode == QrMode::byte);
  CHECK(shc[0].data == "shc:/");
  CHECK(shc[1].mode == QrMode::numeric);
  CHECK(shc[1].data == "5676290952432060346029243740");

  for (const std::string_view other : {"shc:/56762909524320603460292437x0", "shc:/", "https://example.jp/", ""}) {
    const auto one = kofu::printer::segments_for(other);
    REQUIRE(one.size() == 1);
    CHECK(one[0].mode == QrMode::byte);
    CHECK(one[0].data == other);
  }
}

TEST_CASE("printer/qr: an SHC payload as byte + numeric segments decodes exactly and takes a smaller version") {
  std::string payload = "shc:/";
  for (int i = 0; i < 1200; ++i) payload += static_cast<char>('0' + (i * 7 + i / 13) % 10);
  const auto segments = kofu::printer::segments_for(payload);
  REQUIRE(segments.size() == 2);

  const auto mixed = kofu::printer::encode_qr(segments, options(QrEcc::low, 1, 40));
  REQUIRE_MESSAGE(mixed, mixed.error().message());
  REQUIRE(mixed->size() == 1);
  const QrSymbol& symbol = mixed->front();
  // 52 bits ("shc:/" at version ≥ 10: 4 + 16 + 40 = 60) + 4 + 12 + 400 * 10 = 4076 bits = 510 bytes: version 15-L
  // holds 523 data codewords, version 14-L 461.
  CHECK(symbol.version == 15);
  CHECK(symbol.size == 17 + 4 * 15);
  CHECK(symbol.modules.size() == static_cast<std::size_t>(symbol.size * symbol.size));
  CHECK(symbol.count == 1);
  CHECK(symbol.index == 0);
  CHECK(symbol.parity == 0);
  CHECK(symbol.data == payload);

  const std::vector<QrSegment> all_byte = {{QrMode::byte, payload}};
  const auto bytes = kofu::printer::encode_qr(all_byte, options(QrEcc::low, 1, 40));
  REQUIRE(bytes);
  CHECK(bytes->front().version == 25);  // 1205 bytes: 1208 codewords > 1174 (24-L), ≤ 1276 (25-L)
  CHECK(symbol.version < bytes->front().version);

  // Read back through kofu's scanner library, as the certificate check does.
  const auto read = kofu::scanner::read_qr_symbols(to_gray(kofu::printer::draw_qr(symbol, 3)));
  REQUIRE(read.size() == 1);
  CHECK(read[0].text == payload);
  CHECK(read[0].ecc == 'L');
  CHECK(read[0].version == 15);
}

TEST_CASE("printer/qr: a 3 kB Shift_JIS JAHIS payload becomes a structured-append sequence that joins exactly") {
  const std::string payload = jahis_payload(3000);
  REQUIRE(payload.size() >= 3000);
  const std::vector<QrSegment> segments = {{QrMode::byte, payload}};

  const auto symbols = kofu::printer::encode_qr(segments, options(QrEcc::medium, 1, 20, 16));
  REQUIRE_MESSAGE(symbols, symbols.error().message());
  // Version 20-M: 669 codewords = 5352 bits − 20 (header) − 4 − 16 (byte segment header) = 664 bytes a symbol.
  const std::size_t expected_count = (payload.size() + 663) / 664;
  REQUIRE(symbols->size() == expected_count);
  const int count = static_cast<int>(symbols->size());
  const int version = symbols->front().version;
  CHECK(version <= 20);

  const std::vector<bool> starts = sjis_character_starts(payload);
  std::string joined;
  for (int i = 0; i < count; ++i) {
    const QrSymbol& symbol = (*symbols)[static_cast<std::size_t>(i)];
    CAPTURE(i);
    CHECK(symbol.version == version);
    CHECK(symbol.index == i);
    CHECK(symbol.count == count);
    CHECK(symbol.parity == xor_of(payload));
    const auto read = zxing_read(symbol);
    REQUIRE(read);
    CHECK(read->bytes == symbol.data);
    CHECK(read->index == i);
    CHECK(read->count == count);
    CHECK(read->id == std::to_string(xor_of(payload)));
    CHECK(read->ec_level == "M");
    joined += read->bytes;
    // The sequence has room to spare, so no Shift_JIS character is cut.
    CHECK(starts[joined.size()]);
  }
  CHECK(joined == payload);

  // The smallest version for that count: one version less needs more symbols.
  const auto smaller = kofu::printer::encode_qr(segments, options(QrEcc::medium, 1, version - 1, 16));
  REQUIRE(smaller);
  CHECK(smaller->size() > symbols->size());
}

TEST_CASE("printer/qr: a kanji segment is cut only between Shift_JIS pairs") {
  std::string kanji;
  while (kanji.size() < 1200) kanji += sjis("山田太郎あいう薬局東京都千代田区");
  // One odd byte in front, so that a cut by byte count would fall inside a pair.
  const std::vector<QrSegment> segments = {{QrMode::byte, "X"}, {QrMode::kanji, kanji}};
  const auto symbols = kofu::printer::encode_qr(segments, options(QrEcc::medium, 1, 5, 16));
  REQUIRE_MESSAGE(symbols, symbols.error().message());
  REQUIRE(symbols->size() > 1);

  std::string joined;
  for (const QrSymbol& symbol : *symbols) {
    CAPTURE(symbol.index);
    CHECK(symbol.version == 5);
    const std::string kanji_part = symbol.index == 0 ? symbol.data.substr(1) : symbol.data;
    CHECK(kanji_part.size() % 2 == 0);
    const auto read = zxing_read(symbol);
    REQUIRE(read);
    CHECK(read->bytes == symbol.data);
    CHECK(read->count == static_cast<int>(symbols->size()));
    joined += symbol.data;
  }
  CHECK(joined == "X" + kanji);

  // Kanji mode (13 bits a character) packs the same bytes tighter than byte mode (16).
  const std::vector<QrSegment> as_bytes = {{QrMode::byte, "X" + kanji}};
  const auto byte_symbols = kofu::printer::encode_qr(as_bytes, options(QrEcc::medium, 1, 5, 16));
  REQUIRE(byte_symbols);
  CHECK(byte_symbols->size() > symbols->size());
}

TEST_CASE("printer/qr: data too large for the allowed symbols is does_not_fit, naming the sizes") {
  const std::string payload(12000, 'A');
  const std::vector<QrSegment> segments = {{QrMode::byte, payload}};
  const auto sixteen = kofu::printer::encode_qr(segments, options(QrEcc::medium, 1, 20, 16));
  REQUIRE_FALSE(sixteen);
  CHECK(sixteen.error().code() == PrinterErrc::does_not_fit);
  // 16 symbols of 664 bytes (version 20-M with a structured-append header).
  CHECK(sixteen.error().message().find("12000 bytes") != std::string::npos);
  CHECK(sixteen.error().message().find("16 symbols of version 20") != std::string::npos);
  CHECK(sixteen.error().message().find("first 10624 bytes") != std::string::npos);

  const std::vector<QrSegment> v40 = {{QrMode::byte, std::string(2954, 'a')}};
  const auto one = kofu::printer::encode_qr(v40, options(QrEcc::low, 1, 40));
  REQUIRE_FALSE(one);
  CHECK(one.error().code() == PrinterErrc::does_not_fit);
  CHECK(one.error().message().find("one symbol of version 40 at ECC level L") != std::string::npos);
  CHECK(one.error().message().find("first 2953 bytes") != std::string::npos);
}

TEST_CASE("printer/qr: bad segment data and options are bad_document with the offset") {
  SUBCASE("a letter in a numeric segment") {
    const std::vector<QrSegment> segments = {{QrMode::byte, "shc:/"}, {QrMode::numeric, "0123x5"}};
    const auto result = kofu::printer::encode_qr(segments, QrOptions{});
    REQUIRE_FALSE(result);
    CHECK(result.error().code() == PrinterErrc::bad_document);
    CHECK(result.error().message() ==
          "QR data byte 9 (segment 1, numeric, its byte 4): 0x78 is not a digit; a numeric segment takes 0-9 only");
  }
  SUBCASE("lower case in an alphanumeric segment") {
    const std::vector<QrSegment> segments = {{QrMode::alphanumeric, "HTTPS://a"}};
    const auto result = kofu::printer::encode_qr(segments, QrOptions{});
    REQUIRE_FALSE(result);
    CHECK(result.error().code() == PrinterErrc::bad_document);
    CHECK(result.error().message().find("its byte 8") != std::string::npos);
  }
  SUBCASE("an odd kanji segment") {
    const std::vector<QrSegment> segments = {{QrMode::kanji, sjis("山田") + "\x88"}};
    const auto result = kofu::printer::encode_qr(segments, QrOptions{});
    REQUIRE_FALSE(result);
    CHECK(result.error().code() == PrinterErrc::bad_document);
    CHECK(result.error().message().find("its byte 4") != std::string::npos);
    CHECK(result.error().message().find("lone byte") != std::string::npos);
  }
  SUBCASE("a pair outside the Kanji range") {
    // 0xEC40 is past 0xEBBF; 0x817F has a trail byte Shift_JIS never uses.
    for (const std::string& bad : {std::string("\xEC\x40"), std::string("\x81\x7F")}) {
      const std::vector<QrSegment> segments = {{QrMode::kanji, sjis("山") + bad}};
      const auto result = kofu::printer::encode_qr(segments, QrOptions{});
      REQUIRE_FALSE(result);
      CHECK(result.error().code() == PrinterErrc::bad_document);
      CHECK(result.error().message().find("its byte 2") != std::string::npos);
    }
  }
  SUBCASE("options and empty data") {
    const std::vector<QrSegment> segments = {{QrMode::byte, "x"}};
    CHECK(kofu::printer::encode_qr(segments, options(QrEcc::low, 0, 40)).error().code() == PrinterErrc::bad_document);
    CHECK(kofu::printer::encode_qr(segments, options(QrEcc::low, 10, 9)).error().code() == PrinterErrc::bad_document);
    CHECK(kofu::printer::encode_qr(segments, options(QrEcc::low, 1, 40, 17)).error().code() ==
          PrinterErrc::bad_document);
    const std::vector<QrSegment> empty = {{QrMode::byte, ""}};
    CHECK(kofu::printer::encode_qr(empty, QrOptions{}).error().code() == PrinterErrc::bad_document);
  }
}

TEST_CASE("printer/qr: the capacity table matches libqrencode at every version and ECC level") {
  // The byte-mode capacity edge: n bytes make exactly that version (libqrencode would pick a larger one if the
  // bit count disagreed, and encode_qr reports that), n + 1 bytes do not fit it.
  for (const QrEcc ecc : {QrEcc::low, QrEcc::medium, QrEcc::quartile, QrEcc::high}) {
    for (int version = 1; version <= 40; ++version) {
      CAPTURE(version);
      CAPTURE(static_cast<int>(ecc));
      // The largest n whose byte segment fits this version alone, found through the API.
      int low = 1;
      int high = 3000;
      while (low < high) {
        const int mid = (low + high + 1) / 2;
        const std::vector<QrSegment> probe = {{QrMode::byte, std::string(static_cast<std::size_t>(mid), 'a')}};
        if (kofu::printer::encode_qr(probe, options(ecc, version, version)).has_value()) {
          low = mid;
        } else {
          high = mid - 1;
        }
      }
      const std::vector<QrSegment> edge = {{QrMode::byte, std::string(static_cast<std::size_t>(low), 'a')}};
      const auto symbols = kofu::printer::encode_qr(edge, options(ecc, version, version));
      REQUIRE(symbols);
      CHECK(symbols->front().version == version);
      // jahis.md §4.3 capacities.
      if (version == 20 && ecc == QrEcc::low) CHECK(low == 858);
      if (version == 20 && ecc == QrEcc::high) CHECK(low == 382);
      if (version == 40 && ecc == QrEcc::medium) CHECK(low == 2331);
      if (version == 40 && ecc == QrEcc::quartile) CHECK(low == 1663);
    }
  }
}

TEST_CASE("printer/qr: bit counts agree with libqrencode for mixed segments") {
  std::mt19937 random(20240501U);  // fixed seed: the same cases on every run
  const std::string alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  const std::string kanji_pairs = sjis("山田太郎あいう薬局東京都千代田区錠");
  for (int round = 0; round < 150; ++round) {
    std::vector<QrSegment> segments;
    const int count = std::uniform_int_distribution<int>(1, 4)(random);
    for (int s = 0; s < count; ++s) {
      QrSegment segment;
      segment.mode = static_cast<QrMode>(std::uniform_int_distribution<int>(0, 3)(random));
      const int length = std::uniform_int_distribution<int>(1, 280)(random);
      for (int i = 0; i < length; ++i) {
        switch (segment.mode) {
          case QrMode::numeric: segment.data += static_cast<char>('0' + random() % 10); break;
          case QrMode::alphanumeric: segment.data += alphanumeric[random() % alphanumeric.size()]; break;
          case QrMode::kanji: segment.data += kanji_pairs.substr(2 * (random() % (kanji_pairs.size() / 2)), 2); break;
          case QrMode::byte: segment.data += static_cast<char>(random() % 256); break;
        }
      }
      segments.push_back(std::move(segment));
    }
    const auto ecc = static_cast<QrEcc>(std::uniform_int_distribution<int>(0, 3)(random));
    CAPTURE(round);
    const auto one = kofu::printer::encode_qr(segments, options(ecc, 1, 40));
    REQUIRE_MESSAGE(one, one.error().message());
    const int version = one->front().version;
    if (version > 1) {
      const auto smaller = kofu::printer::encode_qr(segments, options(ecc, 1, version - 1));
      REQUIRE_FALSE(smaller);
      CHECK(smaller.error().code() == PrinterErrc::does_not_fit);
    }
    // The same data split over small symbols: libqrencode must agree with every part's version too.
    const int max_version = std::uniform_int_distribution<int>(1, 12)(random);
    const auto split = kofu::printer::encode_qr(segments, options(ecc, 1, max_version, 16));
    if (split) {
      std::string joined;
      std::string whole;
      for (const QrSegment& segment : segments) whole += segment.data;
      for (const QrSymbol& symbol : *split) joined += symbol.data;
      CHECK(joined == whole);
    } else {
      CHECK(split.error().code() == PrinterErrc::does_not_fit);
    }
  }
}

TEST_CASE("printer/qr: fit_qr picks whole-dot modules of at least 0.25 mm that fit the paper") {
  // Version 10: 57 modules + 8 of quiet zone.
  const auto t88 = kofu::printer::fit_qr(57, profile("tm-t88"));  // 180 dpi: 0.25 mm = 1.77 dots -> 2 (0.28 mm)
  REQUIRE(t88);
  CHECK(t88->module_dots == 2);
  CHECK(t88->width_dots == 130);
  const auto generic = kofu::printer::fit_qr(57, profile("generic-58mm"));  // 203 dpi: 1.998 dots -> 2
  REQUIRE(generic);
  CHECK(generic->module_dots == 2);
  CHECK(generic->width_dots == 130);

  // Grown toward the preferred size (0.5 mm = 3.99 dots at 203 dpi -> 3), shrunk again when that does not fit.
  const auto grown = kofu::printer::fit_qr(57, profile("generic-58mm"), 0.25, 0.5);
  REQUIRE(grown);
  CHECK(grown->module_dots == 3);
  CHECK(grown->width_dots == 195);
  const auto shrunk = kofu::printer::fit_qr(177, profile("tm-t88"), 0.25, 0.5);  // 185 * 3 = 555 > 512
  REQUIRE(shrunk);
  CHECK(shrunk->module_dots == 2);
  CHECK(shrunk->width_dots == 370);
  const auto narrow = kofu::printer::fit_qr(57, profile("tm-t88"), 0.25, 1.0, 200);  // 65 * 3 = 195 ≤ 200
  REQUIRE(narrow);
  CHECK(narrow->module_dots == 3);

  // Version 40 (177 modules) needs 185 * 2 = 370 dots: it fits 384 but not 360 (TM-T88 on 58 mm), and not 384
  // once the module must be 0.3 mm (3 dots at 203 dpi).
  const auto fits384 = kofu::printer::fit_qr(177, profile("generic-58mm"));
  REQUIRE(fits384);
  CHECK(fits384->width_dots == 370);
  const auto on360 = kofu::printer::fit_qr(177, profile("tm-t88-58mm"));
  REQUIRE_FALSE(on360);
  CHECK(on360.error().code() == PrinterErrc::does_not_fit);
  CHECK(on360.error().message().find("version 40") != std::string::npos);
  CHECK(on360.error().message().find("needs 370 dots") != std::string::npos);
  CHECK(on360.error().message().find("only 360 dots") != std::string::npos);
  const auto thick = kofu::printer::fit_qr(177, profile("generic-58mm"), 0.3, 0.33);
  REQUIRE_FALSE(thick);
  CHECK(thick.error().message().find("needs 555 dots") != std::string::npos);
  CHECK(thick.error().message().find("only 384 dots") != std::string::npos);
}

TEST_CASE("printer/qr: draw_qr scales modules, leaves a white quiet zone, and decodes") {
  const std::vector<QrSegment> segments = {{QrMode::byte, "https://kofu.example/receipt/0042"}};
  const auto symbols = kofu::printer::encode_qr(segments, options(QrEcc::quartile, 1, 40));
  REQUIRE(symbols);
  const QrSymbol& symbol = symbols->front();

  const Bitmap with_zone = kofu::printer::draw_qr(symbol, 3);
  CHECK(with_zone.width() == (symbol.size + 8) * 3);
  CHECK(with_zone.height() == with_zone.width());
  const int zone = 4 * 3;
  for (int a = 0; a < with_zone.width(); ++a) {
    for (int b = 0; b < zone; ++b) {
      CHECK_FALSE(with_zone.at(a, b));
      CHECK_FALSE(with_zone.at(b, a));
      CHECK_FALSE(with_zone.at(a, with_zone.height() - 1 - b));
      CHECK_FALSE(with_zone.at(with_zone.width() - 1 - b, a));
    }
  }
  int mismatches = 0;
  for (int y = 0; y < symbol.size; ++y) {
    for (int x = 0; x < symbol.size; ++x) {
      for (int d = 0; d < 3; ++d) {
        if (with_zone.at(zone + x * 3 + d, zone + y * 3 + 2 - d) != symbol.dark(x, y)) ++mismatches;
      }
    }
  }
  CHECK(mismatches == 0);
  CHECK(symbol.dark(0, 0));  // the finder pattern's corner

  const Bitmap bare = kofu::printer::draw_qr(symbol, 2, false);
  CHECK(bare.width() == symbol.size * 2);
  CHECK(bare.at(0, 0));

  const auto read = kofu::scanner::read_qr_symbols(to_gray(with_zone));
  REQUIRE(read.size() == 1);
  CHECK(read[0].text == "https://kofu.example/receipt/0042");
  CHECK(read[0].ecc == 'Q');
}
