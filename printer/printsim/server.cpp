#include "printer/printsim/server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pty.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "printer/errors.hpp"
#include "printer/printsim/interpreter.hpp"
#include "printer/printsim/page_files.hpp"

namespace kofu::printsim {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kReadChunk = std::size_t{64} * 1024;
constexpr std::size_t kMaxOutput = 1 << 20;  // replies a peer does not read beyond this are dropped
constexpr std::size_t kMaxControlLine = 256;
constexpr std::size_t kMaxControlClients = 8;

constexpr std::string_view kControlCommands =
    "paper-out, paper-in, near-end, cover-open, cover-close, offline, online, drop, paper-out-after N, status";

void log(const std::string& line) {
  std::cerr << "kofu-printsim: " << line << '\n';
}

Error io_error(std::string message) {
  return {make_error_code(printer::PrinterErrc::io_failed), std::move(message)};
}

std::string errno_text() {
  return std::strerror(errno);  // NOLINT(concurrency-mt-unsafe): one thread
}

// A file descriptor that closes itself.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }

  int get() const noexcept { return fd_; }
  bool valid() const noexcept { return fd_ >= 0; }
  void reset() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

bool set_nonblocking(int fd) {
  const int flags = ::fcntl(fd, F_GETFL);
  return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;  // NOLINT(hicpp-signed-bitwise)
}

Expected<void> write_port_file(const fs::path& path, std::uint16_t port) {
  const fs::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::trunc);
    out << port << '\n';
    if (!out.flush()) return unexpected(io_error("cannot write the port file " + partial.string()));
  }
  std::error_code ec;
  fs::rename(partial, path, ec);
  if (ec) return unexpected(io_error("cannot create the port file " + path.string() + ": " + ec.message()));
  return {};
}

// Sends what it can without blocking; false when the peer is gone.
bool flush(int fd, std::string& pending) {
  while (!pending.empty()) {
    const ssize_t n = ::send(fd, pending.data(), pending.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return true;
      pending.clear();
      return false;
    }
    pending.erase(0, static_cast<std::size_t>(n));
  }
  return true;
}

// The same for a pty master (not a socket: write, not send).
void flush_pty(int fd, std::string& pending) {
  while (!pending.empty()) {
    const ssize_t n = ::write(fd, pending.data(), pending.size());
    if (n < 0) {
      if (errno != EAGAIN && errno != EINTR) pending.clear();
      return;
    }
    pending.erase(0, static_cast<std::size_t>(n));
  }
}

void append_bounded(std::string& pending, std::string_view bytes, std::string_view who) {
  if (pending.size() + bytes.size() > kMaxOutput) {
    log("the " + std::string(who) + " does not read the printer's replies: " + std::to_string(bytes.size()) +
        " bytes dropped");
    return;
  }
  pending.append(bytes);
}

struct ControlClient {
  Fd fd;
  std::string line;
};

}  // namespace

struct Server::Impl {
  explicit Impl(const ServerOptions& o) : options(o), printer(*o.profile, o.font) {}

  ServerOptions options;
  Interpreter printer;
  std::optional<PageFiles> files;
  Fd listener;
  std::uint16_t port = 0;
  Fd client;
  std::string client_name;
  std::string client_out;
  bool peer_closed = false;  // the client sent FIN: print what came, then finish and close
  bool orphaned = false;     // a closed client's data waits in the printer for paper, cover or online
  std::uint64_t tcp_bytes = 0;
  Fd pty_master;
  Fd pty_slave;  // kept open so that the master never reads as hung up between two users of the port
  std::string pty_name;
  std::string pty_out;
  bool pty_used = false;  // ASB after a control command goes to the pty only once someone spoke on it
  Fd control_listener;
  std::vector<ControlClient> control_clients;
  std::array<int, 2> wake{-1, -1};
  bool stopping = false;

  ~Impl() {
    for (const int fd : wake) {
      if (fd >= 0) ::close(fd);
    }
    std::error_code ignored;
    if (!options.pty_link.empty() && fs::is_symlink(options.pty_link, ignored)) fs::remove(options.pty_link, ignored);
    if (control_listener.valid()) fs::remove(options.control_socket, ignored);
  }

