// A serial port (RS-232, USB-serial, CDC-ACM) opened for one program: locked, in raw mode with the given framing,
// non-blocking underneath, with time limits on every read and write. Facts: ../shared/reference/escpos-scanners.md
// §1.8 (flow control) and §5 (termios for printers and scanners).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "drivers/serial/errors.hpp"
#include "drivers/serial/port_settings.hpp"
#include "error/expected.hpp"

struct termios;

namespace kofu::serial {

class Port {
 public:
  // Opens `device` (O_RDWR|O_NOCTTY|O_NONBLOCK|O_CLOEXEC), locks it (flock, which also holds against root, and
  // TIOCEXCL), puts it in raw mode with `settings` (CLOCAL|CREAD, VMIN=0 VTIME=0), checks that the driver applied
  // them, and discards whatever was queued before. Errors: open_failed, busy, not_a_terminal, configure_failed.
  static Expected<Port> open(const std::string& device, const PortSettings& settings);

  Port() = default;  // a closed port
  ~Port();
  Port(Port&& other) noexcept;
  Port& operator=(Port&& other) noexcept;
  Port(const Port&) = delete;
  Port& operator=(const Port&) = delete;

  bool is_open() const noexcept { return fd_ >= 0; }
  int fd() const noexcept { return fd_; }  // non-blocking; for an event loop that polls it
  const std::string& device() const noexcept { return device_; }
  const PortSettings& settings() const noexcept { return settings_; }

  // What has arrived, up to buffer.size() bytes, waiting up to `timeout` for the first byte: 0 when nothing came.
  // Errors: hangup (unplugged, or the other side of a pty closed), io_failed.
  Expected<std::size_t> read_some(std::span<char> buffer, std::chrono::milliseconds timeout);

  // All of `bytes`. Fails with timeout only when the port takes nothing for `timeout` (flow control holding our
  // output, the device gone quiet); slow progress is not a failure. The message says how much was written.
  // Errors: timeout, hangup, io_failed.
  Expected<void> write_all(std::string_view bytes, std::chrono::milliseconds timeout);

  // Lets the kernel send what is still queued (up to 2 s; the rest is discarded so that close cannot block for the
  // driver's closing_wait), puts back the termios found at open, unlocks and closes. Idempotent.
  void close() noexcept;

 private:
  int fd_ = -1;
  std::string device_;
  PortSettings settings_;
  std::unique_ptr<::termios> saved_;  // the settings before ours, restored at close
};

}  // namespace kofu::serial
