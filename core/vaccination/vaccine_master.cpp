#include "vaccination/vaccine_master.hpp"

#include <algorithm>
#include <cstddef>
#include <nlohmann/json.hpp>

#include "jahis/numbers.hpp"
#include "json/json_access.hpp"
#include "vaccination/errors.hpp"

namespace kofu::vaccination {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kMasterName = "vaccines";
constexpr std::size_t kMaxIdLength = 64;

Error fail(const std::string& problem) {
  return Error(VaccinationErrc::bad_master, "vaccine master: " + problem);
}

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

using jahis::all_digits;
using jahis::is_digit;

bool is_slug(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength || id.front() == '-' || id.back() == '-') return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    if (c == '-') {
      if (id[i - 1] == '-') return false;
    } else if (!is_digit(c) && (c < 'a' || c > 'z')) {
      return false;
    }
  }
  return true;
}

// "2026.11.1": numbers separated by single dots, so that versions compare and sort without guessing.
bool is_version(std::string_view version) {
  if (version.empty() || version.front() == '.' || version.back() == '.') return false;
  for (std::size_t i = 0; i < version.size(); ++i) {
    if (version[i] == '.') {
      if (version[i - 1] == '.') return false;
    } else if (!is_digit(version[i])) {
      return false;
    }
  }
  return true;
}

// CVX codes run from 01 to 999 and are written with at least two digits ("03").
bool is_cvx(std::string_view code) {
  return (code.size() == 2 || code.size() == 3) && all_digits(code);
}

// YJ: 4 digits of the 薬効分類, 3 characters of ingredient and route (digits, or letters for newer products),
// a letter for the dosage form, then digits (strength, brand, check digit).
bool is_yj(std::string_view code) {
  if (code.size() != 12 || !all_digits(code.substr(0, 4))) return false;
  return std::all_of(code.begin(), code.end(), [](char c) { return is_digit(c) || (c >= 'A' && c <= 'Z'); });
}

// Reads object[key] into `out` when it is a string; the problem in words otherwise. A missing or null member is a
// problem only when `required`.
std::optional<std::string> read_string(const Json& object, const std::string& key, bool required,
                                       std::optional<std::string>& out) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) return key + " is missing";
    return std::nullopt;
  }
  if (!it->is_string()) return key + " is not a string but " + it->type_name();
  out = it->get<std::string>();
  return std::nullopt;
}

std::optional<std::string> read_text(const Json& object, const std::string& key, std::string& out) {
  std::optional<std::string> value;
  if (auto problem = read_string(object, key, true, value)) return problem;
  if (value->empty()) return key + " is empty";
  out = std::move(*value);
  return std::nullopt;
}

std::optional<std::string> read_code(const Json& object, const std::string& key, bool (*valid)(std::string_view),
                                     const char* what, std::optional<std::string>& out) {
  if (auto problem = read_string(object, key, false, out)) return problem;
  if (out && !valid(*out)) return key + " " + in_quotes(*out) + " is not " + what;
  return std::nullopt;
}

bool is_hot9(std::string_view code) {
  return code.size() == 9 && all_digits(code);
}

bool is_hot13(std::string_view code) {
  return code.size() == 13 && all_digits(code);
}

// A list of non-empty strings, each problem named by its index ("notes[2] is empty").
std::optional<std::string> read_strings(const Json& list, const std::string& key, std::vector<std::string>& out) {
  if (!list.is_array()) return key + " is not a list but " + list.type_name();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = key + "[" + std::to_string(i) + "]";
    if (!list[i].is_string()) return where + " is not a string but " + list[i].type_name();
    if (list[i].get_ref<const std::string&>().empty()) return where + " is empty";
    out.push_back(list[i].get<std::string>());
  }
  return std::nullopt;
}

// "disease": one name, or a list of names for a combined vaccine.
std::optional<std::string> read_diseases(const Json& entry, std::vector<std::string>& out) {
  const auto it = entry.find("disease");
  if (it == entry.end() || it->is_null()) return std::string("disease is missing");
  if (it->is_string()) {
    if (it->get_ref<const std::string&>().empty()) return std::string("disease is empty");
    out.push_back(it->get<std::string>());
    return std::nullopt;
  }
  if (auto problem = read_strings(*it, "disease", out)) return problem;
  if (out.empty()) return std::string("disease is an empty list");
  return std::nullopt;
}

