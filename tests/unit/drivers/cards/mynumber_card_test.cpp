// The My Number card application against scripted answers: the command sequence, the PIN-safety rules (format
// first, counter before VERIFY, no VERIFY at one try without the override, never a retry), the typed errors, and
// the chunked reads. The same flows run against kofu-cardsim through the real pcscd in tests/integration.
#include <doctest/doctest.h>

#include <algorithm>
#include <ostream>
#include <string>

#include "drivers/cards/errors.hpp"
#include "drivers/cards/mynumber_card.hpp"
#include "drivers/pcsc/pcsc.hpp"
#include "iso7816/errors.hpp"
#include "scripted_card.hpp"

using kofu::Secret;
using kofu::cards::CardErrc;
using kofu::cards::MyNumberCard;
using kofu::cards::PinPolicy;
using kofu::iso7816::to_hex;
using kofu::test::Script;
using kofu::test::ScriptedCard;

namespace {

const std::string kSelectJpki = "00A4040C0AD392F000260100000001";
const std::string kSelectText = "00A4040C0AD3921000310001010408";
const std::string kSelectToken = "00A4020C020006";
const std::string kReadLabel = "00B0000020";
const std::string kSelectAuthPin = "00A4020C020018";
const std::string kSelectAuthKey = "00A4020C020017";
const std::string kSelectTextPin = "00A4020C020011";
const std::string kQuery = "00200080";
const std::string kVerify1234 = "002000800431323334";

std::string hex_of(std::string_view bytes) {
  return to_hex(bytes);
}

std::string label_answer(std::string_view label) {
  std::string field(label);
  field.resize(32, ' ');
  return hex_of(field) + "9000";
}

Script opening(std::string_view label = "JPKIAPICCTOKEN2") {
  return {{kSelectJpki, "9000"}, {kSelectToken, "9000"}, {kReadLabel, label_answer(label)}};
}

Script operator+(Script a, const Script& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Secret pin(std::string text) {
  return Secret::take(text);
}

std::string tlv(std::string_view tag_hex, std::string_view value) {
  std::string out = *kofu::iso7816::parse_hex(tag_hex);
  out += static_cast<char>(value.size());
  return out + std::string(value);
}

bool sent_verify(const ScriptedCard& card) {
  return std::any_of(card.sent.begin(), card.sent.end(),
                     [](const std::string& apdu) { return apdu.rfind("00200080", 0) == 0 && apdu.size() > 8; });
}

}  // namespace

TEST_SUITE("cards.mynumber_card") {
  TEST_CASE("open: the JPKI application by full AID, then the token label") {
    ScriptedCard card(opening());
    auto opened = MyNumberCard::open(card);
    REQUIRE(opened);
    CHECK(opened->token() == kofu::cards::JpkiToken::my_number_card);
    CHECK(card.done());

    ScriptedCard phone(opening("JPKIAPGPSETOKEN"));
    opened = MyNumberCard::open(phone);
    REQUIRE(opened);
    CHECK(opened->token() == kofu::cards::JpkiToken::android_phone);
  }

  TEST_CASE("open: a card without JPKI, or with another label, is not a My Number card") {
    ScriptedCard other(Script{{kSelectJpki, "6A82"}});
    auto opened = MyNumberCard::open(other);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().code() == CardErrc::not_my_number_card);

    ScriptedCard stranger(opening("SOMEOTHERTOKEN"));
    opened = MyNumberCard::open(stranger);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().code() == CardErrc::not_my_number_card);
    CHECK(opened.error().message().find("SOMEOTHERTOKEN") != std::string::npos);
  }

  TEST_CASE("open: 6F00 right after power-up is answered by one more SELECT") {
    ScriptedCard card(Script{{kSelectJpki, "6F00"}} + opening());
    CHECK(MyNumberCard::open(card));
  }

  TEST_CASE("the PIN counter is read without a try") {
    ScriptedCard card(opening() + Script{{kSelectJpki, "9000"}, {kSelectAuthPin, "9000"}, {kQuery, "63C3"}});
    auto opened = MyNumberCard::open(card);
    REQUIRE(opened);
    auto status = opened->pin_status();
    REQUIRE(status);
    CHECK(status->tries_left == 3);
    CHECK_FALSE(sent_verify(card));
  }

  TEST_CASE("auth signature: SELECT, counter, one VERIFY, key, 80 2A with the DigestInfo") {
    const std::string digest(32, '\x11');
    const std::string signature(256, '\x5A');
    ScriptedCard card(opening() + Script{{kSelectJpki, "9000"},
                                         {kSelectAuthPin, "9000"},
                                         {kQuery, "63C3"},
                                         {kVerify1234, "9000"},
                                         {kSelectAuthKey, "9000"},
                                         {"802A008033"
                                          "3031300D060960864801650304020105000420" +
                                              hex_of(digest) + "00",
                                          hex_of(signature) + "9000"}});
    auto opened = MyNumberCard::open(card);
    REQUIRE(opened);
    auto signed_ = opened->sign_sha256(digest, pin("1234"), PinPolicy{});
    REQUIRE(signed_);
    CHECK(*signed_ == signature);
    CHECK(card.done());
  }

  TEST_CASE("a wrong PIN: tries left in the message, the PIN nowhere, no second VERIFY") {
    ScriptedCard card(
        opening() +
        Script{{kSelectJpki, "9000"}, {kSelectAuthPin, "9000"}, {kQuery, "63C3"}, {"002000800439383736", "63C2"}});
    auto opened = MyNumberCard::open(card);
    REQUIRE(opened);
    auto signed_ = opened->sign_sha256(std::string(32, '\0'), pin("9876"), PinPolicy{});
    REQUIRE_FALSE(signed_);
    CHECK(signed_.error().code() == CardErrc::wrong_pin);
    CHECK(signed_.error().message().find("2 tries left") != std::string::npos);
    CHECK(signed_.error().message().find("9876") == std::string::npos);
    CHECK(card.done());
  }

  TEST_CASE("one try left: no VERIFY without the override; with it, the last wrong PIN blocks") {
    ScriptedCard card(opening() + Script{{kSelectJpki, "9000"}, {kSelectAuthPin, "9000"}, {kQuery, "63C1"}});
    auto opened = MyNumberCard::open(card);
    REQUIRE(opened);
    auto refused = opened->sign_sha256(std::string(32, '\0'), pin("1234"), PinPolicy{});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code() == CardErrc::last_try_refused);
    CHECK_FALSE(sent_verify(card));

    ScriptedCard allowed(
        opening() + Script{{kSelectJpki, "9000"}, {kSelectAuthPin, "9000"}, {kQuery, "63C1"}, {kVerify1234, "63C0"}});
    opened = MyNumberCard::open(allowed);
    REQUIRE(opened);
    auto blocked = opened->sign_sha256(std::string(32, '\0'), pin("1234"), PinPolicy{true});
    REQUIRE_FALSE(blocked);
    CHECK(blocked.error().code() == CardErrc::pin_blocked);
    CHECK(blocked.error().message().find("municipal office") != std::string::npos);
  }

  TEST_CASE("a blocked PIN (63C0 or 6984 to the query) is never sent") {
    for (const char* answer : {"63C0", "6984"}) {
      ScriptedCard card(opening() + Script{{kSelectJpki, "9000"}, {kSelectAuthPin, "9000"}, {kQuery, answer}});
      auto opened = MyNumberCard::open(card);
      REQUIRE(opened);
      auto signed_ = opened->sign_sha256(std::string(32, '\0'), pin("1234"), PinPolicy{true});
      REQUIRE_FALSE(signed_);
      CHECK(signed_.error().code() == CardErrc::pin_blocked);
      CHECK_FALSE(sent_verify(card));
    }
  }

  TEST_CASE("a PIN that is not 4 digits costs no try") {
    for (const char* text : {"123", "12345", "12a4", ""}) {
      ScriptedCard card(opening() + Script{{kSelectJpki, "9000"}, {kSelectAuthPin, "9000"}});
      auto opened = MyNumberCard::open(card);
      REQUIRE(opened);
      auto signed_ = opened->sign_sha256(std::string(32, '\0'), pin(text), PinPolicy{});
      REQUIRE_FALSE(signed_);
      CHECK(signed_.error().code() == CardErrc::bad_pin_format);
      CHECK(card.done());
    }
  }

  TEST_CASE("the certificate: header, then chunks up to its DER size; a file shorter than its header is an error") {
    std::string certificate = std::string("\x30\x82\x01\x28", 4) + std::string(0x128, '\x42');  // 300 bytes
    ScriptedCard card(opening() + Script{{kSelectJpki, "9000"},
                                         {"00A4020C02000A", "9000"},
                                         {"00B0000000", hex_of(certificate.substr(0, 256)) + "9000"},
                                         {"00B001002C", hex_of(certificate.substr(256)) + "FFFF9000"}});
    auto opened = MyNumberCard::open(card);
    REQUIRE(opened);
    auto read = opened->certificate();
    REQUIRE(read);
    CHECK(*read == certificate);

    ScriptedCard truncated(opening() + Script{{kSelectJpki, "9000"},
                                              {"00A4020C02000A", "9000"},
                                              {"00B0000000", hex_of(certificate.substr(0, 256)) + "9000"},
                                              {"00B001002C", "6B00"}});
    opened = MyNumberCard::open(truncated);
    REQUIRE(opened);
    read = opened->certificate();
    REQUIRE_FALSE(read);
    CHECK(read.error().code() == CardErrc::bad_file);
    CHECK(read.error().message().find("256 of the 300 bytes") != std::string::npos);
  }

  TEST_CASE("a card pulled mid-read keeps the transport's code, a card_removed condition") {
    ScriptedCard card(opening() + Script{{kSelectJpki, "9000"}, {"00A4020C02000A", "9000"}, {"00B0000000", "FAIL"}});
    card.failure = kofu::pcsc::PcscErrc::card_removed;
    auto opened = MyNumberCard::open(card);
    REQUIRE(opened);
    auto read = opened->certificate();
    REQUIRE_FALSE(read);
    CHECK(read.error().code() == kofu::iso7816::TransportFault::card_removed);
    CHECK(read.error().message().find("reading the 利用者証明用 certificate (EF 000A)") == 0);
  }

  TEST_CASE("券面事項入力補助AP: PIN, 基本4情報, and the 個人番号 only when asked") {
    const std::string fields =
        tlv("DF22", "試験　花子") + tlv("DF23", "東京都千代田区霞が関1-1") + tlv("DF24", "19800217") + tlv("DF25", "2");
    const std::string record = tlv("FF20", tlv("DF21", std::string(8, '\0')) + fields);
    const std::string number =
        "\xFF\x10\x0C"
        "123456789018"
        "\xFF\xFF";
    const Script verified{{kSelectText, "9000"}, {kSelectTextPin, "9000"}, {kQuery, "63C3"}, {kVerify1234, "9000"}};
    const Script basic{{"00A4020C020002", "9000"}, {"00B0000000", hex_of(record) + "00009000"}};

    ScriptedCard card(opening() + verified + basic);
    auto opened = MyNumberCard::open(card);
    REQUIRE(opened);
    auto text = opened->read_text(pin("1234"), PinPolicy{}, false);
    REQUIRE(text);
    CHECK(text->basic.name == "試験　花子");
    CHECK(text->basic.birth_date.year == 1980);
    CHECK(text->basic.sex == kofu::cards::mynumber::Sex::female);
    CHECK_FALSE(text->my_number);
    CHECK(card.done());

    ScriptedCard with_number(opening() + verified + basic +
                             Script{{"00A4020C020001", "9000"}, {"00B0000000", hex_of(number) + "9000"}});
    opened = MyNumberCard::open(with_number);
    REQUIRE(opened);
    text = opened->read_text(pin("1234"), PinPolicy{}, true);
    REQUIRE(text);
    CHECK(text->my_number == "123456789018");
  }

  TEST_CASE("a phone's JPKI has no 券面事項入力補助AP") {
    ScriptedCard phone(opening("JPKIAPIOSTOKEN") + Script{{kSelectText, "6A82"}});
    auto opened = MyNumberCard::open(phone);
    REQUIRE(opened);
    auto text = opened->read_text(pin("1234"), PinPolicy{}, false);
    REQUIRE_FALSE(text);
    CHECK(text.error().code() == CardErrc::no_application);
  }
}

TEST_SUITE("secure.secret") {
  TEST_CASE("take wipes the caller's copy; the capacity is a hard limit") {
    std::string typed = "1234";
    Secret secret = Secret::take(typed);
    CHECK(typed.empty());
    CHECK(secret.view() == "1234");
    Secret moved = std::move(secret);
    CHECK(moved.view() == "1234");
    CHECK(secret.empty());  // NOLINT(bugprone-use-after-move): the moved-from secret is wiped, by design
    Secret full;
    for (std::size_t i = 0; i < Secret::kCapacity; ++i) REQUIRE(full.push_back('9'));
    CHECK_FALSE(full.push_back('9'));
  }
}