  Expected<void> open_listener() {
    Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd.valid()) return unexpected(io_error("cannot create a TCP socket: " + errno_text()));
    const int one = 1;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(options.listen_port);
    if (::inet_pton(AF_INET, options.listen_host.c_str(), &address.sin_addr) != 1) {
      return unexpected(io_error("--listen " + options.listen_host + " is not an IPv4 address (such as 127.0.0.1)"));
    }
    const std::string where = options.listen_host + ":" + std::to_string(options.listen_port);
    if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      return unexpected(io_error("cannot listen on " + where + ": " + errno_text() +
                                 (errno == EADDRINUSE ? "; another printer runs there, or use port 0" : "")));
    }
    if (::listen(fd.get(), 4) != 0 || !set_nonblocking(fd.get())) {
      return unexpected(io_error("cannot listen on " + where + ": " + errno_text()));
    }
    socklen_t length = sizeof address;
    ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
    listener = std::move(fd);
    return {};
  }

  Expected<void> open_pty() {
    int master = -1;
    int slave = -1;
    if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) {
      return unexpected(io_error("cannot open a pty: " + errno_text()));
    }
    pty_master = Fd(master);
    pty_slave = Fd(slave);
    termios raw{};
    ::tcgetattr(slave, &raw);
    ::cfmakeraw(&raw);  // bytes pass unchanged, as on a printer's serial port
    ::tcsetattr(slave, TCSANOW, &raw);
    if (!set_nonblocking(master)) return unexpected(io_error("cannot make the pty non-blocking: " + errno_text()));
    std::array<char, 128> name{};
    if (::ptsname_r(master, name.data(), name.size()) != 0) {
      return unexpected(io_error("cannot name the pty: " + errno_text()));
    }
    pty_name = name.data();
    std::error_code ec;
    if (fs::is_symlink(options.pty_link, ec)) fs::remove(options.pty_link, ec);
    fs::create_symlink(pty_name, options.pty_link, ec);
    if (ec) {
      return unexpected(io_error("cannot link " + options.pty_link.string() + " to the pty " + pty_name + ": " +
                                 ec.message() + " (an existing file that is not a symlink is not replaced)"));
    }
    return {};
  }

  Expected<void> open_control() {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string path = options.control_socket.string();
    if (path.size() >= sizeof address.sun_path) {
      return unexpected(io_error("the control socket path " + path + " is too long for a Unix socket"));
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    std::error_code ec;
    if (fs::is_socket(options.control_socket, ec)) fs::remove(options.control_socket, ec);  // a stale one
    Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd.valid() || ::bind(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd.get(), 8) != 0 || !set_nonblocking(fd.get())) {
      return unexpected(io_error("cannot listen on the control socket " + path + ": " + errno_text()));
    }
    control_listener = std::move(fd);
    return {};
  }

  void write_page(Page&& page) {
    auto written = files->write(page);
    if (!written) {
      log("page lost: " + written.error().message());
      return;
    }
    log("page written: " + written->string() + " (" + page.ended_by + ", " + std::to_string(page.bitmap.height()) +
        " dot lines)");
  }

  // Replies produced by input from one source go back to it.
  void route_replies_to_client() {
    const std::string replies = printer.take_replies();
    if (client.valid()) append_bounded(client_out, replies, "TCP client");
  }
  void route_replies_to_pty() { append_bounded(pty_out, printer.take_replies(), "pty user"); }
  // Replies that follow a control command (ASB, a GS r reached after recovery) go to whoever is connected.
  void broadcast_replies() {
    const std::string replies = printer.take_replies();
    if (client.valid()) append_bounded(client_out, replies, "TCP client");
    if (pty_used) append_bounded(pty_out, replies, "pty user");
  }

  void close_client(std::string_view why) {
    log("connection from " + client_name + " " + std::string(why));
    client.reset();
    client_out.clear();
    peer_closed = false;
  }

  // The connection ends now: what it sent and the printer has not printed is discarded.
  void drop() {
    if (!client.valid()) return;
    printer.finish("connection closed");
    printer.take_replies();
    close_client("dropped");
  }

  // After the client's FIN: once the printer has printed what it could, the page is finished and the connection
  // closed, replies sent first. A printer that cannot print now (no paper, cover open, offline) keeps what it
  // received, as a real one does, and lets the connection go, so that the next job can ask it why.
  void close_if_done() {
    if (orphaned && !client.valid() && printer.can_print()) {
      printer.finish("connection closed");  // what the closed client left has printed now
      orphaned = false;
    }
    if (!client.valid() || !peer_closed) return;
    if (printer.can_print()) {
      printer.finish("connection closed");
    } else {
      orphaned = true;
    }
    route_replies_to_client();
    flush(client.get(), client_out);
    close_client("closed by the peer");
  }

  void accept_client() {
    sockaddr_in address{};
    socklen_t length = sizeof address;
    const int fd = ::accept4(listener.get(), reinterpret_cast<sockaddr*>(&address), &length, SOCK_CLOEXEC);
    if (fd < 0) return;
    client = Fd(fd);
    set_nonblocking(fd);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // status replies are single bytes
    std::array<char, INET_ADDRSTRLEN> host{};
    ::inet_ntop(AF_INET, &address.sin_addr, host.data(), host.size());
    client_name = std::string(host.data()) + ":" + std::to_string(ntohs(address.sin_port));
    log("connection from " + client_name);
  }

  bool may_read() const { return printer.state().buffered_bytes < Interpreter::kReceiveBufferLimit; }

  void read_client() {
    std::string buffer(kReadChunk, '\0');
    const ssize_t n = ::recv(client.get(), buffer.data(), buffer.size(), 0);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) return;
      log("connection from " + client_name + ": " + errno_text());
      drop();
      return;
    }
    if (n == 0) {
      peer_closed = true;
      close_if_done();
      return;
    }
    auto bytes = std::string_view(buffer).substr(0, static_cast<std::size_t>(n));
    bool drop_now = false;
    if (options.drop_after_bytes) {
      const std::uint64_t room = *options.drop_after_bytes - tcp_bytes;
      if (bytes.size() >= room) {
        bytes = bytes.substr(0, static_cast<std::size_t>(room));
        drop_now = true;
      }
    }
    tcp_bytes += bytes.size();
    printer.receive(bytes);
    route_replies_to_client();
    if (drop_now) {
      log("--drop-after-bytes " + std::to_string(*options.drop_after_bytes) + " reached");
      options.drop_after_bytes.reset();
      drop();
    }
  }

  void read_pty() {
    std::string buffer(kReadChunk, '\0');
    const ssize_t n = ::read(pty_master.get(), buffer.data(), buffer.size());
    if (n <= 0) return;
    pty_used = true;
    printer.receive(std::string_view(buffer).substr(0, static_cast<std::size_t>(n)));
    route_replies_to_pty();
  }

  void accept_control() {
    const int fd = ::accept4(control_listener.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) return;
    if (control_clients.size() >= kMaxControlClients) {
      ::close(fd);
      return;
    }
    control_clients.push_back({Fd(fd), {}});
  }

  // Reads a control client's line; true when it is done with (answered or gone).
  bool serve_control(ControlClient& c, Server& server) {
    std::array<char, kMaxControlLine> buffer{};
    const ssize_t n = ::recv(c.fd.get(), buffer.data(), buffer.size(), 0);
    if (n < 0) return errno != EAGAIN && errno != EINTR;
    if (n == 0 && c.line.empty()) return true;
    c.line.append(buffer.data(), static_cast<std::size_t>(n));
    const std::size_t end = c.line.find('\n');
    if (end == std::string::npos && n > 0 && c.line.size() < kMaxControlLine) return false;
    const std::string answer =
        (c.line.size() >= kMaxControlLine && end == std::string::npos
             ? std::string("error: a control command is one line of less than 256 bytes")
             : server.control(std::string_view(c.line).substr(0, std::min(end, c.line.size())))) +
        "\n";
    ::send(c.fd.get(), answer.data(), answer.size(), MSG_NOSIGNAL);
    return true;
  }

  std::string status_json() const {
    const State s = printer.state();
    const nlohmann::json json = {{"paper", s.paper},
                                 {"paper_near_end", s.paper_near_end},
                                 {"cover_open", s.cover_open},
                                 {"online", s.online},
                                 {"offline", s.offline},
                                 {"asb", s.asb},
                                 {"dot_lines", s.dot_lines},
                                 {"bytes_received", s.bytes_received},
                                 {"buffered_bytes", s.buffered_bytes},
                                 {"pages", s.pages},
                                 {"dropped_pages", s.dropped_pages},
                                 {"unknown_commands", s.unknown_commands},
                                 {"errors", s.errors},
                                 {"last_error", s.last_error},
                                 {"connected", client.valid()},
                                 {"port", port},
                                 {"next_page_file", files->next_number()}};
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }

  Expected<void> run(Server& server) {
    while (!stopping) {
      std::vector<pollfd> fds;
      fds.push_back({wake[0], POLLIN, 0});
      const std::size_t first_fixed = fds.size();
      const bool want_client = !client.valid();
      fds.push_back({want_client ? listener.get() : -1, POLLIN, 0});
      // After the peer's FIN only replies can still go out; a dead socket is left out (it would poll as hung up).
      const auto client_events =
          static_cast<short>(((!peer_closed && may_read()) ? POLLIN : 0) | (client_out.empty() ? 0 : POLLOUT));
      fds.push_back({client.valid() && (!peer_closed || client_events != 0) ? client.get() : -1, client_events, 0});
      fds.push_back({pty_master.valid() ? pty_master.get() : -1,
                     static_cast<short>((may_read() ? POLLIN : 0) | (pty_out.empty() ? 0 : POLLOUT)), 0});
      fds.push_back({control_listener.valid() ? control_listener.get() : -1, POLLIN, 0});
      const std::size_t first_control = fds.size();
      for (const ControlClient& c : control_clients) fds.push_back({c.fd.get(), POLLIN, 0});
      if (::poll(fds.data(), fds.size(), -1) < 0) {
        if (errno == EINTR) continue;
        return unexpected(io_error("poll failed: " + errno_text()));
      }
      if ((fds[0].revents & POLLIN) != 0) break;
      const pollfd& listen_fd = fds[first_fixed];
      const pollfd& client_fd = fds[first_fixed + 1];
      const pollfd& pty_fd = fds[first_fixed + 2];
      const pollfd& control_fd = fds[first_fixed + 3];
      if (client.valid() && peer_closed && (client_fd.revents & (POLLHUP | POLLERR)) != 0) {
        client_out.clear();  // the peer is gone for good: its replies have nowhere to go
      } else if (client.valid() && (client_fd.revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        read_client();
      }
      if (client.valid() && (client_fd.revents & POLLOUT) != 0 && !flush(client.get(), client_out)) {
        close_client("lost");
      }
      if ((pty_fd.revents & POLLIN) != 0) read_pty();
      if ((pty_fd.revents & POLLOUT) != 0) flush_pty(pty_master.get(), pty_out);
      if ((listen_fd.revents & POLLIN) != 0 && !client.valid()) accept_client();
      for (std::size_t i = first_control; i < fds.size(); ++i) {
        ControlClient& c = control_clients[i - first_control];
        if (fds[i].revents != 0 && serve_control(c, server)) c.fd.reset();
      }
      std::erase_if(control_clients, [](const ControlClient& c) { return !c.fd.valid(); });
      if ((control_fd.revents & POLLIN) != 0) accept_control();
      close_if_done();
      if (client.valid()) flush(client.get(), client_out);
      if (pty_master.valid()) flush_pty(pty_master.get(), pty_out);
    }
    log("stopping");
    printer.finish("stopped");
    if (client.valid()) {
      route_replies_to_client();
      flush(client.get(), client_out);
    }
    return {};
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Expected<std::unique_ptr<Server>> Server::start(const ServerOptions& options) {
  if (options.profile == nullptr) return unexpected(io_error("no printer profile given"));
  auto impl = std::make_unique<Impl>(options);
  Impl& m = *impl;
  if (::pipe2(m.wake.data(), O_CLOEXEC | O_NONBLOCK) != 0) {
    return unexpected(io_error("cannot create the wake-up pipe: " + errno_text()));
  }
  auto files = PageFiles::open(options.out_dir, std::string(options.profile->name));
  if (!files) return unexpected(files.error());
  m.files.emplace(std::move(*files));
  m.printer.set_page_sink([&m](Page&& page) { m.write_page(std::move(page)); });
  m.printer.set_event_log([](const std::string& line) { log(line); });
  if (auto opened = m.open_listener(); !opened) return unexpected(opened.error());
  if (!options.pty_link.empty()) {
    if (auto opened = m.open_pty(); !opened) return unexpected(opened.error());
  }
  if (!options.control_socket.empty()) {
    if (auto opened = m.open_control(); !opened) return unexpected(opened.error());
  }
  if (options.no_paper) m.printer.set_paper(false);
  if (options.cover_open) m.printer.set_cover_open(true);
  if (options.paper_near_end) m.printer.set_paper_near_end(true);
  if (options.paper_out_after) m.printer.paper_out_after(*options.paper_out_after);
  if (options.cover_open_after) m.printer.cover_open_after(*options.cover_open_after);
  if (options.offline_after) m.printer.offline_after(*options.offline_after);
  if (!options.port_file.empty()) {
    if (auto written = write_port_file(options.port_file, m.port); !written) return unexpected(written.error());
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::uint16_t Server::port() const noexcept {
  return impl_->port;
}

std::string Server::pty_path() const {
  return impl_->pty_name;
}

Expected<void> Server::run() {
  return impl_->run(*this);
}

void Server::stop() noexcept {
  const char byte = 'x';
  [[maybe_unused]] const ssize_t ignored = ::write(impl_->wake[1], &byte, 1);
}

std::string Server::control(std::string_view line) {
  Impl& m = *impl_;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  const std::size_t space = line.find(' ');
  const std::string_view command = line.substr(0, space);
  const std::string_view argument = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
  std::string answer = "ok";
  if (command == "status") {
    answer = m.status_json();
  } else if (command == "paper-out") {
    m.printer.set_paper(false);
  } else if (command == "paper-in") {
    m.printer.set_paper(true);
  } else if (command == "near-end") {
    m.printer.set_paper_near_end(true);
  } else if (command == "cover-open") {
    m.printer.set_cover_open(true);
  } else if (command == "cover-close") {
    m.printer.set_cover_open(false);
  } else if (command == "offline") {
    m.printer.set_online(false);
  } else if (command == "online") {
    m.printer.set_online(true);
  } else if (command == "drop") {
    m.drop();
  } else if (command == "paper-out-after") {
    std::int64_t dots = -1;
    if (!argument.empty() && argument.size() < 10 &&
        argument.find_first_not_of("0123456789") == std::string_view::npos) {
      dots = std::stoll(std::string(argument));
    }
    if (dots < 0) return "error: paper-out-after takes a number of dot lines, such as paper-out-after 300";
    m.printer.paper_out_after(dots);
  } else {
    return "error: unknown control command \"" + std::string(command) + "\"; the commands are " +
           std::string(kControlCommands);
  }
  if (command != "status") log("control: " + std::string(line));
  m.broadcast_replies();
  m.close_if_done();
  return answer;
}

Expected<std::string> send_control(const std::filesystem::path& path, std::string_view line) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string name = path.string();
  if (name.size() >= sizeof address.sun_path) return unexpected(io_error("the socket path " + name + " is too long"));
  std::memcpy(address.sun_path, name.c_str(), name.size() + 1);
  Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid() || ::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return unexpected(io_error("cannot reach kofu-printsim's control socket " + name + ": " + errno_text() +
                               "; is kofu-printsim running with --control " + name + "?"));
  }
  const std::string request = std::string(line) + "\n";
  if (::send(fd.get(), request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
    return unexpected(io_error("cannot send to the control socket " + name + ": " + errno_text()));
  }
  std::string answer;
  std::array<char, 4096> buffer{};
  while (answer.find('\n') == std::string::npos && answer.size() < 1 << 20) {
    const ssize_t n = ::recv(fd.get(), buffer.data(), buffer.size(), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    answer.append(buffer.data(), static_cast<std::size_t>(n));
  }
  const std::size_t end = answer.find('\n');
  if (end == std::string::npos)
    return unexpected(io_error("kofu-printsim closed the control socket without answering"));
  answer.resize(end);
  return answer;
}

}  // namespace kofu::printsim
