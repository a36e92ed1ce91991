// The virtual printer driven with hand-made ESC/POS bytes (written here from escpos-scanners.md §1, not by an
// encoder): where rasters and QR symbols land, what the status replies say (read back with printer/status.hpp),
// how paper end, cover open and the buffer clear behave, and the server on a loopback port.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "printer/printsim/interpreter.hpp"
#include "printer/printsim/server.hpp"
#include "printer/profile.hpp"
#include "printer/status.hpp"
#include "receipt_font.hpp"
#include "scanner/image_file.hpp"
#include "scanner/qr_image.hpp"

using kofu::printer::Bitmap;
using kofu::printer::PrinterStatus;
using kofu::printer::StatusMessage;
using kofu::printer::StatusQuery;
using kofu::printer::StatusReader;
using kofu::printsim::Interpreter;
namespace fs = std::filesystem;

namespace {

const kofu::printer::Profile& profile(std::string_view name) {
  return **kofu::printer::find_profile(name);
}

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (const int v : values) out += static_cast<char>(v);
  return out;
}

const std::string kInit = bytes({0x1B, 0x40});
const std::string kFullCut = bytes({0x1D, 0x56, 0x00});

int black_dots(const Bitmap& bitmap, int x, int y, int width, int height) {
  int count = 0;
  for (int row = y; row < y + height; ++row) {
    for (int column = x; column < x + width; ++column) count += bitmap.at(column, row) ? 1 : 0;
  }
  return count;
}

int black_dots(const Bitmap& bitmap) {
  return black_dots(bitmap, 0, 0, bitmap.width(), bitmap.height());
}

// The page as a grey image with a white margin all round (the quiet zone a QR reader needs).
kofu::scanner::GrayImage to_gray(const Bitmap& bitmap, int margin) {
  kofu::scanner::GrayImage image;
  image.width = bitmap.width() + 2 * margin;
  image.height = bitmap.height() + 2 * margin;
  image.pixels.assign(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height), 255);
  for (int y = 0; y < bitmap.height(); ++y) {
    for (int x = 0; x < bitmap.width(); ++x) {
      if (bitmap.at(x, y)) {
        image.pixels[static_cast<std::size_t>(y + margin) * static_cast<std::size_t>(image.width) +
                     static_cast<std::size_t>(x + margin)] = 0;
      }
    }
  }
  return image;
}

// GS ( k for QR: pL pH 31 fn params.
std::string qr_function(int fn, std::string_view params) {
  const std::size_t p = params.size() + 2;
  return bytes({0x1D, 0x28, 0x6B, static_cast<int>(p % 256), static_cast<int>(p / 256), 0x31, fn}) +
         std::string(params);
}

std::string qr_store(std::string_view data) {
  return qr_function(0x50, "0" + std::string(data));
}

std::string gs_v0(int mode, int x_bytes, int y, std::string_view data) {
  return bytes({0x1D, 0x76, 0x30, mode, x_bytes % 256, x_bytes / 256, y % 256, y / 256}) + std::string(data);
}

PrinterStatus read_status(const std::string& replies, std::initializer_list<StatusQuery> asked) {
  StatusReader reader;
  for (const StatusQuery q : asked) reader.asked(q);
  PrinterStatus status;
  for (const StatusMessage& m : reader.feed(replies)) apply(status, m);
  CHECK(reader.outstanding() == 0);
  return status;
}

std::string ask_all_four(Interpreter& printer) {
  printer.receive(bytes({0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4}));
  return printer.take_replies();
}

const std::initializer_list<StatusQuery> kAllFour = {StatusQuery::printer, StatusQuery::offline_cause,
                                                     StatusQuery::error_cause, StatusQuery::paper};

}  // namespace

