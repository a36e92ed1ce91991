#include "drivers/pcsc/pcsc.hpp"

#include "drivers/pcsc/detail.hpp"

#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>

#include <algorithm>
#include <array>
#include <future>
#include <thread>

#include "error/category.hpp"
#include "iso7816/errors.hpp"
#include "secure/secret.hpp"

namespace kofu::pcsc {
namespace {

// What each code means (ErrorCategory gives the unknown ones a sentence too).
const char* describe(int value) noexcept {
  switch (static_cast<PcscErrc>(value)) {
    case PcscErrc::no_service: return "the smart-card service (pcscd) is not running";
    case PcscErrc::no_readers: return "no card reader is connected";
    case PcscErrc::reader_gone: return "the card reader was disconnected";
    case PcscErrc::no_card: return "no card is in the reader";
    case PcscErrc::card_removed: return "the card was removed";
    case PcscErrc::card_reset: return "the card was reset by another program";
    case PcscErrc::unresponsive_card: return "the card does not answer";
    case PcscErrc::sharing_violation: return "another program is using the card";
    case PcscErrc::timeout: return "the wait for the card timed out";
    case PcscErrc::transmit_failed: return "the exchange with the card failed";
    case PcscErrc::other: return "smart-card error";
  }
  return nullptr;
}

// The transport condition of each code, so that card applications and flows need not know PC/SC.
std::error_condition condition(int value) noexcept {
  switch (static_cast<PcscErrc>(value)) {
    case PcscErrc::no_service:
    case PcscErrc::no_readers:
    case PcscErrc::reader_gone: return iso7816::TransportFault::reader_gone;
    case PcscErrc::no_card:
    case PcscErrc::card_removed: return iso7816::TransportFault::card_removed;
    case PcscErrc::card_reset: return iso7816::TransportFault::card_reset;
    case PcscErrc::unresponsive_card:
    case PcscErrc::transmit_failed: return iso7816::TransportFault::unresponsive;
    case PcscErrc::timeout: return iso7816::TransportFault::timeout;
    case PcscErrc::sharing_violation:
    case PcscErrc::other: break;
  }
  return {};
}

using detail::fail;

// kHung: a call of ours that overran its time limit (SCARD_E_TIMEOUT is PC/SC's own wait running out).
constexpr LONG kHung = -1;

Error fail(LONG result, const std::string& what, std::chrono::milliseconds limit) {
  if (result != kHung) return fail(result, what);
  return Error(PcscErrc::timeout, what + ": no answer within " + std::to_string(limit.count()) +
                                      " ms; the reader or card is stuck: take the card out and put it back");
}

// Runs a blocking PC/SC call on its own thread and waits at most `limit`. pcsc-lite cannot cancel a call in
// progress, so one that overruns is left to finish, and `hung` makes every later call fail at once.
template <class Call>
LONG call_with_timeout(Call call, std::chrono::milliseconds limit, std::atomic<bool>& hung) {
  if (hung) return kHung;
  auto done = std::make_shared<std::promise<LONG>>();
  std::future<LONG> result = done->get_future();
  std::thread([done, call = std::move(call)] { done->set_value(call()); }).detach();
  if (result.wait_for(limit) == std::future_status::ready) return result.get();
  hung = true;
  return kHung;
}

SCARDCONTEXT context_of(std::intptr_t handle) {
  return static_cast<SCARDCONTEXT>(handle);
}
SCARDHANDLE card_of(std::intptr_t handle) {
  return static_cast<SCARDHANDLE>(handle);
}

}  // namespace

const std::error_category& pcsc_category() noexcept {
  static const ErrorCategory category("kofu.pcsc", describe, condition);
  return category;
}

std::error_code make_error_code(PcscErrc e) noexcept {
  return {static_cast<int>(e), pcsc_category()};
}

PcscErrc classify(long result) noexcept {
  switch (static_cast<LONG>(result)) {
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED: return PcscErrc::no_service;
    case SCARD_E_NO_READERS_AVAILABLE: return PcscErrc::no_readers;
    case SCARD_E_UNKNOWN_READER:
    case SCARD_E_READER_UNAVAILABLE: return PcscErrc::reader_gone;
    case SCARD_E_NO_SMARTCARD: return PcscErrc::no_card;
    case SCARD_W_REMOVED_CARD: return PcscErrc::card_removed;
    case SCARD_W_RESET_CARD: return PcscErrc::card_reset;
    case SCARD_W_UNRESPONSIVE_CARD:
    case SCARD_W_UNPOWERED_CARD:
    case SCARD_W_UNSUPPORTED_CARD: return PcscErrc::unresponsive_card;
    case SCARD_E_SHARING_VIOLATION: return PcscErrc::sharing_violation;
    case SCARD_E_TIMEOUT: return PcscErrc::timeout;
    case SCARD_E_NOT_TRANSACTED:
    case SCARD_E_PROTO_MISMATCH:
    case SCARD_F_COMM_ERROR: return PcscErrc::transmit_failed;
    default: return PcscErrc::other;
  }
}

std::string result_name(long result) {
  struct Name {
    LONG value;
    const char* name;
  };
  static constexpr std::array<Name, 16> kNames = {{
      {SCARD_E_NO_SERVICE, "SCARD_E_NO_SERVICE"},
      {SCARD_E_SERVICE_STOPPED, "SCARD_E_SERVICE_STOPPED"},
      {SCARD_E_NO_READERS_AVAILABLE, "SCARD_E_NO_READERS_AVAILABLE"},
      {SCARD_E_UNKNOWN_READER, "SCARD_E_UNKNOWN_READER"},
      {SCARD_E_READER_UNAVAILABLE, "SCARD_E_READER_UNAVAILABLE"},
      {SCARD_E_NO_SMARTCARD, "SCARD_E_NO_SMARTCARD"},
      {SCARD_W_REMOVED_CARD, "SCARD_W_REMOVED_CARD"},
      {SCARD_W_RESET_CARD, "SCARD_W_RESET_CARD"},
      {SCARD_W_UNRESPONSIVE_CARD, "SCARD_W_UNRESPONSIVE_CARD"},
      {SCARD_W_UNPOWERED_CARD, "SCARD_W_UNPOWERED_CARD"},
      {SCARD_E_SHARING_VIOLATION, "SCARD_E_SHARING_VIOLATION"},
      {SCARD_E_TIMEOUT, "SCARD_E_TIMEOUT"},
      {SCARD_E_NOT_TRANSACTED, "SCARD_E_NOT_TRANSACTED"},
      {SCARD_E_PROTO_MISMATCH, "SCARD_E_PROTO_MISMATCH"},
      {SCARD_F_COMM_ERROR, "SCARD_F_COMM_ERROR"},
      {SCARD_E_CANCELLED, "SCARD_E_CANCELLED"},
  }};
  for (const Name& n : kNames) {
    if (n.value == static_cast<LONG>(result)) return n.name;
  }
  return pcsc_stringify_error(static_cast<LONG>(result));
}

Context::~Context() {
  if (handle_ != 0 && !*hung_) SCardReleaseContext(context_of(handle_));
}

Context::Context(Context&& other) noexcept
    : handle_(other.handle_), call_timeout_(other.call_timeout_), hung_(other.hung_) {
  other.handle_ = 0;
}

Context& Context::operator=(Context&& other) noexcept {
  if (this != &other) {
    if (handle_ != 0 && !*hung_) SCardReleaseContext(context_of(handle_));
    handle_ = other.handle_;
    call_timeout_ = other.call_timeout_;
    hung_ = other.hung_;
    other.handle_ = 0;
  }
  return *this;
}

Expected<Context> Context::establish() {
  SCARDCONTEXT context = 0;
  const LONG rc = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context);
  if (rc != SCARD_S_SUCCESS) return unexpected(fail(rc, "cannot reach the smart-card service"));
  return Context(static_cast<std::intptr_t>(context));
}

