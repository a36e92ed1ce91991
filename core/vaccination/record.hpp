// A resident's vaccination record as the central server holds it: who, and each dose given. The input of both
// the SMART Health Card (core/shc) and the printed certificate (core/vaccination/certificate.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "jahis/dates.hpp"

namespace kofu::vaccination {

using jahis::CivilDate;

struct PersonName {
  std::string family;  // 氏 (or the surname in Latin letters)
  std::string given;   // 名 (or the given names in Latin letters)
};

struct Person {
  PersonName name;                       // as registered (kanji/kana), 正字 or the card's 代替文字
  std::optional<PersonName> latin_name;  // ローマ字氏名 as in the passport, for the overseas certificate
  CivilDate birth_date;
};

struct Dose {
  CivilDate date;                  // 接種年月日
  std::string vaccine;             // id of the product in the vaccine master (data/masters/vaccines.json)
  std::string lot_number;          // ロット番号, empty when unknown
  std::optional<int> dose_number;  // 接種回数 when known (1-based, counted per disease)
  std::string place;               // 接種場所 (clinic or venue) when known
  std::string country = "JP";      // ISO 3166-1 alpha-2 of the country of vaccination
};

struct VaccinationRecord {
  Person person;
  std::vector<Dose> doses;  // in any order
};

}  // namespace kofu::vaccination
