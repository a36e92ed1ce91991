#include "jahis/rx_json.hpp"

namespace kofu::jahis::rx {
namespace {

using Err = std::optional<JsonError>;

Err drug_from_json(const Json& j, const std::string& path, DrugEntry& d) {
  return ObjectReader(j, path)
      .member("drug", [&](const Json& v, const std::string& p) { return record_from_json(v, p, d.drug); })
      .member("unit_conversion",
              [&](const Json& v, const std::string& p) { return optional_from_json(v, p, d.unit_conversion); })
      .member("uneven", [&](const Json& v, const std::string& p) { return optional_from_json(v, p, d.uneven); })
      .member("burden", [&](const Json& v, const std::string& p) { return optional_from_json(v, p, d.burden); })
      .member("single_dose",
              [&](const Json& v, const std::string& p) { return optional_from_json(v, p, d.single_dose); })
      .member("supplements",
              [&](const Json& v, const std::string& p) { return records_from_json(v, p, d.supplements); })
      .finish();
}

Err rp_from_json(const Json& j, const std::string& path, Rp& rp) {
  return ObjectReader(j, path)
      .member("dosage_form",
              [&](const Json& v, const std::string& p) { return record_from_json(v, p, rp.dosage_form); })
      .member("split_quantity",
              [&](const Json& v, const std::string& p) { return optional_from_json(v, p, rp.split_quantity); })
      .member("usage", [&](const Json& v, const std::string& p) { return optional_from_json(v, p, rp.usage); })
      .member("usage_supplements",
              [&](const Json& v, const std::string& p) { return records_from_json(v, p, rp.usage_supplements); })
      .member("drugs",
              [&](const Json& v, const std::string& p) { return list_from_json(v, p, rp.drugs, drug_from_json); })
      .finish();
}

}  // namespace

Json to_json(const Prescription& p) {
  const int version = p.version_number();
  Json j;
  j["format"] = "rx";
  j["version"] = p.version;
  for_each_header(
      p, [&](std::string_view key, const auto& record) { j[std::string(key)] = optional_to_json(record, version); });
  j["remarks"] = records_to_json(p.remarks, version);
  j["prescription_number"] = optional_to_json(p.prescription_number, version);
  j["rps"] = Json::array();
  for (const auto& rp : p.rps) {
    Json rj;
    rj["dosage_form"] = record_to_json(rp.dosage_form, version);
    rj["split_quantity"] = optional_to_json(rp.split_quantity, version);
    rj["usage"] = optional_to_json(rp.usage, version);
    rj["usage_supplements"] = records_to_json(rp.usage_supplements, version);
    rj["drugs"] = Json::array();
    for (const auto& d : rp.drugs) {
      Json dj;
      dj["drug"] = record_to_json(d.drug, version);
      dj["unit_conversion"] = optional_to_json(d.unit_conversion, version);
      dj["uneven"] = optional_to_json(d.uneven, version);
      dj["burden"] = optional_to_json(d.burden, version);
      dj["single_dose"] = optional_to_json(d.single_dose, version);
      dj["supplements"] = records_to_json(d.supplements, version);
      rj["drugs"].push_back(std::move(dj));
    }
    j["rps"].push_back(std::move(rj));
  }
  j["unknown_records"] = unknown_records_to_json(p.unknown_records);
  j["final_line_break"] = p.final_line_break;
  j["eof_marker"] = p.eof_marker;
  return j;
}

Expected<Prescription, JsonError> prescription_from_json(const Json& j) {
  Prescription p;
  std::string format;
  ObjectReader reader(j, "$");
  reader.member("format", [&](const Json& v, const std::string& path) -> Err {
    if (auto e = read_string(v, path, format)) return e;
    if (format != "rx") return JsonError{path, "expected \"rx\", found \"" + format + "\""};
    return std::nullopt;
  });
  reader.member("version", [&](const Json& v, const std::string& path) { return read_string(v, path, p.version); });
  for_each_header(p, [&](std::string_view key, auto& record) {
    reader.member(key,
                  [&record](const Json& v, const std::string& path) { return optional_from_json(v, path, record); });
  });
  reader
      .member("remarks", [&](const Json& v, const std::string& path) { return records_from_json(v, path, p.remarks); })
      .member(
          "prescription_number",
          [&](const Json& v, const std::string& path) { return optional_from_json(v, path, p.prescription_number); })
      .member("rps",
              [&](const Json& v, const std::string& path) { return list_from_json(v, path, p.rps, rp_from_json); })
      .member(
          "unknown_records",
          [&](const Json& v, const std::string& path) { return unknown_records_from_json(v, path, p.unknown_records); })
      .member("final_line_break",
              [&](const Json& v, const std::string& path) { return read_bool(v, path, p.final_line_break); })
      .member("eof_marker", [&](const Json& v, const std::string& path) { return read_bool(v, path, p.eof_marker); });
  if (auto e = reader.finish()) return unexpected(*e);
  if (format.empty()) return unexpected(JsonError{"$.format", "missing; expected \"rx\""});
  return p;
}

}  // namespace kofu::jahis::rx
