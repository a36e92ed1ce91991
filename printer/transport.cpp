#include "printer/transport.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <climits>
#include <utility>

#include "drivers/serial/port.hpp"

namespace kofu::printer {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// One read() call gathers what is already there up to this much, so a burst of status bytes comes back whole.
constexpr std::size_t kReadChunk = 4096;
constexpr std::size_t kReadMost = std::size_t{64} * 1024;

constexpr std::string_view kForms =
    "expected tcp://HOST[:PORT], serial:DEVICE[?115200,8N1,rtscts], file:PATH or a device path such as /dev/usb/lp0";

std::string errno_text(int err) {
  return std::generic_category().message(err);
}

Unexpected<Error> fail(PrinterErrc code, std::string message) {
  return unexpected(Error(code, std::move(message)));
}

Unexpected<Error> bad_address(std::string_view address, const std::string& why) {
  return fail(PrinterErrc::bad_address,
              "printer address \"" + std::string(address) + "\": " + why + "; " + std::string(kForms));
}

std::string ms_text(milliseconds timeout) {
  return std::to_string(timeout.count()) + " ms";
}

// Milliseconds left until `deadline` for poll, rounded up so that a poll never returns just before it.
int poll_ms(Clock::time_point deadline) {
  const auto left = std::chrono::ceil<milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return 0;
  return left > INT_MAX ? INT_MAX : static_cast<int>(left);
}

// poll() on one descriptor until `deadline`, through EINTR: the revents, 0 on timeout, -1 with errno on failure.
int wait_for(int fd, short events, Clock::time_point deadline) {
  while (true) {
    pollfd p{fd, events, 0};
    const int ready = ::poll(&p, 1, poll_ms(deadline));
    if (ready > 0) return p.revents;
    if (ready == 0) return 0;
    if (errno != EINTR) return -1;
  }
}

class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) noexcept : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = other.release();
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const noexcept { return fd_; }
  int release() noexcept { return std::exchange(fd_, -1); }
  void reset() noexcept {
    if (fd_ >= 0) ::close(std::exchange(fd_, -1));
  }

 private:
  int fd_;
};

// A socket, a character device or a plain file: the same poll loops, with what differs between them.
class FdTransport final : public Transport {
 public:
  enum class Kind { tcp, device, file };

  FdTransport(UniqueFd fd, Kind kind, std::string name) : fd_(std::move(fd)), kind_(kind), name_(std::move(name)) {}

  Expected<void> write(std::string_view bytes, milliseconds timeout) override {
    std::size_t written = 0;
    Clock::time_point deadline = Clock::now() + timeout;
    bool hung_up = false;  // poll said POLLHUP/POLLERR without POLLOUT: one more refusal means the end
    const auto progress = [&] { return std::to_string(written) + " of " + std::to_string(bytes.size()) + " bytes"; };
    while (written < bytes.size()) {
      const char* data = bytes.data() + written;
      const std::size_t size = bytes.size() - written;
      // MSG_NOSIGNAL: a connection the printer dropped is an EPIPE here, not a SIGPIPE for the whole program.
      const ssize_t n = kind_ == Kind::tcp ? ::send(fd_.get(), data, size, MSG_NOSIGNAL | MSG_DONTWAIT)
                                           : ::write(fd_.get(), data, size);
      if (n > 0) {
        written += static_cast<std::size_t>(n);
        deadline = Clock::now() + timeout;
        hung_up = false;
        continue;
      }
      const int err = n < 0 ? errno : EAGAIN;
      if (err == EINTR) continue;
      if (closed_by_peer(err) || (err == EAGAIN && hung_up)) {
        return fail(PrinterErrc::connection_closed, name_ + ": the printer closed the connection after " + progress() +
                                                        (err == EAGAIN ? std::string() : " (" + errno_text(err) + ")"));
      }
      if (err != EAGAIN) {
        return fail(PrinterErrc::io_failed, name_ + ": writing failed after " + progress() + ": " + errno_text(err));
      }
      const int revents = wait_for(fd_.get(), POLLOUT, deadline);
      if (revents < 0) return fail(PrinterErrc::io_failed, name_ + ": poll failed: " + errno_text(errno));
      if (revents == 0) {
        return fail(PrinterErrc::timeout, name_ + ": the printer took nothing for " + ms_text(timeout) + " after " +
                                              progress() + " (offline, out of paper, or not reading)");
      }
      hung_up = (revents & (POLLHUP | POLLERR)) != 0 && (revents & POLLOUT) == 0;
    }
    return {};
  }

