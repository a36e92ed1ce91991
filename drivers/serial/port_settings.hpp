// How a serial line is framed: speed, character format and flow control, and the "115200,8N1,rtscts" strings that
// name them in addresses and configuration. Facts: ../shared/reference/escpos-scanners.md §1.8 and §5.
#pragma once

#include <string>
#include <string_view>

#include "error/expected.hpp"

namespace kofu::serial {

enum class Parity { none, even, odd };

// rtscts: the hardware lines (CRTSCTS). xonxoff: the device sends XOFF (0x13) / XON (0x11) to pause and resume
// our output, and the kernel obeys them (IXON); we never send XOFF ourselves.
enum class FlowControl { none, rtscts, xonxoff };

struct PortSettings {
  unsigned baud = 115200;  // one of the standard rates 1200..921600 (see supported_baud)
  unsigned data_bits = 8;  // 7 or 8
  Parity parity = Parity::none;
  unsigned stop_bits = 1;  // 1 or 2
  FlowControl flow = FlowControl::none;

  friend bool operator==(const PortSettings&, const PortSettings&) = default;
};

// Whether a rate is in the table Port::open accepts: 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200,
// 230400, 460800, 921600.
bool supported_baud(unsigned baud) noexcept;

// Parses comma-separated parts, each recognised by its shape and given at most once: a rate ("9600"), a frame
// ("8N1": data bits 7/8, parity N/E/O, stop bits 1/2; case-insensitive) and a flow control ("none", "rtscts",
// "xonxoff"). Parts left out keep their value in `defaults`. Errors (SerialErrc::bad_settings) name the bad part
// and say what is expected.
Expected<PortSettings> parse_port_settings(std::string_view text, const PortSettings& defaults = {});

// "115200 8N1 rtscts", for messages and descriptions.
std::string to_string(const PortSettings& settings);

}  // namespace kofu::serial
