#include "drivers/serial/port.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <thread>
#include <utility>

namespace kofu::serial {
namespace {

using Clock = std::chrono::steady_clock;

std::string errno_text(int err) {
  return std::generic_category().message(err);
}

Unexpected<Error> fail(SerialErrc code, const std::string& device, const std::string& what) {
  return unexpected(Error(code, "serial device " + device + ": " + what));
}

speed_t speed_of(unsigned baud) noexcept {
  switch (baud) {
    case 1200: return B1200;
    case 2400: return B2400;
    case 4800: return B4800;
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    case 460800: return B460800;
    case 921600: return B921600;
    default: return B0;
  }
}

// The cflag bits that carry the framing, to check that the driver kept what we asked for.
constexpr tcflag_t kFramingBits = CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS;

termios raw_mode(const termios& before, const PortSettings& settings, speed_t speed) {
  termios t = before;
  cfmakeraw(&t);  // no echo, no CR/LF translation, no signals (§5)
  t.c_cflag &= ~kFramingBits;
  t.c_cflag |= CLOCAL | CREAD | (settings.data_bits == 7 ? CS7 : CS8);
  if (settings.parity != Parity::none) t.c_cflag |= PARENB | (settings.parity == Parity::odd ? PARODD : 0U);
  if (settings.stop_bits == 2) t.c_cflag |= CSTOPB;
  if (settings.flow == FlowControl::rtscts) t.c_cflag |= CRTSCTS;
  // Bytes with parity errors are passed through as they are. With xonxoff only our output obeys the device
  // (IXON: the kernel stops writing on XOFF 0x13 and resumes on XON 0x11, and consumes both); IXOFF stays off so
  // the kernel never sends XOFF into a printer's command stream. The status reader still filters any 0x11/0x13
  // that reach it (§1.8); DLE EOT, ASB and GS r replies never take those values (§1.7).
  t.c_iflag &= ~static_cast<tcflag_t>(INPCK | IXON | IXOFF | IXANY);
  if (settings.flow == FlowControl::xonxoff) t.c_iflag |= IXON;
  t.c_cc[VSTART] = 0x11;
  t.c_cc[VSTOP] = 0x13;
  t.c_cc[VMIN] = 0;
  t.c_cc[VTIME] = 0;
  cfsetispeed(&t, speed);
  cfsetospeed(&t, speed);
  return t;
}

// Milliseconds left until `deadline` for poll, rounded up so that a poll never returns just before it.
int poll_ms(Clock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return 0;
  return left > INT_MAX ? INT_MAX : static_cast<int>(left);
}

}  // namespace

Expected<Port> Port::open(const std::string& device, const PortSettings& settings) {
  const speed_t speed = speed_of(settings.baud);
  if (speed == B0 || (settings.data_bits != 7 && settings.data_bits != 8) ||
      (settings.stop_bits != 1 && settings.stop_bits != 2)) {
    return fail(SerialErrc::bad_settings, device, "unsupported settings " + to_string(settings));
  }
  Port port;
  port.device_ = device;
  port.settings_ = settings;
  port.fd_ = ::open(device.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (port.fd_ < 0) {
    const int err = errno;
    if (err == EBUSY) return fail(SerialErrc::busy, device, "in use by another program (TIOCEXCL); close it first");
    std::string hint;
    if (err == EACCES || err == EPERM) hint = " (give the user access: the dialout group or a udev rule)";
    return fail(SerialErrc::open_failed, device, "cannot open: " + errno_text(err) + hint);
  }
  // flock first: TIOCEXCL does not stop root, a lock does; the lock is on the inode, so /dev/serial/by-id names
  // and the ttyUSBn they point to exclude each other.
  if (::flock(port.fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(std::exchange(port.fd_, -1));
    if (err == EWOULDBLOCK) return fail(SerialErrc::busy, device, "in use by another program (locked); close it first");
    return fail(SerialErrc::open_failed, device, "cannot lock: " + errno_text(err));
  }
  termios before{};
  if (::tcgetattr(port.fd_, &before) != 0) {
    const int err = errno;
    ::close(std::exchange(port.fd_, -1));
    if (err == ENOTTY) return fail(SerialErrc::not_a_terminal, device, "not a terminal (tty) device");
    return fail(SerialErrc::configure_failed, device, "cannot read the settings: " + errno_text(err));
  }
  port.saved_ = std::make_unique<termios>(before);
  if (::ioctl(port.fd_, TIOCEXCL) != 0) {
    const int err = errno;
    port.close();
    return fail(SerialErrc::configure_failed, device, "cannot take exclusive use (TIOCEXCL): " + errno_text(err));
  }
  const termios wanted = raw_mode(before, settings, speed);
  if (::tcsetattr(port.fd_, TCSANOW, &wanted) != 0) {
    const int err = errno;
    port.close();
    return fail(SerialErrc::configure_failed, device, "cannot apply " + to_string(settings) + ": " + errno_text(err));
  }
  // tcsetattr succeeds when any one change took; read back what the driver really did.
  termios applied{};
  if (::tcgetattr(port.fd_, &applied) != 0 || cfgetospeed(&applied) != speed ||
      (applied.c_cflag & kFramingBits) != (wanted.c_cflag & kFramingBits)) {
    port.close();
    return fail(SerialErrc::configure_failed, device,
                "the driver did not apply " + to_string(settings) + "; check that the device supports them");
  }
  ::tcflush(port.fd_, TCIOFLUSH);  // nothing from before this program
  return port;
}

Port::~Port() {
  close();
}

Port::Port(Port&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      device_(std::move(other.device_)),
      settings_(other.settings_),
      saved_(std::move(other.saved_)) {}

Port& Port::operator=(Port&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
    device_ = std::move(other.device_);
    settings_ = other.settings_;
    saved_ = std::move(other.saved_);
  }
  return *this;
}

Expected<std::size_t> Port::read_some(std::span<char> buffer, std::chrono::milliseconds timeout) {
  if (fd_ < 0) return fail(SerialErrc::io_failed, device_, "read on a closed port");
  if (buffer.empty()) return std::size_t{0};
  const Clock::time_point deadline = Clock::now() + timeout;
  while (true) {
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, poll_ms(deadline));
    if (ready < 0) {
      if (errno == EINTR) continue;
      return fail(SerialErrc::io_failed, device_, "poll failed: " + errno_text(errno));
    }
    if (ready == 0) return std::size_t{0};
    if ((p.revents & POLLNVAL) != 0) return fail(SerialErrc::io_failed, device_, "the descriptor is not open");
    const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
    if (n > 0) return static_cast<std::size_t>(n);
    const int err = n < 0 ? errno : 0;
    // EIO is what a tty answers once its line is gone (a pty whose master closed, an unplugged adapter).
    if (err == EIO || (n == 0 && (p.revents & POLLHUP) != 0)) {
      return fail(SerialErrc::hangup, device_, "hung up (unplugged, or the other side closed)");
    }
    if (n < 0 && err != EAGAIN && err != EINTR) {
      return fail(SerialErrc::io_failed, device_, "read failed: " + errno_text(err));
    }
    // VMIN=0 makes an empty read "nothing yet", not end of file: wait out the rest of the time.
    if (poll_ms(deadline) == 0) return std::size_t{0};
  }
}

Expected<void> Port::write_all(std::string_view bytes, std::chrono::milliseconds timeout) {
  if (fd_ < 0) return fail(SerialErrc::io_failed, device_, "write on a closed port");
  std::size_t written = 0;
  Clock::time_point deadline = Clock::now() + timeout;
  const auto progress = [&] { return std::to_string(written) + " of " + std::to_string(bytes.size()) + " bytes"; };
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
    if (n > 0) {
      written += static_cast<std::size_t>(n);
      deadline = Clock::now() + timeout;
      continue;
    }
    const int err = n < 0 ? errno : EAGAIN;
    if (err == EINTR) continue;
    if (err == EIO) return fail(SerialErrc::hangup, device_, "hung up after " + progress());
    if (err != EAGAIN)
      return fail(SerialErrc::io_failed, device_, "write failed after " + progress() + ": " + errno_text(err));
    pollfd p{fd_, POLLOUT, 0};
    const int ready = ::poll(&p, 1, poll_ms(deadline));
    if (ready < 0 && errno != EINTR) {
      return fail(SerialErrc::io_failed, device_, "poll failed after " + progress() + ": " + errno_text(errno));
    }
    if (ready == 0) {
      return fail(SerialErrc::timeout, device_,
                  "took nothing for " + std::to_string(timeout.count()) + " ms after " + progress() +
                      " (flow control holding, or the device is offline)");
    }
    if (ready > 0 && (p.revents & POLLHUP) != 0 && (p.revents & POLLOUT) == 0) {
      return fail(SerialErrc::hangup, device_, "hung up after " + progress());
    }
  }
  return {};
}

void Port::close() noexcept {
  if (fd_ < 0) return;
  // Output still queued would go out at the old speed once the termios is restored, and a last close waits up to
  // the driver's closing_wait (30 s) for it: give it a moment, then drop it.
  const Clock::time_point deadline = Clock::now() + std::chrono::seconds(2);
  int queued = 0;
  while (::ioctl(fd_, TIOCOUTQ, &queued) == 0 && queued > 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::tcflush(fd_, TCOFLUSH);
  if (saved_) ::tcsetattr(fd_, TCSANOW, saved_.get());
  ::ioctl(fd_, TIOCNXCL);
  ::close(fd_);  // also releases the flock
  fd_ = -1;
  saved_.reset();
}

}  // namespace kofu::serial
