// The kofu subcommands. Each registers itself on the app and sets the action to run after parsing.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace kofu::cli {

using Action = std::function<int()>;

// kofu jahis decode|encode|split|merge
void add_jahis_command(CLI::App& app, Action& action);

// kofu shc keygen|jwks|issue|verify
void add_shc_command(CLI::App& app, Action& action);

// kofu card readers|status|basic-info|auth-sign
void add_card_command(CLI::App& app, Action& action);

// kofu pki init|persona|device|show|verify|verify-signature
void add_pki_command(CLI::App& app, Action& action);

// kofu print profiles|render|send|status|test-page
void add_print_command(CLI::App& app, Action& action);

}  // namespace kofu::cli
