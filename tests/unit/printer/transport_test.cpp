// The printer's byte pipes against real endpoints: a TCP listener on 127.0.0.1 port 0, a pty pair standing in for
// a serial printer, plain files and /dev/null. Facts: escpos-scanners.md §1.8 and §5.
#include "printer/transport.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pty.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>

#include "drivers/serial/port.hpp"

using kofu::printer::open_transport;
using kofu::printer::PrinterErrc;
using kofu::printer::Transport;
using kofu::serial::FlowControl;
using kofu::serial::Parity;
using kofu::serial::PortSettings;
using kofu::serial::SerialErrc;
using std::chrono::milliseconds;

namespace {

constexpr milliseconds kConnect{2000};

// A descriptor closed at the end of the scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

// A TCP socket bound to 127.0.0.1 on a port the kernel picks; listening unless told otherwise.
struct Listener {
  Fd fd;
  unsigned port = 0;

  explicit Listener(bool listening = true, int receive_buffer = 0) : fd(::socket(AF_INET, SOCK_STREAM, 0)) {
    REQUIRE(fd.get() >= 0);
    // Inherited by accepted connections: a small window makes a peer that never reads fill up quickly.
    if (receive_buffer > 0) {
      REQUIRE(::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof(receive_buffer)) == 0);
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    REQUIRE(::bind(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0);
    if (listening) REQUIRE(::listen(fd.get(), 4) == 0);
    socklen_t length = sizeof(address);
    REQUIRE(::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&address), &length) == 0);
    port = ntohs(address.sin_port);
  }

  std::string address() const { return "tcp://127.0.0.1:" + std::to_string(port); }
};

// Everything the peer sends until it closes.
std::string receive_all(int fd) {
  std::string out;
  std::array<char, 65536> buffer{};
  while (true) {
    const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
    if (n <= 0) return out;
    out.append(buffer.data(), static_cast<std::size_t>(n));
  }
}

// Reads through the transport until `size` bytes came or 50 reads found nothing more.
std::string read_at_least(Transport& transport, std::size_t size) {
  std::string out;
  for (int tries = 0; out.size() < size && tries < 50; ++tries) {
    auto got = transport.read(milliseconds(100));
    REQUIRE(got.has_value());
    out += *got;
  }
  return out;
}

