#include "drivers/cardsim/trace.hpp"

#include "drivers/cardsim/command_apdu.hpp"
#include "secure/secret.hpp"

namespace kofu::cardsim {
namespace {

constexpr std::uint8_t kSelect = 0xA4;
constexpr std::uint8_t kVerify = 0x20;
constexpr std::uint8_t kChangeReferenceData = 0x24;

std::string what_was_sent(std::string_view command_apdu) {
  auto command = parse_command(command_apdu);
  std::string line = iso7816::to_hex(command_apdu.substr(0, 4));
  if (!command) return line + " (malformed, " + std::to_string(command_apdu.size()) + " bytes)";
  if (!command->data.empty()) {
    if (command->ins == kSelect) {
      line += " " + iso7816::to_hex(command->data);
    } else if (command->ins == kVerify || command->ins == kChangeReferenceData) {
      line += " (PIN redacted)";
    } else {
      line += " Lc " + std::to_string(command->data.size());
    }
  }
  if (command->le) line += " Le " + std::to_string(*command->le);
  wipe(command->data);
  return line;
}

}  // namespace

std::string trace_line(std::string_view command_apdu, std::string_view response_apdu) {
  std::string line = what_was_sent(command_apdu) + " -> ";
  if (response_apdu.size() < 2) return line + "no answer";
  line += iso7816::to_hex(response_apdu.substr(response_apdu.size() - 2));
  if (response_apdu.size() > 2) line += " (" + std::to_string(response_apdu.size() - 2) + " bytes)";
  return line;
}

}  // namespace kofu::cardsim
