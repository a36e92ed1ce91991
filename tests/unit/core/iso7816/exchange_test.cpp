// The exchange logic against scripted cards: T=0 style 61xx chains, 6Cxx resends, errors of the transport.
#include <doctest/doctest.h>

#include <deque>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "iso7816/errors.hpp"
#include "iso7816/exchange.hpp"
#include "scripted_card.hpp"

using namespace kofu::iso7816;

namespace {

using kofu::test::Script;
using kofu::test::ScriptedCard;

const Command kRead{0x00, 0xB0, 0x00, 0x00, {}, 256};

}  // namespace

TEST_SUITE("iso7816.exchange") {
  TEST_CASE("a plain answer passes through") {
    ScriptedCard card(Script{{"00B0000000", "0102039000"}});
    auto response = exchange(card, kRead);
    REQUIRE(response);
    CHECK(to_hex(response->data) == "010203");
    CHECK(response->ok());
  }

  TEST_CASE("61xx: GET RESPONSE until the card is done, the data joined") {
    ScriptedCard card(Script{{"00B0000000", "AAAA6104"}, {"00C0000004", "BBBBBBBB6102"}, {"00C0000002", "CCCC9000"}});
    auto response = exchange(card, kRead);
    REQUIRE(response);
    CHECK(to_hex(response->data) == "AAAABBBBBBBBCCCC");
    CHECK(response->sw == 0x9000);
    CHECK(card.sent.size() == 3);
  }

  TEST_CASE("6Cxx: the command again with the Le the card asked for") {
    ScriptedCard card(Script{{"00B0000000", "6C1E"}, {"00B000001E", std::string(60, 'A') + "9000"}});
    auto response = exchange(card, kRead);
    REQUIRE(response);
    CHECK(response->data.size() == 30);
    CHECK(response->ok());
  }

  TEST_CASE("a card that never stops answering 61xx, a short answer, a vanished card") {
    Script endless{{"00B0000000", "6101"}};
    for (int i = 0; i <= kMaxGetResponses; ++i) endless.emplace_back("00C0000001", "006101");
    ScriptedCard looping(endless);
    auto response = exchange(looping, kRead);
    REQUIRE_FALSE(response);
    CHECK(response.error().message().find("kept answering 61xx") != std::string::npos);

    ScriptedCard mute(Script{{"00B0000000", "90"}});
    response = exchange(mute, kRead);
    REQUIRE_FALSE(response);
    CHECK(response.error().code() == Iso7816Errc::short_response);

    ScriptedCard gone(Script{});
    CHECK_FALSE(exchange(gone, kRead));
  }
}
