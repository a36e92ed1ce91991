// kofu card: the IC card readers and cards (issue 4 grows it: status, basic-info, auth-sign).
#include <iostream>

#include "commands.hpp"
#include "drivers/pcsc/pcsc.hpp"
#include "io.hpp"

namespace kofu::cli {
namespace {

int readers() {
  auto context = pcsc::Context::establish();
  if (!context) {
    std::cerr << "kofu card readers: " << context.error().message() << '\n';
    return kExitInvalid;
  }
  auto names = context->readers();
  if (!names) {
    std::cerr << "kofu card readers: " << names.error().message() << '\n';
    return kExitInvalid;
  }
  for (const std::string& name : *names) std::cout << name << '\n';
  return kExitOk;
}

}  // namespace

void add_card_command(CLI::App& app, Action& action) {
  CLI::App* card = app.add_subcommand("card", "IC card readers and cards (My Number, HPKI) through PC/SC");
  card->require_subcommand(1);
  CLI::App* list = card->add_subcommand("readers", "List the card readers PC/SC knows, one per line");
  list->footer("Exit status: 0 listed, 1 no smart-card service or no reader, 2 usage error.");
  list->callback([&action] { action = [] { return readers(); }; });
}

}  // namespace kofu::cli
