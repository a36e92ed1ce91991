// Reader and card events: readers plugged in or out (PC/SC's PnP notification reader, \\?PnP?\Notification) and
// cards inserted or removed, from SCardGetStatusChange on a context of the monitor's own.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "error/expected.hpp"
#include "iso7816/apdu.hpp"

namespace kofu::pcsc {

struct ReaderEvent {
  enum class Kind { reader_added, reader_removed, card_inserted, card_removed };
  Kind kind;
  std::string reader;
  iso7816::Bytes atr;  // card_inserted: the card's ATR
};
const char* to_string(ReaderEvent::Kind kind) noexcept;

class Monitor {
 public:
  ~Monitor();
  Monitor(Monitor&& other) noexcept;
  Monitor& operator=(Monitor&&) = delete;
  Monitor(const Monitor&) = delete;
  Monitor& operator=(const Monitor&) = delete;

  static Expected<Monitor> start();

  // The changes since the last call (the first call reports the cards already present as inserted), waiting at most
  // `timeout` for one; empty when none came or cancel() was called.
  Expected<std::vector<ReaderEvent>> wait(std::chrono::milliseconds timeout);
  // From another thread: makes a wait() in progress return at once (SCardCancel).
  void cancel() noexcept;

 private:
  struct Watched {
    std::string reader;
    unsigned long state = 0;  // SCARD_STATE_*, as last seen
  };
  explicit Monitor(std::intptr_t handle) : handle_(handle) {}
  Expected<void> refresh_readers(std::vector<ReaderEvent>& events);

  std::intptr_t handle_ = 0;
  std::vector<Watched> readers_;
  unsigned long pnp_state_ = 0;
  bool pnp_supported_ = true;
};

}  // namespace kofu::pcsc
