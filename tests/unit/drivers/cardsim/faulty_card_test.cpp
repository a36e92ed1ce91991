// The card-side fault switches: T=0 style 61xx + GET RESPONSE, 6Cxx for a Le beyond the data, the slow signature;
// and that the driver's exchange() gets the same data through each of them.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include "cards/mynumber.hpp"
#include "drivers/cardsim/faulty_card.hpp"
#include "drivers/cardsim/mynumber_card.hpp"
#include "iso7816/exchange.hpp"
#include "test_personas.hpp"

using namespace kofu;
using kofu::iso7816::to_hex;
using kofu::test::send;

namespace {

constexpr const char* kSelectJpki = "00A4040C0AD392F000260100000001";

std::unique_ptr<cardsim::SimulatedCard> my_number_card() {
  auto persona = cardsim::read_persona(test::my_number_persona().dump());
  REQUIRE(persona);
  return std::make_unique<cardsim::MyNumberCard>(std::move(std::get<cardsim::MyNumberPersona>(*persona)));
}

struct Sleeps {
  std::vector<std::chrono::milliseconds> taken;
  cardsim::FaultyCard::Sleep recorder() {
    return [this](std::chrono::milliseconds duration) { taken.push_back(duration); };
  }
};

}  // namespace

TEST_SUITE("cardsim.faults") {
  TEST_CASE("t0: data comes as 61xx and GET RESPONSE serves it in chunks of at most 256") {
    cardsim::Faults faults;
    faults.t0 = true;
    cardsim::FaultyCard card(my_number_card(), faults);
    const std::string_view der = test::test_credential().certificate.der();
    CHECK(send(card, kSelectJpki) == "9000");  // no data: unchanged
    CHECK(send(card, "00A4020C02000A") == "9000");
    CHECK(send(card, "00C0000010") == "6985");  // nothing to fetch
    CHECK(send(card, "00B0000004") == "6104");
    CHECK(send(card, "00C0000004") == to_hex(der.substr(0, 4)) + "9000");
    CHECK(send(card, "00C0000004") == "6985");  // fetched

    // The whole certificate at once (extended Le): 61 00 while 256 or more wait.
    CHECK(send(card, "00B00000000000") == "6100");
    std::string fetched;
    std::string status = "6100";
    while (status.starts_with("61")) {
      const std::string answer = send(card, "00C0000000");
      status = answer.substr(answer.size() - 4);
      fetched += answer.substr(0, answer.size() - 4);
    }
    CHECK(status == "9000");
    CHECK(fetched == to_hex(der));

    // Another command drops what was not fetched; a Le beyond what waits gets what waits.
    CHECK(send(card, "00B0000004") == "6104");
    CHECK(send(card, "00A4020C02000A") == "9000");
    CHECK(send(card, "00C0000004") == "6985");
    CHECK(send(card, "00B0000002") == "6102");
    CHECK(send(card, "00C0000004") == to_hex(der.substr(0, 2)) + "9000");
  }

  TEST_CASE("t0 with the driver's exchange(): the same bytes as without the fault") {
    cardsim::Faults faults;
    faults.t0 = true;
    cardsim::FaultyCard card(my_number_card(), faults);
    test::CardTransport transport(card);
    send(card, kSelectJpki);
    send(card, "00A4020C02000A");
    auto response = iso7816::exchange(transport, cards::mynumber::read_binary(0, 256));
    REQUIRE(response);
    CHECK(response->ok());
    CHECK(response->data == test::test_credential().certificate.der().substr(0, 256));
  }

  TEST_CASE("wrong_le: a Le beyond the data gets 6Cxx; a smaller one reads as asked") {
    cardsim::Faults faults;
    faults.wrong_le = true;
    cardsim::FaultyCard card(my_number_card(), faults);
    send(card, kSelectJpki);
    send(card, "00A4020C020008");               // 3 bytes
    CHECK(send(card, "00B0000000") == "6C03");  // Le 256
    CHECK(send(card, "00B0000003") == "008F009000");
    CHECK(send(card, "00B0000002") == "008F9000");
    CHECK(send(card, "00B0000300") == "6B00");            // past the end: unchanged
    CHECK(send(card, "00B00000000000") == "008F009000");  // extended Le: not a T=0 command, unchanged

    test::CardTransport transport(card);
    auto response = iso7816::exchange(transport, cards::mynumber::read_binary(0, 256));
    REQUIRE(response);
    CHECK(to_hex(response->data) == "008F00");
  }

  TEST_CASE("t0 and wrong_le together, as a T=0 card: 6Cxx, then 61xx, then GET RESPONSE") {
    cardsim::Faults faults;
    faults.t0 = true;
    faults.wrong_le = true;
    cardsim::FaultyCard card(my_number_card(), faults);
    send(card, kSelectJpki);
    send(card, "00A4020C020008");
    CHECK(send(card, "00B0000000") == "6C03");
    CHECK(send(card, "00B0000003") == "6103");
    CHECK(send(card, "00C0000010") == "6C03");
    CHECK(send(card, "00C0000003") == "008F009000");

    test::CardTransport transport(card);
    auto response = iso7816::exchange(transport, cards::mynumber::read_binary(0, 256));
    REQUIRE(response);
    CHECK(to_hex(response->data) == "008F00");
  }

  TEST_CASE("sign_delay: only a signature that succeeds waits") {
    cardsim::Faults faults;
    faults.sign_delay = std::chrono::milliseconds(600);
    Sleeps sleeps;
    cardsim::FaultyCard card(my_number_card(), faults, sleeps.recorder());
    const std::string sign = to_hex(*iso7816::encode(
        cards::mynumber::sign_digest_info(cards::mynumber::sha256_digest_info(std::string(32, '\x5A')))));
    send(card, kSelectJpki);
    send(card, "00A4020C020017");
    CHECK(send(card, sign) == "6982");
    CHECK(sleeps.taken.empty());
    send(card, "0020009804" + to_hex(test::kJpkiAuthPin));
    CHECK(send(card, sign).size() == 2 * 258);
    REQUIRE(sleeps.taken.size() == 1);
    CHECK(sleeps.taken[0] == std::chrono::milliseconds(600));
  }

  TEST_CASE("power and reset pass through and drop pending data") {
    cardsim::Faults faults;
    faults.t0 = true;
    cardsim::FaultyCard card(my_number_card(), faults);
    CHECK(to_hex(card.atr()) == "3BDA13FF8131FB468012392F31C173C601C03B");
    send(card, kSelectJpki);
    send(card, "00A4020C020008");
    CHECK(send(card, "00B0000003") == "6103");
    card.reset();
    CHECK(send(card, "00C0000003") == "6985");
    CHECK(send(card, "00B0000003") == "6986");  // the session ended too
  }
}
