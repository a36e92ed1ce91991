// QR codes from images: symbols drawn with libqrencode at known versions read back with their text, error
// correction level and measured version; and the SMART Health Card image vectors judged as the reference does.
#include <doctest/doctest.h>
#include <qrencode.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "scanner/card_image.hpp"
#include "scanner/errors.hpp"
#include "scanner/image_file.hpp"
#include "scanner/qr_image.hpp"
#include "shc/card.hpp"
#include "testdata.hpp"

using namespace kofu::scanner;
namespace fs = std::filesystem;

namespace {

// A symbol as a printer would draw it: `scale` pixels per module and a 4-module quiet zone.
GrayImage draw(const QRcode& code, int scale) {
  const int quiet = 4;
  GrayImage image;
  image.width = image.height = (code.width + 2 * quiet) * scale;
  image.pixels.assign(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height), 255);
  for (int y = 0; y < code.width; ++y) {
    for (int x = 0; x < code.width; ++x) {
      if ((code.data[y * code.width + x] & 1) == 0) continue;
      for (int dy = 0; dy < scale; ++dy) {
        for (int dx = 0; dx < scale; ++dx) {
          const auto index =
              static_cast<std::size_t>((y + quiet) * scale + dy) * static_cast<std::size_t>(image.width) +
              static_cast<std::size_t>((x + quiet) * scale + dx);
          image.pixels[index] = 0;
        }
      }
    }
  }
  return image;
}

using Code = std::unique_ptr<QRcode, decltype(&QRcode_free)>;

bool has(const kofu::shc::Findings& findings, kofu::shc::ShcErrc code) {
  return std::any_of(findings.begin(), findings.end(), [&](const auto& f) { return f.code == code; });
}

}  // namespace

TEST_SUITE("scanner.qr_image") {
  TEST_CASE("symbols of known versions read back with their text, level and version") {
    for (int version : {1, 4, 10, 18, 22, 27}) {
      CAPTURE(version);
      const std::string text = "shc:/" + std::to_string(version * 1234567);
      Code code(QRcode_encodeString(text.c_str(), version, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
      REQUIRE(code != nullptr);
      REQUIRE(code->version == version);
      const auto symbols = read_qr_symbols(draw(*code, 3));
      REQUIRE(symbols.size() == 1);
      CHECK(symbols[0].text == text);
      CHECK(symbols[0].ecc == 'M');
      CHECK(symbols[0].version == version);
    }
  }

  TEST_CASE("no symbol in a blank image, and image files are told apart by their signature") {
    GrayImage blank;
    blank.width = blank.height = 64;
    blank.pixels.assign(std::size_t{64} * 64, 255);
    CHECK(read_qr_symbols(blank).empty());
    auto bad = decode_image("GIF89a....");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ScanErrc::unsupported_image);
    bad = decode_image(std::string("\x89PNG\r\n\x1a\n", 8) + "garbage");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ScanErrc::bad_image);
    bad = decode_image(std::string("\xFF\xD8\xFF\xE0", 4) + "garbage");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ScanErrc::bad_image);
  }

  TEST_CASE("the SMART Health Card QR image vectors are judged for the reason the reference gives") {
    const auto data = kofu::test::shared_testdata_or_skip();
    if (!data) return;
    const fs::path invalid = *data / "shc/invalid";
    kofu::shc::VerifyOptions options;
    auto keys =
        kofu::shc::read_key_set(kofu::test::read_file(*data / "shc/spec-examples/issuer/.well-known/jwks.json"));
    REQUIRE(keys);
    options.issuers.push_back({"https://spec.smarthealth.cards/examples/issuer", *keys, {}});
    options.now = 1653955200;  // 2022-05-31, the reference validator's clock
    auto judge = [&](const char* file) {
      auto image = load_image(invalid / file);
      REQUIRE_MESSAGE(image, (image ? "" : image.error().message()));
      const kofu::shc::Verdict verdict = verify_card_image(*image, options);
      kofu::shc::Findings all = verdict.findings;
      for (const auto& c : verdict.credentials) all.insert(all.end(), c.findings.begin(), c.findings.end());
      return std::make_pair(verdict.valid(), all);
    };
    using E = kofu::shc::ShcErrc;
    CHECK(judge("test-example-00-g-qr-code-0-scaled-23.jpg").first);                          // row 2
    CHECK(judge("test-example-00-g-qr-code-0-scaled-85.jpg").first);                          // row 3
    auto [chunk_valid, chunk] = judge("test-example-00-g-qr-code-0-qr_chunk_too_small.png");  // row 73
    CHECK_FALSE(chunk_valid);
    CHECK(has(chunk, E::chunked));
    auto [inflated_valid, inflated] = judge("test-example-00-g-qr-code-inflated-to-v22.png");  // row 74: warning
    CHECK(inflated_valid);
    CHECK(has(inflated, E::qr_version_not_minimal));
    auto [version_valid, version] = judge("test-example-00-g-qr-code-0-bad_qr_version.png");  // row 75
    CHECK_FALSE(version_valid);
    CHECK(has(version, E::bad_qr_version));
    auto [single_valid, single] = judge("test-example-00-g-qr-code-0-single_qr_segment.png");  // row 76
    CHECK_FALSE(single_valid);
    CHECK(has(single, E::bad_qr_version));
    auto [many_valid, many] = judge("test-example-00-g-qr-code-0-too_many_qr_segment.png");  // row 77
    CHECK_FALSE(many_valid);
    CHECK(has(many, E::not_a_digit));
    auto [corrupt_valid, corrupt] = judge("test-example-00-g-qr-code-0-corrupted.png");  // row 78
    CHECK_FALSE(corrupt_valid);
    CHECK(has(corrupt, E::qr_unreadable));
    auto [string_valid, string_payload] = judge("test-invalid-jws-payload.png");  // row 79
    CHECK_FALSE(string_valid);
    CHECK(has(string_payload, E::wrong_field));
  }
}