// Every field of one entry except the id, which the caller reads first to name the entry in messages.
std::optional<std::string> read_vaccine(const Json& entry, Vaccine& v) {
  if (auto problem = read_diseases(entry, v.diseases)) return problem;
  for (const auto& [key, member] : {std::pair<const char*, std::string*>{"name_ja", &v.name_ja},
                                    {"name_en", &v.name_en},
                                    {"manufacturer_ja", &v.manufacturer_ja},
                                    {"manufacturer_en", &v.manufacturer_en}}) {
    if (auto problem = read_text(entry, key, *member)) return problem;
  }
  std::optional<std::string> cvx;
  if (auto problem = read_string(entry, "cvx", true, cvx)) return problem;
  if (!is_cvx(*cvx)) return "cvx " + in_quotes(*cvx) + " is not a CVX code (2 or 3 digits)";
  v.cvx = std::move(*cvx);
  if (auto problem = read_code(entry, "hot9", is_hot9, "a HOT9 code (9 digits)", v.hot9)) return problem;
  if (auto problem = read_code(entry, "hot13", is_hot13, "a HOT13 code (13 digits)", v.hot13)) return problem;
  // A HOT13 names one package of the product its first 9 digits name.
  if (v.hot9 && v.hot13 && !v.hot13->starts_with(*v.hot9)) {
    return "hot13 " + in_quotes(*v.hot13) + " does not extend hot9 " + in_quotes(*v.hot9);
  }
  if (auto problem = read_code(entry, "yj", is_yj, "a YJ code (12 characters: digits and capital letters)", v.yj)) {
    return problem;
  }
  if (const auto notes = entry.find("notes"); notes != entry.end() && !notes->is_null()) {
    if (auto problem = read_strings(*notes, "notes", v.notes)) return problem;
  }
  return std::nullopt;
}

}  // namespace

bool Vaccine::targets(std::string_view disease) const {
  return std::find(diseases.begin(), diseases.end(), disease) != diseases.end();
}

Expected<VaccineMaster> VaccineMaster::parse(std::string_view json_text) {
  std::string why;
  const Json root = parse_json<Json>(json_text, &why);  // bounded depth: the master comes from outside
  if (root.is_discarded()) return unexpected(fail("not valid JSON: " + why));
  if (!root.is_object()) return unexpected(fail(std::string("expected a JSON object, found ") + root.type_name()));

  std::optional<std::string> text;
  if (auto problem = read_string(root, "master", true, text)) return unexpected(fail(*problem));
  if (*text != kMasterName) {
    return unexpected(fail("master is " + in_quotes(*text) + ", expected " + in_quotes(kMasterName)));
  }
  VaccineMaster master;
  if (auto problem = read_string(root, "version", true, text)) return unexpected(fail(*problem));
  if (!is_version(*text)) {
    return unexpected(fail("version " + in_quotes(*text) + " is not numbers separated by dots (e.g. 2026.11.1)"));
  }
  master.version_ = std::move(*text);
  if (auto problem = read_string(root, "updated", true, text)) return unexpected(fail(*problem));
  const auto updated = parse_iso_date(*text);
  if (!updated) return unexpected(fail("updated " + in_quotes(*text) + " is not a date (YYYY-MM-DD)"));
  master.updated_ = *updated;
  const auto sources = root.find("sources");
  if (sources == root.end()) return unexpected(fail("sources is missing"));
  std::vector<std::string> source_list;
  if (auto problem = read_strings(*sources, "sources", source_list)) return unexpected(fail(*problem));

  const auto vaccines = root.find("vaccines");
  if (vaccines == root.end()) return unexpected(fail("vaccines is missing"));
  if (!vaccines->is_array())
    return unexpected(fail(std::string("vaccines is not a list but ") + vaccines->type_name()));
  if (vaccines->empty()) return unexpected(fail("vaccines is an empty list"));
  for (std::size_t i = 0; i < vaccines->size(); ++i) {
    const Json& entry = (*vaccines)[i];
    std::string where = "vaccines[" + std::to_string(i) + "]";
    if (!entry.is_object()) return unexpected(fail(where + " is not an object but " + entry.type_name()));
    Vaccine v;
    std::optional<std::string> id;
    if (auto problem = read_string(entry, "id", true, id)) return unexpected(fail(where + ": " + *problem));
    if (!is_slug(*id)) {
      return unexpected(fail(where + ": id " + in_quotes(*id) +
                             " is not a slug (lowercase letters, digits and single hyphens, at most 64)"));
    }
    where += " (" + in_quotes(*id) + ")";
    if (const Vaccine* earlier = master.find(*id)) {
      const auto index = static_cast<std::size_t>(earlier - master.vaccines_.data());
      return unexpected(fail(where + ": id is already used by vaccines[" + std::to_string(index) + "]"));
    }
    v.id = std::move(*id);
    if (auto problem = read_vaccine(entry, v)) return unexpected(fail(where + ": " + *problem));
    master.vaccines_.push_back(std::move(v));
  }
  return master;
}

const Vaccine* VaccineMaster::find(std::string_view id) const {
  const auto it = std::find_if(vaccines_.begin(), vaccines_.end(), [id](const Vaccine& v) { return v.id == id; });
  return it == vaccines_.end() ? nullptr : &*it;
}

const Vaccine* VaccineMaster::find_by_cvx(std::string_view cvx) const {
  const auto it = std::find_if(vaccines_.begin(), vaccines_.end(), [cvx](const Vaccine& v) { return v.cvx == cvx; });
  return it == vaccines_.end() ? nullptr : &*it;
}

}  // namespace kofu::vaccination
