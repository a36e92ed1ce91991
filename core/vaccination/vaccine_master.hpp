// The vaccine master: every vaccine product given in Japan, with the names a certificate prints and the codes
// other systems use (CVX for SMART Health Cards; MEDIS HOT and YJ for Japanese systems). The central server
// publishes it as versioned JSON; data/masters/vaccines.json is the current one and docs/vaccination.md its format.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error/expected.hpp"
#include "vaccination/calendar.hpp"

namespace kofu::vaccination {

struct Vaccine {
  std::string id;                     // stable slug that records refer to ("comirnaty-syringe-jn1")
  std::vector<std::string> diseases;  // target diseases, one for most products ("COVID-19"), several for 4種混合
  std::string name_ja;                // ワクチン名 as printed
  std::string name_en;
  std::string manufacturer_ja;  // メーカー as printed
  std::string manufacturer_en;
  std::string cvx;                   // CDC CVX code, 2 or 3 digits ("03", "208")
  std::optional<std::string> hot9;   // MEDIS HOT9 (9 digits), only where a source gives it
  std::optional<std::string> hot13;  // MEDIS HOT13 (13 digits, a package of the HOT9 product)
  std::optional<std::string> yj;     // YJ code (個別医薬品コード, 12 characters)
  std::vector<std::string> notes;    // how a code was chosen when no source maps it

  bool targets(std::string_view disease) const;
};

class VaccineMaster {
 public:
  // Validates everything a certificate relies on; the error names the entry and the field. Keys the reader does
  // not know are ignored, so that a newer master with extra fields still loads on an older kiosk.
  static Expected<VaccineMaster> parse(std::string_view json_text);

  const std::string& version() const noexcept { return version_; }  // "2026.11.1"
  const CivilDate& updated() const noexcept { return updated_; }
  const std::vector<Vaccine>& vaccines() const noexcept { return vaccines_; }

  // nullptr when no entry has that id.
  const Vaccine* find(std::string_view id) const;
  // The first entry with that CVX code, for naming the vaccine of a verified SMART Health Card. Several products
  // share a code (each strain update of a brand, or products of one composition), so the entry found names a
  // product of the right composition, not necessarily the one that was given.
  const Vaccine* find_by_cvx(std::string_view cvx) const;

 private:
  std::string version_;
  CivilDate updated_;
  std::vector<Vaccine> vaccines_;
};

}  // namespace kofu::vaccination
