// Layout: a document and a profile to ESC/POS chunks, and everything checked before printing.
#include "printer/layout.hpp"

#include <doctest/doctest.h>

#include <string>

#include "printer/errors.hpp"
#include "receipt_font.hpp"

using kofu::printer::Document;
using kofu::printer::PrinterErrc;
using kofu::testing::receipt_font;

namespace {

const kofu::printer::Profile& profile(std::string_view name) {
  return **kofu::printer::find_profile(name);
}

Document parse(std::string_view json) {
  auto document = kofu::printer::parse_document(json, "/tmp");
  REQUIRE(document);
  return std::move(*document);
}

bool contains(const std::string& bytes, std::string_view part) {
  return bytes.find(part) != std::string::npos;
}

// The SMART Health Card-like text: "shc:/" and 1200 digits.
std::string shc_text() {
  std::string text = "shc:/";
  for (int i = 0; i < 1200; ++i) text += static_cast<char>('0' + (i * 7) % 10);
  return text;
}

}  // namespace

TEST_SUITE("printer.layout") {
  TEST_CASE("a certificate-like document on every profile: init first, QR modules of at least 0.25 mm") {
    const auto* font = receipt_font();
    if (font == nullptr) return;
    const Document document = parse(R"({"blocks": [
        {"type": "text", "text": "予防接種済証（接種記録）", "scale": 2, "bold": true, "align": "center"},
        {"type": "columns", "cells": [{"text": "氏名", "width": 0.3}, "髙橋 𠮷子"]},
        {"type": "rule"},
        {"type": "qr", "data": ")" + shc_text() +
                                    R"(", "ecc": "L", "max_version": 22, "native": "never"},
        {"type": "cut"}]})");
    for (const auto& each : kofu::printer::profiles()) {
      CAPTURE(each.name);
      auto job = kofu::printer::compose(document, each, *font);
      REQUIRE(job);
      REQUIRE_FALSE(job->chunks.empty());
      CHECK(job->chunks.front().rfind("\x1b@", 0) == 0);
      REQUIRE(job->qr_codes.size() == 1);
      CHECK(job->qr_codes[0].block == 3);
      CHECK_FALSE(job->qr_codes[0].native);
      CHECK(job->qr_codes[0].module_dots >= each.mm_to_dots(0.25));
      CHECK(job->qr_codes[0].module_dots / each.dots_per_mm() >= 0.24);
      CHECK(contains(job->chunks.back(), std::string("\x1dVB\x00", 4)));  // ends with the cut
      CHECK(job->paper_dots > 0);
      for (std::size_t i = 1; i < job->chunks.size(); ++i) {
        // no chunk holds more than one strip of raster rows
        CHECK(job->chunks[i].size() <= static_cast<std::size_t>(each.strip_rows * (each.width_dots / 8)) + 64);
      }
    }
  }

  TEST_CASE("a QR code that cannot fit is an error naming the block, before any byte") {
    const auto* font = receipt_font();
    if (font == nullptr) return;
    std::string big(2500, 'x');
    const Document document = parse(R"({"blocks": [{"type": "text", "text": "a"},
        {"type": "qr", "data": ")" + big +
                                    R"(", "ecc": "H", "module_mm": 0.5}]})");
    auto job = kofu::printer::compose(document, profile("generic-58mm"), *font);
    REQUIRE_FALSE(job);
    CHECK(job.error().code() == PrinterErrc::does_not_fit);
    CHECK(job.error().message().rfind("blocks[1]: ", 0) == 0);
  }

  TEST_CASE("native QR: auto takes GS ( k for ASCII on a profile that has it, never and clones do not") {
    const auto* font = receipt_font();
    if (font == nullptr) return;
    const std::string gs_k_print(
        "\x1d(k\x03\x00"
        "1Q0",
        8);
    const Document automatic = parse(R"({"blocks": [{"type": "qr", "data": "HELLO 123"}]})");
    auto native = kofu::printer::compose(automatic, profile("tm-t88"), *font);
    REQUIRE(native);
    CHECK(native->qr_codes[0].native);
    CHECK(contains(native->joined(), gs_k_print));
    auto clone = kofu::printer::compose(automatic, profile("generic-58mm"), *font);
    REQUIRE(clone);
    CHECK_FALSE(clone->qr_codes[0].native);
    CHECK_FALSE(contains(clone->joined(), gs_k_print));
    const Document never = parse(R"({"blocks": [{"type": "qr", "data": "HELLO 123", "native": "never"}]})");
    auto raster = kofu::printer::compose(never, profile("tm-t88"), *font);
    REQUIRE(raster);
    CHECK_FALSE(contains(raster->joined(), gs_k_print));
    const Document always = parse(R"({"blocks": [{"type": "qr", "data": "山", "native": "always"}]})");
    auto refused = kofu::printer::compose(always, profile("tm-t88"), *font);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message().find("GS ( k") != std::string::npos);
  }

  TEST_CASE("a structured-append payload is laid out as a numbered sequence") {
    const auto* font = receipt_font();
    if (font == nullptr) return;
    std::string payload = "JAHISTC07,1\\r\\n";
    for (int i = 0; i < 60; ++i) payload += "201,1,ロキソプロフェンナトリウム錠６０ｍｇ,1,錠,1\\r\\n";
    const Document document = parse(R"({"blocks": [{"type": "qr", "data": ")" + payload +
                                    R"(", "encoding": "shift_jis", "max_version": 15, "max_symbols": 16}]})");
    auto job = kofu::printer::compose(document, profile("tm-t20"), *font);
    REQUIRE(job);
    CHECK(job->qr_codes[0].symbols > 1);
    CHECK(job->qr_codes[0].version <= 15);
  }

  TEST_CASE("native text on a Kanji profile when every character has a Shift_JIS code; drawn otherwise") {
    const auto* font = receipt_font();
    if (font == nullptr) return;
    const std::string fs_c1(
        "\x1c"
        "C\x01",
        3);
    const Document plain = parse(R"({"native_text": true, "blocks": [{"type": "text", "text": "山田太郎"}]})");
    auto native = kofu::printer::compose(plain, profile("tm-t88-jp"), *font);
    REQUIRE(native);
    CHECK(contains(native->joined(), fs_c1 + "\x1c&"));
    CHECK(contains(native->joined(), "\x8E\x52\x93\x63\x91\xBE\x98\x59\n"));  // 山田太郎 in Shift_JIS, LF
    auto international = kofu::printer::compose(plain, profile("tm-t88"), *font);
    REQUIRE(international);
    CHECK_FALSE(contains(international->joined(), fs_c1));
    const Document outside = parse(R"({"native_text": true, "blocks": [{"type": "text", "text": "𠮷野"}]})");
    auto drawn = kofu::printer::compose(outside, profile("tm-t88-jp"), *font);
    REQUIRE(drawn);
    CHECK_FALSE(contains(drawn->joined(), fs_c1));
  }

  TEST_CASE("an unreadable image is named") {
    const auto* font = receipt_font();
    if (font == nullptr) return;
    const Document document = parse(R"({"blocks": [{"type": "image", "path": "no-such-logo.png"}]})");
    auto job = kofu::printer::compose(document, profile("tm-t88"), *font);
    REQUIRE_FALSE(job);
    CHECK(job.error().code() == PrinterErrc::bad_image);
    CHECK(job.error().message().find("no-such-logo.png") != std::string::npos);
  }
}
