// PC/SC-Lite, synchronous: the readers, a connected card as an iso7816::Transport, and the PC/SC errors as codes a
// caller can act on (card removed, card reset, no service, timeout). Facts: ../shared/reference/iccard.md §4-5.
// The asynchronous API for the kiosk (blocking calls on a worker, Asio completion) is built on this one.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "error/expected.hpp"
#include "iso7816/exchange.hpp"

namespace kofu::pcsc {

enum class PcscErrc {
  no_service = 1,     // pcscd is not running or not reachable
  no_readers,         // no reader is connected
  reader_gone,        // the reader was unplugged
  no_card,            // no card in the reader
  card_removed,       // the card left the reader during the work
  card_reset,         // another program reset the card: selections and PIN state are gone
  unresponsive_card,  // the card does not answer (mute, or not a processor card)
  sharing_violation,  // another program holds the card exclusively
  timeout,            // the wait ran out
  transmit_failed,    // the exchange did not complete
  other,              // any other PC/SC error (the message has its name)
};

const std::error_category& pcsc_category() noexcept;
std::error_code make_error_code(PcscErrc e) noexcept;

// The kofu code for a PC/SC result, and the PC/SC name ("SCARD_W_REMOVED_CARD") for messages.
PcscErrc classify(long result) noexcept;
std::string result_name(long result);

class Card;

class Context {
 public:
  ~Context();
  Context(Context&& other) noexcept;
  Context& operator=(Context&& other) noexcept;
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  static Expected<Context> establish();

  // The time limit of each blocking call (connect, transmit, reconnect) of this context and its cards; 30 s unless
  // set. A call that overruns fails with PcscErrc::timeout and is left to finish on its own thread: pcsc-lite cannot
  // cancel it, and every later call of this context and its cards fails with timeout at once (their handles are
  // abandoned, never released, since pcsc-lite would block behind the stuck call).
  void set_call_timeout(std::chrono::milliseconds limit) noexcept { call_timeout_ = limit; }

  // The readers PC/SC knows now (no_readers when there are none).
  Expected<std::vector<std::string>> readers() const;

  // Waits until a card is present in `reader`, at most `timeout`.
  Expected<void> wait_for_card(const std::string& reader, std::chrono::milliseconds timeout) const;
  // Waits until any reader holds a card, at most `timeout` (0: only looks), and names the reader.
  Expected<std::string> wait_for_any_card(std::chrono::milliseconds timeout) const;

  // Connects exclusively (a My Number card keeps a verified PIN until power-off: no other program may use it).
  Expected<Card> connect(const std::string& reader) const;

 private:
  explicit Context(std::intptr_t handle) : handle_(handle) {}
  std::intptr_t handle_ = 0;
  std::chrono::milliseconds call_timeout_{30000};
  std::shared_ptr<std::atomic<bool>> hung_ = std::make_shared<std::atomic<bool>>(false);
};

class Card final : public iso7816::Transport {
 public:
  ~Card() override;
  Card(Card&& other) noexcept;
  Card& operator=(Card&& other) noexcept;
  Card(const Card&) = delete;
  Card& operator=(const Card&) = delete;

  // One APDU. A response shorter than 2 bytes is an error (vpcd gives an empty "success" when the card vanishes).
  Expected<iso7816::Bytes> transmit(std::string_view apdu) override;

  // After card_reset or card_removed: reconnect, leaving the card as it is. The caller selects and verifies again.
  Expected<void> reconnect();

  const std::string& reader() const noexcept { return reader_; }
  const iso7816::Bytes& atr() const noexcept { return atr_; }
  // 1 for T=0, 2 for T=1 (SCARD_PROTOCOL_*).
  unsigned long protocol() const noexcept { return protocol_; }

 private:
  friend class Context;
  Card(std::intptr_t handle, std::string reader, unsigned long protocol, std::chrono::milliseconds call_timeout,
       std::shared_ptr<std::atomic<bool>> hung);
  void read_atr();
  void release() noexcept;
  std::intptr_t handle_ = 0;
  std::chrono::milliseconds call_timeout_;
  std::shared_ptr<std::atomic<bool>> hung_;
  std::string reader_;
  unsigned long protocol_ = 0;
  iso7816::Bytes atr_;
};

}  // namespace kofu::pcsc

template <>
struct std::is_error_code_enum<kofu::pcsc::PcscErrc> : std::true_type {};