TEST_CASE("printer/printsim: GS v 0 raster dots land where the data and the alignment put them") {
  Interpreter printer(profile("tm-t88"), nullptr);
  // 16 dots × 3 rows: row 0 the first and last dot, row 1 the left half, row 2 the right half.
  printer.receive(kInit + gs_v0(0, 2, 3, bytes({0x80, 0x01, 0xFF, 0x00, 0x00, 0xFF})));
  printer.receive(bytes({0x1B, 0x61, 0x02}) + gs_v0(3, 1, 1, bytes({0x81})) + kFullCut);
  const auto pages = printer.take_pages();
  REQUIRE(pages.size() == 1);
  const Bitmap& page = pages[0].bitmap;
  CHECK(page.width() == 512);
  CHECK(page.height() == 3 + 2);  // the quadrupled raster is 2 rows tall
  CHECK(page.at(0, 0));
  CHECK(page.at(15, 0));
  CHECK_FALSE(page.at(1, 0));
  CHECK(black_dots(page, 0, 1, 8, 1) == 8);
  CHECK(black_dots(page, 8, 2, 8, 1) == 8);
  CHECK(black_dots(page, 0, 0, 512, 3) == 18);
  // Right-aligned, double width and height: dots 0 and 7 of 8 become 2×2 blocks at 496 and 510.
  CHECK(black_dots(page, 496, 3, 2, 2) == 4);
  CHECK(black_dots(page, 510, 3, 2, 2) == 4);
  CHECK(black_dots(page, 0, 3, 512, 2) == 8);
  CHECK(printer.state().errors == 0);
  CHECK(printer.state().unknown_commands == 0);
}

TEST_CASE("printer/printsim: GS ( L fn 112 stores a scaled raster and fn 50 prints it centred") {
  Interpreter printer(profile("tm-t88"), nullptr);
  // 10 dots × 2 rows, bx = by = 2: row 0 has dots 0, 1 and 9.
  const std::string store =
      bytes({0x1D, 0x28, 0x4C, 14, 0, 0x30, 0x70, 0x30, 2, 2, 0x31, 10, 0, 2, 0}) + bytes({0xC0, 0x40, 0x00, 0x00});
  const std::string print = bytes({0x1D, 0x28, 0x4C, 2, 0, 0x30, 0x32});
  printer.receive(kInit + bytes({0x1B, 0x61, 0x01}) + store + print + print + kFullCut);
  const auto pages = printer.take_pages();
  REQUIRE(pages.size() == 1);
  const Bitmap& page = pages[0].bitmap;
  CHECK(page.height() == 4);  // printed once: fn 50 empties the buffer
  const int left = (512 - 20) / 2;
  CHECK(black_dots(page, left, 0, 4, 2) == 8);
  CHECK(black_dots(page, left + 18, 0, 2, 2) == 4);
  CHECK(black_dots(page) == 12);
  CHECK(printer.state().errors == 0);
}

TEST_CASE("printer/printsim: a GS ( k QR symbol decodes to the stored payload") {
  Interpreter printer(profile("tm-t88"), nullptr);
  const std::string payload = "https://kofu.example/v1/receipt?id=0123456789&check=ABCDEF";
  printer.receive(kInit + bytes({0x1B, 0x61, 0x01}) + qr_function(0x41, bytes({0x32, 0x00})) +
                  qr_function(0x43, bytes({4})) + qr_function(0x45, bytes({0x31})) + qr_store(payload) +
                  qr_function(0x52, "0") + qr_function(0x51, "0") + kFullCut);
  const auto pages = printer.take_pages();
  REQUIRE(pages.size() == 1);
  const auto symbols = kofu::scanner::read_qr_symbols(to_gray(pages[0].bitmap, 32));
  REQUIRE(symbols.size() == 1);
  CHECK(symbols[0].text == payload);
  CHECK(symbols[0].ecc == 'M');
  // fn 82: 37 36 width 1F height 1F 31 1F 30 00, the sizes in dots without the quiet zone.
  const std::string size = std::to_string(pages[0].bitmap.height());
  CHECK(printer.take_replies() == "\x37\x36" + size + "\x1F" + size + "\x1F\x31\x1F\x30" + std::string(1, '\0'));
  CHECK(printer.state().errors == 0);
}

