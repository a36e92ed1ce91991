#include "vaccination/calendar.hpp"

#include <cstddef>

#include "jahis/numbers.hpp"

namespace kofu::vaccination {
namespace {

// The number in text[from, from + count), or -1 when it is not all digits.
int digits(std::string_view text, std::size_t from, std::size_t count) {
  const std::string_view part = text.substr(from, count);
  return jahis::all_digits(part) ? jahis::to_int(part) : -1;
}

}  // namespace

std::optional<CivilDate> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const CivilDate date{digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)};
  if (!is_whole_date(date)) return std::nullopt;
  return date;
}

}  // namespace kofu::vaccination
