// Reading JSON from outside without exceptions and without unbounded recursion: nlohmann's value() and get<>()
// throw on a member of the wrong type, and its recursive destructors, copies and dumps follow the nesting depth.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kofu {

// Deeper than any SMART Health Card, key set, revocation list or master (a FHIR bundle is about 8 levels deep).
inline constexpr int kMaxJsonDepth = 32;

// Parses text into J (nlohmann::json or ordered_json); discarded (is_discarded()) when the text is not JSON or
// nests deeper than kMaxJsonDepth. `error`, when given, receives why, with the byte position of a syntax error.
template <class J>
J parse_json(std::string_view text, std::string* error = nullptr) {
  bool too_deep = false;
  J doc;
  try {
    doc = J::parse(
        text,
        [&too_deep](int depth, nlohmann::json::parse_event_t, J&) {
          if (depth > kMaxJsonDepth) too_deep = true;
          return !too_deep;
        },
        true);
  } catch (const nlohmann::json::exception& e) {  // syntax, and numbers out of range (406)
    if (error != nullptr) *error = e.what();
    return J(nlohmann::json::value_t::discarded);
  }
  if (too_deep) {
    if (error != nullptr) *error = "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return J(nlohmann::json::value_t::discarded);
  }
  return doc;
}

// The member as a string, when the value is an object that has it as a string.
template <class J>
std::optional<std::string_view> string_member(const J& object, const char* name) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return std::string_view(it->template get_ref<const std::string&>());
}

template <class J>
bool member_is(const J& object, const char* name, std::string_view expected) {
  const auto value = string_member(object, name);
  return value && *value == expected;
}

// An integral member in [low, high], read without truncation.
template <class J>
std::optional<std::int64_t> integer_member(const J& object, const char* name, std::int64_t low, std::int64_t high) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(name);
  if (it == object.end()) return std::nullopt;
  if (it->is_number_unsigned()) {
    const auto value = it->template get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(high)) return std::nullopt;
    if (low > 0 && value < static_cast<std::uint64_t>(low)) return std::nullopt;
    return static_cast<std::int64_t>(value);
  }
  if (!it->is_number_integer()) return std::nullopt;
  const auto value = it->template get<std::int64_t>();
  if (value < low || value > high) return std::nullopt;
  return value;
}

}  // namespace kofu
