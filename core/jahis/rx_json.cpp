#include "jahis/rx_json.hpp"

namespace kofu::jahis::rx {
namespace {

using Err = std::optional<JsonError>;

Err drug_from_json(const Json& j, const std::string& path, DrugEntry& d) {
  return ObjectReader(j, path)
      .field("drug", d.drug)
      .field("unit_conversion", d.unit_conversion)
      .field("uneven", d.uneven)
      .field("burden", d.burden)
      .field("single_dose", d.single_dose)
      .field("supplements", d.supplements)
      .finish();
}

Err rp_from_json(const Json& j, const std::string& path, Rp& rp) {
  return ObjectReader(j, path)
      .field("dosage_form", rp.dosage_form)
      .field("split_quantity", rp.split_quantity)
      .field("usage", rp.usage)
      .field("usage_supplements", rp.usage_supplements)
      .list("drugs", rp.drugs, drug_from_json)
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
  reader.field("version", p.version);
  for_each_header(p, [&](std::string_view key, auto& record) { reader.field(key, record); });
  reader.field("remarks", p.remarks)
      .field("prescription_number", p.prescription_number)
      .list("rps", p.rps, rp_from_json)
      .field("unknown_records", p.unknown_records)
      .field("final_line_break", p.final_line_break)
      .field("eof_marker", p.eof_marker);
  if (auto e = reader.finish()) return unexpected(*e);
  if (format.empty()) return unexpected(JsonError{"$.format", "missing; expected \"rx\""});
  return p;
}

}  // namespace kofu::jahis::rx
