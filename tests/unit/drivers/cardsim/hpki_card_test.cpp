// The emulated HPKI card with the profile of core/cards/hpki.hpp: selection by AID and by partial name, the
// certificate, the PIN, MSE SET + PSO COMPUTE DIGITAL SIGNATURE, and a PIN for every signature in the 電子署名用 AP.
#include <doctest/doctest.h>

#include <mbedtls/sha256.h>

#include <ostream>
#include <string>
#include <variant>

#include "cards/hpki.hpp"
#include "cards/mynumber.hpp"
#include "drivers/cardsim/hpki_card.hpp"
#include "pki/signature.hpp"
#include "test_personas.hpp"

using namespace kofu;
using kofu::iso7816::to_hex;
using kofu::test::send;

namespace {

namespace hpki = cards::hpki;

cardsim::HpkiCard make_card(const nlohmann::json& doc = test::hpki_persona()) {
  auto persona = cardsim::read_persona(doc.dump());
  REQUIRE_MESSAGE(persona, persona.error().message());
  return cardsim::HpkiCard(std::move(std::get<cardsim::HpkiPersona>(*persona)));
}

const std::string kSelectSignature = "00A4040C10" + to_hex(hpki::kSignatureAid);
const std::string kSelectAuthentication = "00A4040C10" + to_hex(hpki::kAuthenticationAid);
const std::string kSelectPin = "00A4020C020002";
const std::string kSetKey = to_hex(*iso7816::encode(hpki::set_signature_key()));

std::string verify(std::string_view pin) {
  return "00200080" + to_hex(std::string(1, static_cast<char>(pin.size()))) + to_hex(pin);
}

std::string fci(std::string_view aid) {
  return "6F1284" + to_hex(std::string(1, static_cast<char>(aid.size()))) + to_hex(aid);
}

iso7816::Bytes data_of(const std::string& answer_hex) {
  REQUIRE(answer_hex.size() >= 4);
  CHECK(answer_hex.substr(answer_hex.size() - 4) == "9000");
  return *iso7816::parse_hex(answer_hex.substr(0, answer_hex.size() - 4));
}

// The PSO command over the EMSA-PKCS1-v1_5 block of SHA-256(message), in hex.
std::string pso(std::string_view message) {
  std::string digest(32, '\0');
  mbedtls_sha256_ret(reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     reinterpret_cast<unsigned char*>(digest.data()), 0);
  auto block = hpki::pkcs1_v15_block(cards::mynumber::sha256_digest_info(digest), 256);
  return to_hex(*iso7816::encode(hpki::compute_signature(*block)));
}

}  // namespace

