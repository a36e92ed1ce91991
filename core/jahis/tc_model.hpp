// JAHIS 電子版お薬手帳データフォーマット (JAHIS TC) Ver.2.6, header JAHISTC08: a struct per record and the
// grouped notebook. Table numbers are those of the Ver.2.6 specification (表3-9 … 表3-32).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "jahis/codes.hpp"
#include "jahis/record.hpp"

namespace kofu::jahis::tc {

inline constexpr int kCurrentVersion = 8;  // JAHISTC08 (Ver.2.5 and 2.6)

// レコード作成者 (used by almost every record).
inline constexpr std::array<CodeEntry, 4> kCreatorCodes{
    {{"1", "医療関係者"}, {"2", "患者等"}, {"8", "その他"}, {"9", "不明"}}};
// 出力区分.
inline constexpr std::array<CodeEntry, 2> kDirectionCodes{
    {{"1", "医療機関・薬局→患者等"}, {"2", "患者等→医療機関・薬局"}}};
inline constexpr std::array<CodeEntry, 4> kPatientNoteKinds{
    {{"1", "アレルギー歴"}, {"2", "副作用歴"}, {"3", "既往歴"}, {"9", "その他"}}};
inline constexpr std::array<CodeEntry, 2> kIngredientCodeKinds{{{"1", "コードなし"}, {"2", "成分名コード"}}};
inline constexpr std::array<CodeEntry, 3> kDispensingScoreTables{{{"1", "医科"}, {"3", "歯科"}, {"4", "調剤"}}};
inline constexpr std::array<CodeEntry, 2> kPrescribingScoreTables{{{"1", "医科"}, {"3", "歯科"}}};
inline constexpr std::array<CodeEntry, 5> kDrugCodeKinds{{{"1", "コードなし"},
                                                          {"2", "レセプト電算処理システム用コード"},
                                                          {"3", "厚生労働省コード"},
                                                          {"4", "YJコード"},
                                                          {"6", "HOTコード"}}};
inline constexpr std::array<CodeEntry, 2> kGenericCodeKinds{{{"1", "コードなし"}, {"2", "一般名コード"}}};
// 剤形コード (別表4).
inline constexpr std::array<CodeEntry, 9> kDosageForms{{{"1", "内服"},
                                                        {"2", "内滴"},
                                                        {"3", "屯服"},
                                                        {"4", "注射"},
                                                        {"5", "外用"},
                                                        {"6", "浸煎"},
                                                        {"7", "湯"},
                                                        {"9", "材料"},
                                                        {"10", "その他"}}};
inline constexpr std::array<CodeEntry, 2> kUsageCodeKinds{{{"1", "コードなし"}, {"2", "JAMI用法コード"}}};
inline constexpr std::array<CodeEntry, 3> kProvidedInfoKinds{
    {{"30", "入院中に副作用が発現した薬剤に関する情報"},
     {"31", "退院後の療養を担う保険医療機関での投薬又は保険薬局での調剤に必要な服薬の状況及び投薬上の工夫に関する情報"},
     {"99", "その他"}}};

// Short names for the layout tables below.
using FT = FieldType;
using N = Need;

// 1 患者情報 (表3-10)
struct Patient : RecordBase {
  static constexpr int number = 1;
  static constexpr std::string_view name = "患者情報";
  std::string patient_name, sex, birth_date, postal_code, address, phone, emergency_contact, blood_type, weight,
      kana_name;
};
// 2 患者特記 (表3-11)
struct PatientNote : RecordBase {
  static constexpr int number = 2;
  static constexpr std::string_view name = "患者特記";
  std::string kind, content, creator;
};
// 3 要指導医薬品・一般用医薬品服用 (表3-12)
struct OtcDrug : RecordBase {
  static constexpr int number = 3;
  static constexpr std::string_view name = "要指導医薬品・一般用医薬品服用";
  std::string drug_name, start_date, end_date, creator, sequence, jan_code;
};
// 31 要指導医薬品・一般用医薬品成分 (表3-13, Ver.2.5+)
struct OtcIngredient : RecordBase {
  static constexpr int number = 31;
  static constexpr std::string_view name = "要指導医薬品・一般用医薬品成分";
  std::string sequence, ingredient_name, code_kind, code, creator;
};
// 4 手帳メモ (表3-14)
struct Memo : RecordBase {
  static constexpr int number = 4;
  static constexpr std::string_view name = "手帳メモ";
  std::string content, date, creator;
};
// 5 調剤等年月日 (表3-15)
struct DispensingDate : RecordBase {
  static constexpr int number = 5;
  static constexpr std::string_view name = "調剤等年月日";
  std::string date, creator;
};
// 11 調剤－医療機関等 (表3-16)
struct DispensingInstitution : RecordBase {
  static constexpr int number = 11;
  static constexpr std::string_view name = "調剤－医療機関等";
  std::string institution_name, prefecture, score_table, institution_code, postal_code, address, phone, creator;
};
// 15 調剤－医師・薬剤師 (表3-17)
struct DispensingStaff : RecordBase {
  static constexpr int number = 15;
  static constexpr std::string_view name = "調剤－医師・薬剤師";
  std::string staff_name, contact, creator;
};
// 51 処方－医療機関 (表3-18)
struct PrescribingInstitution : RecordBase {
  static constexpr int number = 51;
  static constexpr std::string_view name = "処方－医療機関";
  std::string institution_name, prefecture, score_table, institution_code, creator;
};
// 55 処方－医師 (表3-19)
struct Prescriber : RecordBase {
  static constexpr int number = 55;
  static constexpr std::string_view name = "処方－医師";
  std::string doctor_name, department, creator;
};
// 201 薬品 (表3-20)
struct Drug : RecordBase {
  static constexpr int number = 201;
  static constexpr std::string_view name = "薬品";
  std::string rp, drug_name, dose, unit, code_kind, code, creator, generic_name, generic_code_kind, generic_code;
};
// 281 薬品補足 (表3-21)
struct DrugSupplement : RecordBase {
  static constexpr int number = 281;
  static constexpr std::string_view name = "薬品補足";
  std::string rp, content, creator;
};
// 291 薬品服用注意 (表3-22)
struct DrugCaution : RecordBase {
  static constexpr int number = 291;
  static constexpr std::string_view name = "薬品服用注意";
  std::string rp, content, creator;
};
// 301 用法 (表3-23)
struct Usage : RecordBase {
  static constexpr int number = 301;
  static constexpr std::string_view name = "用法";
  std::string rp, usage_name, quantity, quantity_unit, dosage_form, code_kind, code, creator;
};
// 311 用法補足 (表3-24)
struct UsageSupplement : RecordBase {
  static constexpr int number = 311;
  static constexpr std::string_view name = "用法補足";
  std::string rp, content, creator;
};
// 391 処方服用注意 (表3-25)
struct RpCaution : RecordBase {
  static constexpr int number = 391;
  static constexpr std::string_view name = "処方服用注意";
  std::string rp, content, creator;
};
// 401 服用注意 (表3-26)
struct Caution : RecordBase {
  static constexpr int number = 401;
  static constexpr std::string_view name = "服用注意";
  std::string content, creator;
};
// 411 医療機関等提供情報 (表3-27)
struct ProvidedInfo : RecordBase {
  static constexpr int number = 411;
  static constexpr std::string_view name = "医療機関等提供情報";
  std::string content, kind, creator;
};
// 421 残薬確認 (表3-28, Ver.2.4+)
struct LeftoverCheck : RecordBase {
  static constexpr int number = 421;
  static constexpr std::string_view name = "残薬確認";
  std::string content, creator;
};
// 501 備考 (表3-29)
struct Remark : RecordBase {
  static constexpr int number = 501;
  static constexpr std::string_view name = "備考";
  std::string content, creator;
};
// 601 患者等記入 (表3-30); it has no レコード作成者.
struct PatientEntry : RecordBase {
  static constexpr int number = 601;
  static constexpr std::string_view name = "患者等記入";
  std::string content, date;
};
// 701 かかりつけ薬剤師 (表3-31)
struct RegularPharmacist : RecordBase {
  static constexpr int number = 701;
  static constexpr std::string_view name = "かかりつけ薬剤師";
  std::string pharmacist_name, pharmacy_name, contact, start_date, end_date, creator;
};
// 911 分割制御 (表3-32)
struct SplitControl : RecordBase {
  static constexpr int number = 911;
  static constexpr std::string_view name = "分割制御";
  std::string data_id, part_count, part_number;
};

// ---- grouping (JAHIS TC 3.2.7) ----

struct OtcEntry {
  OtcDrug drug;
  std::vector<OtcIngredient> ingredients;  // 31 records whose 通番 is the drug's
};

struct DrugEntry {
  Drug drug;
  std::vector<DrugSupplement> supplements;  // 281 following the 201
  std::vector<DrugCaution> cautions;        // 291 following the 201
};

// An RP: one or more 201 with the same RP番号, closed by its 301.
struct Rp {
  std::vector<DrugEntry> drugs;
  std::optional<Usage> usage;
  std::vector<UsageSupplement> usage_supplements;
  std::vector<RpCaution> cautions;
};

// The RPs written under one 55 処方－医師 (or under none, before the first 55).
struct PrescriberGroup {
  std::optional<Prescriber> prescriber;
  std::vector<Rp> rps;
};

// 調剤情報: everything from one 5 to the next.
struct Dispensing {
  DispensingDate date;
  std::optional<DispensingInstitution> institution;
  std::optional<DispensingStaff> staff;
  std::optional<PrescribingInstitution> prescribing_institution;
  std::vector<PrescriberGroup> prescriber_groups;
  std::vector<Caution> cautions;
  std::vector<ProvidedInfo> provided_info;
  std::vector<LeftoverCheck> leftover_checks;
  std::vector<Remark> remarks;
  std::vector<PatientEntry> patient_entries;
};

struct Notebook {
  std::string version = "JAHISTC08";
  std::string direction = "1";  // 出力区分
  std::optional<Patient> patient;
  std::vector<PatientNote> patient_notes;
  std::vector<OtcEntry> otc_drugs;
  std::vector<Memo> memos;
  std::vector<Dispensing> dispensings;  // newest first
  std::vector<RegularPharmacist> regular_pharmacists;
  std::optional<SplitControl> split;  // present only in one part of a split notebook
  std::vector<UnknownRecord> unknown_records;
  bool final_line_break = true;
  bool eof_marker = false;

