#include "drivers/cardsim/file_system.hpp"

#include <string>
#include <utility>

#include "drivers/cardsim/simulated_card.hpp"

namespace kofu::cardsim {
namespace {

// Every byte of the stored PIN is looked at whatever the offered one holds: the time a VERIFY takes says nothing
// about how many leading characters were right.
bool same_pin(std::string_view stored, std::string_view offered) noexcept {
  std::size_t difference = stored.size() ^ offered.size();
  for (std::size_t i = 0; i < stored.size(); ++i) {
    const char c = i < offered.size() ? offered[i] : '\0';
    difference |= static_cast<std::uint8_t>(stored[i] ^ c);
  }
  return difference == 0;
}

std::uint16_t tries_left(int tries) {
  return static_cast<std::uint16_t>(sw::kTriesLeft | tries);
}

bool holds(const Application& application, std::uint16_t id) {
  return application.files.contains(id) || application.pins.contains(id) || application.keys.contains(id);
}

// P2 80 is the current EF, 81..9E name an EF by its short id (JICSAP: the EF ids are 0001-001E).
bool is_reference(std::uint8_t p2) {
  return p2 >= 0x80 && p2 <= 0x9E;
}

}  // namespace

void FileSystem::end_session() {
  session_ = Session{};
}

std::optional<std::size_t> FileSystem::find_application(std::string_view aid) const {
  for (std::size_t i = 0; i < applications_.size(); ++i) {
    if (applications_[i].aid == aid) return i;
  }
  return std::nullopt;
}

void FileSystem::select_application(std::size_t index) {
  if (session_.application != index) session_ = Session{};
  session_.application = index;
  session_.file.reset();
}

Application* FileSystem::current() noexcept {
  return session_.application ? &applications_[*session_.application] : nullptr;
}

PinIef* FileSystem::find_pin(std::uint16_t id) {
  Application* application = current();
  if (application == nullptr) return nullptr;
  const auto pin = application->pins.find(id);
  return pin == application->pins.end() ? nullptr : &pin->second;
}

bool FileSystem::has_key(std::uint16_t id) const {
  return session_.application && applications_[*session_.application].keys.contains(id);
}

std::optional<std::uint16_t> FileSystem::referenced_ef(std::uint8_t p2) const {
  if (!is_reference(p2)) return std::nullopt;
  if (p2 == 0x80) return session_.file;
  return static_cast<std::uint16_t>(p2 & 0x1F);
}

Bytes FileSystem::select_file(const iso7816::Command& command) {
  if (command.p2 != 0x0C) return answer(sw::kWrongP1P2);
  if (command.data.size() != 2) return answer(sw::kWrongLength);
  const auto id = static_cast<std::uint16_t>(static_cast<std::uint8_t>(command.data[0]) << 8 |
                                             static_cast<std::uint8_t>(command.data[1]));
  const Application* application = current();
  if (application == nullptr || !holds(*application, id)) return answer(sw::kNotFound);
  session_.file = id;
  return answer(sw::kOk);
}

Bytes FileSystem::read_binary(const iso7816::Command& command) {
  if (!command.le || !command.data.empty()) return answer(sw::kWrongLength);
  Application* application = current();
  std::uint16_t id = 0;
  std::size_t offset = 0;
  if ((command.p1 & 0x80) != 0) {
    // P1 = 100 sfi: the EF with that short id becomes current and P2 is an 8-bit offset (ISO/IEC 7816-4 §11.2.3).
    const auto sfi = static_cast<std::uint16_t>(command.p1 & 0x1F);
    if ((command.p1 & 0x60) != 0 || sfi == 0) return answer(sw::kWrongP1P2);
    if (application == nullptr || !holds(*application, sfi)) return answer(sw::kNotFound);
    id = sfi;
    session_.file = id;
    offset = command.p2;
  } else {
    if (!session_.file) return answer(sw::kNoCurrentEf);
    id = *session_.file;
    offset = static_cast<std::size_t>(command.p1) << 8 | command.p2;  // 15 bits: b8 of P1 is 0 here
  }
  const auto file = application->files.find(id);
  if (file == application->files.end()) return answer(sw::kIncompatibleFile);  // a PIN or key IEF
  if (file->second.read_pin && !session_.verified.contains(*file->second.read_pin)) {
    return answer(sw::kSecurityNotSatisfied);
  }
  const std::string_view content = file->second.content;
  if (offset >= content.size()) return answer(sw::kOffsetBeyondEnd);  // JICSAP 7.3.1
  // Up to the end of the file within Le, with 9000 (JICSAP 6.4.1(4)).
  return answer(content.substr(offset, *command.le), sw::kOk);
}

Bytes FileSystem::verify(const iso7816::Command& command) {
  if (command.p1 != 0x00 || !is_reference(command.p2)) return answer(sw::kWrongP1P2);
  const auto id = referenced_ef(command.p2);
  if (!id) return answer(sw::kNoCurrentEf);
  PinIef* pin = find_pin(*id);
  if (pin == nullptr) return answer(sw::kDataNotFound);
  PinSetting& setting = pin->setting;
  // No data: the retry counter, and no try is used (JICSAP 6.4.9(5)); 63C3 also after a successful VERIFY.
  if (command.data.empty()) return answer(tries_left(setting.tries_left));
  if (setting.tries_left == 0) return answer(sw::kBlocked);
  if (same_pin(setting.value.view(), command.data)) {
    setting.tries_left = setting.max_tries;
    session_.verified.insert(*id);
    return answer(sw::kOk);
  }
  --setting.tries_left;
  session_.verified.erase(*id);
  return answer(tries_left(setting.tries_left));
}

Bytes FileSystem::change_reference_data(const iso7816::Command& command) {
  // P1 01: the data is the new PIN alone, right after a VERIFY of the same IEF (iccard.md §1.2).
  if (command.p1 != 0x01 || !is_reference(command.p2)) return answer(sw::kWrongP1P2);
  const auto id = referenced_ef(command.p2);
  if (!id) return answer(sw::kNoCurrentEf);
  PinIef* pin = find_pin(*id);
  if (pin == nullptr) return answer(sw::kDataNotFound);
  if (pin->setting.tries_left == 0) return answer(sw::kBlocked);
  if (!session_.verified.contains(*id)) return answer(sw::kSecurityNotSatisfied);
  if (!pin->rule.allows(command.data)) return answer(sw::kWrongData);
  std::string value(command.data);
  pin->setting.value = Secret::take(value);
  return answer(sw::kOk);
}

KeyUse FileSystem::usable_key(std::uint16_t id) {
  Application* application = current();
  if (application == nullptr || !holds(*application, id)) return {nullptr, sw::kNotFound};
  const auto key = application->keys.find(id);
  if (key == application->keys.end()) return {nullptr, sw::kIncompatibleFile};
  if (!session_.verified.contains(key->second.pin)) return {nullptr, sw::kSecurityNotSatisfied};
  return {&key->second, sw::kOk};
}

void FileSystem::signature_done(const KeyIef& key) {
  const Application* application = current();
  if (application != nullptr && application->pin_per_signature) session_.verified.erase(key.pin);
}

}  // namespace kofu::cardsim
