#include "shc/fhir.hpp"

#include <map>
#include <set>

#include "jahis/numbers.hpp"
#include "json/json_access.hpp"

namespace kofu::shc {
namespace {

constexpr std::string_view kResourcePrefix = "resource:";
// A hostile bundle can hold thousands of faults; the first ones tell the story and the verdict stays small.
constexpr std::size_t kMaxFindings = 100;

std::string short_url(std::size_t index) {
  return std::string(kResourcePrefix) + std::to_string(index);
}

// "resource:N" with N a plain decimal number.
bool is_short_url(std::string_view url) {
  if (!url.starts_with(kResourcePrefix)) return false;
  const std::string_view number = url.substr(kResourcePrefix.size());
  return !number.empty() && jahis::all_digits(number) && (number.size() == 1 || number[0] != '0');
}

// Drops what the minimisation rules forbid below a resource: Coding.display and CodeableConcept.text (the text of an
// object that has a coding; other "text" members, such as Annotation.text or HumanName.text, are data and stay).
// `in_coding` is true for the elements of a "coding" array.
void strip(nlohmann::ordered_json& node, bool in_coding) {
  if (node.is_object()) {
    if (in_coding) node.erase("display");
    if (node.contains("coding")) node.erase("text");
    for (auto it = node.begin(); it != node.end(); ++it) strip(it.value(), it.key() == "coding");
  } else if (node.is_array()) {
    for (auto& element : node) strip(element, in_coding);
  }
}

void rewrite_references(nlohmann::ordered_json& node, const std::map<std::string, std::string>& renamed) {
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it.key() == "reference" && it.value().is_string()) {
        if (const auto found = renamed.find(it.value().get<std::string>()); found != renamed.end()) {
          it.value() = found->second;
        }
      } else {
        rewrite_references(it.value(), renamed);
      }
    }
  } else if (node.is_array()) {
    for (auto& element : node) rewrite_references(element, renamed);
  }
}

// The checks of check_bundle, walking one resource.
class BundleChecker {
 public:
  BundleChecker(Findings& findings, std::set<std::string> urls) : findings_(findings), urls_(std::move(urls)) {}

  void resource(const nlohmann::json& resource, const std::string& at) {
    if (!resource.is_object()) {
      add(ShcErrc::wrong_field, at, "the entry's resource is not an object");
      return;
    }
    const auto type = resource.find("resourceType");
    if (type == resource.end() || !type->is_string()) {
      add(ShcErrc::missing_field, at + "/resourceType", "the resource has no resourceType");
      return;
    }
    if (resource.contains("id")) warn(at + "/id", "Resource.id is not allowed in a SMART Health Card");
    if (resource.contains("text")) warn(at + "/text", "DomainResource.text is not allowed in a SMART Health Card");
    if (const auto meta = resource.find("meta"); meta != resource.end()) check_meta(*meta, at + "/meta");
    walk(resource, at, false, true);
    if (*type == "Immunization") immunization(resource, at);
    if (*type == "Patient" && !resource.contains("name")) {
      add(ShcErrc::missing_field, at + "/name", "the Patient has no name");
    }
  }

 private:
  void add(ShcErrc code, const std::string& where, std::string message) {
    if (findings_.size() < kMaxFindings) findings_.push_back({code, Severity::error, where, std::move(message)});
  }
  void warn(const std::string& where, std::string message) {
    if (findings_.size() < kMaxFindings) {
      findings_.push_back({ShcErrc::not_minimised, Severity::warning, where, std::move(message)});
    }
  }

  void check_meta(const nlohmann::json& meta, const std::string& at) {
    if (!meta.is_object() || !meta.contains("security")) {
      warn(at, "Resource.meta is allowed only to carry meta.security");
      return;
    }
    if (meta.size() > 1) warn(at, "Resource.meta may hold only \"security\"");
    const nlohmann::json& security = meta["security"];
    if (!security.is_array()) {
      add(ShcErrc::wrong_field, at + "/security", "meta.security is not an array of codings");
      return;
    }
    for (std::size_t i = 0; i < security.size(); ++i) {
      if (!security[i].is_object() || !security[i].contains("code") || !security[i]["code"].is_string()) {
        add(ShcErrc::wrong_field, at + "/security/" + std::to_string(i), "a meta.security coding has no code");
      }
    }
  }

