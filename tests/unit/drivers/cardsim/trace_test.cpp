// The --trace lines: headers and status words, SELECT's ids, lengths for other data, never a PIN or answer data.
#include <doctest/doctest.h>

#include <ostream>
#include <string>

#include "drivers/cardsim/trace.hpp"
#include "iso7816/apdu.hpp"

using kofu::cardsim::trace_line;
using kofu::iso7816::parse_hex;

namespace {

std::string line(const char* command_hex, const char* response_hex) {
  return trace_line(*parse_hex(command_hex), *parse_hex(response_hex));
}

}  // namespace

TEST_SUITE("cardsim.trace") {
  TEST_CASE("what each line shows") {
    CHECK(line("00A4040C0AD392F000260100000001", "9000") == "00A4040C D392F000260100000001 -> 9000");
    CHECK(line("00B0000000", "0102039000") == "00B00000 Le 256 -> 9000 (3 bytes)");
    CHECK(line("802A00800301020300", "6982") == "802A0080 Lc 3 Le 256 -> 6982");
    CHECK(line("00200080", "63C3") == "00200080 -> 63C3");
    CHECK(line("00A4", "6700") == "00A4 (malformed, 2 bytes) -> 6700");
    CHECK(line("00B0000004", "") == "00B00000 Le 4 -> no answer");
  }

  TEST_CASE("a PIN is never shown, nor the data of an answer") {
    const std::string verify = line("002000800431323334", "9000");
    CHECK(verify == "00200080 (PIN redacted) -> 9000");
    CHECK(line("002401800439383736", "9000") == "00240180 (PIN redacted) -> 9000");
    const std::string read = line("00B0000011", "FF100C3132333435363738393031384646FFFF9000");
    CHECK(read.find("3132") == std::string::npos);
  }
}
