// Helpers shared by the JAHIS and Shift_JIS unit tests: payloads written as UTF-8 with LF turned into the
// wire form (Shift_JIS, CR LF) and back, and readable views of the problems a codec reports.
// Uses doctest's REQUIRE, so only for test code linked with doctest.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "jahis/problems.hpp"
#include "text/shift_jis.hpp"

namespace kofu::test {

// UTF-8 -> Shift_JIS for text that must be representable; fails the test otherwise.
inline std::string to_sjis(std::string_view utf8) {
  auto encoded = kofu::text::encode_shift_jis(utf8);
  REQUIRE(encoded.has_value());
  REQUIRE(encoded->substitutions.empty());
  return encoded->sjis;
}

// UTF-8 text with LF line ends -> Shift_JIS with CR LF line ends. Every character must be representable.
inline std::string to_wire(std::string_view utf8_lf) {
  std::string crlf;
  for (char c : utf8_lf) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  return to_sjis(crlf);
}

// Shift_JIS -> UTF-8, for readable failure messages and for looking at encoder output.
inline std::string from_wire(std::string_view sjis) {
  auto decoded = kofu::text::decode_shift_jis(sjis);
  REQUIRE(decoded.has_value());
  return *decoded;
}

inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// All problems, one per line, for INFO() so that a failing check shows what the codec said.
inline std::string dump(const kofu::jahis::Problems& problems) {
  std::string out;
  for (const kofu::jahis::Problem& p : problems.list()) out += kofu::jahis::format(p, problems.strict()) + "\n";
  return out;
}

// The problems whose reason contains `text`, in order.
inline std::vector<kofu::jahis::Problem> with_reason(const kofu::jahis::Problems& problems, std::string_view text) {
  std::vector<kofu::jahis::Problem> out;
  for (const kofu::jahis::Problem& p : problems.list()) {
    if (contains(p.reason, text)) out.push_back(p);
  }
  return out;
}

}  // namespace kofu::test
