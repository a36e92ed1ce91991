// The emulated My Number card, APDU by APDU, against the facts of iccard.md §1 (the byte traces there are the
// expected answers), and read back with the parsers the driver uses.
#include <doctest/doctest.h>

#include <mbedtls/sha256.h>

#include <ostream>
#include <string>
#include <variant>

#include "cards/mynumber.hpp"
#include "drivers/cardsim/mynumber_card.hpp"
#include "iso7816/tlv.hpp"
#include "pki/signature.hpp"
#include "test_personas.hpp"

using namespace kofu;
using kofu::iso7816::to_hex;
using kofu::test::send;

namespace {

constexpr const char* kSelectJpki = "00A4040C0AD392F000260100000001";
constexpr const char* kSelectText = "00A4040C0AD3921000310001010408";

cardsim::MyNumberCard make_card(const nlohmann::json& doc = test::my_number_persona()) {
  auto persona = cardsim::read_persona(doc.dump());
  REQUIRE_MESSAGE(persona, persona.error().message());
  return cardsim::MyNumberCard(std::move(std::get<cardsim::MyNumberPersona>(*persona)));
}

std::string select_file(std::uint16_t id) {
  return to_hex(*iso7816::encode(cards::mynumber::select_file(id)));
}

std::string read(std::size_t offset, std::size_t length) {
  return to_hex(*iso7816::encode(cards::mynumber::read_binary(offset, length)));
}

std::string verify(std::string_view pin) {
  return "00200080" + to_hex(std::string(1, static_cast<char>(pin.size()))) + to_hex(pin);
}

// The data of an answer in hex that ends with 9000.
iso7816::Bytes data_of(const std::string& answer_hex) {
  REQUIRE(answer_hex.size() >= 4);
  CHECK(answer_hex.substr(answer_hex.size() - 4) == "9000");
  return *iso7816::parse_hex(answer_hex.substr(0, answer_hex.size() - 4));
}

std::string sha256(std::string_view message) {
  std::string digest(32, '\0');
  mbedtls_sha256_ret(reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     reinterpret_cast<unsigned char*>(digest.data()), 0);
  return digest;
}

}  // namespace