  Expected<std::string> read(milliseconds timeout) override {
    if (kind_ == Kind::file) return std::string();
    const Clock::time_point deadline = Clock::now() + timeout;
    std::string out;
    while (true) {
      const int revents = wait_for(fd_.get(), POLLIN, deadline);
      if (revents < 0) return fail(PrinterErrc::io_failed, name_ + ": poll failed: " + errno_text(errno));
      if (revents == 0) return out;
      // Then take what is there without waiting; a failure after some bytes is left for the next call.
      while (out.size() < kReadMost) {
        std::array<char, kReadChunk> buffer{};
        const ssize_t n = kind_ == Kind::tcp ? ::recv(fd_.get(), buffer.data(), buffer.size(), MSG_DONTWAIT)
                                             : ::read(fd_.get(), buffer.data(), buffer.size());
        if (n > 0) {
          out.append(buffer.data(), static_cast<std::size_t>(n));
          continue;
        }
        if (!out.empty()) return out;
        const int err = n < 0 ? errno : 0;
        if (n == 0) {
          // usblp answers an empty USB transfer with 0, so on a device 0 is "nothing now", not end of file.
          if (kind_ == Kind::device) return out;
          return fail(PrinterErrc::connection_closed, name_ + ": the printer closed the connection");
        }
        if (err == EAGAIN || err == EINTR) break;
        if (closed_by_peer(err)) {
          return fail(PrinterErrc::connection_closed,
                      name_ + ": the printer closed the connection (" + errno_text(err) + ")");
        }
        return fail(PrinterErrc::io_failed, name_ + ": reading failed: " + errno_text(err));
      }
      if (!out.empty()) return out;
      if (poll_ms(deadline) == 0) return out;
    }
  }

  bool bidirectional() const override { return kind_ != Kind::file; }
  std::string describe() const override { return name_; }

 private:
  // ENODEV: the USB printer was unplugged (usblp).
  static bool closed_by_peer(int err) noexcept {
    return err == EPIPE || err == ECONNRESET || err == ENOTCONN || err == ENODEV;
  }

  UniqueFd fd_;
  Kind kind_;
  std::string name_;
};

class SerialTransport final : public Transport {
 public:
  explicit SerialTransport(serial::Port port) : port_(std::move(port)) {}

  Expected<void> write(std::string_view bytes, milliseconds timeout) override {
    auto done = port_.write_all(bytes, timeout);
    if (!done) return fail(translate(done.error().code()), done.error().message());
    return {};
  }

  Expected<std::string> read(milliseconds timeout) override {
    std::string out;
    milliseconds wait = timeout;  // for the first byte; then only what is already there
    while (out.size() < kReadMost) {
      std::array<char, kReadChunk> buffer{};
      auto got = port_.read_some(buffer, wait);
      if (!got) {
        if (!out.empty()) return out;
        return fail(translate(got.error().code()), got.error().message());
      }
      if (*got == 0) break;
      out.append(buffer.data(), *got);
      wait = milliseconds(0);
    }
    return out;
  }

  bool bidirectional() const override { return true; }
  std::string describe() const override {
    return "serial:" + port_.device() + " (" + serial::to_string(port_.settings()) + ")";
  }

 private:
  static PrinterErrc translate(const std::error_code& code) noexcept {
    if (code == serial::SerialErrc::timeout) return PrinterErrc::timeout;
    if (code == serial::SerialErrc::hangup) return PrinterErrc::connection_closed;
    return PrinterErrc::io_failed;
  }

  serial::Port port_;
};

// "HOST[:PORT]" after "tcp://", with an IPv6 host in brackets.
struct TcpTarget {
  std::string host;
  unsigned port = kDefaultTcpPort;
};

