#include "iso7816/apdu.hpp"

#include <array>

#include "iso7816/errors.hpp"

namespace kofu::iso7816 {
namespace {

Error fail(Iso7816Errc code, std::string message) {
  return Error(code, std::move(message));
}

void put16(Bytes& out, std::size_t value) {
  out += static_cast<char>((value >> 8) & 0xFF);
  out += static_cast<char>(value & 0xFF);
}

}  // namespace

Expected<Bytes> encode(const Command& command) {
  const std::size_t nc = command.data.size();
  if (nc > kMaxExtendedData) {
    return unexpected(fail(Iso7816Errc::bad_command, "a data field of " + std::to_string(nc) + " bytes exceeds 65535"));
  }
  if (command.le && (*command.le == 0 || *command.le > kMaxExtendedLe)) {
    return unexpected(fail(Iso7816Errc::bad_command, "Le " + std::to_string(*command.le) + " is not 1..65536"));
  }
  Bytes out{static_cast<char>(command.cla), static_cast<char>(command.ins), static_cast<char>(command.p1),
            static_cast<char>(command.p2)};
  out.reserve(4 + 3 + nc + 3);  // one allocation: a PIN in the data must not be left behind in a freed buffer
  const bool extended = nc > kMaxShortData || (command.le && *command.le > kMaxShortLe);
  if (!extended) {
    if (nc > 0) {
      out += static_cast<char>(nc);
      out += command.data;
    }
    if (command.le) out += static_cast<char>(*command.le == kMaxShortLe ? 0 : *command.le);
    return out;
  }
  // Extended: a 00 byte, then 2-byte Lc and/or Le; with data, Le has no leading 00 of its own.
  out += '\0';
  if (nc > 0) {
    put16(out, nc);
    out += command.data;
  }
  if (command.le) put16(out, *command.le == kMaxExtendedLe ? 0 : *command.le);
  return out;
}

Expected<Response> parse_response(std::string_view bytes) {
  if (bytes.size() < 2) {
    return unexpected(fail(Iso7816Errc::short_response, "the card answered " + std::to_string(bytes.size()) +
                                                            " byte(s); a response ends with a 2-byte status word"));
  }
  Response response;
  response.data = Bytes(bytes.substr(0, bytes.size() - 2));
  response.sw = static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[bytes.size() - 2]) << 8 |
                                           static_cast<unsigned char>(bytes[bytes.size() - 1]));
  return response;
}

std::optional<int> tries_left(std::uint16_t sw) noexcept {
  if ((sw & 0xFFF0) == 0x63C0) return sw & 0x0F;
  return std::nullopt;
}

std::string describe(std::uint16_t sw) {
  std::string text = to_hex(std::string{static_cast<char>(sw >> 8), static_cast<char>(sw & 0xFF)});
  const auto sw1 = static_cast<std::uint8_t>(sw >> 8);
  const char* meaning = nullptr;
  switch (sw) {
    case 0x9000: meaning = "success"; break;
    case 0x6282: meaning = "end of file reached before Le bytes"; break;
    case 0x6700: meaning = "wrong length"; break;
    case 0x6981: meaning = "command incompatible with the file structure"; break;
    case 0x6982: meaning = "security status not satisfied (PIN not verified)"; break;
    case 0x6983: meaning = "authentication method blocked"; break;
    case 0x6984: meaning = "referenced data blocked (PIN locked)"; break;
    case 0x6985: meaning = "conditions of use not satisfied"; break;
    case 0x6986: meaning = "command not allowed (no current EF)"; break;
    case 0x6A82: meaning = "file or application not found"; break;
    case 0x6A86: meaning = "incorrect P1-P2"; break;
    case 0x6A88: meaning = "referenced data not found"; break;
    case 0x6B00: meaning = "offset beyond the end of the file"; break;
    case 0x6D00: meaning = "instruction not supported"; break;
    case 0x6E00: meaning = "class not supported"; break;
    case 0x6F00: meaning = "no precise diagnosis"; break;
    default: break;
  }
  if (meaning == nullptr) {
    if (sw1 == 0x61) return text + " " + std::to_string(sw & 0xFF) + " more bytes available (GET RESPONSE)";
    if (sw1 == 0x6C) return text + " wrong Le: resend with Le " + std::to_string(sw & 0xFF);
    if (const auto tries = tries_left(sw))
      return text + " verification failed, " + std::to_string(*tries) + " tries left";
    return text + " unknown status";
  }
  return text + " " + meaning;
}

std::string to_hex(std::string_view bytes) {
  static constexpr std::array<char, 16> kDigits = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                   '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0F];
  }
  return out;
}

Expected<Bytes> parse_hex(std::string_view hex) {
  Bytes out;
  int high = -1;
  for (std::size_t i = 0; i < hex.size(); ++i) {
    const char c = hex[i];
    if (c == ' ') continue;
    int value = -1;
    if (c >= '0' && c <= '9') value = c - '0';
    if (c >= 'a' && c <= 'f') value = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') value = c - 'A' + 10;
    if (value < 0) return unexpected(fail(Iso7816Errc::bad_hex, "not hex: character at offset " + std::to_string(i)));
    if (high < 0) {
      high = value;
    } else {
      out += static_cast<char>(high << 4 | value);
      high = -1;
    }
  }
  if (high >= 0) return unexpected(fail(Iso7816Errc::bad_hex, "not hex: an odd number of digits"));
  return out;
}

}  // namespace kofu::iso7816
