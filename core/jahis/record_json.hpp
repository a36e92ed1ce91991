// JSON for JAHIS records, driven by the same field tables (docs/jahis-json.md describes the result).
// A record is an object of its fields' keys with the values as written; fields with a code table add
// "<key>_label", date fields add "<key>_iso". Reading ignores those derived keys and rejects unknown ones.
#pragma once

#include <concepts>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "jahis/dates.hpp"
#include "jahis/record.hpp"

namespace kofu::jahis {

using Json = nlohmann::ordered_json;

// The first problem found reading JSON: where ("$.dispensings[0].date.date") and what.
struct JsonError {
  std::string path;
  std::string reason;
  std::string message() const { return path + ": " + reason; }
};

std::string iso_date(FieldType type, std::string_view value);

// `version` is the payload's format version: a line whose field count differs from that version's layout
// records its count as "fields_present", so that encoding the JSON writes the line as it was.
template <class R>
Json record_to_json(const R& record, int version) {
  Json j = Json::object();
  if (record.line > 0) j["line"] = record.line;
  for (const auto& f : kFields<R>) {
    const std::string& value = record.*(f.member);
    const std::string key(f.spec.key);
    j[key] = value;
    if (!f.spec.codes.empty() && !value.empty()) {
      if (auto label = code_label(f.spec, value); !label.empty()) j[key + "_label"] = label;
    }
    if (!value.empty()) {
      if (std::string iso = iso_date(f.spec.type, value); !iso.empty()) j[key + "_iso"] = iso;
    }
  }
  if (!record.extra.empty()) j["extra_fields"] = record.extra;
  if (record.field_count > 0 && record.field_count <= kFields<R>.size() &&
      record.field_count != layout_size<R>(version)) {
    j["fields_present"] = record.field_count;
  }
  return j;
}

template <class R>
Json optional_to_json(const std::optional<R>& record, int version) {
  return record ? record_to_json(*record, version) : Json(nullptr);
}

template <class R>
Json records_to_json(const std::vector<R>& records, int version) {
  Json j = Json::array();
  for (const auto& r : records) j.push_back(record_to_json(r, version));
  return j;
}

// Helpers for reading: each returns the error, or nothing when all is well.
std::optional<JsonError> expect_object(const Json& j, const std::string& path);
std::optional<JsonError> expect_array(const Json& j, const std::string& path);
std::optional<JsonError> read_string(const Json& j, const std::string& path, std::string& out);
std::optional<JsonError> read_strings(const Json& j, const std::string& path, std::vector<std::string>& out);
std::optional<JsonError> read_line(const Json& j, const std::string& path, std::size_t& out);
// True for keys a reader skips: "<field>_label", "<field>_iso".
bool is_derived_key(std::string_view key, std::span<const std::string_view> field_keys);

template <class R>
std::optional<JsonError> record_from_json(const Json& j, const std::string& path, R& record) {
  if (auto e = expect_object(j, path)) return e;
  std::array<std::string_view, kFields<R>.size()> keys{};
  for (std::size_t i = 0; i < keys.size(); ++i) keys[i] = kFields<R>[i].spec.key;
  for (const auto& item : j.items()) {
    const std::string& key = item.key();  // (clang 14 cannot capture a structured binding)
    const Json& value = item.value();
    const std::string where = path + "." + key;
    if (key == "line") {
      if (auto e = read_line(value, where, record.line)) return e;
      continue;
    }
    if (key == "fields_present") {
      if (auto e = read_line(value, where, record.field_count)) return e;
      continue;
    }
    if (key == "extra_fields") {
      if (auto e = read_strings(value, where, record.extra)) return e;
      continue;
    }
    const auto field =
        std::find_if(kFields<R>.begin(), kFields<R>.end(), [&](const auto& f) { return f.spec.key == key; });
    if (field != kFields<R>.end()) {
      if (auto e = read_string(value, where, record.*(field->member))) return e;
      continue;
    }
    if (is_derived_key(key, keys)) continue;
    return JsonError{where,
                     "unknown key for a " + std::string(R::name) + " (record " + std::to_string(R::number) + ")"};
  }
  return std::nullopt;
}

template <class R>
std::optional<JsonError> optional_from_json(const Json& j, const std::string& path, std::optional<R>& record) {
  if (j.is_null()) {
    record.reset();
    return std::nullopt;
  }
  record.emplace();
  return record_from_json(j, path, *record);
}

// Reads an array, each element with read_one(element, element_path, out_element).
template <class T, class F>
std::optional<JsonError> list_from_json(const Json& j, const std::string& path, std::vector<T>& out, F&& read_one) {
  if (auto e = expect_array(j, path)) return e;
  out.clear();
  for (std::size_t i = 0; i < j.size(); ++i) {
    out.emplace_back();
    if (auto e = read_one(j[i], path + "[" + std::to_string(i) + "]", out.back())) return e;
  }
  return std::nullopt;
}

template <class R>
std::optional<JsonError> records_from_json(const Json& j, const std::string& path, std::vector<R>& records) {
  return list_from_json(j, path, records,
                        [](const Json& v, const std::string& p, R& record) { return record_from_json(v, p, record); });
}

std::optional<JsonError> read_bool(const Json& j, const std::string& path, bool& out);

// "unknown_records": [{"line", "record", "fields"}], the same in both formats.
Json unknown_records_to_json(const std::vector<UnknownRecord>& records);
std::optional<JsonError> unknown_records_from_json(const Json& j, const std::string& path,
                                                   std::vector<UnknownRecord>& records);

// read_json: one overload per kind of member, so that ObjectReader::field can read any of them.
inline std::optional<JsonError> read_json(const Json& j, const std::string& path, std::string& out) {
  return read_string(j, path, out);
}
inline std::optional<JsonError> read_json(const Json& j, const std::string& path, bool& out) {
  return read_bool(j, path, out);
}
template <class R>
requires std::derived_from<R, RecordBase> std::optional<JsonError> read_json(const Json& j, const std::string& path,
                                                                             R& record) {
  return record_from_json(j, path, record);
}
template <class R>
std::optional<JsonError> read_json(const Json& j, const std::string& path, std::optional<R>& record) {
  return optional_from_json(j, path, record);
}
template <class R>
requires std::derived_from<R, RecordBase> std::optional<JsonError> read_json(const Json& j, const std::string& path,
                                                                             std::vector<R>& records) {
  return records_from_json(j, path, records);
}
inline std::optional<JsonError> read_json(const Json& j, const std::string& path, std::vector<UnknownRecord>& records) {
  return unknown_records_from_json(j, path, records);
}

// Reads an object's members by key with a reader per member; unknown keys are an error.
class ObjectReader {
 public:
  ObjectReader(const Json& j, std::string path) : json_(j), path_(std::move(path)) {}
  // Calls read(member, member_path) when the key is present; a missing member keeps its default.
  template <class F>
  ObjectReader& member(std::string_view key, F&& read) {
    known_.emplace_back(key);
    if (error_ || !json_.is_object()) return *this;
    const auto it = json_.find(std::string(key));
    if (it != json_.end()) error_ = read(*it, path_ + "." + std::string(key));
    return *this;
  }
  // Reads the member into `target` with the read_json overload for its type.
  template <class T>
  ObjectReader& field(std::string_view key, T& target) {
    return member(key, [&target](const Json& j, const std::string& path) { return read_json(j, path, target); });
  }
  // Reads an array member, each element with read_one(element, path, out_element).
  template <class T, class F>
  ObjectReader& list(std::string_view key, std::vector<T>& target, F read_one) {
    return member(key, [&target, read_one](const Json& j, const std::string& path) {
      return list_from_json(j, path, target, read_one);
    });
  }
  // Keys the writer emits for people that the reader ignores.
  ObjectReader& ignore(std::string_view key) {
    known_.emplace_back(key);
    return *this;
  }
  std::optional<JsonError> finish() const;

 private:
  const Json& json_;
  std::string path_;
  std::vector<std::string_view> known_;
  std::optional<JsonError> error_;
};

}  // namespace kofu::jahis