// Reads the pty master until `size` bytes came or it stayed silent for 2 s.
std::string read_master(int master, std::size_t size) {
  std::string out;
  std::array<char, 4096> buffer{};
  while (out.size() < size) {
    pollfd p{master, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) break;
    const ssize_t n = ::read(master, buffer.data(), buffer.size());
    if (n <= 0) break;
    out.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return out;
}

void write_master(int master, std::string_view bytes) {
  REQUIRE(::write(master, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
}

// A pty pair: the slave's path is the "serial port", the master is the printer's end of the line.
struct Pty {
  Fd master;
  Fd slave;
  std::string path;

  Pty() {
    int m = -1;
    int s = -1;
    std::array<char, 128> name{};
    REQUIRE(::openpty(&m, &s, name.data(), nullptr, nullptr) == 0);
    master.reset(m);
    slave.reset(s);
    path = name.data();
  }
};

// A path in the temporary directory, removed at the end of the scope.
struct TempPath {
  std::filesystem::path path;
  explicit TempPath(const std::string& stem) {
    static std::atomic<int> counter{0};
    path = std::filesystem::temp_directory_path() /
           (stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".bin");
    std::filesystem::remove(path);
  }
  ~TempPath() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
};

std::string file_contents(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string payload(std::size_t size) {
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 7 + i / 251) & 0xFF);
  return out;
}

}  // namespace

TEST_CASE("printer/transport: TCP carries the job to the printer and its status back") {
  Listener listener;
  const std::string job = payload(300000);
  const std::string status("\x16\x12\x1e\x00", 4);  // DLE EOT replies and a NUL, as a printer sends them
  std::string received;
  std::thread printer([&listener, &job, &status, &received] {
    const int peer = ::accept(listener.fd.get(), nullptr, nullptr);
    if (peer < 0) return;
    std::array<char, 65536> buffer{};
    while (received.size() < job.size()) {
      const ssize_t n = ::recv(peer, buffer.data(), buffer.size(), 0);
      if (n <= 0) break;
      received.append(buffer.data(), static_cast<std::size_t>(n));
    }
    (void)::send(peer, status.data(), status.size(), MSG_NOSIGNAL);
    received += receive_all(peer);  // nothing more is expected; this waits for the client to hang up
    ::close(peer);
  });

  {
    auto transport = open_transport(listener.address(), kConnect);
    REQUIRE_MESSAGE(transport.has_value(), transport.error().message());
    Transport& t = **transport;
    CHECK(t.describe() == listener.address());
    CHECK(t.bidirectional());

    const auto written = t.write(job, milliseconds(5000));
    CHECK_MESSAGE(written.has_value(), (written ? "" : written.error().message()));
    CHECK(read_at_least(t, status.size()) == status);

    // Nothing more comes: an empty answer once the time is up.
    const auto silence = t.read(milliseconds(50));
    REQUIRE(silence.has_value());
    CHECK(silence->empty());
  }
  printer.join();
  CHECK(received.size() == job.size());
  CHECK(received == job);
}

TEST_CASE("printer/transport: TCP reports the printer closing, on read and then on write") {
  Listener listener;
  std::thread printer([&listener] {
    const int peer = ::accept(listener.fd.get(), nullptr, nullptr);
    if (peer >= 0) ::close(peer);
  });
  auto transport = open_transport(listener.address(), kConnect);
  REQUIRE_MESSAGE(transport.has_value(), transport.error().message());
  printer.join();

  const auto got = (*transport)->read(milliseconds(2000));
  REQUIRE_FALSE(got.has_value());
  CHECK(got.error().code() == PrinterErrc::connection_closed);
  CHECK(got.error().message().find(listener.address()) != std::string::npos);

  // The first bytes after the FIN still leave; the peer's RST makes a later write fail (EPIPE / ECONNRESET).
  kofu::Expected<void> written;
  for (int tries = 0; tries < 200 && written.has_value(); ++tries) {
    written = (*transport)->write("\x1b@", milliseconds(1000));
    if (written.has_value()) std::this_thread::sleep_for(milliseconds(5));
  }
  REQUIRE_FALSE(written.has_value());
  CHECK(written.error().code() == PrinterErrc::connection_closed);
}

TEST_CASE("printer/transport: TCP to a port nobody listens on fails with connect_failed") {
  const Listener bound_only(false);  // holds the port so that no one else takes it, but refuses connections
  const auto transport = open_transport(bound_only.address(), kConnect);
  REQUIRE_FALSE(transport.has_value());
  CHECK(transport.error().code() == PrinterErrc::connect_failed);
  CHECK(transport.error().message().find(bound_only.address()) != std::string::npos);
  CHECK(transport.error().message().find("refused") != std::string::npos);
}

TEST_CASE("printer/transport: a TCP printer that never reads makes a large write time out") {
  // The kernel completes the connection from the backlog, and nobody ever accepts or reads it.
  const Listener listener(true, 4096);
  auto transport = open_transport(listener.address(), kConnect);
  REQUIRE_MESSAGE(transport.has_value(), transport.error().message());
  const std::string job(std::size_t{8} << 20, 'x');
  const auto written = (*transport)->write(job, milliseconds(200));
  REQUIRE_FALSE(written.has_value());
  CHECK(written.error().code() == PrinterErrc::timeout);
  CHECK(written.error().message().find("of 8388608 bytes") != std::string::npos);
  CHECK(written.error().message().find("200 ms") != std::string::npos);
}

TEST_CASE("printer/transport: TCP addresses with an IPv6 host and the default port") {
  // Only the form is checked here: the default port 9100 shows in the name even when nothing answers there.
  const auto transport = open_transport("tcp://[::1]", milliseconds(500));
  if (transport.has_value()) {
    CHECK((*transport)->describe() == "tcp://[::1]:9100");
  } else {
    CHECK(transport.error().code() == PrinterErrc::connect_failed);
    CHECK(transport.error().message().find("tcp://[::1]:9100") != std::string::npos);
  }
}

TEST_CASE("printer/transport: a serial line on a pty carries bytes both ways, raw") {
  Pty pty;
  termios before{};
  REQUIRE(::tcgetattr(pty.slave.get(), &before) == 0);
  {
    auto transport = open_transport("serial:" + pty.path + "?9600,8N1,none", kConnect);
    REQUIRE_MESSAGE(transport.has_value(), transport.error().message());
    Transport& t = **transport;
    CHECK(t.describe() == "serial:" + pty.path + " (9600 8N1 none)");
    CHECK(t.bidirectional());

    termios applied{};
    REQUIRE(::tcgetattr(pty.slave.get(), &applied) == 0);
    CHECK(cfgetospeed(&applied) == B9600);
    CHECK((applied.c_cflag & CSIZE) == CS8);
    CHECK((applied.c_lflag & (ICANON | ECHO)) == 0);

    // No translation either way: LF stays LF, CR stays CR, NUL, 0xFF and the XON/XOFF values pass (flow: none).
    const std::string job("\x1b@hello\n\r\x00\xff\x11\x13\x1dV\x00", 14);
    REQUIRE(t.write(job, milliseconds(1000)).has_value());
    CHECK(read_master(pty.master.get(), job.size()) == job);

    const std::string status("\x12\r\n\x16", 4);
    write_master(pty.master.get(), status);
    CHECK(read_at_least(t, status.size()) == status);

    const auto silence = t.read(milliseconds(30));
    REQUIRE(silence.has_value());
    CHECK(silence->empty());
  }
  // The port's settings before the printer used it come back at close.
  termios after{};
  REQUIRE(::tcgetattr(pty.slave.get(), &after) == 0);
  CHECK(cfgetospeed(&after) == cfgetospeed(&before));
  CHECK(after.c_lflag == before.c_lflag);
  CHECK(after.c_iflag == before.c_iflag);
  CHECK(after.c_oflag == before.c_oflag);
}

TEST_CASE("printer/transport: a serial printer that stops reading times out; its hangup closes the connection") {
  Pty pty;
  auto transport = open_transport("serial:" + pty.path + "?115200,8N1,none", kConnect);
  REQUIRE_MESSAGE(transport.has_value(), transport.error().message());
  Transport& t = **transport;
  const auto written = t.write(std::string(std::size_t{1} << 20, 'x'), milliseconds(100));
  REQUIRE_FALSE(written.has_value());
  CHECK(written.error().code() == PrinterErrc::timeout);
  CHECK(written.error().message().find(pty.path) != std::string::npos);

  pty.master.reset();
  const auto got = t.read(milliseconds(1000));
  REQUIRE_FALSE(got.has_value());
  CHECK(got.error().code() == PrinterErrc::connection_closed);
}

TEST_CASE("printer/transport: with xonxoff the kernel holds our output between XOFF and XON") {
  Pty pty;
  auto transport = open_transport("serial:" + pty.path + "?xonxoff", kConnect);
  REQUIRE_MESSAGE(transport.has_value(), transport.error().message());
  Transport& t = **transport;
  CHECK(t.describe() == "serial:" + pty.path + " (115200 8N1 xonxoff)");

  // XOFF then a marker: once the marker is read, the XOFF has been acted on (the line discipline keeps order),
  // and the kernel consumed the XOFF itself.
  write_master(pty.master.get(),
               "\x13"
               "A");
  CHECK(read_at_least(t, 1) == "A");
  const auto held = t.write("job", milliseconds(100));
  REQUIRE_FALSE(held.has_value());
  CHECK(held.error().code() == PrinterErrc::timeout);
  CHECK(held.error().message().find("0 of 3 bytes") != std::string::npos);

  write_master(pty.master.get(), "\x11");
  REQUIRE(t.write("job", milliseconds(1000)).has_value());
  CHECK(read_master(pty.master.get(), 3) == "job");
}

TEST_CASE("printer/transport: a serial port is driven by one program at a time") {
  Pty pty;
  const std::string address = "serial:" + pty.path + "?9600,8N1,none";
  auto first = open_transport(address, kConnect);
  REQUIRE_MESSAGE(first.has_value(), first.error().message());
  const auto second = open_transport(address, kConnect);
  REQUIRE_FALSE(second.has_value());
  CHECK(second.error().code() == PrinterErrc::connect_failed);
  CHECK(second.error().message().find(pty.path) != std::string::npos);
  CHECK(second.error().message().find("in use by another program") != std::string::npos);

  first->reset();  // closing releases the lock
  const auto third = open_transport(address, kConnect);
  CHECK_MESSAGE(third.has_value(), (third ? "" : third.error().message()));
}

TEST_CASE("printer/transport: a tty given as a plain path is refused with the serial: form") {
  Pty pty;
  const auto transport = open_transport(pty.path, kConnect);
  REQUIRE_FALSE(transport.has_value());
  CHECK(transport.error().code() == PrinterErrc::bad_address);
  CHECK(transport.error().message().find("serial:" + pty.path) != std::string::npos);
}

TEST_CASE("printer/transport: file: appends the bytes and cannot answer") {
  const TempPath spool("kofu-transport");
  const std::string address = "file:" + spool.path.string();
  {
    auto transport = open_transport(address, kConnect);
    REQUIRE_MESSAGE(transport.has_value(), transport.error().message());
    CHECK_FALSE((*transport)->bidirectional());
    CHECK((*transport)->describe() == address);
    REQUIRE((*transport)->write(std::string("\x1b@first\n", 8), milliseconds(100)).has_value());
    const auto got = (*transport)->read(milliseconds(100));
    REQUIRE(got.has_value());
    CHECK(got->empty());
  }
  {
    // A bare path to a regular file is the same file form.
    auto transport = open_transport(spool.path.string(), kConnect);
    REQUIRE_MESSAGE(transport.has_value(), transport.error().message());
    CHECK_FALSE((*transport)->bidirectional());
    REQUIRE((*transport)->write("second\n", milliseconds(100)).has_value());
  }
  CHECK(file_contents(spool.path) == std::string("\x1b@first\nsecond\n", 15));
}

TEST_CASE("printer/transport: a character device is opened read-write and is taken as bidirectional") {
  auto transport = open_transport("/dev/null", kConnect);
  REQUIRE_MESSAGE(transport.has_value(), transport.error().message());
  CHECK((*transport)->bidirectional());
  CHECK((*transport)->describe() == "/dev/null");
  CHECK((*transport)->write("\x1b@", milliseconds(100)).has_value());
  const auto got = (*transport)->read(milliseconds(100));
  REQUIRE(got.has_value());
  CHECK(got->empty());
}

TEST_CASE("printer/transport: unreachable paths give connect_failed with the reason") {
  const auto missing = open_transport("/nonexistent-kofu-dir/lp0", kConnect);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code() == PrinterErrc::connect_failed);
  CHECK(missing.error().message().find("/nonexistent-kofu-dir/lp0") != std::string::npos);
  CHECK(missing.error().message().find("No such file or directory") != std::string::npos);

  const auto no_serial = open_transport("serial:/nonexistent-kofu-dir/ttyUSB0", kConnect);
  REQUIRE_FALSE(no_serial.has_value());
  CHECK(no_serial.error().code() == PrinterErrc::connect_failed);
  CHECK(no_serial.error().message().find("No such file or directory") != std::string::npos);

  const auto directory = open_transport("file:" + std::filesystem::temp_directory_path().string(), kConnect);
  REQUIRE_FALSE(directory.has_value());
  CHECK(directory.error().code() == PrinterErrc::connect_failed);
}

