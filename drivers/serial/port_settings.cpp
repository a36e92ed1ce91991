#include "drivers/serial/port_settings.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "drivers/serial/errors.hpp"

namespace kofu::serial {
namespace {

constexpr std::array<unsigned, 11> kRates = {1200,  2400,   4800,   9600,   19200, 38400,
                                             57600, 115200, 230400, 460800, 921600};

constexpr std::string_view kExpected =
    "expected comma-separated parts such as \"115200,8N1,rtscts\": a rate (1200..921600), a frame (data bits 7 or 8, "
    "parity N, E or O, stop bits 1 or 2) and a flow control (none, rtscts or xonxoff)";

Unexpected<Error> bad(std::string_view text, const std::string& why) {
  return unexpected(Error(SerialErrc::bad_settings,
                          "serial settings \"" + std::string(text) + "\": " + why + "; " + std::string(kExpected)));
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return out;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "8N1": digit, letter, digit.
bool looks_like_frame(std::string_view text) {
  return text.size() == 3 && std::isdigit(static_cast<unsigned char>(text[0])) != 0 &&
         std::isalpha(static_cast<unsigned char>(text[1])) != 0 &&
         std::isdigit(static_cast<unsigned char>(text[2])) != 0;
}

}  // namespace

bool supported_baud(unsigned baud) noexcept {
  return std::find(kRates.begin(), kRates.end(), baud) != kRates.end();
}

Expected<PortSettings> parse_port_settings(std::string_view text, const PortSettings& defaults) {
  PortSettings settings = defaults;
  if (text.empty()) return bad(text, "nothing given");
  bool have_rate = false;
  bool have_frame = false;
  bool have_flow = false;
  std::string_view rest = text;
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view part = rest.substr(0, comma);
    if (part.empty()) return bad(text, "an empty part");
    const std::string quoted = "\"" + std::string(part) + "\"";
    if (all_digits(part)) {
      if (have_rate) return bad(text, "a second rate " + quoted);
      unsigned baud = 0;
      const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), baud);
      if (ec != std::errc() || end != part.data() + part.size() || !supported_baud(baud)) {
        return bad(text, "bad rate " + quoted + " (not a standard rate)");
      }
      settings.baud = baud;
      have_rate = true;
    } else if (looks_like_frame(part)) {
      if (have_frame) return bad(text, "a second frame " + quoted);
      const char data = part[0];
      const char parity = static_cast<char>(std::toupper(static_cast<unsigned char>(part[1])));
      const char stop = part[2];
      if (data != '7' && data != '8') return bad(text, "bad data bits in " + quoted + " (7 or 8)");
      if (parity != 'N' && parity != 'E' && parity != 'O') return bad(text, "bad parity in " + quoted + " (N, E or O)");
      if (stop != '1' && stop != '2') return bad(text, "bad stop bits in " + quoted + " (1 or 2)");
      settings.data_bits = static_cast<unsigned>(data - '0');
      settings.parity = parity == 'N' ? Parity::none : parity == 'E' ? Parity::even : Parity::odd;
      settings.stop_bits = static_cast<unsigned>(stop - '0');
      have_frame = true;
    } else {
      const std::string word = lower(part);
      FlowControl flow = FlowControl::none;
      if (word == "none") {
        flow = FlowControl::none;
      } else if (word == "rtscts") {
        flow = FlowControl::rtscts;
      } else if (word == "xonxoff") {
        flow = FlowControl::xonxoff;
      } else {
        return bad(text, "unknown part " + quoted);
      }
      if (have_flow) return bad(text, "a second flow control " + quoted);
      settings.flow = flow;
      have_flow = true;
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return settings;
}

std::string to_string(const PortSettings& settings) {
  std::string out = std::to_string(settings.baud) + ' ' + std::to_string(settings.data_bits);
  out += settings.parity == Parity::none ? 'N' : settings.parity == Parity::even ? 'E' : 'O';
  out += std::to_string(settings.stop_bits);
  switch (settings.flow) {
    case FlowControl::none: out += " none"; break;
    case FlowControl::rtscts: out += " rtscts"; break;
    case FlowControl::xonxoff: out += " xonxoff"; break;
  }
  return out;
}

}  // namespace kofu::serial