TEST_CASE("printer/printsim: a native QR wider than the print area prints nothing") {
  Interpreter printer(profile("tm-t88-58mm"), nullptr);  // 360 dots
  printer.receive(kInit + qr_function(0x43, bytes({16})) + qr_store(std::string(100, 'A')) + qr_function(0x52, "0") +
                  qr_function(0x51, "0") + "\n" + kFullCut);
  const auto pages = printer.take_pages();
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].bitmap.height() == 30);  // the LF's feed only
  CHECK(black_dots(pages[0].bitmap) == 0);
  CHECK(printer.take_replies().ends_with("\x1F\x31\x1F\x31" + std::string(1, '\0')));  // "cannot print"
  CHECK(printer.state().errors == 1);
  CHECK(printer.state().last_error.find("wider than the print area") != std::string::npos);
}

TEST_CASE("printer/printsim: cuts end pages; a cut in the middle of a line is ignored") {
  Interpreter printer(profile("tm-t88"), nullptr);
  printer.receive(kInit + "A\n" + kFullCut);
  printer.receive("B\n" + bytes({0x1D, 0x56, 0x42, 0x00}));
  printer.receive("C\n" + bytes({0x1D, 0x56, 0x41, 10}));
  printer.receive("D" + kFullCut + "\n" + bytes({0x1D, 0x56, 0x01}));
  printer.receive(kFullCut);  // nothing on the paper since the last cut: no page
  const auto pages = printer.take_pages();
  REQUIRE(pages.size() == 4);
  CHECK(pages[0].cut);
  CHECK_FALSE(pages[0].partial_cut);
  CHECK(pages[0].ended_by == "cut");
  CHECK(pages[0].bitmap.height() == 30);
  CHECK(black_dots(pages[0].bitmap, 0, 0, 12, 24) > 0);
  CHECK(pages[1].partial_cut);
  CHECK(pages[2].bitmap.height() == 40);  // fed 10 dots to the cutter
  CHECK(pages[3].partial_cut);
  CHECK(black_dots(pages[3].bitmap, 0, 0, 12, 24) > 0);  // the D, printed by the LF after the refused cut
  CHECK(printer.state().errors == 1);
  CHECK(printer.state().pages == 4);
}

TEST_CASE("printer/printsim: DLE EOT 1-4 answer ready, paper end, cover open and offline with the reference bits") {
  SUBCASE("ready") {
    Interpreter printer(profile("tm-t88"), nullptr);
    const std::string replies = ask_all_four(printer);
    CHECK(replies == bytes({0x16, 0x12, 0x12, 0x12}));
    const PrinterStatus status = read_status(replies, kAllFour);
    CHECK(status.ready());
    CHECK_FALSE(status.paper_near_end);
  }
  SUBCASE("paper end") {
    Interpreter printer(profile("tm-t88"), nullptr);
    printer.set_paper(false);
    const std::string replies = ask_all_four(printer);
    CHECK(replies == bytes({0x1E, 0x72, 0x12, 0x72}));
    const PrinterStatus status = read_status(replies, kAllFour);
    CHECK(status.offline);
    CHECK(status.paper_end);
    CHECK(status.stopped_by_paper_end);
    CHECK_FALSE(status.cover_open);
    CHECK(status.describe() == "offline, paper end");
  }
  SUBCASE("cover open") {
    Interpreter printer(profile("tm-t88"), nullptr);
    printer.set_cover_open(true);
    const std::string replies = ask_all_four(printer);
    CHECK(replies == bytes({0x1E, 0x16, 0x12, 0x12}));
    const PrinterStatus status = read_status(replies, kAllFour);
    CHECK(status.describe() == "offline, cover open");
  }
  SUBCASE("offline (no cause given), back online by DLE ENQ 1") {
    Interpreter printer(profile("tm-t88"), nullptr);
    printer.set_online(false);
    const std::string replies = ask_all_four(printer);
    CHECK(replies == bytes({0x1E, 0x12, 0x12, 0x12}));
    const PrinterStatus status = read_status(replies, kAllFour);
    CHECK(status.offline);
    CHECK(status.describe() == "offline");
    CHECK_FALSE(status.paper_end);
    printer.receive(bytes({0x10, 0x05, 0x01}));
    CHECK(printer.state().online);
    CHECK(ask_all_four(printer) == bytes({0x16, 0x12, 0x12, 0x12}));
  }
  SUBCASE("paper near end is no stop") {
    Interpreter printer(profile("tm-t88"), nullptr);
    printer.set_paper_near_end(true);
    const PrinterStatus status = read_status(ask_all_four(printer), kAllFour);
    CHECK(status.paper_near_end);
    CHECK(status.ready());
  }
}