Error detail::fail(long result, const std::string& what) {
  return Error(classify(result), what + ": " + pcsc_category().message(static_cast<int>(classify(result))) + " (" +
                                     result_name(result) + ")");
}

Expected<std::vector<std::string>> detail::list_readers(std::intptr_t context) {
  DWORD size = 0;
  LONG rc = SCardListReaders(context_of(context), nullptr, nullptr, &size);
  std::vector<std::string> names;
  if (rc == SCARD_E_NO_READERS_AVAILABLE) return names;
  if (rc != SCARD_S_SUCCESS) return unexpected(fail(rc, "cannot list the readers"));
  std::string buffer(size, '\0');
  rc = SCardListReaders(context_of(context), nullptr, buffer.data(), &size);
  if (rc == SCARD_E_NO_READERS_AVAILABLE) return names;
  if (rc != SCARD_S_SUCCESS) return unexpected(fail(rc, "cannot list the readers"));
  // A multi-string: names separated by NUL, ended by an empty one.
  for (std::size_t start = 0; start < buffer.size() && buffer[start] != '\0';) {
    const std::size_t end = buffer.find('\0', start);
    names.emplace_back(buffer.substr(start, end - start));
    start = end + 1;
  }
  return names;
}

Expected<std::vector<std::string>> Context::readers() const {
  auto names = detail::list_readers(handle_);
  if (names && names->empty()) return unexpected(fail(SCARD_E_NO_READERS_AVAILABLE, "cannot list the readers"));
  return names;
}

