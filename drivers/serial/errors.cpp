#include "drivers/serial/errors.hpp"

#include "error/category.hpp"

namespace kofu::serial {
namespace {

const char* describe(int value) noexcept {
  switch (static_cast<SerialErrc>(value)) {
    case SerialErrc::bad_settings: return "the serial settings are not understood";
    case SerialErrc::open_failed: return "the serial device cannot be opened";
    case SerialErrc::busy: return "another program is using the serial device";
    case SerialErrc::not_a_terminal: return "the device is not a serial port";
    case SerialErrc::configure_failed: return "the serial port cannot be configured";
    case SerialErrc::timeout: return "the serial device did not answer or take data in time";
    case SerialErrc::hangup: return "the serial device hung up";
    case SerialErrc::io_failed: return "reading or writing the serial device failed";
  }
  return nullptr;
}

}  // namespace

const std::error_category& serial_category() noexcept {
  static const ErrorCategory category("kofu.serial", describe);
  return category;
}

std::error_code make_error_code(SerialErrc e) noexcept {
  return {static_cast<int>(e), serial_category()};
}

}  // namespace kofu::serial