  // Empty values, references, Coding.display and CodeableConcept.text anywhere in the resource. Resource-level
  // members (id, text, meta) were checked by resource().
  void walk(const nlohmann::json& node, const std::string& at, bool in_coding, bool resource_root) {
    if (node.is_object()) {
      if (node.empty()) add(ShcErrc::empty_value, at, "an empty object");
      for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string child = at + "/" + it.key();
        if (resource_root && (it.key() == "id" || it.key() == "text" || it.key() == "meta")) continue;
        if (in_coding && it.key() == "display") warn(child, "Coding.display is not allowed in a SMART Health Card");
        if (!resource_root && it.key() == "text" && it.value().is_string()) {
          warn(child, "CodeableConcept.text is not allowed in a SMART Health Card");
        }
        if (it.key() == "reference" && it.value().is_string()) {
          reference(it.value().get<std::string>(), child);
          continue;
        }
        // The text of a HumanName or an Address is allowed: only descend without the CodeableConcept rule there.
        if (it.key() == "name" || it.key() == "address") {
          walk_allowing_text(it.value(), child);
          continue;
        }
        walk(it.value(), child, it.key() == "coding", false);
      }
    } else if (node.is_array()) {
      if (node.empty()) add(ShcErrc::empty_value, at, "an empty array");
      for (std::size_t i = 0; i < node.size(); ++i) walk(node[i], at + "/" + std::to_string(i), in_coding, false);
    } else if (node.is_string() && node.get_ref<const std::string&>().empty()) {
      add(ShcErrc::empty_value, at, "an empty string");
    } else if (node.is_null()) {
      add(ShcErrc::empty_value, at, "a null value");
    }
  }

  void walk_allowing_text(const nlohmann::json& node, const std::string& at) {
    if (node.is_array()) {
      if (node.empty()) add(ShcErrc::empty_value, at, "an empty array");
      for (std::size_t i = 0; i < node.size(); ++i) walk_allowing_text(node[i], at + "/" + std::to_string(i));
    } else if (node.is_object()) {
      if (node.empty()) add(ShcErrc::empty_value, at, "an empty object");
      for (auto it = node.begin(); it != node.end(); ++it) walk(it.value(), at + "/" + it.key(), false, false);
    } else {
      walk(node, at, false, false);
    }
  }

  void reference(const std::string& target, const std::string& at) {
    if (!is_short_url(target)) {
      add(ShcErrc::bad_reference, at, "reference \"" + target + "\" is not in the short form resource:N");
    } else if (!urls_.contains(target)) {
      add(ShcErrc::bad_reference, at, "reference \"" + target + "\" points at no entry of the bundle");
    }
  }

  void immunization(const nlohmann::json& resource, const std::string& at) {
    const auto status = resource.find("status");
    if (status == resource.end()) {
      add(ShcErrc::missing_field, at + "/status", "the Immunization has no status");
    } else if (*status != "completed") {
      add(ShcErrc::bad_status, at + "/status",
          "status is " + status->dump() + "; a vaccination card needs \"completed\"");
    }
    const bool date_time = resource.contains("occurrenceDateTime");
    const bool text = resource.contains("occurrenceString");
    if (date_time == text) {
      add(ShcErrc::bad_occurrence, at,
          date_time ? "the Immunization has both occurrenceDateTime and occurrenceString"
                    : "the Immunization has neither occurrenceDateTime nor occurrenceString");
    }
    const auto code = resource.find("vaccineCode");
    if (code == resource.end() || !code->is_object()) {
      add(ShcErrc::missing_field, at + "/vaccineCode", "the Immunization has no vaccineCode");
    } else if (!code->contains("coding") || !(*code)["coding"].is_array()) {
      add(ShcErrc::missing_field, at + "/vaccineCode/coding", "the vaccineCode has no coding");
    }
    if (!resource.contains("patient")) add(ShcErrc::missing_field, at + "/patient", "the Immunization has no patient");
  }

  Findings& findings_;
  std::set<std::string> urls_;
};

}  // namespace

