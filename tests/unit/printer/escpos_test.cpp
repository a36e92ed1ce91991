// The encoder's bytes against sequences checked by hand against escpos-scanners.md (§1.2 init and feed, §1.3 Kanji,
// §1.4 raster, §1.5 GS ( k, §1.6 cut): a byte out of place here prints garbage on a real printer.
#include "printer/escpos.hpp"

#include <doctest/doctest.h>

#include <string>

#include "iso7816/apdu.hpp"

using kofu::iso7816::to_hex;
using kofu::printer::Align;
using kofu::printer::Bitmap;
using kofu::printer::EscPosEncoder;
using kofu::printer::Profile;
using kofu::printer::QrEcc;

namespace {

const Profile& profile(std::string_view name) {
  return **kofu::printer::find_profile(name);
}

// A picture with every dot of rows [first, first + count) black.
Bitmap dark_rows(int width, int height, int first, int count) {
  Bitmap picture(width, height);
  picture.fill(0, first, width, count);
  return picture;
}

}  // namespace

TEST_SUITE("printer.escpos") {
  TEST_CASE("initialize: ESC @, and GS P with the resolution where the profile has motion units") {
    EscPosEncoder t88(profile("tm-t88"));
    CHECK(to_hex(t88.initialize().take()) == "1B401D50B4B4");
    EscPosEncoder t20(profile("tm-t20"));
    CHECK(to_hex(t20.initialize().take()) == "1B401D50CBCB");
    EscPosEncoder generic(profile("generic-58mm"));
    CHECK(to_hex(generic.initialize().take()) == "1B40");
  }

  TEST_CASE("align, feed, density and cut") {
    EscPosEncoder encoder(profile("tm-t88"));
    CHECK(to_hex(encoder.align(Align::center).take()) == "1B6101");
    CHECK(to_hex(encoder.align(Align::right).take()) == "1B6102");
    CHECK(to_hex(encoder.feed(300).take()) == "1B4AFF1B4A2D");
    CHECK(to_hex(encoder.density(3).take()) == "1D284B02003103");
    CHECK(to_hex(encoder.density(-2).take()) == "1D284B020031FE");
    CHECK(to_hex(encoder.cut().take()) == "1D564200");
  }

  TEST_CASE("GS v 0 on a printer without GS ( L: x in bytes, y in dots, then the rows") {
    EscPosEncoder encoder(profile("generic-58mm"));
    Bitmap picture(16, 2);
    picture.fill(0, 0, 8, 1);  // row 0: FF 00
    picture.set(15, 1);        // row 1: 00 01
    CHECK(to_hex(encoder.raster(picture).take()) == "1D76300002000200FF000001");
  }

  TEST_CASE("GS ( L fn 112 stores the raster (x in dots), fn 50 prints it") {
    EscPosEncoder encoder(profile("tm-t88"));
    Bitmap picture(16, 2);
    picture.fill(0, 0, 16, 2);
    // p = 10 + 2 bytes × 2 rows = 14; a = 30, fn = 70, m = 30, bx = by = 1, c = 31, x = 16, y = 2.
    CHECK(to_hex(encoder.raster(picture).take()) == "1D284C0E0030703001013110000200FFFFFFFF1D284C02003032");
  }

  TEST_CASE("strips: no more rows than the profile's strip, each its own chunk; long white runs become feeds") {
    const Profile& t88 = profile("tm-t88");
    EscPosEncoder encoder(t88);
    Bitmap picture(t88.width_dots, 700);
    picture.fill(0, 0, 64, 600);   // 600 printed rows: strips of 256, 256, 88
    picture.fill(0, 640, 64, 60);  // 40 white rows, then 60 printed
    encoder.initialize().end_chunk().raster(picture);
    const auto chunks = encoder.take_chunks();
    REQUIRE(chunks.size() == 6);                                      // init, 3 strips, the feed, the last strip
    const std::string header_256 = "1D284C0A4030703001013100020001";  // p = 10 + 64 × 256 = 0x400A
    CHECK(to_hex(chunks[1].substr(0, 15)) == header_256);
    CHECK(to_hex(chunks[2].substr(0, 15)) == header_256);
    CHECK(to_hex(chunks[3].substr(0, 15)) == "1D284C0A1630703001013100025800");  // 88 rows: 10 + 5632
    CHECK(chunks[1].size() == 15 + 64 * 256 + 7);
    CHECK(to_hex(chunks[4]) == "1B4A28");  // 40 dots of blank paper
    CHECK(to_hex(chunks[5].substr(0, 15)) == "1D284C0A0F30703001013100023C00");
  }

  TEST_CASE("a strip larger than 64 KiB goes out with GS 8 L and a 32-bit length") {
    Profile big = profile("tm-t20");
    big.strip_rows = 1000;
    EscPosEncoder encoder(big);
    const Bitmap picture = dark_rows(big.width_dots, 1000, 0, 1000);
    const std::string bytes = encoder.raster(picture).take();
    CHECK(to_hex(bytes.substr(0, 7)) == "1D384C4A190100");  // 10 + 72 × 1000 = 72010 = 0x1194A
    CHECK(bytes.size() == 7 + 10 + 72000 + 7);
  }

  TEST_CASE("blank paper on a printer without GS P is sent as white rows") {
    EscPosEncoder encoder(profile("generic-58mm"));
    const std::string bytes = encoder.feed(10).take();
    CHECK(to_hex(bytes.substr(0, 8)) == "1D76300030000A00");  // 48 bytes × 10 rows
    CHECK(bytes.size() == 8 + 480);
  }

  TEST_CASE("GS ( k: model 2, module size, error correction, store (k = p - 3), print") {
    EscPosEncoder encoder(profile("tm-t88"));
    CHECK(to_hex(encoder.native_qr("ABC", 4, QrEcc::medium, Align::center).take()) ==
          "1B6101"
          "1D286B0400314132001D286B03003143041D286B0300314531"
          "1D286B0600315030414243"
          "1D286B0300315130");
  }

  TEST_CASE("Kanji text: FS C 1 and FS & once, then size, bold, line spacing, the Shift_JIS bytes and LF") {
    EscPosEncoder encoder(profile("tm-t88-jp"));
    encoder.kanji_line("\x8E\x52", 2, true, Align::center, 6);  // 山
    encoder.kanji_line("A", 1, false, Align::left, 6);
    CHECK(to_hex(encoder.take()) ==
          "1C43011C26"
          "1B61011D21111B45011B33368E520A1D21001B45001B32"
          "1B61001D21001B45001B331E410A1D21001B45001B32");
  }
}
