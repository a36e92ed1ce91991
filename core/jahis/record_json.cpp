#include "jahis/record_json.hpp"

#include <algorithm>

namespace kofu::jahis {

std::string iso_date(FieldType type, std::string_view value) {
  Expected<CivilDate, std::string> date = CivilDate{};
  switch (type) {
    case FieldType::tc_date: date = parse_tc_date(value); break;
    case FieldType::rx_date: date = parse_rx_date(value); break;
    case FieldType::rx_birth_date: date = parse_rx_birth_date(value); break;
    default: return {};
  }
  return date ? to_iso(*date) : std::string{};
}

std::optional<JsonError> expect_object(const Json& j, const std::string& path) {
  if (!j.is_object()) return JsonError{path, std::string("expected an object, found ") + j.type_name()};
  return std::nullopt;
}

std::optional<JsonError> expect_array(const Json& j, const std::string& path) {
  if (!j.is_array()) return JsonError{path, std::string("expected an array, found ") + j.type_name()};
  return std::nullopt;
}

std::optional<JsonError> read_string(const Json& j, const std::string& path, std::string& out) {
  if (!j.is_string()) return JsonError{path, std::string("expected a string, found ") + j.type_name()};
  out = j.get<std::string>();
  return std::nullopt;
}

std::optional<JsonError> read_strings(const Json& j, const std::string& path, std::vector<std::string>& out) {
  if (auto e = expect_array(j, path)) return e;
  out.clear();
  for (std::size_t i = 0; i < j.size(); ++i) {
    out.emplace_back();
    if (auto e = read_string(j[i], path + "[" + std::to_string(i) + "]", out.back())) return e;
  }
  return std::nullopt;
}

std::optional<JsonError> read_line(const Json& j, const std::string& path, std::size_t& out) {
  if (!j.is_number_unsigned()) return JsonError{path, "expected a line number (a whole number ≥ 0)"};
  out = j.get<std::size_t>();
  return std::nullopt;
}

std::optional<JsonError> read_bool(const Json& j, const std::string& path, bool& out) {
  if (!j.is_boolean()) return JsonError{path, std::string("expected true or false, found ") + j.type_name()};
  out = j.get<bool>();
  return std::nullopt;
}

Json unknown_records_to_json(const std::vector<UnknownRecord>& records) {
  Json j = Json::array();
  for (const auto& u : records) {
    Json uj;
    if (u.line > 0) uj["line"] = u.line;
    uj["record"] = u.number;
    uj["fields"] = u.fields;
    j.push_back(std::move(uj));
  }
  return j;
}

std::optional<JsonError> unknown_records_from_json(const Json& j, const std::string& path,
                                                   std::vector<UnknownRecord>& records) {
  return list_from_json(j, path, records, [](const Json& element, const std::string& at, UnknownRecord& u) {
    return ObjectReader(element, at)
        .member("line", [&](const Json& v, const std::string& p) { return read_line(v, p, u.line); })
        .member("record",
                [&](const Json& v, const std::string& p) -> std::optional<JsonError> {
                  if (!v.is_number_integer() || v.get<long long>() < -1 || v.get<long long>() > 9999) {
                    return JsonError{p, "expected a record number from 0 to 9999, or -1 for a line without one"};
                  }
                  u.number = v.get<int>();
                  return std::nullopt;
                })
        .member("fields", [&](const Json& v, const std::string& p) { return read_strings(v, p, u.fields); })
        .finish();
  });
}

bool is_derived_key(std::string_view key, std::span<const std::string_view> field_keys) {
  for (std::string_view suffix : {std::string_view("_label"), std::string_view("_iso")}) {
    if (key.ends_with(suffix)) {
      const std::string_view base = key.substr(0, key.size() - suffix.size());
      if (std::find(field_keys.begin(), field_keys.end(), base) != field_keys.end()) return true;
    }
  }
  return false;
}

std::optional<JsonError> ObjectReader::finish() const {
  if (error_) return error_;
  if (auto e = expect_object(json_, path_)) return e;
  for (const auto& [key, value] : json_.items()) {
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
      return JsonError{path_ + "." + key, "unknown key"};
    }
  }
  return std::nullopt;
}

}  // namespace kofu::jahis