TEST_CASE("printer/printsim: ASB is sent on enable and again on each change it covers") {
  Interpreter printer(profile("tm-t88"), nullptr);
  printer.receive(bytes({0x1D, 0x61, 0xFF}));
  CHECK(printer.take_replies() == bytes({0x14, 0x00, 0x00, 0x00}));
  printer.set_paper_near_end(true);
  CHECK(printer.take_replies() == bytes({0x14, 0x00, 0x03, 0x00}));
  printer.set_cover_open(true);
  const std::string replies = printer.take_replies();
  CHECK(replies == bytes({0x3C, 0x00, 0x03, 0x00}));
  StatusReader reader;
  const auto messages = reader.feed(replies);
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].kind == StatusMessage::Kind::automatic);
  PrinterStatus status;
  apply(status, messages[0]);
  CHECK(status.cover_open);
  CHECK(status.offline);
  CHECK(status.paper_near_end);

  printer.receive(bytes({0x1D, 0x61, 0x08}));  // paper sensor only: not real-time, so it waits for the cover
  CHECK(printer.take_replies().empty());
  printer.set_cover_open(false);  // the change (all items still enabled), then GS a 8 runs and answers at once
  CHECK(printer.take_replies() == bytes({0x14, 0x00, 0x03, 0x00, 0x14, 0x00, 0x03, 0x00}));
  printer.set_paper(false);
  CHECK(printer.take_replies() == bytes({0x1C, 0x00, 0x0F, 0x00}));
  printer.set_paper(true);  // a new roll: no longer near its end either
  CHECK(printer.take_replies() == bytes({0x14, 0x00, 0x00, 0x00}));
  printer.receive(bytes({0x1D, 0x61, 0x00}));
  printer.set_paper(false);
  CHECK(printer.take_replies().empty());
}

TEST_CASE("printer/printsim: GS r is answered only once the data before it has printed") {
  Interpreter printer(profile("tm-t88"), nullptr);
  printer.set_cover_open(true);
  printer.receive(kInit + "A\n" + bytes({0x1D, 0x72, 0x31}));
  CHECK(printer.take_replies().empty());
  CHECK(printer.state().buffered_bytes == 7);
  printer.set_cover_open(false);
  CHECK(printer.take_replies() == bytes({0x00}));
  CHECK(printer.state().buffered_bytes == 0);
  printer.finish("end of input");
  const auto pages = printer.take_pages();
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].ended_by == "end of input");
  CHECK(pages[0].bitmap.height() == 30);
}

TEST_CASE("printer/printsim: paper_out_after ends the page mid-line and holds the rest until paper comes") {
  Interpreter printer(profile("tm-t88"), nullptr);
  printer.paper_out_after(100);
  std::string job = kInit;
  for (int i = 1; i <= 10; ++i) job += "L" + std::to_string(i) + "\n";
  printer.receive(job + kFullCut + bytes({0x1D, 0x72, 0x31}));
  auto pages = printer.take_pages();
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].ended_by == "paper end");
  CHECK_FALSE(pages[0].cut);
  CHECK(pages[0].bitmap.height() == 100);  // three lines and the first 10 rows of the fourth
  CHECK(black_dots(pages[0].bitmap, 0, 90, 36, 10) > 0);
  CHECK_FALSE(printer.state().paper);
  CHECK(printer.state().buffered_bytes > 0);
  CHECK(printer.take_replies().empty());  // GS r waits behind the job
  CHECK(ask_all_four(printer) == bytes({0x1E, 0x72, 0x12, 0x72}));

  printer.set_paper(true);
  pages = printer.take_pages();
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].cut);
  CHECK(pages[0].bitmap.height() == 6 * 30);  // L5 … L10: the rest of L4 was lost
  CHECK(printer.take_replies() == bytes({0x00}));
  CHECK(printer.state().dot_lines == 100 + 180);
}

