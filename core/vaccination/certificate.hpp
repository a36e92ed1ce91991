// The printed vaccination certificate (予防接種証明書) as data: what the printer layout renders and the kiosk UI shows
// for confirmation. Two kinds, as Japan issued them for COVID-19 (../shared/reference/certificates.md §1.9):
// 日本国内用 in Japanese, and 海外用及び日本国内用 with every label also in English plus the passport data.
// docs/vaccination.md describes the model and its JSON.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error/expected.hpp"
#include "vaccination/record.hpp"
#include "vaccination/vaccine_master.hpp"

namespace kofu::vaccination {

enum class CertificateKind {
  domestic,  // 日本国内用
  overseas,  // 海外用及び日本国内用
};

// Japan prints the 5 most recent doses of people with more (since 2023-06-19), with a note saying so.
inline constexpr std::size_t kDefaultDoseLimit = 5;

struct Issuer {
  std::string municipality;  // "東京都新宿区"
  std::string mayor_title;   // "新宿区長": the certificate is issued in the mayor's name
};

struct Passport {
  std::string number;       // 旅券番号: a Japanese passport has 2 letters and 7 digits ("TK1234567")
  std::string nationality;  // 国籍・地域 as the passport writes it: ISO 3166-1 alpha-3 ("JPN")
};

struct CertificateRequest {
  CertificateKind kind = CertificateKind::domestic;
  Issuer issuer;
  CivilDate issued_on;               // 発行日
  std::string certificate_id;        // 証明書ID, from the issuance ledger
  std::optional<Passport> passport;  // required for an overseas certificate, not printed on a domestic one
  std::size_t dose_limit = kDefaultDoseLimit;
  std::string disease = "COVID-19";  // a disease name of the vaccine master
};

// One printed dose, with the vaccine's names resolved through the master.
struct CertificateDose {
  CivilDate date;  // 接種年月日
  std::string vaccine_id;
  std::string vaccine_ja;  // ワクチン名
  std::string vaccine_en;
  std::string manufacturer_ja;  // メーカー
  std::string manufacturer_en;
  std::string cvx;                 // for the SMART Health Card of the same doses
  std::string lot_number;          // ロット番号, empty when unknown
  std::optional<int> dose_number;  // 接種回数
  std::string place;               // 接種場所, empty when unknown
  std::string country;             // 接種国, ISO 3166-1 alpha-3 ("JPN")
};

// Everything a certificate can print, each with a label in Japanese and English.
enum class Field {
  name,              // 氏名
  latin_name,        // ローマ字氏名
  birth_date,        // 生年月日
  nationality,       // 国籍・地域
  passport_number,   // 旅券番号
  vaccine,           // ワクチン名
  manufacturer,      // メーカー
  lot_number,        // ロット番号
  vaccination_date,  // 接種年月日
  dose_number,       // 接種回数
  place,             // 接種場所
  country,           // 接種国
  issuer,            // 発行者
  date_of_issue,     // 発行日
  certificate_id,    // 証明書ID
};

struct Label {
  std::string_view ja;
  std::string_view en;
};

Label label(Field field);
// The field's key in the JSON rendering ("date_of_issue").
std::string_view key(Field field);
Label title();                           // 予防接種証明書
Label kind_label(CertificateKind kind);  // 日本国内用 / 海外用及び日本国内用

struct Certificate {
  CertificateKind kind = CertificateKind::domestic;
  std::string disease;
  PersonName name;                       // 氏名
  std::optional<PersonName> latin_name;  // overseas only
  CivilDate birth_date;
  std::optional<Passport> passport;             // overseas only
  std::vector<CertificateDose> doses;           // oldest first, at most the request's dose limit
  std::size_t omitted_doses = 0;                // older doses of the disease left out
  std::optional<std::string> omission_note_ja;  // present exactly when doses were left out
  std::optional<std::string> omission_note_en;  // overseas only
  Issuer issuer;
  CivilDate issued_on;
  std::string certificate_id;
  // What to print, in order: the person block, the columns of the dose table, and the issuer block. Dose number
  // and place are columns only when some printed dose has one; country only overseas.
  std::vector<Field> person_fields;
  std::vector<Field> dose_fields;
  std::vector<Field> issue_fields;

  bool bilingual() const noexcept { return kind == CertificateKind::overseas; }
};

// Validates the request and the record and resolves each dose through the master. The error names the dose
// ("doses[2]"), the field and the value, and what the resident or the operator can do about it.
Expected<Certificate> make_certificate(const VaccinationRecord& record, const VaccineMaster& master,
                                       const CertificateRequest& request);

// Keeps only the `keep` most recent doses (when the QR code cannot hold more) and words the note to match.
void keep_recent_doses(Certificate& certificate, std::size_t keep);

// Which doses a certificate (and its QR code) carries: the `limit` most recent, oldest first. Doses on the same
// day are ordered by their dose number.
std::vector<Dose> select_recent_doses(std::vector<Dose> doses, std::size_t limit);

// The JSON the kiosk UI and the printer layout consume (docs/vaccination.md): only the certificate's languages.
nlohmann::json to_json(const Certificate& certificate);

}  // namespace kofu::vaccination
