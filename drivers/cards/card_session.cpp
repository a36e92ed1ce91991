#include "drivers/cards/card_session.hpp"

#include <algorithm>

#include "cards/mynumber.hpp"
#include "drivers/cards/errors.hpp"
#include "iso7816/tlv.hpp"

namespace kofu::cards {
namespace {

constexpr std::uint16_t kNotFound = 0x6A82;
constexpr std::uint16_t kSecurityNotSatisfied = 0x6982;
constexpr std::uint16_t kNoPreciseDiagnosis = 0x6F00;
constexpr std::uint16_t kAuthMethodBlocked = 0x6983;
constexpr std::uint16_t kReferenceBlocked = 0x6984;
constexpr std::uint16_t kOffsetBeyondEnd = 0x6B00;
constexpr std::uint16_t kEndOfFile = 0x6282;
constexpr std::size_t kChunk = iso7816::kMaxShortLe;
constexpr std::size_t kMaxOffset = 0x7FFF;  // READ BINARY with P1 b8 = 0: a 15-bit offset

Error refused(std::uint16_t sw, std::string_view what) {
  const CardErrc code = sw == kSecurityNotSatisfied ? CardErrc::access_denied : CardErrc::card_refused;
  return Error(code, std::string(what) + ": the card answered " + iso7816::describe(sw));
}

std::string tries_text(int n) {
  return std::to_string(n) + (n == 1 ? " try" : " tries");
}

Error blocked(const PinRules& rules) {
  return Error(CardErrc::pin_blocked,
               std::string("the ") + rules.name + " is blocked; only " + rules.unblock + " can unblock it");
}

Expected<void> check_format(const Secret& pin, const PinRules& rules) {
  const std::string_view text = pin.view();
  const bool length_ok = text.size() >= rules.min_length && text.size() <= rules.max_length;
  const bool chars_ok = std::all_of(text.begin(), text.end(), [&rules](char c) {
    return rules.digits_only ? c >= '0' && c <= '9' : c > 0x20 && c < 0x7F;
  });
  if (length_ok && chars_ok) return {};
  // The message describes the rule, never the PIN.
  const std::string length = rules.min_length == rules.max_length
                                 ? std::to_string(rules.min_length)
                                 : std::to_string(rules.min_length) + "–" + std::to_string(rules.max_length);
  return unexpected(
      Error(CardErrc::bad_pin_format, std::string("the ") + rules.name + " is " + length +
                                          (rules.digits_only ? " digits" : " printable ASCII characters") +
                                          "; nothing was sent to the card"));
}

}  // namespace

Expected<iso7816::Response> CardSession::run(const iso7816::Command& command, std::string_view what) {
  auto response = iso7816::exchange(*transport_, command);
  if (!response)
    return unexpected(Error(response.error().code(), std::string(what) + ": " + response.error().message()));
  return response;
}

Expected<iso7816::Response> CardSession::run_ok(const iso7816::Command& command, std::string_view what) {
  auto response = run(command, what);
  if (response && !response->ok()) return unexpected(refused(response->sw, what));
  return response;
}

Expected<bool> CardSession::select_application(std::string_view aid, std::string_view what) {
  const iso7816::Command select = mynumber::select_application(aid);
  auto response = run(select, what);
  if (response && response->sw == kNoPreciseDiagnosis) response = run(select, what);
  if (!response) return unexpected(response.error());
  if (response->sw == kNotFound) return false;
  if (!response->ok()) return unexpected(refused(response->sw, what));
  return true;
}

Expected<void> CardSession::select_file(std::uint16_t id, std::string_view what) {
  const iso7816::Command select = mynumber::select_file(id);
  auto response = run_ok(select, std::string(what) + " (selecting EF " + iso7816::to_hex(select.data) + ")");
  if (!response) return unexpected(response.error());
  return {};
}

Expected<iso7816::Bytes> CardSession::read_object(std::string_view what, bool extended, std::size_t limit) {
  auto read_at = [this, what](std::size_t offset, std::size_t length) {
    return run(mynumber::read_binary(offset, length), what);
  };
  auto first = read_at(0, extended ? iso7816::kMaxExtendedLe : kChunk);
  // A card without extended length says so with an error status; the short reads below do the work then.
  if (first && extended && !first->ok() && first->sw != kEndOfFile) first = read_at(0, kChunk);
  if (!first) return unexpected(first.error());
  if (!first->ok() && first->sw != kEndOfFile) return unexpected(refused(first->sw, what));
  iso7816::Bytes object = std::move(first->data);
  auto size = iso7816::der_size(object);
  if (!size) return unexpected(Error(CardErrc::bad_file, std::string(what) + ": " + size.error().message()));
  if (*size > limit) {
    return unexpected(Error(CardErrc::bad_file, std::string(what) + ": the header announces " + std::to_string(*size) +
                                                    " bytes, more than the " + std::to_string(limit) + " expected"));
  }
  while (object.size() < *size) {
    if (object.size() > kMaxOffset) {
      return unexpected(Error(CardErrc::bad_file, std::string(what) + ": the object goes beyond offset 7FFF"));
    }
    auto chunk = read_at(object.size(), std::min(kChunk, *size - object.size()));
    if (!chunk) return unexpected(chunk.error());
    const bool at_end = chunk->sw == kOffsetBeyondEnd || chunk->sw == kEndOfFile || chunk->data.empty();
    if (!chunk->ok() && !at_end) return unexpected(refused(chunk->sw, what));
    object += chunk->data;
    if (at_end && object.size() < *size) {
      return unexpected(Error(CardErrc::bad_file, std::string(what) + ": the file ends after " +
                                                      std::to_string(object.size()) + " of the " +
                                                      std::to_string(*size) + " bytes its header announces"));
    }
  }
  object.resize(*size);  // filler after the object is not part of it
  return object;
}

Expected<PinStatus> CardSession::pin_status(std::string_view what) {
  auto response = run(mynumber::retries_query(), what);
  if (!response) return unexpected(response.error());
  if (auto tries = iso7816::tries_left(response->sw)) return PinStatus{*tries};
  if (response->sw == kReferenceBlocked || response->sw == kAuthMethodBlocked) return PinStatus{0};
  if (response->ok()) return PinStatus{};  // some cards answer 9000: not reported
  return unexpected(refused(response->sw, what));
}

Expected<void> CardSession::verify(const Secret& pin, const PinRules& rules, PinPolicy policy) {
  if (auto format = check_format(pin, rules); !format) return format;
  const std::string what = std::string("checking the ") + rules.name;
  auto status = pin_status(what);
  if (!status) return unexpected(status.error());
  if (status->blocked()) return unexpected(blocked(rules));
  if (status->tries_left == 1 && !policy.allow_last_try) {
    return unexpected(Error(CardErrc::last_try_refused,
                            std::string("only 1 try is left for the ") + rules.name +
                                ": a wrong PIN now blocks it, so the PIN was not sent; the person must confirm first"));
  }
  iso7816::Command command{0x00, 0x20, 0x00, 0x80, {}, std::nullopt};
  command.data.reserve(Secret::kCapacity);  // filled in place: no temporary copy of the PIN
  command.data.assign(pin.view());
  auto response = iso7816::exchange_secret(*transport_, std::move(command));
  if (!response) {
    // The VERIFY may have counted: the caller asks the counter again before anything else (pitfall 6).
    return unexpected(
        Error(response.error().code(), "verifying the " + std::string(rules.name) + ": " + response.error().message()));
  }
  if (response->ok()) return {};
  if (auto tries = iso7816::tries_left(response->sw)) {
    if (*tries == 0) {
      return unexpected(Error(CardErrc::pin_blocked, std::string("wrong ") + rules.name +
                                                         ": that was the last try and it is now blocked; only " +
                                                         rules.unblock + " can unblock it"));
    }
    return unexpected(
        Error(CardErrc::wrong_pin, std::string("wrong ") + rules.name + ": " + tries_text(*tries) + " left"));
  }
  if (response->sw == kReferenceBlocked || response->sw == kAuthMethodBlocked) return unexpected(blocked(rules));
  return unexpected(refused(response->sw, "verifying the " + std::string(rules.name)));
}

}  // namespace kofu::cards