  // The version number of the header (8 for JAHISTC08), or 0 when it does not parse.
  int version_number() const noexcept;
};

}  // namespace kofu::jahis::tc

namespace kofu::jahis {

template <>
inline constexpr auto kFields<tc::Patient> = std::to_array<Field<tc::Patient>>({
    {{"patient_name", "患者氏名", tc::FT::text, 40, tc::N::required}, &tc::Patient::patient_name},
    {{"sex", "患者性別", tc::FT::numeric, 1, tc::N::required, kSexCodes}, &tc::Patient::sex},
    {{"birth_date", "患者生年月日", tc::FT::tc_date, 8, tc::N::required}, &tc::Patient::birth_date},
    {{"postal_code", "患者郵便番号", tc::FT::alnum, 8, tc::N::optional}, &tc::Patient::postal_code},
    {{"address", "患者住所", tc::FT::text, 800, tc::N::optional}, &tc::Patient::address},
    {{"phone", "患者電話番号", tc::FT::alnum, 13, tc::N::optional}, &tc::Patient::phone},
    {{"emergency_contact", "緊急連絡先", tc::FT::text, 800, tc::N::optional}, &tc::Patient::emergency_contact},
    {{"blood_type", "血液型", tc::FT::text, 20, tc::N::optional}, &tc::Patient::blood_type},
    {{"weight", "体重", tc::FT::alnum, 7, tc::N::optional}, &tc::Patient::weight},
    {{"kana_name", "患者氏名カナ", tc::FT::text, 40, tc::N::optional}, &tc::Patient::kana_name},
});
template <>
inline constexpr auto kFields<tc::PatientNote> = std::to_array<Field<tc::PatientNote>>({
    {{"kind", "患者特記種別", tc::FT::numeric, 1, tc::N::required, tc::kPatientNoteKinds}, &tc::PatientNote::kind},
    {{"content", "患者特記内容", tc::FT::text, 120, tc::N::required}, &tc::PatientNote::content},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes}, &tc::PatientNote::creator},
});
template <>
inline constexpr auto kFields<tc::OtcDrug> = std::to_array<Field<tc::OtcDrug>>({
    {{"drug_name", "薬品名称", tc::FT::text, 120, tc::N::required}, &tc::OtcDrug::drug_name},
    {{"start_date", "服用開始年月日", tc::FT::tc_date, 8, tc::N::optional}, &tc::OtcDrug::start_date},
    {{"end_date", "服用終了年月日", tc::FT::tc_date, 8, tc::N::optional}, &tc::OtcDrug::end_date},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes}, &tc::OtcDrug::creator},
    {{"sequence", "要指導医薬品・一般用医薬品レコード通番", tc::FT::numeric, 3, tc::N::optional, {}, 8},
     &tc::OtcDrug::sequence},
    {{"jan_code", "ＪＡＮコード", tc::FT::numeric, 13, tc::N::optional, {}, 8}, &tc::OtcDrug::jan_code},
});
template <>
inline constexpr auto kFields<tc::OtcIngredient> = std::to_array<Field<tc::OtcIngredient>>({
    {{"sequence", "要指導医薬品・一般用医薬品レコード通番", tc::FT::numeric, 3, tc::N::required},
     &tc::OtcIngredient::sequence},
    {{"ingredient_name", "成分名", tc::FT::text, 256, tc::N::required}, &tc::OtcIngredient::ingredient_name},
    {{"code_kind", "成分コード種別", tc::FT::numeric, 1, tc::N::required, tc::kIngredientCodeKinds},
     &tc::OtcIngredient::code_kind},
    {{"code", "成分コード", tc::FT::alnum, 20, tc::N::optional}, &tc::OtcIngredient::code},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes},
     &tc::OtcIngredient::creator},
});
template <>
inline constexpr auto kFields<tc::Memo> = std::to_array<Field<tc::Memo>>({
    {{"content", "手帳メモ情報", tc::FT::text, 400, tc::N::required}, &tc::Memo::content},
    {{"date", "メモ入力年月日", tc::FT::tc_date, 8, tc::N::optional}, &tc::Memo::date},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes}, &tc::Memo::creator},
});
template <>
inline constexpr auto kFields<tc::DispensingDate> = std::to_array<Field<tc::DispensingDate>>({
    {{"date", "調剤等年月日", tc::FT::tc_date, 8, tc::N::required}, &tc::DispensingDate::date},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes},
     &tc::DispensingDate::creator},
});
template <>
inline constexpr auto kFields<tc::DispensingInstitution> = std::to_array<Field<tc::DispensingInstitution>>({
    {{"institution_name", "医療機関等名称", tc::FT::text, 120, tc::N::required},
     &tc::DispensingInstitution::institution_name},
    {{"prefecture", "医療機関等都道府県", tc::FT::alnum, 2, tc::N::required_outbound, kPrefectureCodes},
     &tc::DispensingInstitution::prefecture},
    {{"score_table", "医療機関等点数表", tc::FT::alnum, 1, tc::N::required_outbound, tc::kDispensingScoreTables},
     &tc::DispensingInstitution::score_table},
    // ◎1 in the table, but may stay empty while the code's retroactive assignment (遡及指定) is pending.
    {{"institution_code", "医療機関等コード", tc::FT::alnum, 7, tc::N::optional},
     &tc::DispensingInstitution::institution_code},
    {{"postal_code", "医療機関等郵便番号", tc::FT::alnum, 8, tc::N::optional}, &tc::DispensingInstitution::postal_code},
    {{"address", "医療機関等住所", tc::FT::text, 800, tc::N::optional}, &tc::DispensingInstitution::address},
    {{"phone", "医療機関等電話番号", tc::FT::alnum, 13, tc::N::optional}, &tc::DispensingInstitution::phone},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes},
     &tc::DispensingInstitution::creator},
});
template <>
inline constexpr auto kFields<tc::DispensingStaff> = std::to_array<Field<tc::DispensingStaff>>({
    {{"staff_name", "医師・薬剤師氏名", tc::FT::text, 40, tc::N::required}, &tc::DispensingStaff::staff_name},
    {{"contact", "医師・薬剤師連絡先", tc::FT::text, 800, tc::N::optional}, &tc::DispensingStaff::contact},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes},
     &tc::DispensingStaff::creator},
});
template <>
inline constexpr auto kFields<tc::PrescribingInstitution> = std::to_array<Field<tc::PrescribingInstitution>>({
    {{"institution_name", "医療機関名称", tc::FT::text, 120, tc::N::required},
     &tc::PrescribingInstitution::institution_name},
    {{"prefecture", "医療機関都道府県", tc::FT::alnum, 2, tc::N::required_outbound, kPrefectureCodes},
     &tc::PrescribingInstitution::prefecture},
    {{"score_table", "医療機関点数表", tc::FT::alnum, 1, tc::N::required_outbound, tc::kPrescribingScoreTables},
     &tc::PrescribingInstitution::score_table},
    {{"institution_code", "医療機関コード", tc::FT::alnum, 7, tc::N::required_outbound},
     &tc::PrescribingInstitution::institution_code},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes},
     &tc::PrescribingInstitution::creator},
});
template <>
inline constexpr auto kFields<tc::Prescriber> = std::to_array<Field<tc::Prescriber>>({
    {{"doctor_name", "医師氏名", tc::FT::text, 40, tc::N::required}, &tc::Prescriber::doctor_name},
    {{"department", "診療科名", tc::FT::text, 80, tc::N::optional}, &tc::Prescriber::department},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes}, &tc::Prescriber::creator},
});
template <>
inline constexpr auto kFields<tc::Drug> = std::to_array<Field<tc::Drug>>({
    {{"rp", "RP番号", tc::FT::numeric, 3, tc::N::required}, &tc::Drug::rp},
    {{"drug_name", "薬品名称", tc::FT::text, 120, tc::N::required}, &tc::Drug::drug_name},
    {{"dose", "用量", tc::FT::amount, 12, tc::N::required_outbound}, &tc::Drug::dose},
    {{"unit", "単位名", tc::FT::text, 12, tc::N::required_outbound}, &tc::Drug::unit},
    {{"code_kind", "薬品コード種別", tc::FT::numeric, 1, tc::N::required_outbound, tc::kDrugCodeKinds},
     &tc::Drug::code_kind},
    {{"code", "薬品コード", tc::FT::alnum, 13, tc::N::optional}, &tc::Drug::code},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes}, &tc::Drug::creator},
    {{"generic_name", "一般名", tc::FT::text, 120, tc::N::optional, {}, 8}, &tc::Drug::generic_name},
    {{"generic_code_kind", "一般名コード種別", tc::FT::numeric, 1, tc::N::optional, tc::kGenericCodeKinds, 8},
     &tc::Drug::generic_code_kind},
    {{"generic_code", "一般名コード", tc::FT::alnum, 12, tc::N::optional, {}, 8}, &tc::Drug::generic_code},
});
template <>
inline constexpr auto kFields<tc::DrugSupplement> = std::to_array<Field<tc::DrugSupplement>>({
    {{"rp", "RP番号", tc::FT::numeric, 3, tc::N::required}, &tc::DrugSupplement::rp},
    {{"content", "薬品補足情報", tc::FT::text, 100, tc::N::required}, &tc::DrugSupplement::content},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes},
     &tc::DrugSupplement::creator},
});
template <>
inline constexpr auto kFields<tc::DrugCaution> = std::to_array<Field<tc::DrugCaution>>({
    {{"rp", "RP番号", tc::FT::numeric, 3, tc::N::required}, &tc::DrugCaution::rp},
    {{"content", "薬品服用注意内容", tc::FT::text, 400, tc::N::required}, &tc::DrugCaution::content},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes}, &tc::DrugCaution::creator},
});
template <>
inline constexpr auto kFields<tc::Usage> = std::to_array<Field<tc::Usage>>({
    {{"rp", "RP番号", tc::FT::numeric, 3, tc::N::required}, &tc::Usage::rp},
    {{"usage_name", "用法名称", tc::FT::text, 100, tc::N::optional}, &tc::Usage::usage_name},
    {{"quantity", "調剤数量", tc::FT::numeric, 3, tc::N::required_outbound}, &tc::Usage::quantity},
    {{"quantity_unit", "調剤単位", tc::FT::text, 100, tc::N::required_outbound}, &tc::Usage::quantity_unit},
    {{"dosage_form", "剤形コード", tc::FT::alnum, 2, tc::N::required_outbound, tc::kDosageForms},
     &tc::Usage::dosage_form},
    {{"code_kind", "用法コード種別", tc::FT::numeric, 1, tc::N::required_outbound, tc::kUsageCodeKinds},
     &tc::Usage::code_kind},
    {{"code", "用法コード", tc::FT::alnum, 16, tc::N::optional}, &tc::Usage::code},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes}, &tc::Usage::creator},
});
template <>
inline constexpr auto kFields<tc::UsageSupplement> = std::to_array<Field<tc::UsageSupplement>>({
    {{"rp", "RP番号", tc::FT::numeric, 3, tc::N::required}, &tc::UsageSupplement::rp},
    {{"content", "用法補足情報", tc::FT::text, 100, tc::N::required}, &tc::UsageSupplement::content},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes},
     &tc::UsageSupplement::creator},
});
template <>
inline constexpr auto kFields<tc::RpCaution> = std::to_array<Field<tc::RpCaution>>({
    {{"rp", "RP番号", tc::FT::numeric, 3, tc::N::required}, &tc::RpCaution::rp},
    {{"content", "処方服用注意内容", tc::FT::text, 400, tc::N::required}, &tc::RpCaution::content},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes}, &tc::RpCaution::creator},
});
template <>
inline constexpr auto kFields<tc::Caution> = std::to_array<Field<tc::Caution>>({
    {{"content", "服用注意内容", tc::FT::text, 400, tc::N::required}, &tc::Caution::content},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes}, &tc::Caution::creator},
});
template <>
inline constexpr auto kFields<tc::ProvidedInfo> = std::to_array<Field<tc::ProvidedInfo>>({
    {{"content", "医療機関等提供情報内容", tc::FT::text, 400, tc::N::required}, &tc::ProvidedInfo::content},
    {{"kind", "提供情報種別", tc::FT::numeric, 2, tc::N::required, tc::kProvidedInfoKinds}, &tc::ProvidedInfo::kind},
    // ◎; checked with the record, because the specification's example 8 puts it in a later field.
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::optional, tc::kCreatorCodes}, &tc::ProvidedInfo::creator},
});
template <>
inline constexpr auto kFields<tc::LeftoverCheck> = std::to_array<Field<tc::LeftoverCheck>>({
    {{"content", "残薬内容", tc::FT::text, 400, tc::N::required}, &tc::LeftoverCheck::content},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes},
     &tc::LeftoverCheck::creator},
});
template <>
inline constexpr auto kFields<tc::Remark> = std::to_array<Field<tc::Remark>>({
    {{"content", "備考情報", tc::FT::text, 400, tc::N::required}, &tc::Remark::content},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes}, &tc::Remark::creator},
});
template <>
inline constexpr auto kFields<tc::PatientEntry> = std::to_array<Field<tc::PatientEntry>>({
    {{"content", "患者等記入情報", tc::FT::text, 400, tc::N::required}, &tc::PatientEntry::content},
    {{"date", "入力年月日", tc::FT::tc_date, 8, tc::N::optional}, &tc::PatientEntry::date},
});
template <>
inline constexpr auto kFields<tc::RegularPharmacist> = std::to_array<Field<tc::RegularPharmacist>>({
    {{"pharmacist_name", "かかりつけ薬剤師氏名", tc::FT::text, 40, tc::N::required},
     &tc::RegularPharmacist::pharmacist_name},
    {{"pharmacy_name", "勤務先薬局名称", tc::FT::text, 120, tc::N::required}, &tc::RegularPharmacist::pharmacy_name},
    // ◎ in 表3-31, yet the specification's own examples 7 and 11 leave it empty: checked as a deviation.
    {{"contact", "連絡先", tc::FT::text, 800, tc::N::optional}, &tc::RegularPharmacist::contact},
    {{"start_date", "担当開始日", tc::FT::tc_date, 8, tc::N::optional}, &tc::RegularPharmacist::start_date},
    {{"end_date", "担当終了日", tc::FT::tc_date, 8, tc::N::optional}, &tc::RegularPharmacist::end_date},
    {{"creator", "レコード作成者", tc::FT::numeric, 1, tc::N::required, tc::kCreatorCodes},
     &tc::RegularPharmacist::creator},
});
template <>
inline constexpr auto kFields<tc::SplitControl> = std::to_array<Field<tc::SplitControl>>({
    {{"data_id", "データ固有ID", tc::FT::numeric, 14, tc::N::required}, &tc::SplitControl::data_id},
    {{"part_count", "分割数", tc::FT::numeric, 3, tc::N::required}, &tc::SplitControl::part_count},
    {{"part_number", "データ連番", tc::FT::numeric, 3, tc::N::required}, &tc::SplitControl::part_number},
});

}  // namespace kofu::jahis
