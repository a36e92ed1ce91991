// Digit strings as the JAHIS formats write them (record numbers, RP番号, counts).
#pragma once

#include <algorithm>
#include <charconv>
#include <string_view>

namespace kofu::jahis {

inline bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

inline bool all_digits(std::string_view text) noexcept {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

// The value of a decimal field, or `fallback` when it is empty or not a number.
inline int to_int(std::string_view text, int fallback = -1) noexcept {
  int value = 0;
  if (text.empty()) return fallback;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && end == text.data() + text.size() ? value : fallback;
}

}  // namespace kofu::jahis
