#include "pki/utc_time.hpp"

#include <chrono>
#include <cstdio>

#include "pki/errors.hpp"

namespace kofu::pki {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr std::int64_t kSecondsPerDay = 86400;

// A run of `count` digits at `at`, or -1.
int digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

UtcTime UtcTime::from_unix(std::int64_t seconds) {
  std::int64_t day_count = seconds / kSecondsPerDay;
  std::int64_t rest = seconds % kSecondsPerDay;
  if (rest < 0) {
    rest += kSecondsPerDay;
    --day_count;
  }
  const year_month_day date{sys_days{days{day_count}}};
  return {static_cast<int>(date.year()),
          static_cast<int>(static_cast<unsigned>(date.month())),
          static_cast<int>(static_cast<unsigned>(date.day())),
          static_cast<int>(rest / 3600),
          static_cast<int>(rest / 60 % 60),
          static_cast<int>(rest % 60)};
}

std::int64_t UtcTime::to_unix() const {
  const sys_days date{std::chrono::year{year} / month / day};
  const std::int64_t of_day = std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second;
  return static_cast<std::int64_t>(date.time_since_epoch().count()) * kSecondsPerDay + of_day;
}

std::string UtcTime::iso() const {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, minute, second);
  return text;
}

Expected<UtcTime> UtcTime::parse_iso(std::string_view text) {
  const auto bad = [text](const char* why) {
    return unexpected(Error(PkiErrc::bad_request, "\"" + std::string(text) + "\" is not a UTC time (" + why +
                                                      "); write 2025-04-01 or 2025-04-01T09:30:00Z"));
  };
  UtcTime t;
  t.year = digits(text, 0, 4);
  t.month = digits(text, 5, 2);
  t.day = digits(text, 8, 2);
  if (text.size() < 10 || t.year < 0 || t.month < 0 || t.day < 0 || text[4] != '-' || text[7] != '-') {
    return bad("the date is not YYYY-MM-DD");
  }
  if (!year_month_day{std::chrono::year{t.year} / t.month / t.day}.ok()) return bad("no such day");
  if (text.size() == 10) return t;
  std::string_view clock = text.substr(10);
  if (clock.back() == 'Z') clock.remove_suffix(1);
  if (clock.size() != 9 || (clock[0] != 'T' && clock[0] != ' ') || clock[3] != ':' || clock[6] != ':') {
    return bad("the time of day is not THH:MM:SS");
  }
  t.hour = digits(clock, 1, 2);
  t.minute = digits(clock, 4, 2);
  t.second = digits(clock, 7, 2);
  if (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 59) {
    return bad("no such time of day");
  }
  return t;
}

}  // namespace kofu::pki