Expected<TcpTarget> parse_tcp(std::string_view address, std::string_view rest) {
  TcpTarget target;
  std::string_view port_text;
  bool has_port = false;
  if (rest.empty()) return bad_address(address, "no host");
  if (rest.front() == '[') {
    const std::size_t close = rest.find(']');
    if (close == std::string_view::npos) return bad_address(address, "an IPv6 host without its closing ']'");
    target.host = std::string(rest.substr(1, close - 1));
    const std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad_address(address, "something other than :PORT after the IPv6 host");
      port_text = after.substr(1);
      has_port = true;
    }
  } else {
    const std::size_t colon = rest.find(':');
    if (colon != std::string_view::npos && rest.find(':', colon + 1) != std::string_view::npos) {
      return bad_address(address, "more than one ':' (write an IPv6 host in brackets: tcp://[::1]:9100)");
    }
    target.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = rest.substr(colon + 1);
      has_port = true;
    }
  }
  if (target.host.empty()) return bad_address(address, "no host");
  if (has_port) {
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
        port > 65535) {
      return bad_address(address, "bad port \"" + std::string(port_text) + "\" (1 to 65535)");
    }
    target.port = port;
  }
  return target;
}

// A socket connected to one of the host's addresses within the time limit (non-blocking connect, poll), set up for
// a printer: no Nagle delay for the small status queries, and keepalives so a printer that was switched off is
// noticed in about 45 s rather than the kernel's 2 h (§1.8, §5).
Expected<std::unique_ptr<Transport>> open_tcp(std::string_view address, std::string_view rest,
                                              milliseconds connect_timeout) {
  auto target = parse_tcp(address, rest);
  if (!target) return unexpected(std::move(target).error());
  const std::string port_text = std::to_string(target->port);
  const std::string name = "tcp://" +
                           (target->host.find(':') != std::string::npos ? "[" + target->host + "]" : target->host) +
                           ":" + port_text;

  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const int resolved = ::getaddrinfo(target->host.c_str(), port_text.c_str(), &hints, &found);
  if (resolved != 0) {
    const std::string why = resolved == EAI_SYSTEM ? errno_text(errno) : std::string(::gai_strerror(resolved));
    return fail(PrinterErrc::connect_failed, name + ": cannot resolve \"" + target->host + "\": " + why);
  }
  const std::unique_ptr<addrinfo, void (*)(addrinfo*)> addresses(found, ::freeaddrinfo);

  const Clock::time_point deadline = Clock::now() + connect_timeout;
  std::string why = "no address";
  for (const addrinfo* ai = addresses.get(); ai != nullptr; ai = ai->ai_next) {
    UniqueFd fd(::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol));
    if (fd.get() < 0) {
      why = "cannot make a socket: " + errno_text(errno);
      continue;
    }
    int err = 0;
    if (::connect(fd.get(), ai->ai_addr, ai->ai_addrlen) != 0) err = errno;
    if (err == EINPROGRESS || err == EINTR) {
      const int revents = wait_for(fd.get(), POLLOUT, deadline);
      if (revents == 0) {
        why = "no answer within " + ms_text(connect_timeout);
        break;
      }
      socklen_t length = sizeof(err);
      if (revents < 0 || ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &length) != 0) err = errno;
    }
    if (err != 0) {
      why = errno_text(err);
      continue;
    }
    const int on = 1;
    const int idle_s = 30;
    const int interval_s = 5;
    const int probes = 3;
    // Best effort: a socket that refuses these still prints, only with slower failure detection.
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    ::setsockopt(fd.get(), SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_KEEPIDLE, &idle_s, sizeof(idle_s));
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_KEEPINTVL, &interval_s, sizeof(interval_s));
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_KEEPCNT, &probes, sizeof(probes));
    return std::unique_ptr<Transport>(std::make_unique<FdTransport>(std::move(fd), FdTransport::Kind::tcp, name));
  }
  return fail(PrinterErrc::connect_failed, name + ": cannot connect: " + why);
}

