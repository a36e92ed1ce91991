// Reading persona files: the agreed format of both cards, and an error that names the member for each mistake,
// without ever quoting a PIN, a key or the 個人番号.
#include <doctest/doctest.h>

#include <ostream>
#include <string>
#include <variant>

#include "drivers/cardsim/errors.hpp"
#include "drivers/cardsim/persona.hpp"
#include "test_personas.hpp"

using namespace kofu;
using cardsim::CardsimErrc;

namespace {

// The error message of reading `doc`, after checking that it is a bad_persona error that quotes no secret.
std::string error_of(const nlohmann::json& doc) {
  auto persona = cardsim::read_persona(doc.dump());
  REQUIRE_FALSE(persona);
  CHECK(persona.error().code() == CardsimErrc::bad_persona);
  const std::string& message = persona.error().message();
  CHECK(message.find(test::kJpkiAuthPin) == std::string::npos);
  CHECK(message.find(test::kTestMyNumber) == std::string::npos);
  CHECK(message.find("PRIVATE KEY") == std::string::npos);
  return message;
}

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.rfind(prefix, 0) == 0;
}

}  // namespace

TEST_SUITE("cardsim.persona") {
  TEST_CASE("a My Number persona") {
    auto persona = cardsim::read_persona(test::my_number_persona().dump());
    REQUIRE_MESSAGE(persona, persona.error().message());
    const auto* card = std::get_if<cardsim::MyNumberPersona>(&*persona);
    REQUIRE(card != nullptr);
    CHECK(iso7816::to_hex(card->atr) == cardsim::kMyNumberAtrHex);
    CHECK(card->birth_date == "19800217");
    CHECK(card->sex == '2');
    CHECK(card->my_number == test::kTestMyNumber);
    CHECK(card->jpki_auth_pin.value.view() == test::kJpkiAuthPin);
    CHECK(card->jpki_auth_pin.tries_left == 3);
    CHECK(card->text_pin.value.view() == test::kTextPin);
    CHECK(card->token_label == "JPKIAPICCTOKEN2");
    CHECK(card->jpki_auth.certificate == test::test_credential().certificate.der());
  }

  TEST_CASE("an HPKI persona, with one or both applications, and another ATR") {
    auto doc = test::hpki_persona();
    doc["atr"] = "3B8880010000000000000000D1";
    auto persona = cardsim::read_persona(doc.dump());
    REQUIRE_MESSAGE(persona, persona.error().message());
    const auto* card = std::get_if<cardsim::HpkiPersona>(&*persona);
    REQUIRE(card != nullptr);
    CHECK(iso7816::to_hex(card->atr) == "3B8880010000000000000000D1");
    CHECK(card->role == "pharmacist");
    REQUIRE(card->signature);
    REQUIRE(card->authentication);
    CHECK(card->signature->pin.value.view() == test::kHpkiSignaturePin);

    doc = test::hpki_persona();
    doc.erase("holder");
    doc["hpki"].erase("authentication");
    doc["pins"].erase("authentication");
    persona = cardsim::read_persona(doc.dump());
    REQUIRE(persona);
    CHECK_FALSE(std::get<cardsim::HpkiPersona>(*persona).authentication);
  }

  TEST_CASE("the document: JSON, format, card") {
    auto not_json = cardsim::read_persona("{\"pins\": {\"text\": \"1234\"");
    REQUIRE_FALSE(not_json);
    CHECK(not_json.error().message().find("not JSON") != std::string::npos);
    CHECK(not_json.error().message().find("1234") == std::string::npos);
    auto cut = cardsim::read_persona("{\"pins\": \"1234\n\"}");  // a raw line break: nlohmann quotes "last read"
    REQUIRE_FALSE(cut);
    CHECK(cut.error().message().find("1234") == std::string::npos);
    CHECK(error_of(nlohmann::json::array()) == "the persona is not a JSON object");

    auto doc = test::my_number_persona();
    doc["format"] = "kofu-cardsim-persona/2";
    CHECK(starts_with(error_of(doc), "format: "));
    doc = test::my_number_persona();
    doc["card"] = "juki";
    CHECK(starts_with(error_of(doc), "card: "));
    doc = test::my_number_persona();
    doc["hpki"] = nlohmann::json::object();  // a member of the other card type
    CHECK(starts_with(error_of(doc), "hpki: unknown member"));
    doc = test::my_number_persona();
    doc["holder"]["nickname"] = "Hana";
    CHECK(starts_with(error_of(doc), "holder.nickname: unknown member"));
    doc = test::my_number_persona();
    doc["pins"]["text"]["retries"] = 3;
    CHECK(starts_with(error_of(doc), "pins.text.retries: unknown member"));
    doc = test::my_number_persona();
    doc.erase("jpki");
    CHECK(error_of(doc) == "jpki: missing");
    doc = test::my_number_persona();
    doc["atr"] = "00112233";
    CHECK(starts_with(error_of(doc), "atr: "));
  }

  TEST_CASE("the holder") {
    const auto with = [](const char* member, const nlohmann::json& value) {
      auto doc = test::my_number_persona();
      doc["holder"][member] = value;
      return error_of(doc);
    };
    CHECK(with("my_number", "123456789012") == "holder.my_number: the check digit (the 12th digit) is wrong");
    CHECK(with("my_number", "12345678901") == "holder.my_number: a 個人番号 is 12 digits");
    CHECK(with("my_number", 123456789018) == "holder.my_number: must be a string");
    CHECK(with("birth_date", "1980-02-30") == "holder.birth_date: must be a date YYYY-MM-DD");
    CHECK(with("birth_date", "19800217") == "holder.birth_date: must be a date YYYY-MM-DD");
    CHECK(with("birth_date", "1980") == "holder.birth_date: must be a date YYYY-MM-DD");
    CHECK(starts_with(with("sex", "F"), "holder.sex: must be an ISO 5218 digit"));
    CHECK(starts_with(with("name", ""), "holder.name: must be UTF-8 text"));
    CHECK(starts_with(with("address", std::string(513, 'a')), "holder.address: must be UTF-8 text of 1 to 512"));
  }

  TEST_CASE("the PINs") {
    const auto with = [](const char* pin, const char* member, const nlohmann::json& value) {
      auto doc = test::my_number_persona();
      doc["pins"][pin][member] = value;
      return error_of(doc);
    };
    CHECK(with("jpki_auth", "value", "12a4") == "pins.jpki_auth.value: a PIN is 4 ASCII digits");
    CHECK(with("text", "value", "12345") == "pins.text.value: a PIN is 4 ASCII digits");
    CHECK(with("text", "tries_left", 4) ==
          "pins.text.tries_left: must be an integer from 0 (blocked) to max_tries (3)");
    CHECK(with("text", "tries_left", -1) ==
          "pins.text.tries_left: must be an integer from 0 (blocked) to max_tries (3)");
    CHECK(with("text", "max_tries", 0) == "pins.text.max_tries: must be an integer from 1 to 15");
    auto doc = test::my_number_persona();
    doc["pins"]["text"].erase("tries_left");
    CHECK(error_of(doc) == "pins.text.tries_left: missing");
    CHECK(with("text", "max_tries", 3.5) == "pins.text.max_tries: must be an integer from 1 to 15");

    doc = test::hpki_persona();
    doc["pins"]["signature"]["value"] = "abc";
    CHECK(error_of(doc) == "pins.signature.value: an HPKI PIN is 4 to 16 printable ASCII characters");
    doc["pins"]["signature"]["value"] = "パスワード";
    CHECK(error_of(doc) == "pins.signature.value: an HPKI PIN is 4 to 16 printable ASCII characters");
  }

  TEST_CASE("keys and certificates") {
    auto doc = test::my_number_persona();
    doc["jpki"]["auth_key"] = test::other_credential().key.private_key_pem();
    CHECK(starts_with(error_of(doc), "jpki.auth_key: the key is not the one certified by jpki.auth_certificate"));
    doc["jpki"]["auth_key"] = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
    CHECK(starts_with(error_of(doc), "jpki.auth_key: "));
    auto ec = pki::KeyPair::generate(pki::KeyAlgorithm::ec_p256);
    REQUIRE(ec);
    doc["jpki"]["auth_key"] = ec->private_key_pem();
    CHECK(error_of(doc) == "jpki.auth_key: the key is EC 256; the cards carry RSA-2048 keys");
    doc = test::my_number_persona();
    doc["jpki"]["auth_ca_certificate"] = "not a certificate";
    CHECK(starts_with(error_of(doc), "jpki.auth_ca_certificate: "));
  }

  TEST_CASE("HPKI: one or both applications, each with its PIN") {
    auto doc = test::hpki_persona();
    doc["hpki"].erase("signature");
    CHECK(starts_with(error_of(doc), "pins.signature: a PIN for an application the card does not have"));
    doc["pins"].erase("signature");
    doc["pins"].erase("authentication");
    CHECK(starts_with(error_of(doc), "pins.authentication: missing"));
    doc["hpki"].erase("authentication");
    CHECK(starts_with(error_of(doc), "hpki: has neither"));
    doc = test::hpki_persona();
    doc["hpki"]["signature"]["certificate"] = test::other_credential().certificate.pem();
    CHECK(starts_with(error_of(doc),
                      "hpki.signature.key: the key is not the one certified by "
                      "hpki.signature.certificate"));
  }
}
