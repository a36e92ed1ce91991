#include "drivers/cardsim/command_apdu.hpp"

#include <cstdint>

namespace kofu::cardsim {
namespace {

std::size_t byte_at(std::string_view apdu, std::size_t i) {
  return static_cast<std::uint8_t>(apdu[i]);
}

std::size_t u16_at(std::string_view apdu, std::size_t i) {
  return byte_at(apdu, i) << 8 | byte_at(apdu, i + 1);
}

}  // namespace

std::optional<iso7816::Command> parse_command(std::string_view apdu) {
  if (apdu.size() < 4) return std::nullopt;
  iso7816::Command command;
  command.cla = static_cast<std::uint8_t>(apdu[0]);
  command.ins = static_cast<std::uint8_t>(apdu[1]);
  command.p1 = static_cast<std::uint8_t>(apdu[2]);
  command.p2 = static_cast<std::uint8_t>(apdu[3]);
  const std::size_t size = apdu.size();
  if (size == 4) return command;  // case 1
  if (size == 5) {                // case 2S
    const std::size_t le = byte_at(apdu, 4);
    command.le = le == 0 ? iso7816::kMaxShortLe : le;
    return command;
  }
  if (byte_at(apdu, 4) != 0) {  // case 3S or 4S: Lc in one byte
    const std::size_t lc = byte_at(apdu, 4);
    if (size != 5 + lc && size != 6 + lc) return std::nullopt;
    command.data = iso7816::Bytes(apdu.substr(5, lc));
    if (size == 6 + lc) {
      const std::size_t le = byte_at(apdu, size - 1);
      command.le = le == 0 ? iso7816::kMaxShortLe : le;
    }
    return command;
  }
  // 00 then two bytes: extended (ISO/IEC 7816-3 §12.1.3: Lc 00 00 does not exist, so 00 00 00 is Le).
  if (size < 7) return std::nullopt;
  if (size == 7) {  // case 2E
    const std::size_t le = u16_at(apdu, 5);
    command.le = le == 0 ? iso7816::kMaxExtendedLe : le;
    return command;
  }
  const std::size_t lc = u16_at(apdu, 5);
  if (lc == 0 || (size != 7 + lc && size != 9 + lc)) return std::nullopt;
  command.data = iso7816::Bytes(apdu.substr(7, lc));
  if (size == 9 + lc) {  // case 4E
    const std::size_t le = u16_at(apdu, size - 2);
    command.le = le == 0 ? iso7816::kMaxExtendedLe : le;
  }
  return command;
}

}  // namespace kofu::cardsim
