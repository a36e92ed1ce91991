// The byte-level stages of a SMART Health Card: shc:/ numeric text, base64url, raw DEFLATE.
#include <doctest/doctest.h>

#include <string>

#include "shc/base64url.hpp"
#include "shc/deflate.hpp"
#include "shc/errors.hpp"
#include "shc/qr_numeric.hpp"
#include "testdata.hpp"

using namespace kofu::shc;

TEST_SUITE("shc.codec") {
  TEST_CASE("numeric QR text: each character is its code minus 45, in two digits") {
    CHECK(encode_qr_numeric("-.09AZ_az") == "shc:/000103122045505277");
    auto decoded = decode_qr_numeric("shc:/000103122045505277");
    REQUIRE(decoded);
    CHECK(*decoded == "-.09AZ_az");
    decoded = decode_qr_numeric("shc:/0001\r\n");  // a scanner's line end
    REQUIRE(decoded);
    CHECK(*decoded == "-.");
  }

  TEST_CASE("numeric QR text: each malformation has its own code and position") {
    auto bad = decode_qr_numeric("shc:5676");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::bad_prefix);
    bad = decode_qr_numeric("shc:/567");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::odd_digit_count);
    CHECK(bad.error().message() == "the numeric QR text has an odd number of digits (3 digits)");
    bad = decode_qr_numeric("shc:/5678");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::digit_pair_out_of_range);
    CHECK(bad.error().message() == "a digit pair of the numeric QR text is above 77: \"78\" at offset 7");
    bad = decode_qr_numeric("shc:/56 76");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::not_a_digit);
    CHECK(bad.error().message().ends_with("at offset 7"));
    bad = decode_qr_numeric("shc:/1/2/5676");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::chunked);
  }

  TEST_CASE("base64url round trip for every length, and its errors") {
    std::string data;
    for (int i = 0; i < 64; ++i) {
      data += static_cast<char>(i * 37);
      const std::string text = base64url_encode(data);
      CHECK(text.find_first_of("+/=") == std::string::npos);
      const auto back = base64url_decode(text);
      REQUIRE(back);
      CHECK(*back == data);
    }
    CHECK(base64url_encode("\xfb\xff") == "-_8");
    auto bad = base64url_decode("ab=c");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::bad_base64url);
    CHECK(bad.error().message() == "not base64url: character '=' at offset 2");
    bad = base64url_decode("abcde");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message().find("(4n + 1)") != std::string::npos);
  }

  TEST_CASE("raw DEFLATE round trip; a zlib wrapper and garbage are told apart") {
    const std::string text = std::string(2000, 'a') + "{\"iss\":\"https://example.jp\"}";
    const std::string compressed = deflate_raw(text);
    CHECK(compressed.size() < 100u);
    auto back = inflate_raw(compressed);
    REQUIRE(back);
    CHECK(*back == text);

    // The same data with the RFC 1950 wrapper, as compress() writes it.
    std::string wrapped = "\x78\xDA" + compressed + std::string(4, '\0');
    auto bad = inflate_raw(wrapped);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::zlib_wrapper);

    bad = inflate_raw("not deflate at all");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::bad_deflate);
    bad = inflate_raw(compressed.substr(0, compressed.size() / 2));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::bad_deflate);
    bad = inflate_raw(compressed + "xx");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message() == "the payload has 2 bytes after the end of the DEFLATE stream");
  }

  TEST_CASE("a zip bomb is refused, not inflated") {
    const std::string bomb = deflate_raw(std::string(kMaxInflatedBytes + 1, '0'));
    const auto bad = inflate_raw(bomb);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::payload_too_large);
  }

  TEST_CASE("the specification's examples, stage by stage") {
    const auto dir = kofu::test::shared_testdata_or_skip();
    if (!dir) return;
    const auto examples = *dir / "shc" / "spec-examples";
    for (const char* n : {"00", "01", "03"}) {
      CAPTURE(n);
      const std::string stem = std::string("example-") + n;
      std::string jws = kofu::test::read_file(examples / (stem + "-d-jws.txt"));
      while (!jws.empty() && (jws.back() == '\n' || jws.back() == '\r')) jws.pop_back();
      REQUIRE_FALSE(jws.empty());
      std::string numeric = kofu::test::read_file(examples / (stem + "-f-qr-code-numeric-value-0.txt"));
      while (!numeric.empty() && (numeric.back() == '\n' || numeric.back() == '\r')) numeric.pop_back();

      const auto decoded = decode_qr_numeric(numeric);
      REQUIRE(decoded);
      CHECK(*decoded == jws);
      CHECK(encode_qr_numeric(jws) == numeric);

      const std::size_t dot1 = jws.find('.');
      const std::size_t dot2 = jws.find('.', dot1 + 1);
      REQUIRE(dot2 != std::string::npos);
      const auto header = base64url_decode(jws.substr(0, dot1));
      REQUIRE(header);
      CHECK(header->find("\"zip\":\"DEF\"") != std::string::npos);
      const auto compressed = base64url_decode(jws.substr(dot1 + 1, dot2 - dot1 - 1));
      REQUIRE(compressed);
      const auto payload = inflate_raw(*compressed);
      REQUIRE(payload);
      std::string minified = kofu::test::read_file(examples / (stem + "-c-jws-payload-minified.json"));
      while (!minified.empty() && (minified.back() == '\n' || minified.back() == '\r')) minified.pop_back();
      CHECK(*payload == minified);
      CHECK(base64url_encode(*compressed) == jws.substr(dot1 + 1, dot2 - dot1 - 1));
      // Our own compression of the same payload inflates back to it (the bytes may differ from the issuer's).
      const auto again = inflate_raw(deflate_raw(*payload));
      REQUIRE(again);
      CHECK(*again == *payload);
    }
  }

  TEST_CASE("the invalid numeric QR vectors are rejected for their reason") {
    const auto dir = kofu::test::shared_testdata_or_skip();
    if (!dir) return;
    const auto invalid = *dir / "shc" / "invalid";
    const struct {
      const char* file;
      ShcErrc expected;
    } cases[] = {
        {"test-example-00-f-qr-code-numeric-value-0-wrong_qr_header.txt", ShcErrc::bad_prefix},
        {"test-example-00-f-qr-code-numeric-value-0-wrong-multi-chunk.txt", ShcErrc::chunked},
        {"test-example-00-f-qr-code-numeric-value-0-odd-count.txt", ShcErrc::odd_digit_count},
        {"test-example-00-f-qr-code-numeric-value-0-number-too-big.txt", ShcErrc::digit_pair_out_of_range},
        {"test-example-00-f-qr-code-numeric-value-0-index-out-of-range.txt", ShcErrc::chunked},
        {"test-example-00-f-qr-code-numeric-value-1-qr_chunk_too_small.txt", ShcErrc::chunked},
    };
    for (const auto& c : cases) {
      CAPTURE(c.file);
      const std::string text = kofu::test::read_file(invalid / c.file);
      REQUIRE_FALSE(text.empty());
      const auto decoded = decode_qr_numeric(text);
      REQUIRE_FALSE(decoded);
      CHECK(decoded.error().code() == make_error_code(c.expected));
    }
    // Whitespace around the text is a TRAILING_CHARACTERS error for the reference validator: rejected too.
    CHECK_FALSE(decode_qr_numeric(
        kofu::test::read_file(invalid / "test-example-00-f-qr-code-numeric-value-0-trailing_chars.txt")));
  }
}
