// The steps every card application repeats, with errors that name the step: select, read a whole file, the retry
// counter, VERIFY under the PIN-safety rules (iccard.md §1.7, §5 pitfalls 1, 2, 9, 17).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "drivers/cards/signing_card.hpp"
#include "error/expected.hpp"
#include "iso7816/exchange.hpp"
#include "secure/secret.hpp"

namespace kofu::cards {

// What a PIN looks like on this card; checked before any VERIFY so that a typo costs no try.
struct PinRules {
  std::size_t min_length = 4;
  std::size_t max_length = 4;
  bool digits_only = true;
  const char* name = "PIN";            // "the 利用者証明用 PIN" style, for messages
  const char* unblock = "the issuer";  // who can unblock it: "the municipal office (市区町村の窓口)"
};

class CardSession {
 public:
  explicit CardSession(iso7816::Transport& transport) : transport_(&transport) {}

  // One command; a transport error keeps its code and gets `what` in front of its message.
  Expected<iso7816::Response> run(const iso7816::Command& command, std::string_view what);
  // As run, and anything but 9000 is an error (6982 access_denied, others card_refused, naming `what`).
  Expected<iso7816::Response> run_ok(const iso7816::Command& command, std::string_view what);

  // SELECT by full AID (00 A4 04 0C). False when the card has no such application (6A82). A 6F00 answer right after
  // power-up is retried once (the command changes nothing).
  Expected<bool> select_application(std::string_view aid, std::string_view what);
  Expected<void> select_file(std::uint16_t id, std::string_view what);

  // The whole BER object in the current EF (a certificate, a record): its header tells the size, the rest comes in
  // chunks of at most 256 bytes. With `extended`, one extended READ BINARY is tried first (JAHIS HPKI Annex C) and
  // the chunks continue from wherever it stopped. At most `limit` bytes.
  Expected<iso7816::Bytes> read_object(std::string_view what, bool extended = false, std::size_t limit = 16384);

  // The retry counter of the PIN in the current IEF (00 20 00 80 without data; no try is used).
  Expected<PinStatus> pin_status(std::string_view what);

  // The PIN-safe VERIFY of the current IEF: the format first, then the counter (blocked, or one try left without
  // the policy's override, stop here), then exactly one VERIFY. The command bytes are wiped.
  Expected<void> verify(const Secret& pin, const PinRules& rules, PinPolicy policy);

  iso7816::Transport& transport() noexcept { return *transport_; }

 private:
  iso7816::Transport* transport_;
};

}  // namespace kofu::cards
