// kofu-printsim's I/O: the printer on a TCP port (like a network printer's port 9100) and optionally on a pty (the
// serial transport), a control socket that flips the fault switches, and a page file for each finished page.
// One thread, poll(2). The contract is docs/printsim.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "error/expected.hpp"
#include "printer/font.hpp"
#include "printer/profile.hpp"

namespace kofu::printsim {

struct ServerOptions {
  const printer::Profile* profile = nullptr;  // required
  const printer::Font* font = nullptr;        // null: characters print as boxes
  std::filesystem::path out_dir;              // required: where job-NNNN.png/.json go
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 9100;      // 0: the system picks one (see port())
  std::filesystem::path port_file;       // written with the real port once listening; empty: none
  std::filesystem::path pty_link;        // a symlink to the pty's slave; empty: no pty
  std::filesystem::path control_socket;  // a Unix socket for control commands; empty: none

  // The printer at start, and faults counted from start.
  bool no_paper = false;
  bool cover_open = false;
  bool paper_near_end = false;
  std::optional<std::int64_t> paper_out_after;    // dot lines
  std::optional<std::int64_t> cover_open_after;   // dot lines
  std::optional<std::int64_t> offline_after;      // dot lines
  std::optional<std::uint64_t> drop_after_bytes;  // TCP bytes received: the connection is dropped there, once
};

class Server {
 public:
  // Binds, listens, opens the pty and the control socket, writes the port file. Nothing runs until run().
  static Expected<std::unique_ptr<Server>> start(const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const noexcept;
  std::string pty_path() const;  // the slave's /dev/pts path; empty without a pty

  // Serves until stop(); then finishes the page ("stopped") and returns. An error is a failure of the loop itself.
  Expected<void> run();
  // Async-signal-safe and callable from any thread: makes run() return.
  void stop() noexcept;

  // One control command ("paper-out", "status", …), as the control socket takes it; the answer line, without a
  // newline: "ok", the state as JSON, or "error: …". Only from the thread that runs run() (or before it runs).
  std::string control(std::string_view line);

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The control client: sends `line` to the control socket at `path` and returns the answer line.
Expected<std::string> send_control(const std::filesystem::path& path, std::string_view line);

}  // namespace kofu::printsim
