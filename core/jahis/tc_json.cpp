#include "jahis/tc_json.hpp"

namespace kofu::jahis::tc {
namespace {

using Err = std::optional<JsonError>;

auto records(auto& vec) {
  return [&vec](const Json& j, const std::string& p) { return records_from_json(j, p, vec); };
}
auto optional_record(auto& opt) {
  return [&opt](const Json& j, const std::string& p) { return optional_from_json(j, p, opt); };
}
auto record(auto& r) {
  return [&r](const Json& j, const std::string& p) { return record_from_json(j, p, r); };
}
auto string(std::string& s) {
  return [&s](const Json& j, const std::string& p) { return read_string(j, p, s); };
}

Err drug_entry(const Json& j, const std::string& path, DrugEntry& e) {
  return ObjectReader(j, path)
      .member("drug", record(e.drug))
      .member("supplements", records(e.supplements))
      .member("cautions", records(e.cautions))
      .finish();
}

Err rp_from_json(const Json& j, const std::string& path, Rp& rp) {
  return ObjectReader(j, path)
      .member("drugs", [&](const Json& v, const std::string& p) { return list_from_json(v, p, rp.drugs, drug_entry); })
      .member("usage", optional_record(rp.usage))
      .member("usage_supplements", records(rp.usage_supplements))
      .member("cautions", records(rp.cautions))
      .finish();
}

Err group_from_json(const Json& j, const std::string& path, PrescriberGroup& g) {
  return ObjectReader(j, path)
      .member("prescriber", optional_record(g.prescriber))
      .member("rps", [&](const Json& v, const std::string& p) { return list_from_json(v, p, g.rps, rp_from_json); })
      .finish();
}

Err dispensing_from_json(const Json& j, const std::string& path, Dispensing& d) {
  return ObjectReader(j, path)
      .member("date", record(d.date))
      .member("institution", optional_record(d.institution))
      .member("staff", optional_record(d.staff))
      .member("prescribing_institution", optional_record(d.prescribing_institution))
      .member("prescriber_groups",
              [&](const Json& v, const std::string& p) {
                return list_from_json(v, p, d.prescriber_groups, group_from_json);
              })
      .member("cautions", records(d.cautions))
      .member("provided_info", records(d.provided_info))
      .member("leftover_checks", records(d.leftover_checks))
      .member("remarks", records(d.remarks))
      .member("patient_entries", records(d.patient_entries))
      .finish();
}

Err otc_from_json(const Json& j, const std::string& path, OtcEntry& e) {
  return ObjectReader(j, path).member("drug", record(e.drug)).member("ingredients", records(e.ingredients)).finish();
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
  auto error =
      ObjectReader(j, "$")
          .member("format",
                  [&](const Json& v, const std::string& p) -> Err {
                    if (auto e = read_string(v, p, format)) return e;
                    if (format != "tc") return JsonError{p, "expected \"tc\", found \"" + format + "\""};
                    return std::nullopt;
                  })
          .member("version", string(nb.version))
          .member("direction", string(nb.direction))
          .ignore("direction_label")
          .member("patient", optional_record(nb.patient))
          .member("patient_notes", records(nb.patient_notes))
          .member("otc_drugs", [&](const Json& v,
                                   const std::string& p) { return list_from_json(v, p, nb.otc_drugs, otc_from_json); })
          .member("memos", records(nb.memos))
          .member("dispensings",
                  [&](const Json& v, const std::string& p) {
                    return list_from_json(v, p, nb.dispensings, dispensing_from_json);
                  })
          .member("regular_pharmacists", records(nb.regular_pharmacists))
          .member("split", optional_record(nb.split))
          .member(
              "unknown_records",
              [&](const Json& v, const std::string& p) { return unknown_records_from_json(v, p, nb.unknown_records); })
          .member("final_line_break",
                  [&](const Json& v, const std::string& p) { return read_bool(v, p, nb.final_line_break); })
          .member("eof_marker", [&](const Json& v, const std::string& p) { return read_bool(v, p, nb.eof_marker); })
          .finish();
  if (error) return unexpected(*error);
  if (format.empty()) return unexpected(JsonError{"$.format", "missing; expected \"tc\""});
  return nb;
}

}  // namespace kofu::jahis::tc