TEST_SUITE("cardsim.mynumber") {
  TEST_CASE("the ATR, the applications by full AID, the EFs by id") {
    auto card = make_card();
    CHECK(to_hex(card.atr()) == "3BDA13FF8131FB468012392F31C173C601C03B");
    CHECK(send(card, select_file(0x000A)) == "6A82");  // no application selected yet
    CHECK(send(card, kSelectJpki) == "9000");
    CHECK(send(card, select_file(0x000A)) == "9000");
    CHECK(send(card, select_file(0x0001)) == "6A82");  // no 署名用 certificate on this card
    CHECK(send(card, kSelectText) == "9000");
    CHECK(send(card, "00A4040C09D392F0002601000000") == "6A82");  // a prefix is not the AID
    CHECK(send(card, "00A4040009D392F0002601000000") == "6A86");  // P2 00: the card answers only 0C
    CHECK(send(card, "00A4000C023F00") == "6A86");                // SELECT MF
  }

  TEST_CASE("token info and the certificate flags") {
    auto card = make_card();
    send(card, kSelectJpki);
    send(card, select_file(0x0006));
    const iso7816::Bytes label = data_of(send(card, read(0, 32)));
    CHECK(label == "JPKIAPICCTOKEN2" + std::string(17, ' '));
    CHECK(data_of(send(card, read(0, 256))).size() == 160);
    send(card, select_file(0x0008));
    CHECK(send(card, read(0, 256)) == "008F009000");

    auto doc = test::my_number_persona();
    doc["jpki"]["token_label"] = "JPKIAPGPSETOKEN";
    auto phone = make_card(doc);
    send(phone, kSelectJpki);
    send(phone, select_file(0x0006));
    CHECK(data_of(send(phone, read(0, 15))) == "JPKIAPGPSETOKEN");
  }

  TEST_CASE("the certificate in chunks: the header, 256-byte reads, a short last read, then 6B00") {
    auto card = make_card();
    const std::string_view der = test::test_credential().certificate.der();
    send(card, kSelectJpki);
    send(card, select_file(0x000A));
    const iso7816::Bytes header = data_of(send(card, read(0, 4)));
    auto size = iso7816::der_size(header);
    REQUIRE(size);
    CHECK(*size == der.size());
    iso7816::Bytes certificate;
    std::size_t last = 0;
    for (std::size_t offset = 0; offset < *size; offset += 256) {
      const iso7816::Bytes chunk = data_of(send(card, read(offset, 256)));  // Le 00
      last = chunk.size();
      certificate += chunk;
    }
    CHECK(last == (*size % 256 == 0 ? 256 : *size % 256));
    CHECK(certificate == der);
    CHECK(data_of(send(card, read(*size - 10, 256))).size() == 10);  // fewer bytes than Le, with 9000
    CHECK(send(card, read(*size, 256)) == "6B00");
    CHECK(send(card, read(0x7FFF, 1)) == "6B00");

    // Extended Le 00 00: the whole file in one answer. By SFI: 00 B0 8A 00 (EF 000A) and an 8-bit offset.
    CHECK(data_of(send(card, "00B00000000000")) == der);
    send(card, select_file(0x000B));
    CHECK(data_of(send(card, "00B08A0010")) == der.substr(0, 16));
    CHECK(data_of(send(card, read(0, 16))) == der.substr(0, 16));  // the SFI read made 000A current again
  }

  TEST_CASE("the retry counter query uses no try; wrong PINs count down to 63C0, then 6984") {
    auto card = make_card();
    send(card, kSelectJpki);
    send(card, select_file(0x0018));
    CHECK(send(card, "00200080") == "63C3");
    CHECK(send(card, "00200080") == "63C3");
    CHECK(send(card, verify("0000")) == "63C2");
    CHECK(send(card, "00200080") == "63C2");
    CHECK(send(card, verify("0001")) == "63C1");
    CHECK(send(card, verify("0002")) == "63C0");
    CHECK(send(card, verify(test::kJpkiAuthPin)) == "6984");  // blocked: even the right PIN
    CHECK(send(card, "00200080") == "63C0");
    // The counter outlives a power cycle; the session does not.
    card.power_off();
    card.power_on();
    send(card, kSelectJpki);
    CHECK(send(card, "00200098") == "63C0");  // by SFI 18
  }

  TEST_CASE("a right PIN resets the counter; the query still says 63C3 after it") {
    auto card = make_card();
    send(card, kSelectJpki);
    send(card, select_file(0x0018));
    CHECK(send(card, verify("9999")) == "63C2");
    CHECK(send(card, verify(test::kJpkiAuthPin)) == "9000");
    CHECK(send(card, "00200080") == "63C3");
    CHECK(send(card, verify("123")) == "63C2");  // a wrong length is a wrong PIN
  }

  TEST_CASE("a persona with tries_left 0 is a blocked card") {
    auto doc = test::my_number_persona();
    doc["pins"]["jpki_auth"]["tries_left"] = 0;
    auto card = make_card(doc);
    send(card, kSelectJpki);
    CHECK(send(card, "00200098") == "63C0");
    CHECK(send(card, "0020009804" + to_hex(test::kJpkiAuthPin)) == "6984");
  }

  TEST_CASE("基本4情報 and 個人番号 need the PIN, and read back with the driver's parsers") {
    auto card = make_card();
    send(card, kSelectText);
    send(card, select_file(0x0002));
    CHECK(send(card, read(0, 256)) == "6982");
    send(card, select_file(0x0001));
    CHECK(send(card, read(0, 17)) == "6982");
    send(card, select_file(0x0011));
    CHECK(send(card, verify(test::kJpkiAuthPin)) == "63C2");  // the JPKI PIN is not this AP's
    CHECK(send(card, verify(test::kTextPin)) == "9000");

    send(card, select_file(0x0001));
    const iso7816::Bytes record = data_of(send(card, read(0, 256)));
    CHECK(record.size() == 17);
    CHECK(to_hex(record.substr(record.size() - 2)) == "FFFF");
    auto my_number = cards::mynumber::parse_my_number(record);
    REQUIRE(my_number);
    CHECK(*my_number == test::kTestMyNumber);

    send(card, select_file(0x0002));
    const iso7816::Bytes ef = data_of(send(card, read(0, 256)));
    CHECK(ef.size() == 256);  // padded
    auto info = cards::mynumber::parse_basic_info(ef);
    REQUIRE_MESSAGE(info, info.error().message());
    CHECK(info->name == "試験　花子");
    CHECK(info->address == "東京都千代田区霞が関一丁目1番1号");
    CHECK(info->birth_date == jahis::CivilDate{1980, 2, 17});
    CHECK(info->sex == cards::mynumber::Sex::female);
    // DF21 gives the offset of each member's tag from the start of the file.
    auto outer = iso7816::read_tlv(ef);
    auto members = iso7816::read_children(outer->value);
    REQUIRE(members);
    REQUIRE(members->size() == 5);
    const std::string_view offsets = (*members)[0].value;
    for (std::size_t i = 1; i < 5; ++i) {
      const std::size_t offset =
          static_cast<std::uint8_t>(offsets[2 * (i - 1)]) << 8 | static_cast<std::uint8_t>(offsets[2 * (i - 1) + 1]);
      CHECK(offset == (*members)[i].offset + (outer->size - outer->value.size()));
    }
  }

  TEST_CASE("a long address: 81 / 82 BER lengths, still parsed") {
    auto doc = test::my_number_persona();
    std::string address;
    for (int i = 0; i < 30; ++i) address += "霞が関";  // 270 bytes
    doc["holder"]["address"] = address;
    auto card = make_card(doc);
    send(card, kSelectText);
    send(card, select_file(0x0011));
    send(card, verify(test::kTextPin));
    send(card, select_file(0x0002));
    const iso7816::Bytes ef = data_of(send(card, "00B00000000000"));
    CHECK(ef.size() == 512);
    CHECK(to_hex(ef.substr(0, 3)) == "FF2082");
    auto info = cards::mynumber::parse_basic_info(ef);
    REQUIRE(info);
    CHECK(info->address == address);
  }

  TEST_CASE("the authentication signature verifies with the certificate's key") {
    auto card = make_card();
    const std::string message = "challenge from kofu-central";
    const auto sign = to_hex(
        *iso7816::encode(cards::mynumber::sign_digest_info(cards::mynumber::sha256_digest_info(sha256(message)))));
    send(card, kSelectJpki);
    send(card, select_file(0x0017));
    CHECK(send(card, sign) == "6982");  // no VERIFY
    send(card, select_file(0x0018));
    CHECK(send(card, verify(test::kJpkiAuthPin)) == "9000");
    send(card, select_file(0x000A));
    CHECK(send(card, sign) == "6981");  // the current EF is not a key
    send(card, select_file(0x0017));
    const iso7816::Bytes signature = data_of(send(card, sign));
    CHECK(signature.size() == 256);
    CHECK(pki::verify_signature(test::test_credential().certificate, message, signature));
    CHECK_FALSE(pki::verify_signature(test::test_credential().certificate, "another message", signature));
    // The key by SFI (P2 97) without selecting it; the verified PIN stays for more signatures.
    send(card, select_file(0x000A));
    CHECK(send(card, "802A0097" + sign.substr(8)).size() == 2 * 258);
    CHECK(send(card, "802A0180" + sign.substr(8)) == "6A86");                  // P1 01: not emulated
    CHECK(send(card, sign.substr(0, sign.size() - 2)) == "6700");              // no Le
    CHECK(send(card, "802A0097F6" + std::string(492, '0') + "00") == "6985");  // too long for type-1 padding
  }

  TEST_CASE("the security status ends with power off, reset, and when another AP is selected") {
    auto card = make_card();
    const auto unlock = [&card] {
      send(card, kSelectText);
      send(card, select_file(0x0011));
      REQUIRE(send(card, verify(test::kTextPin)) == "9000");
      send(card, select_file(0x0001));
      REQUIRE(send(card, read(0, 17)).size() == 2 * 19);
    };
    unlock();
    send(card, kSelectText);  // the same AP again: still verified
    send(card, select_file(0x0001));
    CHECK(send(card, read(0, 17)).size() == 2 * 19);
    send(card, kSelectJpki);
    send(card, kSelectText);
    send(card, select_file(0x0001));
    CHECK(send(card, read(0, 17)) == "6982");

    unlock();
    card.power_off();
    card.power_on();
    CHECK(send(card, read(0, 17)) == "6986");  // nothing selected after power-up
    send(card, kSelectText);
    send(card, select_file(0x0001));
    CHECK(send(card, read(0, 17)) == "6982");

    unlock();
    card.reset();
    send(card, kSelectText);
    send(card, select_file(0x0001));
    CHECK(send(card, read(0, 17)) == "6982");
  }

  TEST_CASE("CHANGE REFERENCE DATA after VERIFY") {
    auto card = make_card();
    send(card, kSelectText);
    send(card, select_file(0x0011));
    CHECK(send(card, "0024018004" + to_hex("4321")) == "6982");
    send(card, verify(test::kTextPin));
    CHECK(send(card, "0024018003" + to_hex("432")) == "6A80");  // not 4 digits
    CHECK(send(card, "0024018004" + to_hex("4321")) == "9000");
    card.power_off();
    card.power_on();
    send(card, kSelectText);
    CHECK(send(card, "0020009104" + to_hex(test::kTextPin)) == "63C2");
    CHECK(send(card, "0020009104" + to_hex("4321")) == "9000");
  }

  TEST_CASE("malformed and unsupported commands") {
    auto card = make_card();
    CHECK(send(card, "") == "6700");
    CHECK(send(card, "00A404") == "6700");
    CHECK(send(card, "00A4040C0AD392F0") == "6700");  // Lc 10, 3 bytes
    CHECK(send(card, "00A4040C") == "6700");          // no AID
    CHECK(send(card, "0CA4040C0AD392F000260100000001") == "6E00");
    CHECK(send(card, "00CA5F5100") == "6D00");
    CHECK(send(card, "80A4040C0AD392F000260100000001") == "6D00");
    send(card, kSelectJpki);
    CHECK(send(card, read(0, 4)) == "6986");  // no current EF
    send(card, select_file(0x0018));
    CHECK(send(card, read(0, 4)) == "6981");  // a PIN cannot be read
    CHECK(send(card, "00B0000004 01") == "6700");
    CHECK(send(card, "00B00000") == "6700");    // no Le
    CHECK(send(card, "00B0A00004") == "6A86");  // P1 101xxxxx
    CHECK(send(card, "00200180") == "6A86");
    CHECK(send(card, "00200070") == "6A86");
    CHECK(send(card, "00200081") == "6A88");  // EF 0001 is no PIN here
    CHECK(send(card, "00A4020C0100") == "6700");
    CHECK(send(card, "00A4020002000A") == "6A86");
  }
}
