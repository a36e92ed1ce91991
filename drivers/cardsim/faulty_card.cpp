#include "drivers/cardsim/faulty_card.hpp"

#include <algorithm>
#include <thread>
#include <utility>

#include "drivers/cardsim/command_apdu.hpp"

namespace kofu::cardsim {
namespace {

constexpr std::uint8_t kGetResponse = 0xC0;
constexpr std::uint8_t kReadBinary = 0xB0;
constexpr std::uint8_t kSignature = 0x2A;  // 80 2A (JPKI) and 00 2A PSO (HPKI)

// 61xx: xx more bytes wait, 00 for 256 or more.
std::uint16_t more_data(std::size_t pending) {
  return static_cast<std::uint16_t>(0x6100 | (pending >= iso7816::kMaxShortLe ? 0 : pending));
}

std::uint16_t wrong_le(std::size_t available) {
  return static_cast<std::uint16_t>(0x6C00 | (available & 0xFF));
}

}  // namespace

FaultyCard::FaultyCard(std::unique_ptr<SimulatedCard> card, const Faults& faults, Sleep sleep)
    : card_(std::move(card)), faults_(faults), sleep_(std::move(sleep)) {}

void FaultyCard::default_sleep(std::chrono::milliseconds duration) {
  std::this_thread::sleep_for(duration);
}

void FaultyCard::power_on() {
  pending_.clear();
  card_->power_on();
}

void FaultyCard::power_off() {
  pending_.clear();
  card_->power_off();
}

void FaultyCard::reset() {
  pending_.clear();
  card_->reset();
}

Bytes FaultyCard::execute(std::string_view command_apdu) {
  const auto command = parse_command(command_apdu);
  if (faults_.t0 && command && command->cla == 0x00 && command->ins == kGetResponse) return get_response(*command);
  pending_.clear();  // any other command loses what was not fetched
  Bytes response = card_->execute(command_apdu);
  const std::uint16_t status = status_of(response);
  if (!command || status != sw::kOk) return response;
  if (command->ins == kSignature && faults_.sign_delay.count() > 0) sleep_(faults_.sign_delay);
  const std::size_t available = response.size() - 2;
  if (faults_.wrong_le && command->ins == kReadBinary && command->le && *command->le <= iso7816::kMaxShortLe &&
      available < *command->le) {
    return answer(wrong_le(available));
  }
  if (faults_.t0 && available > 0) {
    pending_ = response.substr(0, available);
    return answer(more_data(available));
  }
  return response;
}

Bytes FaultyCard::get_response(const iso7816::Command& command) {
  if (command.p1 != 0x00 || command.p2 != 0x00) return answer(sw::kWrongP1P2);
  if (!command.le || !command.data.empty()) return answer(sw::kWrongLength);
  if (pending_.empty()) return answer(sw::kConditionsNotSatisfied);
  const std::size_t available = std::min(pending_.size(), iso7816::kMaxShortLe);
  if (faults_.wrong_le && *command.le > available) return answer(wrong_le(available));
  const std::size_t count = std::min(*command.le, available);
  Bytes response = answer(std::string_view(pending_).substr(0, count),
                          pending_.size() > count ? more_data(pending_.size() - count) : sw::kOk);
  pending_.erase(0, count);
  return response;
}

}  // namespace kofu::cardsim
