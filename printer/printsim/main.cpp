// kofu-printsim: a virtual ESC/POS receipt printer on a TCP port (and a pty) that renders each page to PNG and
// simulates paper end, cover open and offline (docs/printsim.md).
#include <CLI/CLI.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "printer/printsim/interpreter.hpp"
#include "printer/printsim/server.hpp"

namespace {

using namespace kofu::printsim;
namespace fs = std::filesystem;

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;  // cannot listen or write, an error answer from ctl, nothing printed by render
constexpr int kExitUsage = 2;   // bad arguments, an unknown profile, an unreadable input or font
constexpr std::uintmax_t kMaxRenderInput = 64U << 20U;

Server* running_server = nullptr;  // for the signal handler

extern "C" void on_signal(int /*signal*/) {
  if (running_server != nullptr) running_server->stop();  // a write(2) to a pipe: async-signal-safe
}

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

const kofu::printer::Profile* profile_or_report(const std::string& name) {
  auto profile = kofu::printer::find_profile(name);
  if (!profile) {
    std::cerr << "kofu-printsim: " << profile.error().message() << '\n';
    return nullptr;
  }
  return *profile;
}

// --font PATH[#FACE], "none" for boxes; without it the default receipt font when installed, else boxes.
std::optional<std::optional<kofu::printer::Font>> load_font(const std::string& choice, bool given) {
  if (given && choice == "none") return std::optional<kofu::printer::Font>();
  if (given) {
    std::string path = choice;
    int face = 0;
    if (const auto hash = choice.rfind('#'); hash != std::string::npos && hash + 1 < choice.size() &&
                                             choice.find_first_not_of("0123456789", hash + 1) == std::string::npos &&
                                             choice.size() - hash <= 4) {
      path = choice.substr(0, hash);
      face = std::stoi(choice.substr(hash + 1));
    }
    auto font = kofu::printer::Font::open(path, face);
    if (!font) {
      std::cerr << "kofu-printsim: " << font.error().message() << '\n';
      return std::nullopt;
    }
    return std::optional<kofu::printer::Font>(std::move(*font));
  }
  auto font = kofu::printer::Font::open_default();
  if (!font) {
    std::cerr << "kofu-printsim: characters print as boxes: " << font.error().message() << '\n';
    return std::optional<kofu::printer::Font>();
  }
  return std::optional<kofu::printer::Font>(std::move(*font));
}

bool parse_listen(const std::string& listen, ServerOptions& options) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size() ||
      listen.find_first_not_of("0123456789", colon + 1) != std::string::npos || listen.size() - colon > 6) {
    std::cerr << "kofu-printsim: --listen " << listen << " is not HOST:PORT (such as 127.0.0.1:9100)\n";
    return false;
  }
  const int port = std::stoi(listen.substr(colon + 1));
  if (port > 65535) {
    std::cerr << "kofu-printsim: --listen " << listen << ": the port is above 65535\n";
    return false;
  }
  options.listen_host = listen.substr(0, colon);
  options.listen_port = static_cast<std::uint16_t>(port);
  return true;
}

int run_ctl(const std::string& socket, const std::string& command, const std::string& argument) {
  auto answer = send_control(socket, argument.empty() ? command : command + " " + argument);
  if (!answer) {
    std::cerr << "kofu-printsim: " << answer.error().message() << '\n';
    return kExitFailed;
  }
  std::cout << *answer << '\n';
  return answer->rfind("error", 0) == 0 ? kExitFailed : kExitOk;
}

// OUT.png for the first page, OUT-2.png, OUT-3.png … for the next.
fs::path page_path(const fs::path& first, std::size_t index) {
  if (index == 0) return first;
  fs::path path = first;
  path.replace_filename(first.stem().string() + "-" + std::to_string(index + 1) + first.extension().string());
  return path;
}

