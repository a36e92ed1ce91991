// The print document's JSON form (docs/print-document.md): what it means, and errors that name block and field.
#include "printer/document.hpp"

#include <doctest/doctest.h>

#include <string>

#include "printer/errors.hpp"

using kofu::printer::Align;
using kofu::printer::PrinterErrc;
using kofu::printer::QrBlock;
using kofu::printer::QrMode;

namespace {

std::string error_of(std::string_view json) {
  auto document = kofu::printer::parse_document(json);
  REQUIRE_FALSE(document);
  CHECK(document.error().code() == PrinterErrc::bad_document);
  return document.error().message();
}

}  // namespace

TEST_SUITE("printer.document") {
  TEST_CASE("every kind of block, with its fields") {
    auto document = kofu::printer::parse_document(R"({
      "profile": "tm-t20-jp", "native_text": true, "density": 2,
      "blocks": [
        {"type": "text", "text": "予防接種済証", "scale": 2, "bold": true, "align": "center"},
        {"type": "columns", "cells": [{"text": "1回目", "width": 0.3}, "2021-06-01", {"text": "ファイザー", "align": "right"}]},
        {"type": "rule", "thickness": 3, "dashed": true},
        {"type": "space", "mm": 2.5},
        {"type": "qr", "data": "shc:/0123", "ecc": "L", "max_version": 22, "caption": "SMART Health Card"},
        {"type": "qr", "data": "JAHISTC07,1\r\n山田", "encoding": "shift_jis", "max_symbols": 16, "native": "never"},
        {"type": "qr", "segments": [{"mode": "byte", "data": "A"}, {"mode": "kanji", "data": "山"}]},
        {"type": "qr", "data_hex": "00FF"},
        {"type": "image", "path": "logo.png", "width_mm": 30, "align": "left"},
        {"type": "cut"}
      ]})",
                                                  "/docs");
    REQUIRE(document);
    CHECK(document->profile == "tm-t20-jp");
    CHECK(document->native_text);
    CHECK(document->density == 2);
    REQUIRE(document->blocks.size() == 10);
    const auto& title = std::get<kofu::printer::TextBlock>(document->blocks[0]);
    CHECK(title.scale == 2);
    CHECK(title.bold);
    CHECK(title.align == Align::center);
    const auto& row = std::get<kofu::printer::ColumnsBlock>(document->blocks[1]);
    REQUIRE(row.cells.size() == 3);
    CHECK(row.cells[0].width == doctest::Approx(0.3));
    CHECK(row.cells[1].text == "2021-06-01");
    CHECK(row.cells[2].align == Align::right);
    CHECK(std::get<kofu::printer::RuleBlock>(document->blocks[2]).dashed);
    CHECK(std::get<kofu::printer::SpaceBlock>(document->blocks[3]).mm == doctest::Approx(2.5));

    const auto& shc = std::get<QrBlock>(document->blocks[4]);
    REQUIRE(shc.segments.size() == 2);  // "shc:/" as bytes, the digits as a numeric segment
    CHECK(shc.segments[1].mode == QrMode::numeric);
    CHECK(shc.options.ecc == kofu::printer::QrEcc::low);
    CHECK(shc.options.max_version == 22);
    CHECK(shc.caption == "SMART Health Card");
    const auto& jahis = std::get<QrBlock>(document->blocks[5]);
    CHECK(jahis.segments.front().data == "JAHISTC07,1\r\n\x8E\x52\x93\x63");
    CHECK(jahis.options.max_symbols == 16);
    CHECK(jahis.native == QrBlock::Native::never);
    const auto& mixed = std::get<QrBlock>(document->blocks[6]);
    REQUIRE(mixed.segments.size() == 2);
    CHECK(mixed.segments[1].mode == QrMode::kanji);
    CHECK(mixed.segments[1].data == "\x8E\x52");
    CHECK(std::get<QrBlock>(document->blocks[7]).segments.front().data == std::string("\x00\xFF", 2));
    CHECK(std::get<kofu::printer::ImageBlock>(document->blocks[8]).path == "/docs/logo.png");
  }

  TEST_CASE("errors name the block and the field") {
    CHECK(error_of("[1]").find("expected an object") != std::string::npos);
    CHECK(error_of("{\"blocks\": 3}").find("blocks") != std::string::npos);
    CHECK(error_of(R"({"blocks": [{"type": "text", "text": "a", "scale": 9}]})") ==
          "blocks[0].scale: expected an integer from 1 to 4");
    CHECK(error_of(R"({"blocks": [{"type": "cut"}, {"type": "barcode"}]})").find("blocks[1].type") == 0);
    CHECK(error_of(R"({"blocks": [{"type": "qr"}]})").find("blocks[0].data") == 0);
    CHECK(error_of(R"({"blocks": [{"type": "qr", "data": "a", "data_hex": "00"}]})").find("exactly one") !=
          std::string::npos);
    CHECK(error_of(R"({"blocks": [{"type": "qr", "data": "a", "ecc": "X"}]})").find("blocks[0].ecc") == 0);
    CHECK(error_of(R"({"blocks": [{"type": "qr", "data_hex": "0G"}]})").find("blocks[0].data_hex") == 0);
    CHECK(error_of(R"({"blocks": [{"type": "qr", "data": "😀", "encoding": "shift_jis"}]})")
              .find("U+1F600 at byte 0 has no Shift_JIS code") != std::string::npos);
    CHECK(
        error_of(
            R"({"blocks": [{"type": "columns", "cells": [{"text": "a", "width": 0.8}, {"text": "b", "width": 0.5}]}]})")
            .find("more than 1") != std::string::npos);
    CHECK(error_of(R"({"blocks": [{"type": "text", "text": "a", "align": "middle"}]})").find("blocks[0].align") == 0);
    CHECK(error_of("{\"blocks\": [").find("not JSON") != std::string::npos);
  }

  TEST_CASE("a missing file is named") {
    auto document = kofu::printer::load_document("/nonexistent/receipt.json");
    REQUIRE_FALSE(document);
    CHECK(document.error().message().find("/nonexistent/receipt.json") != std::string::npos);
  }
}