TEST_CASE("printer/transport: bad addresses are refused with what is expected") {
  for (const char* address : {"", "tcp://", "tcp://host:99999", "tcp://host:", "tcp://:9100", "tcp://host:91x",
                              "tcp://a:b:c", "tcp://[::1", "tcp:host", "serial:", "serial:?9600",
                              "serial:/dev/ttyUSB0?115201", "serial:/dev/ttyUSB0?9600,8X1", "ftp://x"}) {
    CAPTURE(address);
    const auto transport = open_transport(address, kConnect);
    REQUIRE_FALSE(transport.has_value());
    CHECK(transport.error().code() == PrinterErrc::bad_address);
    CHECK(transport.error().message().find(std::string("\"") + address + "\"") != std::string::npos);
  }
  const auto port = open_transport("tcp://host:99999", kConnect);
  CHECK(port.error().message().find("bad port \"99999\"") != std::string::npos);
  const auto scheme = open_transport("ftp://x", kConnect);
  CHECK(scheme.error().message().find("unknown scheme \"ftp\"") != std::string::npos);
  CHECK(scheme.error().message().find("tcp://HOST[:PORT]") != std::string::npos);
  const auto rate = open_transport("serial:/dev/ttyUSB0?115201", kConnect);
  CHECK(rate.error().message().find("bad rate \"115201\"") != std::string::npos);
}

