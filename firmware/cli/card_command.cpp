// kofu card: the IC card readers and cards — readers, status (which card, PIN tries left; no PIN asked), basic-info
// (the 券面事項入力補助AP after its PIN, as JSON) and auth-sign (a challenge signed by the card's authentication key).
#include <termios.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <variant>

#include "cards/mynumber.hpp"
#include "commands.hpp"
#include "drivers/cards/errors.hpp"
#include "drivers/cards/hpki_card.hpp"
#include "drivers/cards/mynumber_card.hpp"
#include "drivers/cards/open_card.hpp"
#include "drivers/pcsc/async_pcsc.hpp"
#include "drivers/pcsc/pcsc.hpp"
#include "io.hpp"
#include "iso7816/errors.hpp"
#include "pki/certificate.hpp"
#include "pki/signature.hpp"
#include "secure/sha256.hpp"

namespace kofu::cli {
namespace {

// Exit codes of kofu card, beyond the shared ones.
constexpr int kExitDevice = 3;  // no service, no reader, no card, card removed, reader gone, no answer in time

struct CardArgs {
  std::string reader;
  double wait_seconds = 0;
  double timeout_seconds = 30;
  bool pin_stdin = false;
  bool last_try = false;
  bool json = false;
  bool with_my_number = false;
  std::string challenge;
  std::string key = "auto";
  std::string signature_out;
  std::string certificate_out;
  int count = 0;
  bool identify = false;
};

int fail(const char* command, const Error& error) {
  std::cerr << "kofu card " << command << ": " << error.message() << '\n';
  const std::error_code& code = error.code();
  const bool device = code.category() == pcsc::pcsc_category() || code == iso7816::TransportFault::card_removed ||
                      code == iso7816::TransportFault::reader_gone || code == iso7816::TransportFault::unresponsive ||
                      code == iso7816::TransportFault::card_reset || code == iso7816::TransportFault::timeout;
  return device ? kExitDevice : kExitInvalid;
}

int usage(const char* command, const std::string& message) {
  std::cerr << "kofu card " << command << ": " << message << '\n';
  return kExitUsage;
}

struct Connection {
  pcsc::Context context;
  pcsc::Card card;
};

Expected<Connection> connect(const CardArgs& args) {
  auto context = pcsc::Context::establish();
  if (!context) return unexpected(context.error());
  context->set_call_timeout(std::chrono::milliseconds(static_cast<long>(args.timeout_seconds * 1000)));
  const auto wait = std::chrono::milliseconds(static_cast<long>(args.wait_seconds * 1000));
  std::string reader = args.reader;
  if (reader.empty()) {
    auto found = context->wait_for_any_card(wait);
    if (!found) return unexpected(found.error());
    reader = *found;
  } else if (auto present = context->wait_for_card(reader, wait); !present) {
    return unexpected(present.error());
  }
  auto card = context->connect(reader);
  if (!card) return unexpected(card.error());
  return Connection{std::move(*context), std::move(*card)};
}

// The PIN: one line on stdin with --pin-stdin, else asked on the terminal without echo. Never echoed or logged.
Expected<Secret, std::string> read_pin(const CardArgs& args, const char* prompt) {
  const bool terminal = isatty(STDIN_FILENO) == 1;
  if (!args.pin_stdin && !terminal) return unexpected(std::string("give the PIN with --pin-stdin"));
  termios saved{};
  const bool hide = !args.pin_stdin && tcgetattr(STDIN_FILENO, &saved) == 0;
  if (!args.pin_stdin) {
    std::cerr << prompt << ": " << std::flush;
    if (hide) {
      termios quiet = saved;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  }
  Secret pin;
  bool fits = true;
  for (int c = std::cin.get(); c != EOF && c != '\n'; c = std::cin.get()) {
    if (c != '\r') fits = fits && pin.push_back(static_cast<char>(c));
  }
  if (hide) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::cerr << '\n';
  }
  if (!fits) return unexpected(std::string("the PIN is longer than any card's"));
  return pin;
}

std::string tries_text(const cards::PinStatus& status) {
  if (!status.tries_left) return "not reported";
  if (*status.tries_left == 0) return "blocked";
  return std::to_string(*status.tries_left) + (*status.tries_left == 1 ? " try left" : " tries left");
}

nlohmann::json tries_json(const cards::PinStatus& status) {
  return status.tries_left ? nlohmann::json(*status.tries_left) : nlohmann::json(nullptr);
}

int my_number_status(cards::MyNumberCard& card, nlohmann::json& out, bool json) {
  auto auth = card.pin_status();
  if (!auth) return fail("status", auth.error());
  out["card"] = "mynumber";
  out["token"] = cards::to_string(card.token());
  out["pins"]["jpki_auth"] = tries_json(*auth);
  std::optional<cards::PinStatus> text;
  if (card.token() == cards::JpkiToken::my_number_card) {  // phones have no 券面事項入力補助AP
    auto read = card.text_pin_status();
    if (!read) return fail("status", read.error());
    text = *read;
    out["pins"]["text"] = tries_json(*text);
  }
  if (json) {
    std::cout << out.dump(2) << '\n';
    return kExitOk;
  }
  std::cout << "reader: " << out["reader"].get<std::string>() << "\ncard: " << cards::to_string(card.token())
            << "\n利用者証明用 PIN (JPKI): " << tries_text(*auth) << '\n';
  if (text) std::cout << "券面事項入力補助用 PIN: " << tries_text(*text) << '\n';
  return kExitOk;
}

int hpki_status(cards::HpkiCard& card, nlohmann::json& out, bool json) {
  out["card"] = "hpki";
  if (!json) std::cout << "reader: " << out["reader"].get<std::string>() << "\ncard: HPKI card\n";
  for (const auto application : {cards::HpkiApplication::signature, cards::HpkiApplication::authentication}) {
    if (!card.has(application)) continue;
    auto pin = card.pin_status(application);
    if (!pin) return fail("status", pin.error());
    const char* name = application == cards::HpkiApplication::signature ? "signature" : "authentication";
    out["pins"][name] = tries_json(*pin);
    if (!json) std::cout << cards::to_string(application) << " PIN: " << tries_text(*pin) << '\n';
  }
  if (json) std::cout << out.dump(2) << '\n';
  return kExitOk;
}

int status(const CardArgs& args) {
  auto connection = connect(args);
  if (!connection) return fail("status", connection.error());
  const pcsc::Card& reader = connection->card;
  auto card = cards::open_card(connection->card);
  if (!card) {
    if (card.error().code() != cards::CardErrc::unknown_card) return fail("status", card.error());
    return fail("status",
                Error(card.error().code(), "the card in " + reader.reader() + " is " + card.error().message() +
                                               " (ATR " + iso7816::to_hex(reader.atr()) + ")"));
  }
  nlohmann::json out{{"reader", reader.reader()}, {"atr", iso7816::to_hex(reader.atr())}};
  if (auto* my_number = std::get_if<cards::MyNumberCard>(&*card)) return my_number_status(*my_number, out, args.json);
  return hpki_status(std::get<cards::HpkiCard>(*card), out, args.json);
}

const char* sex_code(cards::mynumber::Sex sex) {
  switch (sex) {
    case cards::mynumber::Sex::male: return "1";
    case cards::mynumber::Sex::female: return "2";
    case cards::mynumber::Sex::not_applicable: return "9";
    case cards::mynumber::Sex::not_known: break;
  }
  return "0";
}

int basic_info(const CardArgs& args) {
  auto pin = read_pin(args, "券面事項入力補助用 PIN (4 digits)");
  if (!pin) return usage("basic-info", pin.error());
  auto connection = connect(args);
  if (!connection) return fail("basic-info", connection.error());
  auto card = cards::MyNumberCard::open(connection->card);
  if (!card) return fail("basic-info", card.error());
  auto text = card->read_text(*pin, cards::PinPolicy{args.last_try}, args.with_my_number);
  if (!text) return fail("basic-info", text.error());
  const jahis::CivilDate& birth = text->basic.birth_date;
  char date[11];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", birth.year, birth.month, birth.day);
  nlohmann::json out{{"name", text->basic.name},
                     {"address", text->basic.address},
                     {"birth_date", date},
                     {"sex", sex_code(text->basic.sex)}};
  if (text->my_number) out["my_number"] = *text->my_number;
  std::cout << out.dump(2) << '\n';
  return kExitOk;
}

// The key auth-sign uses: the JPKI authentication key of a My Number card, or an HPKI application's key.
struct ChosenKey {
  std::optional<cards::AnyCard> card;
  std::optional<cards::HpkiKey> hpki_key;
  cards::SigningCard* key = nullptr;
};

Expected<void> choose_key(pcsc::Card& card, const std::string& wanted, ChosenKey& chosen) {
  if (wanted == "jpki") {
    auto my_number = cards::MyNumberCard::open(card);
    if (!my_number) return unexpected(my_number.error());
    chosen.card.emplace(std::move(*my_number));
  } else {
    auto opened = cards::open_card(card);
    if (!opened) return unexpected(opened.error());
    chosen.card.emplace(std::move(*opened));
  }
  if (auto* my_number = std::get_if<cards::MyNumberCard>(&*chosen.card)) {
    if (wanted != "auto" && wanted != "jpki") {
      return unexpected(Error(cards::CardErrc::not_hpki_card, "--key " + wanted + ": this is a My Number card"));
    }
    chosen.key = my_number;
    return {};
  }
  auto& hpki = std::get<cards::HpkiCard>(*chosen.card);
  auto application = cards::HpkiApplication::authentication;
  if (wanted == "hpki-signature" || (wanted == "auto" && !hpki.has(application))) {
    application = cards::HpkiApplication::signature;
  }
  chosen.hpki_key.emplace(hpki, application);
  chosen.key = &*chosen.hpki_key;
  return {};
}

int auth_sign(const CardArgs& args) {
  auto challenge = iso7816::parse_hex(args.challenge);
  if (!challenge || challenge->empty()) return usage("auth-sign", "--challenge: give the challenge as hex bytes");
  auto pin = read_pin(args, "PIN");
  if (!pin) return usage("auth-sign", pin.error());
  auto connection = connect(args);
  if (!connection) return fail("auth-sign", connection.error());
  ChosenKey chosen;
  if (auto chose = choose_key(connection->card, args.key, chosen); !chose) return fail("auth-sign", chose.error());
  // Certificates first: nothing to sign for if the card cannot show who it is.
  auto certificate_der = chosen.key->certificate();
  if (!certificate_der) return fail("auth-sign", certificate_der.error());
  auto certificate = pki::Certificate::parse(*certificate_der);
  if (!certificate) {
    return fail("auth-sign", Error(certificate.error().code(),
                                   chosen.key->description() + ": its certificate: " + certificate.error().message()));
  }
  auto ca_der = chosen.key->ca_certificate();
  if (!ca_der) return fail("auth-sign", ca_der.error());
  auto ca = pki::Certificate::parse(*ca_der);
  if (!ca) {
    return fail("auth-sign",
                Error(ca.error().code(), chosen.key->description() + ": its CA certificate: " + ca.error().message()));
  }
  auto signature = chosen.key->sign_sha256(sha256(*challenge), *pin, cards::PinPolicy{args.last_try});
  if (!signature) return fail("auth-sign", signature.error());
  // The card's answer is checked before anyone else is shown it.
  if (auto valid = pki::verify_signature(*certificate, *challenge, *signature); !valid) {
    return fail("auth-sign", valid.error());
  }
  if (!args.signature_out.empty()) {
    if (auto written = write_output(args.signature_out, *signature); !written)
      return usage("auth-sign", written.error());
  }
  if (!args.certificate_out.empty()) {
    if (auto written = write_output(args.certificate_out, certificate->pem()); !written) {
      return usage("auth-sign", written.error());
    }
  }
  const nlohmann::json out{{"key", chosen.key->description()},         {"algorithm", "sha256WithRSAEncryption"},
                           {"challenge", iso7816::to_hex(*challenge)}, {"signature", iso7816::to_hex(*signature)},
                           {"certificate", certificate->pem()},        {"ca_certificate", ca->pem()},
                           {"subject", certificate->subject()},        {"issuer", certificate->issuer()},
                           {"serial", certificate->serial()}};
  std::cout << out.dump(2) << '\n';
  return kExitOk;
}

// What the card just inserted is, found by a job on the PC/SC worker (the kiosk's way to use the card).
std::string identify_card(const std::string& reader, double timeout_seconds) {
  auto context = pcsc::Context::establish();
  if (!context) return "error: " + context.error().message();
  context->set_call_timeout(std::chrono::milliseconds(static_cast<long>(timeout_seconds * 1000)));
  auto card = context->connect(reader);
  if (!card) return "error: " + card.error().message();
  auto opened = cards::open_card(*card);
  if (!opened) {
    return opened.error().code() == cards::CardErrc::unknown_card ? "unknown card"
                                                                  : "error: " + opened.error().message();
  }
  if (const auto* my_number = std::get_if<cards::MyNumberCard>(&*opened)) return cards::to_string(my_number->token());
  return "HPKI card";
}

// Reader and card events as lines, from the asynchronous API on an Asio event loop, until --count events or
// --wait seconds.
int watch(const CardArgs& args) {
  boost::asio::io_context loop;
  pcsc::AsyncPcsc pcsc(loop.get_executor());
  boost::asio::steady_timer deadline(loop);
  int seen = 0;
  int result = kExitOk;
  auto finish = [&loop, &pcsc] {
    pcsc.stop();
    loop.stop();
  };
  pcsc.watch(
      [&](const pcsc::ReaderEvent& event) {
        std::cout << pcsc::to_string(event.kind) << ' ' << event.reader;
        if (!event.atr.empty()) std::cout << ' ' << iso7816::to_hex(event.atr);
        std::cout << std::endl;
        if (args.identify && event.kind == pcsc::ReaderEvent::Kind::card_inserted) {
          pcsc.run([reader = event.reader, timeout = args.timeout_seconds] { return identify_card(reader, timeout); },
                   [reader = event.reader](const std::string& what) {
                     std::cout << "card " << reader << ": " << what << std::endl;
                   });
        }
        if (args.count > 0 && ++seen >= args.count) finish();
      },
      [&](const Error& error) {
        result = fail("watch", error);
        finish();
      });
  if (args.wait_seconds > 0) {
    deadline.expires_after(std::chrono::milliseconds(static_cast<long>(args.wait_seconds * 1000)));
    deadline.async_wait([&finish](const boost::system::error_code& cancelled) {
      if (!cancelled) finish();
    });
  }
  loop.run();
  return result;
}

int readers() {
  auto context = pcsc::Context::establish();
  if (!context) return fail("readers", context.error());
  auto names = context->readers();
  if (!names) return fail("readers", names.error());
  for (const std::string& name : *names) std::cout << name << '\n';
  return kExitOk;
}

constexpr const char* kExitCodes =
    "Exit status: 0 done; 1 the card said no (wrong PIN, blocked, one try left without --last-try, not a known "
    "card); 2 usage error; 3 device problem (no smart-card service, no reader, no card, card removed, reader gone, "
    "no answer within --timeout).";

void add_connection_options(CLI::App* command, CardArgs& args) {
  command->add_option("--reader", args.reader, "Reader name (default: the first reader holding a card)");
  command->add_option("--wait", args.wait_seconds, "Seconds to wait for a card (default 0: it must be there)")
      ->check(CLI::Range(0.0, 3600.0));
  command->add_option("--timeout", args.timeout_seconds, "Seconds each card command may take (default 30)")
      ->check(CLI::Range(0.1, 600.0));
  command->footer(kExitCodes);
}

void add_pin_options(CLI::App* command, CardArgs& args) {
  command->add_flag("--pin-stdin", args.pin_stdin,
                    "Read the PIN as one line from stdin (without it, the PIN is asked on the terminal)");
  command->add_flag("--last-try", args.last_try,
                    "Allow a VERIFY when only one try is left (a wrong PIN then blocks the card)");
}

}  // namespace

void add_card_command(CLI::App& app, Action& action) {
  static CardArgs args;
  CLI::App* card = app.add_subcommand("card", "IC card readers and cards (My Number, HPKI) through PC/SC");
  card->require_subcommand(1);

  CLI::App* list = card->add_subcommand("readers", "List the card readers PC/SC knows, one per line");
  list->footer("Exit status: 0 listed, 2 usage error, 3 no smart-card service or no reader.");
  list->callback([&action] { action = [] { return readers(); }; });

  CLI::App* events =
      card->add_subcommand("watch", "Print reader and card events (plugged, unplugged, inserted, removed)");
  events->add_option("--count", args.count, "Stop after this many events (default: never)")
      ->check(CLI::Range(0, 1000000));
  events->add_option("--wait", args.wait_seconds, "Stop after this many seconds (default: never)")
      ->check(CLI::Range(0.0, 86400.0));
  events->add_flag("--identify", args.identify, "Say what each inserted card is (My Number, HPKI), without a PIN");
  events->add_option("--timeout", args.timeout_seconds, "Seconds each card command may take (default 30)")
      ->check(CLI::Range(0.1, 600.0));
  events->footer(
      "Lines: reader-added|reader-removed|card-inserted|card-removed READER [ATR]; with --identify also "
      "\"card READER: WHAT\". Exit status: 0 stopped, 2 usage error, 3 no smart-card service or it failed.");
  events->callback([&action] { action = [] { return watch(args); }; });

  CLI::App* show = card->add_subcommand("status", "Which card is in the reader and the tries left of its PINs");
  add_connection_options(show, args);
  show->add_flag("--json", args.json, "Print JSON instead of text");
  show->callback([&action] { action = [] { return status(args); }; });

  CLI::App* info = card->add_subcommand(
      "basic-info", "Read the 基本4情報 (name, address, birth date, sex) of a My Number card as JSON, after its PIN");
  add_connection_options(info, args);
  add_pin_options(info, args);
  info->add_flag("--with-my-number", args.with_my_number,
                 "Also read the 個人番号 (only when the task needs it: it is personal data kofu never stores)");
  info->callback([&action] { action = [] { return basic_info(args); }; });

  CLI::App* sign = card->add_subcommand(
      "auth-sign",
      "Sign a challenge with the card's authentication key (My Number: JPKI 利用者証明用; HPKI: 電子認証用): "
      "sha256WithRSAEncryption, printed as JSON with the certificates");
  add_connection_options(sign, args);
  add_pin_options(sign, args);
  sign->add_option("--challenge", args.challenge, "The bytes to sign, as hex")->required();
  sign->add_option("--key", args.key, "Which key: auto, jpki, hpki-authentication, hpki-signature (default auto)")
      ->check(CLI::IsMember({"auto", "jpki", "hpki-authentication", "hpki-signature"}));
  sign->add_option("--signature-out", args.signature_out, "Also write the raw signature to this file");
  sign->add_option("--certificate-out", args.certificate_out, "Also write the certificate (PEM) to this file");
  sign->callback([&action] { action = [] { return auth_sign(args); }; });
}

}  // namespace kofu::cli
