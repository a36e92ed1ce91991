#include "jahis/payload.hpp"

#include "jahis/numbers.hpp"

namespace kofu::jahis {

Version parse_version(std::string_view field) noexcept {
  // JAHIS TC is tested first: it starts with "JAHIS" too.
  if (field.starts_with("JAHISTC")) {
    const std::string_view digits = field.substr(7);
    if (digits.size() == 2 && all_digits(digits)) return {Format::tc, to_int(digits)};
    return {};
  }
  if (field.starts_with("JAHIS")) {
    const std::string_view digits = field.substr(5);
    if (digits.size() <= 2 && all_digits(digits)) return {Format::rx, to_int(digits)};
  }
  return {};
}

Format detect_format(std::string_view payload) noexcept {
  if (payload.starts_with("\xEF\xBB\xBF")) payload.remove_prefix(3);
  return parse_version(payload.substr(0, payload.find_first_of(",\r\n"))).format;
}

}  // namespace kofu::jahis
