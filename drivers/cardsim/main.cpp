// kofu-cardsim: an emulated My Number or HPKI card behind the real pcscd, through vsmartcard's vpcd reader driver,
// with fault switches for the tests (docs/cardsim.md).
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "drivers/cardsim/faulty_card.hpp"
#include "drivers/cardsim/hpki_card.hpp"
#include "drivers/cardsim/mynumber_card.hpp"
#include "drivers/cardsim/persona.hpp"
#include "drivers/cardsim/vpcd_link.hpp"
#include "secure/secret.hpp"

namespace {

using namespace kofu::cardsim;

constexpr int kExitOk = 0;
constexpr int kExitInvalid = 1;  // a bad persona, or vpcd not reachable
constexpr int kExitUsage = 2;    // bad arguments, or a persona file that cannot be read

constexpr std::uintmax_t kMaxPersonaSize = 1 << 20;  // a persona is a few kilobytes

// The whole file, read without a stream buffer: the text holds PINs and private keys, and the caller wipes it.
kofu::Expected<std::string, std::string> read_persona_file(const std::string& path) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return kofu::unexpected(ec.message());
  if (size > kMaxPersonaSize) return kofu::unexpected(std::string("larger than 1 MiB; a persona is a few kilobytes"));
  std::ifstream in;
  in.rdbuf()->pubsetbuf(nullptr, 0);
  in.open(path, std::ios::binary);
  std::string text(size, '\0');
  if (!in.read(text.data(), static_cast<std::streamsize>(size))) {
    kofu::wipe(text);
    return kofu::unexpected(std::string("cannot read it"));
  }
  return text;
}

std::unique_ptr<SimulatedCard> make_card(Persona persona) {
  if (auto* my_number = std::get_if<MyNumberPersona>(&persona)) {
    return std::make_unique<MyNumberCard>(std::move(*my_number));
  }
  return std::make_unique<HpkiCard>(std::move(*std::get_if<HpkiPersona>(&persona)));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kofu-cardsim — an emulated My Number or HPKI card for pcscd's vpcd reader (vsmartcard-vpcd)",
               "kofu-cardsim"};
  app.set_version_flag("--version", std::string("kofu-cardsim ") + KOFU_VERSION);
  std::string persona_path;
  LinkOptions link;
  Faults faults;
  int connect_timeout = 10;
  std::uint64_t remove_after = 0;
  int reinsert_after_ms = 0;
  int sign_delay_ms = 0;
  app.add_option("--persona", persona_path, "The card: a kofu-cardsim-persona/1 JSON file (kofu pki writes them)")
      ->required();
  app.add_option("--host", link.host, "Where vpcd listens")->capture_default_str();
  app.add_option("--port", link.port, "vpcd's port (slot 0 of Debian's vpcd: 35963; slot 1: 35964)")
      ->capture_default_str()
      ->check(CLI::Range(1, 65535));
  app.add_option("--connect-timeout", connect_timeout, "Seconds to keep trying to reach vpcd")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  CLI::Option* remove = app.add_option("--remove-after", remove_after,
                                       "Fault: the card vanishes when the N-th APDU arrives, leaving it unanswered")
                            ->check(CLI::PositiveNumber);
  app.add_option("--reinsert-after-ms", reinsert_after_ms, "Fault: after the removal, the card comes back this later")
      ->needs(remove)
      ->check(CLI::Range(0, 3'600'000));
  app.add_option("--sign-delay-ms", sign_delay_ms, "Fault: each signature takes this long (600 is like a real card)")
      ->capture_default_str()
      ->check(CLI::Range(0, 60'000));
  app.add_flag("--t0", faults.t0, "Fault: answers with data come as 61xx, fetched with GET RESPONSE (T=0 style)");
  app.add_flag("--wrong-le", faults.wrong_le,
               "Fault: a READ BINARY or GET RESPONSE asking for more than there is gets 6Cxx");
  app.add_flag("--mute", faults.mute, "Fault: the card gives its ATR but never answers an APDU");
  app.add_flag("--trace", link.trace,
               "Log each command header and status word to stderr (never a PIN, never personal data)");
  app.add_option("--ready-file", link.ready_file, "Written (with the process id) once vpcd has taken the card");
  app.footer(
      "Runs until SIGTERM or SIGINT. PIN retry counters live in memory for the life of the process.\n"
      "Exit status: 0 stopped by a signal, 1 bad persona or vpcd not reachable, 2 usage error or unreadable file.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  link.connect_timeout = std::chrono::seconds(connect_timeout);
  if (remove->count() > 0) faults.remove_after = remove_after;
  if (app.count("--reinsert-after-ms") > 0) faults.reinsert_after = std::chrono::milliseconds(reinsert_after_ms);
  faults.sign_delay = std::chrono::milliseconds(sign_delay_ms);

  auto text = read_persona_file(persona_path);
  if (!text) {
    std::cerr << "kofu-cardsim: cannot read the persona file " << persona_path << ": " << text.error() << '\n';
    return kExitUsage;
  }
  auto persona = read_persona(*text);
  kofu::wipe(*text);
  if (!persona) {
    std::cerr << "kofu-cardsim: " << persona_path << ": " << persona.error().message() << '\n';
    return kExitInvalid;
  }
  FaultyCard card(make_card(std::move(*persona)), faults);
  if (auto outcome = run_vpcd_link(card, faults, link); !outcome) {
    std::cerr << "kofu-cardsim: " << outcome.error().message() << '\n';
    return kExitInvalid;
  }
  return kExitOk;
}