int run_render(const std::string& input, const std::string& profile_name, const std::string& png,
               const std::string& font_choice, bool font_given) {
  const kofu::printer::Profile* profile = profile_or_report(profile_name);
  if (profile == nullptr) return kExitUsage;
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(input, ec);
  if (ec || size > kMaxRenderInput) {
    std::cerr << "kofu-printsim: cannot read " << input << ": " << (ec ? ec.message() : "larger than 64 MiB") << '\n';
    return kExitUsage;
  }
  std::ifstream in(input, std::ios::binary);
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
    std::cerr << "kofu-printsim: cannot read " << input << '\n';
    return kExitUsage;
  }
  auto font = load_font(font_choice, font_given);
  if (!font) return kExitUsage;
  Interpreter printer(*profile, font->has_value() ? &**font : nullptr);
  printer.set_event_log([](const std::string& line) { std::cerr << "kofu-printsim: " << line << '\n'; });
  std::size_t written = 0;
  bool failed = false;
  printer.set_page_sink([&](Page&& page) {
    const fs::path path = page_path(png, written++);
    if (auto ok = kofu::printer::write_png(page.bitmap, path); !ok) {
      std::cerr << "kofu-printsim: " << ok.error().message() << '\n';
      failed = true;
      return;
    }
    std::cout << path.string() << " (" << page.ended_by << ", " << page.bitmap.height() << " dot lines)\n";
  });
  printer.receive(bytes);
  printer.finish("end of input");
  const State state = printer.state();
  if (state.unknown_commands > 0 || state.errors > 0) {
    std::cerr << "kofu-printsim: " << state.unknown_commands << " unknown command(s), " << state.errors
              << " refused command(s)\n";
  }
  if (written == 0) {
    std::cerr << "kofu-printsim: " << input << " printed nothing\n";
    return kExitFailed;
  }
  return failed ? kExitFailed : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "kofu-printsim — a virtual ESC/POS receipt printer: listens on TCP (and a pty), renders each page "
      "to PNG, answers status queries, and simulates paper end, cover open and offline",
      "kofu-printsim"};
  app.set_version_flag("--version", std::string("kofu-printsim ") + KOFU_VERSION);

  std::string profile_name;
  std::string out_dir;
  std::string listen = "127.0.0.1:9100";
  std::string font_choice;
  ServerOptions options;
  std::int64_t paper_out_after = 0;
  std::int64_t cover_open_after = 0;
  std::int64_t offline_after = 0;
  std::uint64_t drop_after_bytes = 0;
  app.add_option("--profile", profile_name,
                 "The printer: tm-t88, tm-t88-jp, tm-t20, tm-m30-jp, generic-58mm, … "
                 "(kofu print profiles lists them); sets width, dpi, Kanji and QR");
  app.add_option("--out", out_dir, "Directory for the pages: job-0001.png and job-0001.json, …");
  app.add_option("--listen", listen, "HOST:PORT to listen on (port 0: any free port)")->capture_default_str();
  std::string port_file;
  std::string pty_link;
  std::string control_socket;
  app.add_option("--port-file", port_file, "Write the port listened on here (atomically) once listening");
  app.add_option("--pty-link", pty_link, "Also serve a pty (the serial transport); symlink its slave here");
  app.add_option("--control", control_socket, "Unix socket for control commands (see: kofu-printsim ctl --help)");
  CLI::Option* font_option =
      app.add_option("--font", font_choice,
                     "Font file for text (PATH or PATH#FACE; \"none\": boxes). Default: Noto Sans CJK JP if "
                     "installed (or $KOFU_FONT), else boxes");
  app.add_flag("--no-paper", options.no_paper, "Start with no paper (paper end)");
  app.add_flag("--cover-open", options.cover_open, "Start with the cover open");
  app.add_flag("--paper-near-end", options.paper_near_end, "Start with the paper near its end");
  CLI::Option* paper_out = app.add_option("--paper-out-after", paper_out_after,
                                          "Paper ends after this many dot lines printed or fed, mid-command")
                               ->check(CLI::NonNegativeNumber);
  CLI::Option* cover_after = app.add_option("--cover-open-after", cover_open_after,
                                            "The cover opens after this many dot lines (after that command)")
                                 ->check(CLI::NonNegativeNumber);
  CLI::Option* offline = app.add_option("--offline-after", offline_after,
                                        "The printer goes offline after this many dot lines (after that command)")
                             ->check(CLI::NonNegativeNumber);
  CLI::Option* drop = app.add_option("--drop-after-bytes", drop_after_bytes,
                                     "Close the TCP connection once this many bytes came (counted from start; once)")
                          ->check(CLI::NonNegativeNumber);

  CLI::App* ctl = app.add_subcommand("ctl", "Send one control command to a running kofu-printsim and print the answer");
  std::string ctl_socket;
  std::string ctl_command;
  std::string ctl_argument;
  ctl->add_option("SOCKET", ctl_socket, "Its --control socket")->required();
  ctl->add_option("COMMAND", ctl_command,
                  "paper-out | paper-in | near-end | cover-open | cover-close | offline | online | drop | "
                  "paper-out-after N | status")
      ->required();
  ctl->add_option("ARG", ctl_argument, "N for paper-out-after (dot lines from now)");
  ctl->footer("Prints \"ok\", the state as JSON for status, or \"error: …\" (exit 1).");

  CLI::App* render = app.add_subcommand("render", "Print a file of ESC/POS bytes to PNG, offline");
  std::string render_input;
  std::string render_profile;
  std::string render_png;
  std::string render_font;
  render->add_option("IN", render_input, "The ESC/POS bytes")->required();
  render->add_option("--profile", render_profile, "The printer profile")->required();
  render->add_option("--png", render_png, "The first page; the next are OUT-2.png, OUT-3.png, …")->required();
  CLI::Option* render_font_option = render->add_option("--font", render_font, "As for the server");
  render->footer(
      "Each page is written as it ends (cut, or the end of the input); text not ended by LF is not "
      "printed, as on a printer. Exit 1 when nothing printed.");

  app.footer(
      "Without a subcommand it serves: one TCP connection at a time (the next waits), replies on the same "
      "connection; each finished page becomes OUT/job-NNNN.png (1 pixel per dot) and job-NNNN.json (written "
      "last). Control commands: paper-out, paper-in, near-end, cover-open, cover-close, offline, online, drop, "
      "paper-out-after N, status. SIGINT/SIGTERM finish the page and exit 0.\n"
      "Exit status: 0 stopped by a signal or success, 1 failure (cannot listen or write; ctl error; render printed "
      "nothing), 2 usage error (bad arguments, unknown profile, unreadable input or font).");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }

  if (ctl->parsed()) return run_ctl(ctl_socket, ctl_command, ctl_argument);
  if (render->parsed()) {
    return run_render(render_input, render_profile, render_png, render_font, render_font_option->count() > 0);
  }

  if (profile_name.empty() || out_dir.empty()) {
    std::cerr << "kofu-printsim: --profile and --out are required to serve (see --help)\n";
    return kExitUsage;
  }
  options.profile = profile_or_report(profile_name);
  if (options.profile == nullptr) return kExitUsage;
  if (!parse_listen(listen, options)) return kExitUsage;
  auto font = load_font(font_choice, font_option->count() > 0);
  if (!font) return kExitUsage;
  options.font = font->has_value() ? &**font : nullptr;
  options.out_dir = out_dir;
  options.port_file = port_file;
  options.pty_link = pty_link;
  options.control_socket = control_socket;
  if (paper_out->count() > 0) options.paper_out_after = paper_out_after;
  if (cover_after->count() > 0) options.cover_open_after = cover_open_after;
  if (offline->count() > 0) options.offline_after = offline_after;
  if (drop->count() > 0) options.drop_after_bytes = drop_after_bytes;

  auto server = Server::start(options);
  if (!server) {
    std::cerr << "kofu-printsim: " << server.error().message() << '\n';
    return kExitFailed;
  }
  running_server = server->get();
  install_signal_handlers();
  std::cout << "kofu-printsim: listening on " << options.listen_host << ":" << (*server)->port() << std::endl;
  if (!pty_link.empty()) std::cout << "kofu-printsim: pty " << (*server)->pty_path() << " at " << pty_link << std::endl;
  std::cerr << "kofu-printsim: profile " << options.profile->name << ", "
            << (options.font != nullptr ? "font " + options.font->describe() : std::string("no font (boxes)"))
            << ", pages in " << out_dir << '\n';
  auto outcome = (*server)->run();
  running_server = nullptr;
  if (!outcome) {
    std::cerr << "kofu-printsim: " << outcome.error().message() << '\n';
    return kExitFailed;
  }
  return kExitOk;
}
