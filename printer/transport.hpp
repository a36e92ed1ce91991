// The byte pipe to a receipt printer, the seam the job runner and the CLI use: TCP (port 9100), a device file
// (/dev/usb/lpN, or a plain file for tests and spooling) or a serial line. Facts:
// ../shared/reference/escpos-scanners.md §1.8 (transports and flow control) and §5 (Linux device access).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "error/expected.hpp"
#include "printer/errors.hpp"

namespace kofu::printer {

class Transport {
 public:
  virtual ~Transport() = default;
  // All bytes, or an error (PrinterErrc::timeout when the printer takes nothing for `timeout`,
  // connection_closed when the peer closed, io_failed otherwise). Partial progress is not an error.
  virtual Expected<void> write(std::string_view bytes, std::chrono::milliseconds timeout) = 0;
  // What the printer has sent, waiting up to `timeout` for the first byte: empty on timeout;
  // connection_closed when the peer closed (EOF), io_failed on errors. Never blocks longer than timeout.
  // A transport that is not bidirectional returns empty at once.
  virtual Expected<std::string> read(std::chrono::milliseconds timeout) = 0;
  // Whether the printer can answer at all (TCP and serial: yes; /dev/usb/lp* and other character devices: true,
  // and the job runner finds out from silence; a plain file: false).
  virtual bool bidirectional() const = 0;
  // "tcp://127.0.0.1:9100", "/dev/usb/lp0", "file:/var/spool/x.bin", "serial:/dev/ttyUSB0 (115200 8N1 rtscts)".
  virtual std::string describe() const = 0;
};

// The port of "tcp://HOST" without one (raw/JetDirect, §1.8).
inline constexpr unsigned kDefaultTcpPort = 9100;

// Opens the printer at `address`:
//   "tcp://HOST[:PORT]"  IPv4, [IPv6] or a name; port 9100 when omitted; `connect_timeout` bounds the connect
//   "serial:DEVICE[?SETTINGS]"  e.g. "serial:/dev/ttyUSB0?9600,8N1,xonxoff"; default 115200 8N1 rtscts, and
//                        parts left out of SETTINGS keep these defaults
//   "file:PATH"          a plain file, opened O_WRONLY|O_CREAT|O_APPEND (not bidirectional)
//   PATH                 a character device (/dev/usb/lp0) is opened O_RDWR; anything else as "file:PATH"
// Errors: bad_address (says what is expected); connect_failed naming the address and the reason (refused, no such
// device, permission, no answer within connect_timeout, in use by another program).
Expected<std::unique_ptr<Transport>> open_transport(std::string_view address,
                                                    std::chrono::milliseconds connect_timeout);

}  // namespace kofu::printer