TEST_CASE("printer/printsim: DLE DC4 fn 8 clears the buffers at once and ends the page") {
  Interpreter printer(profile("tm-t88"), nullptr);
  printer.receive(kInit + "A\n");
  printer.set_cover_open(true);
  printer.receive("B\nC\n");
  CHECK(printer.state().buffered_bytes == 4);
  printer.receive(bytes({0x10, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08}));
  CHECK(printer.take_replies() == bytes({0x37, 0x25, 0x00}));
  CHECK(printer.state().buffered_bytes == 0);
  auto pages = printer.take_pages();
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].ended_by == "cleared");
  CHECK(pages[0].bitmap.height() == 30);
  printer.set_cover_open(false);
  printer.finish("end of input");
  CHECK(printer.take_pages().empty());
}

TEST_CASE("printer/printsim: a DLE EOT inside raster data is answered at arrival and stays raster data") {
  Interpreter printer(profile("tm-t88"), nullptr);
  // GS v 0, 8 dots × 6 rows; rows 1–3 hold 10 04 01.
  const std::string job = kInit + gs_v0(0, 1, 6, bytes({0x00, 0x10, 0x04, 0x01, 0x00, 0xFF}));
  printer.receive(job.substr(0, job.size() - 2));
  CHECK(printer.take_replies() == bytes({0x16}));
  CHECK(printer.state().buffered_bytes == 8 + 4);  // the raster is still incomplete
  printer.receive(job.substr(job.size() - 2) + kFullCut);
  CHECK(printer.take_replies().empty());
  const auto pages = printer.take_pages();
  REQUIRE(pages.size() == 1);
  const Bitmap& page = pages[0].bitmap;
  REQUIRE(page.height() == 6);
  CHECK(page.at(3, 1));
  CHECK(page.at(5, 2));
  CHECK(page.at(7, 3));
  CHECK(black_dots(page, 0, 5, 8, 1) == 8);
  CHECK(black_dots(page) == 11);
}

TEST_CASE("printer/printsim: FS C 1 Shift_JIS pairs print in 24-dot Kanji cells") {
  const std::string kanji = bytes({0x8A, 0xBF, 0x8E, 0x9A});  // 漢字
  const std::string shift_jis = bytes({0x1C, 0x43, 0x31});
  SUBCASE("boxes without a font") {
    Interpreter printer(profile("tm-t88-jp"), nullptr);
    printer.receive(kInit + shift_jis + kanji + "\n" + kFullCut);
    const auto pages = printer.take_pages();
    REQUIRE(pages.size() == 1);
    const Bitmap& page = pages[0].bitmap;
    CHECK(page.height() == 30);
    CHECK(page.at(1, 1));    // first cell's box: left edge
    CHECK(page.at(22, 12));  // and right edge, 24 dots on
    CHECK_FALSE(page.at(10, 12));
    CHECK(page.at(25, 12));
    CHECK(page.at(46, 12));
    CHECK(black_dots(page, 48, 0, 512 - 48, 30) == 0);
  }
  SUBCASE("JIS code system with FS &") {
    Interpreter printer(profile("tm-t88-jp"), nullptr);
    printer.receive(kInit + bytes({0x1C, 0x43, 0x30, 0x1C, 0x26, 0x34, 0x41, 0x1C, 0x2E}) + "\n" + kFullCut);
    const auto pages = printer.take_pages();
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].bitmap.at(22, 12));
    CHECK(black_dots(pages[0].bitmap, 24, 0, 512 - 24, 30) == 0);
  }
  SUBCASE("international firmware prints the bytes one by one") {
    Interpreter printer(profile("tm-t88"), nullptr);
    printer.receive(kInit + shift_jis + kanji + "\n" + kFullCut);
    const auto pages = printer.take_pages();
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].bitmap.at(10, 12));  // four 12-dot boxes
    CHECK(pages[0].bitmap.at(13, 12));
  }
  SUBCASE("glyphs from the receipt font") {
    const kofu::printer::Font* font = kofu::testing::receipt_font();
    if (font == nullptr) return;
    Interpreter printer(profile("tm-t88-jp"), font);
    printer.receive(kInit + shift_jis + kanji + "\n" + kFullCut);
    const auto pages = printer.take_pages();
    REQUIRE(pages.size() == 1);
    const Bitmap& page = pages[0].bitmap;
    CHECK(black_dots(page, 0, 0, 24, 24) > 40);
    CHECK(black_dots(page, 24, 0, 24, 24) > 40);
    CHECK(black_dots(page, 48, 0, 512 - 48, 30) == 0);
    CHECK(black_dots(page, 0, 24, 512, 6) == 0);
  }
}

