// A moment in UTC to the second, as X.509 validity dates are written (RFC 5280 §4.1.2.5). Checks take the time as
// an argument, never from the clock, so that a test can stand at any date.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "error/expected.hpp"

namespace kofu::pki {

struct UtcTime {
  int year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;

  auto operator<=>(const UtcTime&) const = default;  // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads it

  static UtcTime from_unix(std::int64_t seconds);
  std::int64_t to_unix() const;
  // "2025-04-01T09:30:00Z".
  std::string iso() const;
  // "2025-04-01" (midnight), "2025-04-01T09:30:00Z" or without the Z; the error says what is wrong.
  static Expected<UtcTime> parse_iso(std::string_view text);
};

}  // namespace kofu::pki
