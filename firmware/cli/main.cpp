// kofu: the command-line multi-tool for technicians, tests and scripts.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.hpp"
#include "io.hpp"

int main(int argc, char** argv) {
  CLI::App app{"kofu — kiosk and counter tools for Japanese healthcare paperwork", "kofu"};
  app.set_version_flag("--version", std::string("kofu ") + KOFU_VERSION);
  app.require_subcommand(1);
  kofu::cli::Action action;
  kofu::cli::add_jahis_command(app, action);
  kofu::cli::add_shc_command(app, action);
  kofu::cli::add_card_command(app, action);
  kofu::cli::add_pki_command(app, action);
  kofu::cli::add_print_command(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kofu::cli::kExitOk : kofu::cli::kExitUsage;
  }
  if (!action) return kofu::cli::kExitUsage;
  try {
    return action();
  } catch (const std::exception& e) {
    // A bug, not a verdict: say so plainly instead of aborting with a core dump.
    std::cerr << "kofu: internal error: " << e.what() << '\n';
    return kofu::cli::kExitUsage;
  }
}