Expected<nlohmann::ordered_json> minimise_bundle(nlohmann::ordered_json bundle) {
  if (!member_is(bundle, "resourceType", "Bundle")) {
    return unexpected(Error(ShcErrc::wrong_field, "the input is not a FHIR Bundle (resourceType \"Bundle\")"));
  }
  if (!bundle.contains("entry") || !bundle["entry"].is_array() || bundle["entry"].empty()) {
    return unexpected(Error(ShcErrc::missing_field, "the Bundle has no entries"));
  }
  bundle.erase("id");
  bundle.erase("meta");
  if (!bundle.contains("type")) bundle["type"] = "collection";
  std::map<std::string, std::string> renamed;
  auto& entries = bundle["entry"];
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const nlohmann::ordered_json& entry = entries[i];
    if (!entry.is_object() || !entry.contains("resource") || !entry["resource"].is_object()) {
      return unexpected(Error(ShcErrc::missing_field, "entry " + std::to_string(i) + " has no resource"));
    }
    const auto type = string_member(entry["resource"], "resourceType");
    if (!type) return unexpected(Error(ShcErrc::missing_field, "entry " + std::to_string(i) + " has no resourceType"));
    const std::string url = short_url(i);
    if (const auto full_url = string_member(entry, "fullUrl")) renamed[std::string(*full_url)] = url;
    if (const auto id = string_member(entry["resource"], "id"))
      renamed[std::string(*type) + "/" + std::string(*id)] = url;
    // A copy of the resource is minimised and the entry rebuilt from it: no reference into the entry is held while
    // the entry changes.
    nlohmann::ordered_json resource = entry["resource"];
    resource.erase("id");
    resource.erase("text");
    if (resource.contains("meta")) {
      const nlohmann::ordered_json meta = resource["meta"];
      if (meta.is_object() && meta.contains("security")) {
        resource["meta"] = nlohmann::ordered_json{{"security", meta["security"]}};
      } else {
        resource.erase("meta");
      }
    }
    strip(resource, false);
    // Only fullUrl and resource, in the order the specification's examples use (search and request go).
    entries[i] = nlohmann::ordered_json{{"fullUrl", url}, {"resource", std::move(resource)}};
  }
  rewrite_references(bundle, renamed);
  return bundle;
}

nlohmann::ordered_json select_entries(const nlohmann::ordered_json& bundle, const std::vector<std::size_t>& keep) {
  nlohmann::ordered_json out = bundle;
  out["entry"] = nlohmann::ordered_json::array();
  // Every old fullUrl is renamed: a kept one to its new number, a dropped one to a name that resolves to nothing, so
  // that a reference to a dropped entry dangles (and check_bundle says so) instead of pointing at another entry.
  std::map<std::string, std::string> renamed;
  const auto& entries = bundle["entry"];
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (const auto url = string_member(entries[i], "fullUrl")) renamed[std::string(*url)] = "resource:left-out";
  }
  for (std::size_t i = 0; i < keep.size(); ++i) {
    nlohmann::ordered_json entry = entries.at(keep[i]);
    if (const auto url = string_member(entry, "fullUrl")) renamed[std::string(*url)] = short_url(i);
    entry["fullUrl"] = short_url(i);
    out["entry"].push_back(std::move(entry));
  }
  rewrite_references(out["entry"], renamed);
  return out;
}

Findings check_bundle(const nlohmann::json& bundle, const std::string& where) {
  Findings findings;
  if (!bundle.is_object()) {
    findings.push_back({ShcErrc::wrong_field, Severity::error, where, "fhirBundle is not an object"});
    return findings;
  }
  if (!member_is(bundle, "resourceType", "Bundle")) {
    findings.push_back(
        {ShcErrc::wrong_field, Severity::error, where + "/resourceType", "resourceType is not \"Bundle\""});
  }
  const auto entries = bundle.find("entry");
  if (entries == bundle.end() || !entries->is_array() || entries->empty()) {
    findings.push_back({ShcErrc::missing_field, Severity::error, where + "/entry", "the Bundle has no entries"});
    return findings;
  }
  std::set<std::string> urls;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const nlohmann::json& entry = (*entries)[i];
    const std::string at = where + "/entry/" + std::to_string(i) + "/fullUrl";
    const auto url = entry.is_object() ? entry.find("fullUrl") : entry.end();
    if (!entry.is_object() || url == entry.end() || !url->is_string()) {
      findings.push_back({ShcErrc::missing_field, Severity::error, at, "the entry has no fullUrl"});
    } else if (!is_short_url(url->get<std::string>())) {
      findings.push_back({ShcErrc::bad_reference, Severity::error, at,
                          "fullUrl \"" + url->get<std::string>() + "\" is not in the short form resource:N"});
    } else if (!urls.insert(url->get<std::string>()).second) {
      findings.push_back({ShcErrc::bad_reference, Severity::error, at, "fullUrl " + url->dump() + " is not unique"});
    }
  }
  BundleChecker checker(findings, urls);
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const nlohmann::json& entry = (*entries)[i];
    const std::string at = where + "/entry/" + std::to_string(i) + "/resource";
    if (!entry.is_object() || !entry.contains("resource")) {
      findings.push_back({ShcErrc::missing_field, Severity::error, at, "the entry has no resource"});
      continue;
    }
    checker.resource(entry["resource"], at);
  }
  if (findings.size() > kMaxFindings) findings.resize(kMaxFindings);
  return findings;
}

}  // namespace kofu::shc
