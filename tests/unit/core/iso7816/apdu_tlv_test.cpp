// ISO 7816-4 APDUs and BER-TLV: the encodings of every case, short and extended, responses, status words, and the
// TLV forms the cards use.
#include <doctest/doctest.h>

#include <ostream>
#include <string>

#include "iso7816/apdu.hpp"
#include "iso7816/errors.hpp"
#include "iso7816/tlv.hpp"

using namespace kofu::iso7816;

namespace {

std::string hex_of(const Command& command) {
  auto bytes = encode(command);
  REQUIRE_MESSAGE(bytes, (bytes ? "" : bytes.error().message()));
  return to_hex(*bytes);
}

Bytes bytes_of(std::string_view hex) {
  auto bytes = parse_hex(hex);
  REQUIRE(bytes);
  return *bytes;
}

}  // namespace

TEST_SUITE("iso7816") {
  TEST_CASE("commands: cases 1 to 4, short and extended") {
    CHECK(hex_of({0x00, 0x20, 0x00, 0x80, {}, std::nullopt}) == "00200080");                      // case 1
    CHECK(hex_of({0x00, 0xB0, 0x00, 0x00, {}, 4}) == "00B0000004");                               // case 2 short
    CHECK(hex_of({0x00, 0xB0, 0x01, 0x00, {}, 256}) == "00B0010000");                             // Le 256 is 00
    CHECK(hex_of({0x00, 0xA4, 0x02, 0x0C, bytes_of("000A"), std::nullopt}) == "00A4020C02000A");  // case 3
    CHECK(hex_of({0x80, 0x2A, 0x00, 0x80, bytes_of("0102"), 256}) ==
          "802A0080020102"
          "00");                                                           // case 4
    CHECK(hex_of({0x00, 0xB0, 0x00, 0x00, {}, 257}) == "00B00000000101");  // case 2 extended
    CHECK(hex_of({0x00, 0xB0, 0x00, 0x00, {}, 65536}) == "00B00000000000");
    const Bytes big(300, '\x5A');
    const std::string extended = hex_of({0x00, 0xD6, 0x00, 0x00, big, 512});
    CHECK(extended.starts_with("00D6000000012C5A5A"));  // 00, Lc 012C, data …
    CHECK(extended.ends_with("5A0200"));                // … Le 0200 without a leading 00
    CHECK(extended.size() == 2 * (4 + 3 + 300 + 2));
    CHECK_FALSE(encode({0x00, 0xB0, 0x00, 0x00, {}, 0}));
    CHECK_FALSE(encode({0x00, 0xB0, 0x00, 0x00, {}, 65537}));
    auto too_big = encode({0x00, 0xD6, 0x00, 0x00, Bytes(65536, 'x'), std::nullopt});
    REQUIRE_FALSE(too_big);
    CHECK(too_big.error().code() == Iso7816Errc::bad_command);
  }

  TEST_CASE("responses need a status word; status words are described") {
    auto response = parse_response(bytes_of("30 82 05 1A 90 00"));
    REQUIRE(response);
    CHECK(response->ok());
    CHECK(to_hex(response->data) == "3082051A");
    response = parse_response(bytes_of("63C2"));
    REQUIRE(response);
    CHECK(response->data.empty());
    CHECK(tries_left(response->sw) == 2);
    CHECK(tries_left(0x63C0) == 0);
    CHECK_FALSE(tries_left(0x6982));
    for (const char* hex : {"", "90"}) {
      auto bad = parse_response(bytes_of(hex));
      REQUIRE_FALSE(bad);
      CHECK(bad.error().code() == Iso7816Errc::short_response);
    }
    CHECK(describe(0x6A82) == "6A82 file or application not found");
    CHECK(describe(0x63C1) == "63C1 verification failed, 1 tries left");
    CHECK(describe(0x6110) == "6110 16 more bytes available (GET RESPONSE)");
    CHECK(describe(0x6C20) == "6C20 wrong Le: resend with Le 32");
    CHECK_FALSE(parse_hex("0G"));
    CHECK_FALSE(parse_hex("123"));
  }

  TEST_CASE("BER-TLV: multi-byte tags, short and long lengths, children with filler") {
    // Tlv values are views: the buffers stay alive while they are used.
    const Bytes sex = bytes_of("DF2401 31");
    auto tlv = read_tlv(sex);
    REQUIRE(tlv);
    CHECK(tlv->tag == 0xDF24);
    CHECK(tlv->value == "1");
    CHECK(tlv->size == 4);
    CHECK_FALSE(tlv->constructed());
    const Bytes outer = bytes_of("FF2003 DF2500");
    tlv = read_tlv(outer);
    REQUIRE(tlv);
    CHECK(tlv->constructed());
    const Bytes long_form = bytes_of("308201 04") + Bytes(260, 'a');
    tlv = read_tlv(long_form);
    REQUIRE(tlv);
    CHECK(tlv->value.size() == 260);
    CHECK(tlv->size == 264);
    const Bytes padded = bytes_of("DF2101AA DF220142 FFFF0000");
    auto children = read_children(padded);
    REQUIRE(children);
    CHECK(children->size() == 2);
    CHECK((*children)[1].offset == 4);
    for (const char* bad : {"", "DF", "DF24", "DF2402 31", "3080", "30 84 00000001 00", "DF818181 00", "30 82 01"}) {
      CAPTURE(bad);
      auto result = read_tlv(bytes_of(bad));
      REQUIRE_FALSE(result);
      CHECK(result.error().code() == Iso7816Errc::bad_tlv);
    }
    CHECK(der_size(bytes_of("3082051A")).value() == 1310);
    CHECK(der_size(bytes_of("3081FF")).value() == 258);
    CHECK(der_size(bytes_of("3005")).value() == 7);
    CHECK_FALSE(der_size(bytes_of("3082")));
  }
}
