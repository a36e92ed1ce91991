#include "drivers/pcsc/monitor.hpp"

#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>

#include <algorithm>

#include "drivers/pcsc/detail.hpp"
#include "drivers/pcsc/pcsc.hpp"

namespace kofu::pcsc {
namespace {

constexpr const char* kPnpReader = R"(\\?PnP?\Notification)";

using detail::fail;

bool present(DWORD state) {
  return (state & SCARD_STATE_PRESENT) != 0 && (state & SCARD_STATE_MUTE) == 0;
}

}  // namespace

const char* to_string(ReaderEvent::Kind kind) noexcept {
  switch (kind) {
    case ReaderEvent::Kind::reader_added: return "reader-added";
    case ReaderEvent::Kind::reader_removed: return "reader-removed";
    case ReaderEvent::Kind::card_inserted: return "card-inserted";
    case ReaderEvent::Kind::card_removed: return "card-removed";
  }
  return "unknown";
}

Monitor::~Monitor() {
  if (handle_ != 0) SCardReleaseContext(static_cast<SCARDCONTEXT>(handle_));
}

Monitor::Monitor(Monitor&& other) noexcept
    : handle_(other.handle_),
      readers_(std::move(other.readers_)),
      pnp_state_(other.pnp_state_),
      pnp_supported_(other.pnp_supported_) {
  other.handle_ = 0;
}

Expected<Monitor> Monitor::start() {
  SCARDCONTEXT context = 0;
  const LONG rc = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context);
  if (rc != SCARD_S_SUCCESS) return unexpected(fail(rc, "cannot reach the smart-card service"));
  return Monitor(static_cast<std::intptr_t>(context));
}

void Monitor::cancel() noexcept {
  SCardCancel(static_cast<SCARDCONTEXT>(handle_));
}

// Readers that appeared or went since the last look; a reader that goes takes its card with it.
Expected<void> Monitor::refresh_readers(std::vector<ReaderEvent>& events) {
  auto listed = detail::list_readers(handle_);
  if (!listed) return unexpected(listed.error());
  const std::vector<std::string>& now = *listed;
  for (auto it = readers_.begin(); it != readers_.end();) {
    if (std::find(now.begin(), now.end(), it->reader) == now.end()) {
      if (present(it->state)) events.push_back({ReaderEvent::Kind::card_removed, it->reader, {}});
      events.push_back({ReaderEvent::Kind::reader_removed, it->reader, {}});
      it = readers_.erase(it);
    } else {
      ++it;
    }
  }
  for (const std::string& name : now) {
    const bool known =
        std::any_of(readers_.begin(), readers_.end(), [&name](const Watched& w) { return w.reader == name; });
    if (!known) {
      readers_.push_back({name, SCARD_STATE_UNAWARE});
      events.push_back({ReaderEvent::Kind::reader_added, name, {}});
    }
  }
  return {};
}

Expected<std::vector<ReaderEvent>> Monitor::wait(std::chrono::milliseconds timeout) {
  std::vector<ReaderEvent> events;
  if (auto listed = refresh_readers(events); !listed) return unexpected(listed.error());
  std::vector<SCARD_READERSTATE> states(readers_.size() + (pnp_supported_ ? 1 : 0));
  for (std::size_t i = 0; i < readers_.size(); ++i) {
    states[i].szReader = readers_[i].reader.c_str();
    states[i].dwCurrentState = readers_[i].state;
  }
  if (pnp_supported_) {
    states.back().szReader = kPnpReader;
    states.back().dwCurrentState = pnp_state_;
  }
  // Changes found while listing are news enough: look without waiting.
  const DWORD wait_ms = events.empty() ? static_cast<DWORD>(timeout.count()) : 0;
  const LONG rc = SCardGetStatusChange(static_cast<SCARDCONTEXT>(handle_), wait_ms, states.data(),
                                       static_cast<DWORD>(states.size()));
  if (rc == SCARD_E_TIMEOUT || rc == SCARD_E_CANCELLED) return events;
  if (rc != SCARD_S_SUCCESS) return unexpected(fail(rc, "waiting for reader and card events"));
  if (pnp_supported_) {
    const DWORD pnp = states.back().dwEventState;
    if ((pnp & SCARD_STATE_UNKNOWN) != 0) pnp_supported_ = false;  // an old pcsc-lite: readers are listed each time
    pnp_state_ = pnp & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
  }
  for (std::size_t i = 0; i < readers_.size(); ++i) {
    const DWORD before = readers_[i].state;
    const DWORD after = states[i].dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
    if ((states[i].dwEventState & SCARD_STATE_CHANGED) == 0) continue;
    readers_[i].state = after;
    if (present(after) && !present(before)) {
      events.push_back({ReaderEvent::Kind::card_inserted, readers_[i].reader,
                        iso7816::Bytes(reinterpret_cast<const char*>(states[i].rgbAtr), states[i].cbAtr)});
    } else if (!present(after) && present(before)) {
      events.push_back({ReaderEvent::Kind::card_removed, readers_[i].reader, {}});
    }
  }
  return events;
}

}  // namespace kofu::pcsc