TEST_SUITE("cardsim.hpki") {
  TEST_CASE("selection by full AID, with or without FCI, and discovery by partial name") {
    auto card = make_card();
    CHECK(to_hex(card.atr()) == "3BF41300008131FE45004E0000A2");
    CHECK(send(card, kSelectSignature) == "9000");
    CHECK(send(card, "00A4040010" + to_hex(hpki::kAuthenticationAid) + "00") == fci(hpki::kAuthenticationAid) + "9000");
    CHECK(send(card, "00A4040005E828BD080F00") == fci(hpki::kSignatureAid) + "9000");       // first
    CHECK(send(card, "00A4040205E828BD080F00") == fci(hpki::kAuthenticationAid) + "9000");  // next
    CHECK(send(card, "00A4040205E828BD080F00") == "6A82");                                  // no more
    CHECK(send(card, "00A4040C05E828BD080F") == "9000");
    CHECK(send(card, "00A4040C10E828BD080FA00000039100000000000003") == "6A82");
    CHECK(send(card, "00A4040410" + to_hex(hpki::kSignatureAid)) == "6A86");  // FCP is not offered
    CHECK(send(card, "80A4040C10" + to_hex(hpki::kSignatureAid)) == "6E00");
    CHECK(send(card, "00CA000000") == "6D00");
  }

  TEST_CASE("only the authentication application: discovery finds it first") {
    auto doc = test::hpki_persona();
    doc["hpki"].erase("signature");
    doc["pins"].erase("signature");
    auto card = make_card(doc);
    CHECK(send(card, kSelectSignature) == "6A82");
    CHECK(send(card, "00A4040005E828BD080F00") == fci(hpki::kAuthenticationAid) + "9000");
  }

  TEST_CASE("the certificates: chunks, short last read, 6B00, and extended Le in one answer") {
    auto card = make_card();
    const std::string_view der = test::test_credential().certificate.der();
    send(card, kSelectAuthentication);
    send(card, "00A4020C020016");
    CHECK(data_of(send(card, "00B00000000000")) == der);
    CHECK(data_of(send(card, "00B0000004")) == der.substr(0, 4));
    const std::size_t last = der.size() - 10;
    CHECK(data_of(send(card, "00B0" + to_hex(std::string{static_cast<char>(last >> 8), static_cast<char>(last)}) +
                                 "00")) == der.substr(last));  // Le 00, 10 bytes left: a short read
    const std::size_t end = der.size();
    CHECK(send(card, "00B0" + to_hex(std::string{static_cast<char>(end >> 8), static_cast<char>(end)}) + "00") ==
          "6B00");
    send(card, "00A4020C020019");
    CHECK(data_of(send(card, "00B00000000000")) == der);  // the CA certificate (self-signed here)
    CHECK(send(card, "00A4020C02000C") == "9000");
    CHECK(send(card, "00B0000004") == "6981");  // the key is not readable
  }

  TEST_CASE("MSE + PSO: the signature verifies; 6985 without MSE, 6982 without PIN, 6A80 for a bad block") {
    auto card = make_card();
    const std::string message = "prescription to sign";
    send(card, kSelectAuthentication);
    CHECK(send(card, pso(message)) == "6985");
    CHECK(send(card, kSetKey) == "9000");
    CHECK(send(card, pso(message)) == "6982");
    send(card, kSelectPin);
    CHECK(send(card, "00200080") == "63C3");
    CHECK(send(card, verify(test::kHpkiAuthenticationPin)) == "9000");
    const iso7816::Bytes signature = data_of(send(card, pso(message)));
    CHECK(signature.size() == 256);
    CHECK(pki::verify_signature(test::test_credential().certificate, message, signature));
    // The authentication AP keeps the PIN verified for more signatures.
    CHECK(data_of(send(card, pso("again"))).size() == 256);

    std::string bad = pso(message);
    bad.replace(14 + 2, 2, "02");  // block type 02 instead of 01
    CHECK(send(card, bad) == "6A80");
    CHECK(send(card,
               "002A9E9A000003010203"
               "0000") == "6A80");                                                 // not 256 bytes
    CHECK(send(card, pso(message).substr(0, pso(message).size() - 4)) == "6700");  // no Le
    CHECK(send(card, "002241B6048402000D") == "6A88");                             // no key 000D
    CHECK(send(card, "002241B6058402000C") == "6700");                             // Lc 5 with 4 bytes
    CHECK(send(card, "002241B60481020017") == "6A80");                             // tag 81 is not this profile's
    CHECK(send(card, "002281B6048402000C") == "6A86");
  }

  TEST_CASE("the signature application wants its PIN for every signature") {
    auto card = make_card();
    send(card, kSelectSignature);
    send(card, kSetKey);
    CHECK(send(card, "00200082" + verify(test::kHpkiSignaturePin).substr(8)) == "9000");  // VERIFY by SFI 02
    CHECK(data_of(send(card, pso("first"))).size() == 256);
    CHECK(send(card, pso("second")) == "6982");
    send(card, kSelectPin);
    CHECK(send(card, verify(test::kHpkiSignaturePin)) == "9000");
    CHECK(data_of(send(card, pso("second"))).size() == 256);
  }

  TEST_CASE("PIN counters, blocking, and the status per application") {
    auto card = make_card();
    send(card, kSelectSignature);
    send(card, kSelectPin);
    CHECK(send(card, verify(test::kHpkiAuthenticationPin)) == "63C2");  // the other AP's PIN
    CHECK(send(card, verify("wrong")) == "63C1");
    CHECK(send(card, verify("wrong")) == "63C0");
    CHECK(send(card, verify(test::kHpkiSignaturePin)) == "6984");
    send(card, kSelectAuthentication);
    send(card, kSelectPin);
    CHECK(send(card, "00200080") == "63C3");  // separate counter
    CHECK(send(card, verify(test::kHpkiAuthenticationPin)) == "9000");
    send(card, kSetKey);
    send(card, kSelectSignature);
    send(card, kSelectAuthentication);
    CHECK(send(card, pso("x")) == "6985");  // MSE and PIN went with the change of application
    send(card, kSetKey);
    CHECK(send(card, pso("x")) == "6982");
  }
}
