// The 1-bit picture (packed as ESC/POS rasters carry it) and the printer profiles.
#include <doctest/doctest.h>

#include <string>

#include "iso7816/apdu.hpp"
#include "printer/bitmap.hpp"
#include "printer/errors.hpp"
#include "printer/profile.hpp"
#include "scanner/image_file.hpp"

using kofu::iso7816::to_hex;
using kofu::printer::Bitmap;
using kofu::printer::PrinterErrc;

TEST_SUITE("printer.bitmap") {
  TEST_CASE("dots are packed most significant bit first, rows padded to whole bytes") {
    Bitmap picture(10, 2);
    CHECK(picture.row_bytes() == 2);
    picture.set(0, 0);
    picture.set(9, 0);
    picture.set(7, 1);
    CHECK(to_hex(picture.data()) == "80400100");
    CHECK(picture.at(9, 0));
    CHECK_FALSE(picture.at(8, 0));
    picture.set(9, 0, false);
    CHECK_FALSE(picture.at(9, 0));
  }

  TEST_CASE("outside the picture nothing is read or written") {
    Bitmap picture(8, 1);
    picture.set(-1, 0);
    picture.set(8, 0);
    picture.set(0, 1);
    CHECK(to_hex(picture.data()) == "00");
    CHECK_FALSE(picture.at(100, 100));
    picture.fill(-5, -5, 7, 7);  // clipped to dots 0–1
    CHECK(to_hex(picture.data()) == "C0");
  }

  TEST_CASE("draw ors a picture in, clipped; grow adds white rows") {
    Bitmap small(3, 3);
    small.fill(0, 0, 3, 3);
    Bitmap picture(8, 2);
    picture.draw(small, 6, 1);
    CHECK(to_hex(picture.data()) == "0003");
    picture.grow(2);
    CHECK(picture.height() == 4);
    CHECK(to_hex(picture.rows(1, 10)) == "030000");
    picture.grow(-10);
    CHECK(picture.height() == 0);
  }

  TEST_CASE("from_rows drops padding dots and pads short data with white") {
    const Bitmap picture = Bitmap::from_rows(4, 2, std::string("\xFF", 1));
    CHECK(to_hex(picture.data()) == "F000");
  }

  TEST_CASE("a PNG of the picture reads back with the same dots") {
    Bitmap picture(20, 10);
    picture.fill(2, 3, 5, 4);
    const std::string png = kofu::printer::encode_png(picture, 2);
    auto image = kofu::scanner::decode_image(png);
    REQUIRE(image);
    CHECK(image->width == 40);
    CHECK(image->height == 20);
    CHECK(image->pixels[static_cast<std::size_t>(7 * 40 + 5)] == 0);    // dot (2, 3)
    CHECK(image->pixels[static_cast<std::size_t>(0 * 40 + 0)] == 255);  // dot (0, 0)
  }

  TEST_CASE("write_png names a file it cannot write") {
    auto written = kofu::printer::write_png(Bitmap(1, 1), "/nonexistent-folder/x.png");
    REQUIRE_FALSE(written);
    CHECK(written.error().message().find("/nonexistent-folder/x.png") != std::string::npos);
  }
}

TEST_SUITE("printer.profile") {
  TEST_CASE("the models' resolutions and widths (escpos-scanners.md §1.1)") {
    const auto& t88 = **kofu::printer::find_profile("tm-t88");
    CHECK(t88.dpi == 180);
    CHECK(t88.width_dots == 512);
    CHECK(t88.mm_to_dots(0.25) == 2);
    const auto& t20 = **kofu::printer::find_profile("tm-t20-jp");
    CHECK(t20.dpi == 203);
    CHECK(t20.width_dots == 576);
    CHECK(t20.kanji);
    const auto& narrow = **kofu::printer::find_profile("generic-58mm");
    CHECK(narrow.width_dots == 384);
    CHECK_FALSE(narrow.native_qr);
    CHECK(kofu::printer::profiles().front().name == "tm-t88");
  }

  TEST_CASE("an unknown name lists the known ones") {
    auto missing = kofu::printer::find_profile("tm-xyz");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code() == PrinterErrc::unknown_profile);
    CHECK(missing.error().message().find("tm-t20-jp") != std::string::npos);
  }

  TEST_CASE("GS I 110 and GS I 2 pick a profile: width, resolution and Kanji") {
    CHECK((*kofu::printer::profile_from_printer_id(0x00, 0x02))->name == "tm-t88");
    CHECK((*kofu::printer::profile_from_printer_id(0x02, 0x03))->name == "tm-t20-jp");
    CHECK((*kofu::printer::profile_from_printer_id(0x03, 0x02))->name == "tm-t20-58mm");
    CHECK((*kofu::printer::profile_from_printer_id(0x01, 0x00))->name == "tm-t88-58mm");
    CHECK_FALSE(kofu::printer::profile_from_printer_id(0x12, 0x00));  // a DLE EOT reply, not a GS I answer
    CHECK(to_hex(kofu::printer::printer_id_request(110)) == "1D496E");
  }
}
