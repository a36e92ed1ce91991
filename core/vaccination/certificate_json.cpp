// to_json(Certificate): each block ("person", "doses"[i], "issue") has exactly the keys of its field list, and
// "labels" names every one of them, so the UI and the layout can render any certificate from the lists alone.
#include <string>

#include "vaccination/certificate.hpp"

namespace kofu::vaccination {
namespace {

using Json = nlohmann::json;

// {"ja": …} on a domestic certificate, {"ja": …, "en": …} on an overseas one.
Json localized(std::string_view ja, std::string_view en, const Certificate& certificate) {
  Json j = Json::object();
  j["ja"] = ja;
  if (certificate.bilingual()) j["en"] = en;
  return j;
}

Json localized(Label text, const Certificate& certificate) {
  return localized(text.ja, text.en, certificate);
}

Json name_json(const PersonName& name) {
  return Json{{"family", name.family}, {"given", name.given}};
}

Json text_or_null(const std::string& text) {
  return text.empty() ? Json(nullptr) : Json(text);
}

Json keys(const std::vector<Field>& fields) {
  Json j = Json::array();
  for (Field f : fields) j.push_back(key(f));
  return j;
}

Json person_value(Field field, const Certificate& c) {
  switch (field) {
    case Field::name: return name_json(c.name);
    case Field::latin_name: return c.latin_name ? name_json(*c.latin_name) : Json(nullptr);
    case Field::birth_date: return jahis::to_iso(c.birth_date);
    case Field::nationality: return c.passport ? Json(c.passport->nationality) : Json(nullptr);
    case Field::passport_number: return c.passport ? Json(c.passport->number) : Json(nullptr);
    default: return nullptr;
  }
}

Json dose_value(Field field, const CertificateDose& d, const Certificate& c) {
  switch (field) {
    case Field::vaccine: {
      Json j = localized(d.vaccine_ja, d.vaccine_en, c);
      j["id"] = d.vaccine_id;
      return j;
    }
    case Field::manufacturer: return localized(d.manufacturer_ja, d.manufacturer_en, c);
    case Field::lot_number: return text_or_null(d.lot_number);
    case Field::vaccination_date: return jahis::to_iso(d.date);
    case Field::dose_number: return d.dose_number ? Json(*d.dose_number) : Json(nullptr);
    case Field::place: return text_or_null(d.place);
    case Field::country: return d.country;
    default: return nullptr;
  }
}

Json issue_value(Field field, const Certificate& c) {
  switch (field) {
    case Field::issuer: return Json{{"municipality", c.issuer.municipality}, {"mayor_title", c.issuer.mayor_title}};
    case Field::date_of_issue: return jahis::to_iso(c.issued_on);
    case Field::certificate_id: return c.certificate_id;
    default: return nullptr;
  }
}

}  // namespace

nlohmann::json to_json(const Certificate& certificate) {
  const Certificate& c = certificate;
  Json j = Json::object();
  j["kind"] = c.bilingual() ? "overseas" : "domestic";
  j["languages"] = c.bilingual() ? Json::array({"ja", "en"}) : Json::array({"ja"});
  j["title"] = localized(title(), c);
  j["kind_label"] = localized(kind_label(c.kind), c);
  j["disease"] = c.disease;

  Json labels = Json::object();
  for (const auto* fields : {&c.person_fields, &c.dose_fields, &c.issue_fields}) {
    for (Field f : *fields) labels[std::string(key(f))] = localized(label(f), c);
  }
  j["labels"] = labels;
  j["person_fields"] = keys(c.person_fields);
  j["dose_fields"] = keys(c.dose_fields);
  j["issue_fields"] = keys(c.issue_fields);

  Json person = Json::object();
  for (Field f : c.person_fields) person[std::string(key(f))] = person_value(f, c);
  j["person"] = person;

  Json doses = Json::array();
  for (const CertificateDose& d : c.doses) {
    Json dose = Json::object();
    for (Field f : c.dose_fields) dose[std::string(key(f))] = dose_value(f, d, c);
    dose["cvx"] = d.cvx;  // not printed: for checking the printed doses against the SMART Health Card
    doses.push_back(dose);
  }
  j["doses"] = doses;
  j["omitted_doses"] = c.omitted_doses;
  j["omission_note"] =
      c.omission_note_ja ? localized(*c.omission_note_ja, c.omission_note_en.value_or(""), c) : Json(nullptr);

  Json issue = Json::object();
  for (Field f : c.issue_fields) issue[std::string(key(f))] = issue_value(f, c);
  j["issue"] = issue;
  return j;
}

}  // namespace kofu::vaccination