TEST_CASE("printer/printsim: text wraps at the print width and unknown commands are counted") {
  Interpreter printer(profile("tm-t88"), nullptr);
  printer.receive(kInit + std::string(50, 'A') + "\n" + kFullCut);
  auto pages = printer.take_pages();
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].bitmap.height() == 60);  // 42 characters of 12 dots fit in 512, the other 8 wrap
  CHECK(black_dots(pages[0].bitmap, 41 * 12, 0, 12, 24) > 0);
  CHECK(black_dots(pages[0].bitmap, 8 * 12, 30, 12, 24) == 0);
  CHECK(printer.state().unknown_commands == 0);
  CHECK(printer.state().errors == 0);

  printer.receive(bytes({0x1B, 0x01, 0x1D, 0x01, 0x1C, 0x01}) + "A\n");
  CHECK(printer.state().unknown_commands == 3);
}

TEST_CASE("printer/printsim: GS I answers identify the profile again") {
  for (const std::string_view name : {"tm-t88-jp", "tm-t20-58mm", "tm-t20"}) {
    CAPTURE(name);
    Interpreter printer(profile(name), nullptr);
    printer.receive(bytes({0x1D, 0x49, 110, 0x1D, 0x49, 2}));
    const std::string replies = printer.take_replies();
    REQUIRE(replies.size() == 2);
    const auto found = kofu::printer::profile_from_printer_id(static_cast<std::uint8_t>(replies[0]),
                                                              static_cast<std::uint8_t>(replies[1]));
    REQUIRE(found);
    CHECK((*found)->name == name);
  }
  Interpreter printer(profile("tm-t88"), nullptr);
  printer.receive(bytes({0x1D, 0x49, 66, 0x1D, 0x49, 67}));
  StatusReader reader;
  const auto messages = reader.feed(printer.take_replies());
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].kind == StatusMessage::Kind::block);
  CHECK(messages[0].bytes == std::string("_EPSON") + '\0');
  CHECK(messages[1].bytes == std::string("_TM-T88") + '\0');
}

TEST_CASE("printer/printsim: garbage and absurd sizes never throw, hang or grow without bound") {
  std::uint64_t seed = 0x9E3779B97F4A7C15ULL;
  auto next = [&seed] {
    seed ^= seed << 13U;
    seed ^= seed >> 7U;
    seed ^= seed << 17U;
    return seed;
  };
  for (const std::string_view name : {"tm-t88", "tm-t20-jp", "generic-58mm"}) {
    Interpreter printer(profile(name), nullptr);
    for (int round = 0; round < 200; ++round) {
      std::string chunk(300, '\0');
      for (char& c : chunk) {
        // Mostly command introducers and small numbers, so that commands really start.
        const std::uint64_t r = next();
        constexpr std::string_view kIntroducers = "\x1B\x1D\x1C\x10\x0A";
        c = (r & 3U) == 0 ? kIntroducers[(r >> 2U) % kIntroducers.size()] : static_cast<char>((r >> 8U) & 0xFFU);
      }
      CHECK_NOTHROW(printer.receive(chunk));
      printer.take_pages();
      printer.take_replies();
      if (round % 50 == 0) printer.set_paper(round % 100 == 0);
    }
    printer.set_paper(true);
    CHECK(printer.state().buffered_bytes <= Interpreter::kMaxCommandBytes);
  }
  Interpreter printer(profile("tm-t88"), nullptr);
  // A GS 8 L announcing 4 GB, then a feed of 255 × 255 dots (65025 lines: "page too long" pages), then text.
  printer.receive(bytes({0x1D, 0x38, 0x4C, 0xFF, 0xFF, 0xFF, 0xFF, 0x30, 0x70}) + std::string(1000, '\x55'));
  CHECK(printer.state().errors == 1);
  CHECK(printer.state().buffered_bytes == 0);
  printer.finish("end of input");
  printer.receive(kInit + bytes({0x1B, 0x33, 0xFF, 0x1B, 0x64, 0xFF}) + "A\n" + kFullCut);
  const auto pages = printer.take_pages();
  REQUIRE(pages.size() == 4);
  CHECK(pages[0].ended_by == "page too long");
  CHECK(pages[0].bitmap.height() == Interpreter::kMaxPageLines);
  CHECK(pages[3].ended_by == "cut");
}