Expected<void> Context::wait_for_card(const std::string& reader, std::chrono::milliseconds timeout) const {
  SCARD_READERSTATE state{};
  state.szReader = reader.c_str();
  state.dwCurrentState = SCARD_STATE_UNAWARE;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() < 0) return unexpected(fail(SCARD_E_TIMEOUT, "waiting for a card in " + reader));
    const LONG rc = SCardGetStatusChange(context_of(handle_), static_cast<DWORD>(left.count()), &state, 1);
    if (rc != SCARD_S_SUCCESS) return unexpected(fail(rc, "waiting for a card in " + reader));
    if ((state.dwEventState & SCARD_STATE_UNKNOWN) != 0) {
      return unexpected(fail(SCARD_E_UNKNOWN_READER, "waiting for a card in " + reader));
    }
    if ((state.dwEventState & SCARD_STATE_PRESENT) != 0 && (state.dwEventState & SCARD_STATE_MUTE) == 0) return {};
    state.dwCurrentState = state.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
  }
}

Expected<std::string> Context::wait_for_any_card(std::chrono::milliseconds timeout) const {
  auto names = readers();
  if (!names) return unexpected(names.error());
  std::vector<SCARD_READERSTATE> states(names->size());
  for (std::size_t i = 0; i < names->size(); ++i) {
    states[i].szReader = (*names)[i].c_str();
    states[i].dwCurrentState = SCARD_STATE_UNAWARE;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::max<std::chrono::milliseconds>(
        std::chrono::milliseconds(0),
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
    const LONG rc = SCardGetStatusChange(context_of(handle_), static_cast<DWORD>(left.count()), states.data(),
                                         static_cast<DWORD>(states.size()));
    if (rc == SCARD_E_TIMEOUT) return unexpected(Error(PcscErrc::no_card, "no card in any reader"));
    if (rc != SCARD_S_SUCCESS) return unexpected(fail(rc, "waiting for a card"));
    for (std::size_t i = 0; i < states.size(); ++i) {
      const DWORD event = states[i].dwEventState;
      if ((event & SCARD_STATE_PRESENT) != 0 && (event & SCARD_STATE_MUTE) == 0) return (*names)[i];
      states[i].dwCurrentState = event & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
    }
    if (left.count() == 0) return unexpected(Error(PcscErrc::no_card, "no card in any reader"));
  }
}

Expected<Card> Context::connect(const std::string& reader) const {
  struct Connection {
    SCARDHANDLE card = 0;
    DWORD protocol = 0;
  };
  auto connection = std::make_shared<Connection>();
  const SCARDCONTEXT context = context_of(handle_);
  const LONG rc = call_with_timeout(
      [connection, context, reader] {
        return SCardConnect(context, reader.c_str(), SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
                            &connection->card, &connection->protocol);
      },
      call_timeout_, *hung_);
  if (rc != SCARD_S_SUCCESS) return unexpected(fail(rc, "cannot connect to the card in " + reader, call_timeout_));
  Card connected(static_cast<std::intptr_t>(connection->card), reader, connection->protocol, call_timeout_, hung_);
  connected.read_atr();
  return connected;
}

Card::Card(std::intptr_t handle, std::string reader, unsigned long protocol, std::chrono::milliseconds call_timeout,
           std::shared_ptr<std::atomic<bool>> hung)
    : handle_(handle),
      call_timeout_(call_timeout),
      hung_(std::move(hung)),
      reader_(std::move(reader)),
      protocol_(protocol) {}

// Unpower: a verified PIN must not outlive this session (iccard.md §5 pitfall 4). After a hung call the handle is
// abandoned: pcsc-lite would block behind it.
void Card::release() noexcept {
  if (handle_ != 0 && !*hung_) SCardDisconnect(card_of(handle_), SCARD_UNPOWER_CARD);
  handle_ = 0;
}

Card::~Card() {
  release();
}

Card::Card(Card&& other) noexcept
    : handle_(other.handle_),
      call_timeout_(other.call_timeout_),
      hung_(other.hung_),
      reader_(std::move(other.reader_)),
      protocol_(other.protocol_),
      atr_(std::move(other.atr_)) {
  other.handle_ = 0;
}

Card& Card::operator=(Card&& other) noexcept {
  if (this != &other) {
    release();
    handle_ = other.handle_;
    call_timeout_ = other.call_timeout_;
    hung_ = other.hung_;
    reader_ = std::move(other.reader_);
    protocol_ = other.protocol_;
    atr_ = std::move(other.atr_);
    other.handle_ = 0;
  }
  return *this;
}

void Card::read_atr() {
  std::array<unsigned char, MAX_ATR_SIZE> atr{};
  DWORD atr_size = atr.size();
  DWORD state = 0;
  DWORD protocol = 0;
  std::array<char, 256> name{};
  DWORD name_size = name.size();
  if (!*hung_ && SCardStatus(card_of(handle_), name.data(), &name_size, &state, &protocol, atr.data(), &atr_size) ==
                     SCARD_S_SUCCESS) {
    atr_.assign(reinterpret_cast<const char*>(atr.data()), atr_size);
  }
}

Expected<iso7816::Bytes> Card::transmit(std::string_view apdu) {
  // Shared with the call's thread, which may outlive this function; the command (a PIN, maybe) is wiped with it.
  struct Exchange {
    ~Exchange() { wipe(command); }
    std::string command;
    std::string response = std::string(65538, '\0');  // the largest extended answer and its status word
    DWORD length = 0;
  };
  auto exchange = std::make_shared<Exchange>();
  exchange->command.reserve(apdu.size());
  exchange->command.assign(apdu);
  exchange->length = static_cast<DWORD>(exchange->response.size());
  const SCARDHANDLE card = card_of(handle_);
  const SCARD_IO_REQUEST* pci = protocol_ == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
  const LONG rc = call_with_timeout(
      [exchange, card, pci] {
        return SCardTransmit(card, pci, reinterpret_cast<const unsigned char*>(exchange->command.data()),
                             static_cast<DWORD>(exchange->command.size()), nullptr,
                             reinterpret_cast<unsigned char*>(exchange->response.data()), &exchange->length);
      },
      call_timeout_, *hung_);
  if (rc != SCARD_S_SUCCESS) return unexpected(fail(rc, "exchange with the card in " + reader_, call_timeout_));
  if (exchange->length < 2) {
    return unexpected(Error(PcscErrc::card_removed, "exchange with the card in " + reader_ + ": the answer has " +
                                                        std::to_string(exchange->length) +
                                                        " byte(s), no status word: the card was removed"));
  }
  exchange->response.resize(exchange->length);
  return std::move(exchange->response);
}

Expected<void> Card::reconnect() {
  auto protocol = std::make_shared<DWORD>(0);
  const SCARDHANDLE card = card_of(handle_);
  const LONG rc = call_with_timeout(
      [protocol, card] {
        return SCardReconnect(card, SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, SCARD_LEAVE_CARD,
                              protocol.get());
      },
      call_timeout_, *hung_);
  if (rc != SCARD_S_SUCCESS) return unexpected(fail(rc, "cannot reconnect to the card in " + reader_, call_timeout_));
  protocol_ = *protocol;
  read_atr();
  return {};
}

}  // namespace kofu::pcsc
