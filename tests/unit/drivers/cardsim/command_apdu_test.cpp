// The card's reading of command APDUs: every ISO/IEC 7816-3 case, and the inputs whose lengths do not add up.
#include <doctest/doctest.h>

#include <ostream>
#include <string>

#include "drivers/cardsim/command_apdu.hpp"

using kofu::cardsim::parse_command;
using kofu::iso7816::Bytes;
using kofu::iso7816::Command;
using kofu::iso7816::parse_hex;

namespace {

std::optional<Command> parse(const char* hex) {
  return parse_command(*parse_hex(hex));
}

}  // namespace

TEST_SUITE("cardsim.command_apdu") {
  TEST_CASE("short cases 1 to 4") {
    auto case1 = parse("00200080");
    REQUIRE(case1);
    CHECK(case1->ins == 0x20);
    CHECK(case1->data.empty());
    CHECK_FALSE(case1->le);

    auto case2 = parse("00B0010000");
    REQUIRE(case2);
    CHECK(case2->p1 == 0x01);
    CHECK(case2->le == 256);  // Le 00

    auto case3 = parse("0020008004 31323334");
    REQUIRE(case3);
    CHECK(case3->data == "1234");
    CHECK_FALSE(case3->le);

    auto case4 = parse("802A008003 AABBCC 00");
    REQUIRE(case4);
    CHECK(case4->cla == 0x80);
    CHECK(case4->data == "\xAA\xBB\xCC");
    CHECK(case4->le == 256);
  }

  TEST_CASE("extended cases 2 to 4") {
    auto case2 = parse("00B00000 000000");
    REQUIRE(case2);
    CHECK(case2->le == 65536);  // Le 00 00

    auto case2small = parse("00B00000 000010");
    REQUIRE(case2small);
    CHECK(case2small->le == 16);

    const Bytes block(256, '\x01');
    Bytes case3 = *parse_hex("002A9E9A 000100") + block;
    auto parsed3 = parse_command(case3);
    REQUIRE(parsed3);
    CHECK(parsed3->data == block);
    CHECK_FALSE(parsed3->le);

    auto parsed4 = parse_command(case3 + std::string(2, '\0'));
    REQUIRE(parsed4);
    CHECK(parsed4->data == block);
    CHECK(parsed4->le == 65536);
  }

  TEST_CASE("lengths that do not add up") {
    CHECK_FALSE(parse(""));
    CHECK_FALSE(parse("00A404"));          // no P2
    CHECK_FALSE(parse("00A4040C 02 00"));  // Lc 2 with one byte
    CHECK_FALSE(parse("00A4040C 01 0000 00"));
    CHECK_FALSE(parse("00B00000 0000"));          // 00 then one byte
    CHECK_FALSE(parse("00200080 000000 00"));     // extended Lc 0
    CHECK_FALSE(parse("00200080 000003 31 00"));  // extended Lc 3 with two bytes
    CHECK_FALSE(parse("00200080 000001 31 0000 00"));
  }

  TEST_CASE("what the driver encodes, the card reads back") {
    const Command commands[] = {
        {0x00, 0xA4, 0x04, 0x0C, "\xD3\x92\xF0", std::nullopt},
        {0x00, 0xB0, 0x7F, 0xFF, {}, 1},
        {0x00, 0xB0, 0x00, 0x00, {}, 65536},
        {0x80, 0x2A, 0x00, 0x80, std::string(51, 'd'), 256},
        {0x00, 0x2A, 0x9E, 0x9A, std::string(256, 'b'), 65536},
        {0x00, 0x20, 0x00, 0x80, {}, std::nullopt},
    };
    for (const Command& command : commands) {
      auto parsed = parse_command(*kofu::iso7816::encode(command));
      REQUIRE(parsed);
      CHECK(parsed->cla == command.cla);
      CHECK(parsed->ins == command.ins);
      CHECK(parsed->p1 == command.p1);
      CHECK(parsed->p2 == command.p2);
      CHECK(parsed->data == command.data);
      CHECK(parsed->le == command.le);
    }
  }
}
