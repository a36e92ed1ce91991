// Error codes of the serial driver (kofu.serial): opening, configuring and moving bytes through a tty.
#pragma once

#include <system_error>

namespace kofu::serial {

enum class SerialErrc {
  bad_settings = 1,  // a settings string ("115200,8N1,rtscts") that cannot be parsed: the message names the part
  open_failed,       // the device cannot be opened (no such device, permission)
  busy,              // another program holds the port (flock or TIOCEXCL)
  not_a_terminal,    // the path is not a tty
  configure_failed,  // termios refused the settings, or the driver did not apply them
  timeout,           // the device took or sent nothing in time
  hangup,            // the device hung up or went away (unplugged, the other side of a pty closed)
  io_failed,         // any other read or write error
};

const std::error_category& serial_category() noexcept;
std::error_code make_error_code(SerialErrc e) noexcept;

}  // namespace kofu::serial

template <>
struct std::is_error_code_enum<kofu::serial::SerialErrc> : std::true_type {};