// The printer's default line (§1.8): hardware flow control, since an unpaced image overruns the printer.
Expected<std::unique_ptr<Transport>> open_serial(std::string_view address, std::string_view rest) {
  const std::size_t query = rest.find('?');
  const std::string device(rest.substr(0, query));
  if (device.empty()) return bad_address(address, "no device after \"serial:\"");
  serial::PortSettings defaults;
  defaults.flow = serial::FlowControl::rtscts;
  serial::PortSettings settings = defaults;
  if (query != std::string_view::npos) {
    auto parsed = serial::parse_port_settings(rest.substr(query + 1), defaults);
    if (!parsed) {
      return fail(PrinterErrc::bad_address,
                  "printer address \"" + std::string(address) + "\": " + parsed.error().message());
    }
    settings = *parsed;
  }
  auto port = serial::Port::open(device, settings);
  if (!port) return fail(PrinterErrc::connect_failed, port.error().message());
  return std::unique_ptr<Transport>(std::make_unique<SerialTransport>(std::move(port).value()));
}

// A character device read and written as it is (/dev/usb/lpN: non-blocking writes answer EAGAIN while the printer
// is busy, §1.8), or a plain file that bytes are appended to.
Expected<std::unique_ptr<Transport>> open_path(std::string_view address, const std::string& path, bool force_file) {
  if (path.empty()) return bad_address(address, "no path");
  struct stat info {};
  const bool device = !force_file && ::stat(path.c_str(), &info) == 0 && S_ISCHR(info.st_mode);
  const std::string name = device ? path : "file:" + path;
  const int flags = device ? O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC
                           : O_WRONLY | O_CREAT | O_APPEND | O_NOCTTY | O_NONBLOCK | O_CLOEXEC;
  UniqueFd fd(::open(path.c_str(), flags, 0644));
  if (fd.get() < 0) {
    const int err = errno;
    std::string hint;
    if (err == EBUSY) hint = " (another program is using the printer)";
    if (err == EACCES || err == EPERM) hint = " (give the user access, e.g. the lp group for /dev/usb/lp*)";
    return fail(PrinterErrc::connect_failed, name + ": cannot open: " + errno_text(err) + hint);
  }
  if (::fstat(fd.get(), &info) != 0) {
    return fail(PrinterErrc::connect_failed, name + ": cannot inspect: " + errno_text(errno));
  }
  // A pipe or socket could raise SIGPIPE on write, and a directory is a mistake.
  if (!S_ISREG(info.st_mode) && !S_ISCHR(info.st_mode)) {
    return fail(PrinterErrc::connect_failed, name + ": neither a regular file nor a character device");
  }
  if (device && ::isatty(fd.get()) != 0) {
    return bad_address(address, "this is a serial port; write serial:" + path + "?115200,8N1,rtscts with its settings");
  }
  const auto kind = device ? FdTransport::Kind::device : FdTransport::Kind::file;
  return std::unique_ptr<Transport>(std::make_unique<FdTransport>(std::move(fd), kind, name));
}

}  // namespace

Expected<std::unique_ptr<Transport>> open_transport(std::string_view address, milliseconds connect_timeout) {
  if (address.empty()) return bad_address(address, "empty");
  // A scheme is letters, digits, '+', '-', '.' before the first ':' (RFC 3986), compared without case.
  std::string scheme;
  const std::size_t colon = address.find(':');
  if (colon != std::string_view::npos && colon > 0 && std::isalpha(static_cast<unsigned char>(address[0])) != 0 &&
      std::all_of(address.begin(), address.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
      })) {
    for (const char c : address.substr(0, colon))
      scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const std::string_view rest = colon == std::string_view::npos ? std::string_view() : address.substr(colon + 1);
  if (scheme.empty()) return open_path(address, std::string(address), false);
  if (scheme == "tcp") {
    if (rest.substr(0, 2) != "//") return bad_address(address, "tcp needs \"tcp://\"");
    return open_tcp(address, rest.substr(2), connect_timeout);
  }
  if (scheme == "serial") return open_serial(address, rest);
  if (scheme == "file") return open_path(address, std::string(rest), true);
  return bad_address(address, "unknown scheme \"" + scheme + "\"");
}

}  // namespace kofu::printer
