// Personas for the tests of kofu-cardsim (unit, fuzz, integration): one RSA-2048 key with a self-signed
// certificate, made once per process because key generation is slow, and persona documents a test edits to make
// its cases. Also a Transport over an emulated card, so that tests can use iso7816::exchange against it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "drivers/cardsim/simulated_card.hpp"
#include "iso7816/exchange.hpp"
#include "pki/issuing.hpp"

namespace kofu::test {

// The key and its certificate, also the CA certificate of the personas (it is self-signed).
const pki::Credential& test_credential();
// Another key and certificate, for a persona whose key is not its certificate's.
const pki::Credential& other_credential();

// The holder of the My Number persona (fictional): 試験　花子, born 1980-02-17, female, 個人番号 123456789018.
inline constexpr std::string_view kTestMyNumber = "123456789018";
inline constexpr std::string_view kJpkiAuthPin = "1234";
inline constexpr std::string_view kTextPin = "5678";
inline constexpr std::string_view kHpkiSignaturePin = "SIGN-1234";
inline constexpr std::string_view kHpkiAuthenticationPin = "auth5678";

// "card": "mynumber", every member set, 3 of 3 tries.
nlohmann::json my_number_persona();
// "card": "hpki" with both applications, 3 of 3 tries each.
nlohmann::json hpki_persona();

// An emulated card as an iso7816::Transport.
class CardTransport final : public iso7816::Transport {
 public:
  explicit CardTransport(cardsim::SimulatedCard& card) : card_(&card) {}
  Expected<iso7816::Bytes> transmit(std::string_view apdu) override { return card_->execute(apdu); }

 private:
  cardsim::SimulatedCard* card_;
};

// Sends a command given in hex and returns the answer in hex ("9000", "3082…9000").
std::string send(cardsim::SimulatedCard& card, std::string_view command_hex);

}  // namespace kofu::test
