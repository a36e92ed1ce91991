#include "jahis/payload.hpp"

#include <algorithm>

namespace kofu::jahis {

Format detect_format(std::string_view payload) noexcept {
  if (payload.starts_with("\xEF\xBB\xBF")) payload.remove_prefix(3);
  const std::string_view first = payload.substr(0, payload.find_first_of("\r\n"));
  const auto digits = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (first.starts_with("JAHISTC")) return Format::tc;
  if (first.starts_with("JAHIS")) {
    const std::string_view number = first.substr(5);
    if (number.size() <= 2 && digits(number)) return Format::rx;
  }
  return Format::unknown;
}

}  // namespace kofu::jahis