TEST_CASE("drivers/serial: settings strings") {
  SUBCASE("all three parts") {
    const auto parsed = kofu::serial::parse_port_settings("115200,8N1,rtscts");
    REQUIRE(parsed.has_value());
    CHECK(parsed->baud == 115200);
    CHECK(parsed->data_bits == 8);
    CHECK(parsed->parity == Parity::none);
    CHECK(parsed->stop_bits == 1);
    CHECK(parsed->flow == FlowControl::rtscts);
    CHECK(kofu::serial::to_string(*parsed) == "115200 8N1 rtscts");
  }
  SUBCASE("parts are known by their shape; the ones left out keep the defaults") {
    PortSettings defaults;
    defaults.flow = FlowControl::xonxoff;
    const auto parsed = kofu::serial::parse_port_settings("7e2,19200", defaults);
    REQUIRE(parsed.has_value());
    CHECK(parsed->baud == 19200);
    CHECK(parsed->data_bits == 7);
    CHECK(parsed->parity == Parity::even);
    CHECK(parsed->stop_bits == 2);
    CHECK(parsed->flow == FlowControl::xonxoff);
    CHECK(kofu::serial::to_string(*parsed) == "19200 7E2 xonxoff");
    const auto odd = kofu::serial::parse_port_settings("8O1,none,921600");
    REQUIRE(odd.has_value());
    CHECK(kofu::serial::to_string(*odd) == "921600 8O1 none");
  }
  SUBCASE("errors name the bad part") {
    const auto expect_error = [](const char* text, const char* named) {
      CAPTURE(text);
      const auto parsed = kofu::serial::parse_port_settings(text);
      REQUIRE_FALSE(parsed.has_value());
      CHECK(parsed.error().code() == SerialErrc::bad_settings);
      CHECK(parsed.error().message().find(named) != std::string::npos);
    };
    expect_error("115201,8N1", "bad rate \"115201\"");
    expect_error("115200,9N1", "bad data bits in \"9N1\"");
    expect_error("115200,8X1", "bad parity in \"8X1\"");
    expect_error("115200,8N3", "bad stop bits in \"8N3\"");
    expect_error("115200,8N1,dtrdsr", "unknown part \"dtrdsr\"");
    expect_error("9600,19200", "a second rate \"19200\"");
    expect_error("115200,,8N1", "an empty part");
    expect_error("", "nothing given");
    expect_error("99999999999999999999", "bad rate");
  }
  CHECK(kofu::serial::supported_baud(1200));
  CHECK(kofu::serial::supported_baud(921600));
  CHECK_FALSE(kofu::serial::supported_baud(600));
  CHECK_FALSE(kofu::serial::supported_baud(1000000));
}

