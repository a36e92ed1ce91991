// pcsc_probe: a tiny PC/SC client for the integration tests. Waits for a card in the reader, connects, sends each
// command APDU given in hex through iso7816::exchange (61xx and 6Cxx handled as the driver does) and prints:
//   ATR <hex>
//   <response data and status word in hex>      one line per command
//   error: <category>: <message>                 and exit 1, when the transport fails
// Usage: pcsc_probe [--reader NAME] [--wait-ms MS] APDU...
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "drivers/cardsim/command_apdu.hpp"
#include "drivers/pcsc/pcsc.hpp"
#include "iso7816/exchange.hpp"

namespace {

int fail(const kofu::Error& error) {
  std::cout << "error: " << error.code().category().name() << ": " << error.message() << std::endl;
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string reader = "Virtual PCD 00 00";
  long wait_ms = 5000;
  std::vector<std::string> apdus;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--reader" && i + 1 < argc) {
      reader = argv[++i];
    } else if (arg == "--wait-ms" && i + 1 < argc) {
      wait_ms = std::strtol(argv[++i], nullptr, 10);
    } else {
      apdus.push_back(arg);
    }
  }
  if (apdus.empty()) {
    std::cerr << "usage: pcsc_probe [--reader NAME] [--wait-ms MS] APDU...\n";
    return 2;
  }
  auto context = kofu::pcsc::Context::establish();
  if (!context) return fail(context.error());
  if (auto present = context->wait_for_card(reader, std::chrono::milliseconds(wait_ms)); !present) {
    return fail(present.error());
  }
  auto card = context->connect(reader);
  if (!card) return fail(card.error());
  std::cout << "ATR " << kofu::iso7816::to_hex(card->atr()) << std::endl;
  for (const std::string& hex : apdus) {
    auto bytes = kofu::iso7816::parse_hex(hex);
    const auto command = bytes ? kofu::cardsim::parse_command(*bytes) : std::nullopt;
    if (!command) {
      std::cerr << "pcsc_probe: not a command APDU: " << hex << '\n';
      return 2;
    }
    auto response = kofu::iso7816::exchange(*card, *command);
    if (!response) return fail(response.error());
    std::cout << kofu::iso7816::to_hex(response->data)
              << kofu::iso7816::to_hex(
                     std::string{static_cast<char>(response->sw1()), static_cast<char>(response->sw2())})
              << std::endl;
  }
  return 0;
}