namespace {

// A connected TCP client of 127.0.0.1:port.
int connect_to(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
  return fd;
}

void send_all(int fd, std::string_view data) {
  REQUIRE(::send(fd, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size()));
}

// The next bytes from the socket ("" at EOF); the timeout only keeps a broken server from hanging the test.
std::string receive_some(int fd) {
  pollfd p{fd, POLLIN, 0};
  REQUIRE(::poll(&p, 1, 20000) == 1);
  char buffer[256];
  const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
  REQUIRE(n >= 0);
  return std::string(buffer, static_cast<std::size_t>(n));
}

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

}  // namespace

TEST_CASE("printer/printsim: the server prints a TCP job to page files and takes control commands") {
  const fs::path dir = fs::temp_directory_path() / ("kofu-printsim-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  kofu::printsim::ServerOptions options;
  options.profile = &profile("tm-t88");
  options.out_dir = dir / "pages";
  options.listen_port = 0;
  options.port_file = dir / "port";
  options.control_socket = dir / "control";
  fs::create_directories(dir);
  auto server = kofu::printsim::Server::start(options);
  REQUIRE(server);
  const std::uint16_t port = (*server)->port();
  CHECK(port != 0);
  {
    std::ifstream in(options.port_file);
    int written = 0;
    in >> written;
    CHECK(written == port);
  }
  bool ran = false;
  std::thread loop([&server, &ran] { ran = static_cast<bool>((*server)->run()); });

  // A cut job: the GS r answer comes after the page file is written.
  int fd = connect_to(port);
  send_all(fd, kInit + "Hello\n" + kFullCut + bytes({0x1D, 0x72, 0x31}));
  CHECK(receive_some(fd) == bytes({0x00}));
  const nlohmann::json first = read_json(options.out_dir / "job-0001.json");
  CHECK(first["ended_by"] == "cut");
  CHECK(first["cut"] == true);
  CHECK(first["dot_lines"] == 30);
  CHECK(first["width"] == 512);
  CHECK(first["profile"] == "tm-t88");
  auto image = kofu::scanner::load_image(options.out_dir / "job-0001.png");
  REQUIRE(image);
  CHECK(image->width == 512);
  CHECK(image->height == 30);

  // Faults through the control socket: paper out, then a status query sees it.
  auto answer = kofu::printsim::send_control(options.control_socket, "paper-out");
  REQUIRE(answer);
  CHECK(*answer == "ok");
  send_all(fd, bytes({0x10, 0x04, 0x04}));
  CHECK(receive_some(fd) == bytes({0x72}));
  answer = kofu::printsim::send_control(options.control_socket, "status");
  REQUIRE(answer);
  const nlohmann::json status = nlohmann::json::parse(*answer);
  CHECK(status["paper"] == false);
  CHECK(status["pages"] == 1);
  CHECK(status["connected"] == true);
  answer = kofu::printsim::send_control(options.control_socket, "jam");
  REQUIRE(answer);
  CHECK(answer->starts_with("error: unknown control command"));

  // Data sent while out of paper waits; the peer's FIN does not lose it: the connection closes at once (so the
  // next job can ask why the printer is stopped), and the data prints after paper-in, finishing the page.
  send_all(fd, "Bye\n");
  ::shutdown(fd, SHUT_WR);
  CHECK(receive_some(fd).empty());  // EOF
  ::close(fd);
  CHECK_FALSE(fs::exists(options.out_dir / "job-0002.json"));
  REQUIRE(kofu::printsim::send_control(options.control_socket, "paper-in"));
  const nlohmann::json second = read_json(options.out_dir / "job-0002.json");
  CHECK(second["ended_by"] == "connection closed");
  CHECK(second["cut"] == false);
  CHECK(second["dot_lines"] == 30);

  (*server)->stop();
  loop.join();
  CHECK(ran);
  fs::remove_all(dir);
}