TEST_CASE("drivers/serial: a port is locked, configured and restored") {
  Pty pty;
  // The pty driver forces CS8 and clears PARENB (drivers/tty/pty.c), so a 7-bit or parity frame is refused:
  // the driver's own answer is read back rather than trusted.
  PortSettings seven_odd;
  seven_odd.data_bits = 7;
  seven_odd.parity = Parity::odd;
  const auto refused = kofu::serial::Port::open(pty.path, seven_odd);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code() == SerialErrc::configure_failed);
  CHECK(refused.error().message().find("did not apply 115200 7O1 none") != std::string::npos);

  PortSettings settings;
  settings.baud = 57600;
  settings.stop_bits = 2;
  settings.flow = FlowControl::rtscts;
  auto port = kofu::serial::Port::open(pty.path, settings);
  REQUIRE_MESSAGE(port.has_value(), port.error().message());
  CHECK(port->is_open());
  CHECK(port->device() == pty.path);
  CHECK(port->settings() == settings);

  termios applied{};
  REQUIRE(::tcgetattr(pty.slave.get(), &applied) == 0);
  CHECK(cfgetispeed(&applied) == B57600);
  CHECK((applied.c_cflag & CSIZE) == CS8);
  CHECK((applied.c_cflag & (PARENB | CSTOPB | CRTSCTS)) == (CSTOPB | CRTSCTS));
  CHECK((applied.c_cflag & (CLOCAL | CREAD)) == (CLOCAL | CREAD));
  CHECK(applied.c_cc[VMIN] == 0);
  CHECK(applied.c_cc[VTIME] == 0);

  const auto second = kofu::serial::Port::open(pty.path, settings);
  REQUIRE_FALSE(second.has_value());
  CHECK(second.error().code() == SerialErrc::busy);
  CHECK(second.error().message().find(pty.path) != std::string::npos);

  // Moving keeps the one descriptor; closing twice is harmless.
  kofu::serial::Port moved = std::move(port).value();
  CHECK(moved.is_open());
  write_master(pty.master.get(), "ok");
  std::array<char, 16> buffer{};
  const auto got = moved.read_some(buffer, milliseconds(1000));
  REQUIRE(got.has_value());
  CHECK(std::string(buffer.data(), *got) == "ok");
  moved.close();
  moved.close();
  CHECK_FALSE(moved.is_open());
  const auto after_close = moved.read_some(buffer, milliseconds(10));
  CHECK_FALSE(after_close.has_value());

  const auto again = kofu::serial::Port::open(pty.path, settings);
  CHECK_MESSAGE(again.has_value(), (again ? "" : again.error().message()));
}

TEST_CASE("drivers/serial: what is not a serial port is refused") {
  const TempPath plain("kofu-serial");
  { std::ofstream(plain.path) << "x"; }
  const auto file = kofu::serial::Port::open(plain.path.string(), PortSettings{});
  REQUIRE_FALSE(file.has_value());
  CHECK(file.error().code() == SerialErrc::not_a_terminal);
  CHECK(file.error().message().find(plain.path.string()) != std::string::npos);

  const auto missing = kofu::serial::Port::open("/nonexistent-kofu-dir/ttyACM0", PortSettings{});
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code() == SerialErrc::open_failed);

  PortSettings odd_rate;
  odd_rate.baud = 1000;
  Pty pty;
  const auto rate = kofu::serial::Port::open(pty.path, odd_rate);
  REQUIRE_FALSE(rate.has_value());
  CHECK(rate.error().code() == SerialErrc::bad_settings);
}
