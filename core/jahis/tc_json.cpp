#include "jahis/tc_json.hpp"

namespace kofu::jahis::tc {
namespace {

using Err = std::optional<JsonError>;

Err drug_entry(const Json& j, const std::string& path, DrugEntry& e) {
  return ObjectReader(j, path)
      .field("drug", e.drug)
      .field("supplements", e.supplements)
      .field("cautions", e.cautions)
      .finish();
}

Err rp_from_json(const Json& j, const std::string& path, Rp& rp) {
  return ObjectReader(j, path)
      .list("drugs", rp.drugs, drug_entry)
      .field("usage", rp.usage)
      .field("usage_supplements", rp.usage_supplements)
      .field("cautions", rp.cautions)
      .finish();
}

Err group_from_json(const Json& j, const std::string& path, PrescriberGroup& g) {
  return ObjectReader(j, path).field("prescriber", g.prescriber).list("rps", g.rps, rp_from_json).finish();
}

Err dispensing_from_json(const Json& j, const std::string& path, Dispensing& d) {
  return ObjectReader(j, path)
      .field("date", d.date)
      .field("institution", d.institution)
      .field("staff", d.staff)
      .field("prescribing_institution", d.prescribing_institution)
      .list("prescriber_groups", d.prescriber_groups, group_from_json)
      .field("cautions", d.cautions)
      .field("provided_info", d.provided_info)
      .field("leftover_checks", d.leftover_checks)
      .field("remarks", d.remarks)
      .field("patient_entries", d.patient_entries)
      .finish();
}

Err otc_from_json(const Json& j, const std::string& path, OtcEntry& e) {
  return ObjectReader(j, path).field("drug", e.drug).field("ingredients", e.ingredients).finish();
}

}  // namespace

Json to_json(const Notebook& nb) {
  const int version = nb.version_number();
  Json j;
  j["format"] = "tc";
  j["version"] = nb.version;
  j["direction"] = nb.direction;
  for (const auto& c : kDirectionCodes) {
    if (c.code == nb.direction) j["direction_label"] = c.label;
  }
  j["patient"] = optional_to_json(nb.patient, version);
  j["patient_notes"] = records_to_json(nb.patient_notes, version);
  j["otc_drugs"] = Json::array();
  for (const auto& otc : nb.otc_drugs) {
    j["otc_drugs"].push_back(
        {{"drug", record_to_json(otc.drug, version)}, {"ingredients", records_to_json(otc.ingredients, version)}});
  }
  j["memos"] = records_to_json(nb.memos, version);
  j["dispensings"] = Json::array();
  for (const auto& d : nb.dispensings) {
    Json dj;
    dj["date"] = record_to_json(d.date, version);
    dj["institution"] = optional_to_json(d.institution, version);
    dj["staff"] = optional_to_json(d.staff, version);
    dj["prescribing_institution"] = optional_to_json(d.prescribing_institution, version);
    dj["prescriber_groups"] = Json::array();
    for (const auto& g : d.prescriber_groups) {
      Json gj;
      gj["prescriber"] = optional_to_json(g.prescriber, version);
      gj["rps"] = Json::array();
      for (const auto& rp : g.rps) {
        Json rj;
        rj["drugs"] = Json::array();
        for (const auto& e : rp.drugs) {
          rj["drugs"].push_back({{"drug", record_to_json(e.drug, version)},
                                 {"supplements", records_to_json(e.supplements, version)},
                                 {"cautions", records_to_json(e.cautions, version)}});
        }
        rj["usage"] = optional_to_json(rp.usage, version);
        rj["usage_supplements"] = records_to_json(rp.usage_supplements, version);
        rj["cautions"] = records_to_json(rp.cautions, version);
        gj["rps"].push_back(std::move(rj));
      }
      dj["prescriber_groups"].push_back(std::move(gj));
    }
    dj["cautions"] = records_to_json(d.cautions, version);
    dj["provided_info"] = records_to_json(d.provided_info, version);
    dj["leftover_checks"] = records_to_json(d.leftover_checks, version);
    dj["remarks"] = records_to_json(d.remarks, version);
    dj["patient_entries"] = records_to_json(d.patient_entries, version);
    j["dispensings"].push_back(std::move(dj));
  }
  j["regular_pharmacists"] = records_to_json(nb.regular_pharmacists, version);
  j["split"] = optional_to_json(nb.split, version);
  j["unknown_records"] = unknown_records_to_json(nb.unknown_records);
  j["final_line_break"] = nb.final_line_break;
  j["eof_marker"] = nb.eof_marker;
  return j;
}

Expected<Notebook, JsonError> notebook_from_json(const Json& j) {
  Notebook nb;
  std::string format;
  auto error = ObjectReader(j, "$")
                   .member("format",
                           [&](const Json& v, const std::string& p) -> Err {
                             if (auto e = read_string(v, p, format)) return e;
                             if (format != "tc") return JsonError{p, "expected \"tc\", found \"" + format + "\""};
                             return std::nullopt;
                           })
                   .field("version", nb.version)
                   .field("direction", nb.direction)
                   .ignore("direction_label")
                   .field("patient", nb.patient)
                   .field("patient_notes", nb.patient_notes)
                   .list("otc_drugs", nb.otc_drugs, otc_from_json)
                   .field("memos", nb.memos)
                   .list("dispensings", nb.dispensings, dispensing_from_json)
                   .field("regular_pharmacists", nb.regular_pharmacists)
                   .field("split", nb.split)
                   .field("unknown_records", nb.unknown_records)
                   .field("final_line_break", nb.final_line_break)
                   .field("eof_marker", nb.eof_marker)
                   .finish();
  if (error) return unexpected(*error);
  if (format.empty()) return unexpected(JsonError{"$.format", "missing; expected \"tc\""});
  return nb;
}

}  // namespace kofu::jahis::tc
