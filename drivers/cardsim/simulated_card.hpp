// What the vpcd link drives: a card that has an ATR, is powered and reset, and answers command APDUs with response
// APDUs. The emulated My Number and HPKI cards implement it; FaultyCard wraps one to misbehave on purpose.
#pragma once

#include <cstdint>
#include <string_view>

#include "iso7816/apdu.hpp"

namespace kofu::cardsim {

using iso7816::Bytes;

class SimulatedCard {
 public:
  virtual ~SimulatedCard() = default;
  virtual Bytes atr() const = 0;
  // Power on, power off and warm reset all end the session: nothing selected, no PIN verified. PIN retry counters
  // (and changed PINs) live as long as the object, as on a card.
  virtual void power_on() = 0;
  virtual void power_off() = 0;
  virtual void reset() = 0;
  // Any bytes: a command APDU gets data + SW1 SW2, anything else a status word (6700 for broken length bytes).
  virtual Bytes execute(std::string_view command_apdu) = 0;
};

// The status words the emulated cards answer with (iccard.md §1.8).
namespace sw {
inline constexpr std::uint16_t kOk = 0x9000;
inline constexpr std::uint16_t kTriesLeft = 0x63C0;  // | tries left
inline constexpr std::uint16_t kWrongLength = 0x6700;
inline constexpr std::uint16_t kIncompatibleFile = 0x6981;
inline constexpr std::uint16_t kSecurityNotSatisfied = 0x6982;
inline constexpr std::uint16_t kBlocked = 0x6984;
inline constexpr std::uint16_t kConditionsNotSatisfied = 0x6985;
inline constexpr std::uint16_t kNoCurrentEf = 0x6986;
inline constexpr std::uint16_t kWrongData = 0x6A80;
inline constexpr std::uint16_t kNotFound = 0x6A82;
inline constexpr std::uint16_t kWrongP1P2 = 0x6A86;
inline constexpr std::uint16_t kDataNotFound = 0x6A88;
inline constexpr std::uint16_t kOffsetBeyondEnd = 0x6B00;
inline constexpr std::uint16_t kInsNotSupported = 0x6D00;
inline constexpr std::uint16_t kClaNotSupported = 0x6E00;
inline constexpr std::uint16_t kNoDiagnosis = 0x6F00;
}  // namespace sw

// A response APDU: the data, then SW1 SW2.
Bytes answer(std::uint16_t status);
Bytes answer(std::string_view data, std::uint16_t status);

// The status word at the end of a response APDU (0 for one shorter than 2 bytes).
std::uint16_t status_of(std::string_view response) noexcept;

}  // namespace kofu::cardsim
