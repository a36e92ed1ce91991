// JAHIS 院外処方箋２次元シンボル記録条件規約 (JAHIS Rx) Ver.1.10, header JAHIS10: a struct per record and the
// grouped prescription. Table numbers are those of the Ver.1.10 specification (表3-8 … 表3-44).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "jahis/codes.hpp"
#include "jahis/record.hpp"

namespace kofu::jahis::rx {

inline constexpr int kCurrentVersion = 10;  // JAHIS10 (Ver.1.9 and 1.10)

inline constexpr std::array<CodeEntry, 3> kInstitutionKinds{{{"1", "医科"}, {"3", "歯科"}, {"6", "訪問"}}};
inline constexpr std::array<CodeEntry, 2> kDepartmentCodeKinds{{{"1", "コードなし"}, {"2", "診療科コード"}}};
// 別表3 診療科コード, including the codes kept by transitional measures (経過措置).
inline constexpr std::array<CodeEntry, 38> kDepartmentCodes{{
    {"01", "内科"},           {"02", "精神科"},
    {"03", "神経科"},         {"04", "神経内科"},
    {"05", "呼吸器科"},       {"06", "消化器科"},
    {"07", "胃腸科"},         {"08", "循環器科"},
    {"09", "小児科"},         {"10", "外科"},
    {"11", "整形外科"},       {"12", "形成外科"},
    {"13", "美容外科"},       {"14", "脳神経外科"},
    {"15", "呼吸器外科"},     {"16", "心臓血管外科"},
    {"17", "小児外科"},       {"18", "皮膚ひ尿器科"},
    {"19", "皮膚科"},         {"20", "ひ尿器科"},
    {"21", "性病科"},         {"22", "こう門科"},
    {"23", "産婦人科"},       {"24", "産科"},
    {"25", "婦人科"},         {"26", "眼科"},
    {"27", "耳鼻いんこう科"}, {"28", "気管食道科"},
    {"30", "放射線科"},       {"31", "麻酔科"},
    {"33", "心療内科"},       {"34", "アレルギー科"},
    {"35", "リウマチ科"},     {"36", "リハビリテーション科"},
    {"37", "病理診断科"},     {"38", "臨床検査科"},
    {"39", "救急科"},         {"1", "内科"},  // "1": the specification's own sample
}};
inline constexpr std::array<CodeEntry, 5> kCopayClasses{{{"1", "高齢者一般"},
                                                         {"2", "高齢者７割"},
                                                         {"3", "６歳未満"},
                                                         {"4", "高齢者一般"},
                                                         {"5", "高齢者８割（後期高齢者）"}}};
inline constexpr std::array<CodeEntry, 7> kInsuranceTypes{
    {{"1", "医保"}, {"2", "国保"}, {"3", "労災"}, {"4", "自賠"}, {"5", "公害"}, {"6", "自費"}, {"7", "後期高齢者"}}};
inline constexpr std::array<CodeEntry, 2> kInsuredRelations{{{"1", "被保険者"}, {"2", "被扶養者"}}};
inline constexpr std::array<CodeEntry, 3> kOccupationalReasons{
    {{"1", "職務上"}, {"2", "下船後３月以内"}, {"3", "通勤災害"}}};
inline constexpr std::array<CodeEntry, 2> kLeftoverFlags{
    {{"1", "保険医療機関へ疑義照会した上で調剤"}, {"2", "保険医療機関へ情報提供"}}};
inline constexpr std::array<CodeEntry, 3> kRemarkKinds{{{"1", "一包化"}, {"2", "粉砕"}, {"3", "分割"}}};
inline constexpr std::array<CodeEntry, 1> kPrescriptionNumberKinds{{{"1", "引換番号"}}};
inline constexpr std::array<CodeEntry, 7> kDosageForms{
    {{"1", "内服"}, {"2", "頓服"}, {"3", "外用"}, {"4", "内服滴剤"}, {"5", "注射"}, {"6", "医療材料"}, {"9", "不明"}}};
inline constexpr std::array<CodeEntry, 2> kUsageCodeKinds{{{"1", "コードなし"}, {"2", "JAMI用法コード"}}};
inline constexpr std::array<CodeEntry, 9> kUsageSupplementKinds{{{"1", "漸減"},
                                                                 {"2", "一包化"},
                                                                 {"3", "隔日"},
                                                                 {"4", "粉砕"},
                                                                 {"5", "用法の続き"},
                                                                 {"6", "部位"},
                                                                 {"7", "１回使用量"},
                                                                 {"8", "JAMI補足用法"},
                                                                 {"9", "JAMI部位"}}};
inline constexpr std::array<CodeEntry, 3> kDrugInfoKinds{{{"1", "医薬品"}, {"2", "医療材料"}, {"3", "非保険薬"}}};
inline constexpr std::array<CodeEntry, 6> kDrugCodeKinds{{{"1", "コードなし"},
                                                          {"2", "レセプト電算処理システム用コード"},
                                                          {"3", "厚生労働省コード"},
                                                          {"4", "YJコード"},
                                                          {"6", "HOTコード"},
                                                          {"7", "一般名コード"}}};
inline constexpr std::array<CodeEntry, 2> kPotencyFlags{{{"1", "薬価単位"}, {"2", "力価単位"}}};
inline constexpr std::array<CodeEntry, 2> kBurdenFlags{{{"0", "負担しない"}, {"1", "負担する"}}};
inline constexpr std::array<CodeEntry, 8> kDrugSupplementKinds{{{"1", "一包化"},
                                                                {"2", "粉砕"},
                                                                {"3", "後発品変更不可"},
                                                                {"4", "剤形変更不可"},
                                                                {"5", "含量規格変更不可"},
                                                                {"6", "剤形変更不可及び含量規格変更不可"},
                                                                {"7", "JAMI補足用法"},
                                                                {"8", "先発医薬品患者希望"}}};

// 1 医療機関 (表3-8)
struct Institution : RecordBase {
  static constexpr int number = 1;
  static constexpr std::string_view name = "医療機関";
  std::string code_kind, institution_code, prefecture, institution_name;
};
// 2 医療機関所在地 (表3-9)
struct InstitutionAddress : RecordBase {
  static constexpr int number = 2;
  static constexpr std::string_view name = "医療機関所在地";
  std::string postal_code, address;
};
// 3 医療機関電話 (表3-10)
struct InstitutionPhone : RecordBase {
  static constexpr int number = 3;
  static constexpr std::string_view name = "医療機関電話";
  std::string phone, fax, other_contact;
};
// 4 診療科 (表3-11)
struct Department : RecordBase {
  static constexpr int number = 4;
  static constexpr std::string_view name = "診療科";
  std::string code_kind, department_code, department_name;
};
// 5 医師 (表3-12)
struct Doctor : RecordBase {
  static constexpr int number = 5;
  static constexpr std::string_view name = "医師";
  std::string doctor_code, kana_name, kanji_name;
};
// 11 患者氏名 (表3-13)
struct PatientName : RecordBase {
  static constexpr int number = 11;
  static constexpr std::string_view name = "患者氏名";
  std::string patient_code, kanji_name, kana_name;
};
// 12 患者性別 (表3-14)
struct PatientSex : RecordBase {
  static constexpr int number = 12;
  static constexpr std::string_view name = "患者性別";
  std::string sex;
};
// 13 患者生年月日 (表3-15)
struct PatientBirthDate : RecordBase {
  static constexpr int number = 13;
  static constexpr std::string_view name = "患者生年月日";
  std::string birth_date;
};
// 14 患者一部負担区分 (表3-16)
struct CopayClass : RecordBase {
  static constexpr int number = 14;
  static constexpr std::string_view name = "患者一部負担区分";
  std::string copay_class;
};
// 21 保険種別 (表3-17)
struct InsuranceType : RecordBase {
  static constexpr int number = 21;
  static constexpr std::string_view name = "保険種別";
  std::string insurance_type;
};
// 22 保険者番号 (表3-18)
struct Insurer : RecordBase {
  static constexpr int number = 22;
  static constexpr std::string_view name = "保険者番号";
  std::string insurer_number;
};
// 23 記号番号 (表3-19)
struct InsuranceCard : RecordBase {
  static constexpr int number = 23;
  static constexpr std::string_view name = "記号番号";
  std::string card_symbol, card_number, relation, branch_number;
};
// 24 負担・給付率 (表3-20)
struct Rates : RecordBase {
  static constexpr int number = 24;
  static constexpr std::string_view name = "負担・給付率";
  std::string patient_rate, benefit_rate;
};
// 25 職務上の事由 (表3-21)
struct Occupational : RecordBase {
  static constexpr int number = 25;
  static constexpr std::string_view name = "職務上の事由";
  std::string reason;
};
// 27, 28, 29 第一・第二・第三公費 (表3-22 … 3-24)
template <int Number>
struct PublicFund : RecordBase {
  static constexpr int number = Number;
  static constexpr std::string_view name = Number == 27 ? "第一公費" : Number == 28 ? "第二公費" : "第三公費";
  std::string payer_number, recipient_number;
};
// 30 特殊公費 (表3-25)
struct SpecialPublicFund : RecordBase {
  static constexpr int number = 30;
  static constexpr std::string_view name = "特殊公費";
  std::string payer_number, recipient_number;
};
// 31 レセプト種別 (表3-26)
struct ReceiptType : RecordBase {
  static constexpr int number = 31;
  static constexpr std::string_view name = "レセプト種別";
  std::string receipt_type;
};
// 51 処方箋交付年月日 (表3-27)
struct IssueDate : RecordBase {
  static constexpr int number = 51;
  static constexpr std::string_view name = "処方箋交付年月日";
  std::string date;
};
// 52 使用期限年月日 (表3-28)
struct ExpiryDate : RecordBase {
  static constexpr int number = 52;
  static constexpr std::string_view name = "使用期限年月日";
  std::string date;
};
// 61 麻薬施用 (表3-29)
struct Narcotic : RecordBase {
  static constexpr int number = 61;
  static constexpr std::string_view name = "麻薬施用";
  std::string license_number, patient_address, patient_phone;
};
// 62 残薬確認欄 (表3-30)
struct LeftoverCheck : RecordBase {
  static constexpr int number = 62;
  static constexpr std::string_view name = "残薬確認欄";
  std::string flag;
};
// 63 分割指示 (表3-31)
struct SplitInstruction : RecordBase {
  static constexpr int number = 63;
  static constexpr std::string_view name = "分割指示";
  std::string split_count, split_index;
};
// 64 リフィル処方箋情報 (表3-32)
struct Refill : RecordBase {
  static constexpr int number = 64;
  static constexpr std::string_view name = "リフィル処方箋情報";
  std::string total_uses;
};
// 81 備考 (表3-33)
struct Remark : RecordBase {
  static constexpr int number = 81;
  static constexpr std::string_view name = "備考";
  std::string sequence, kind, content;
};
// 82 処方箋番号 (表3-34)
struct PrescriptionNumber : RecordBase {
  static constexpr int number = 82;
  static constexpr std::string_view name = "処方箋番号";
  std::string kind, prescription_number;
};
// 101 剤形 (表3-35)
struct DosageForm : RecordBase {
  static constexpr int number = 101;
  static constexpr std::string_view name = "剤形";
  std::string rp, dosage_form, form_name, quantity;
};
// 102 分割指示調剤数量 (表3-36)
struct SplitQuantity : RecordBase {
  static constexpr int number = 102;
  static constexpr std::string_view name = "分割指示調剤数量";
  std::string rp, quantity_per_split, total_quantity;
};
// 111 用法 (表3-37)
struct Usage : RecordBase {
  static constexpr int number = 111;
  static constexpr std::string_view name = "用法";
  std::string rp, code_kind, code, usage_name, times_per_day;
};
// 181 用法補足 (表3-38)
struct UsageSupplement : RecordBase {
  static constexpr int number = 181;
  static constexpr std::string_view name = "用法補足";
  std::string rp, sequence, kind, content, supplement_code, site_code;
};
// 201 薬品 (表3-39)
struct Drug : RecordBase {
  static constexpr int number = 201;
  static constexpr std::string_view name = "薬品";
  std::string rp, sequence, info_kind, code_kind, code, drug_name, dose, potency_flag, unit;
};
// 211 単位変換 (表3-40)
struct UnitConversion : RecordBase {
  static constexpr int number = 211;
  static constexpr std::string_view name = "単位変換";
  std::string rp, sequence, factor;
};
// 221 不均等 (表3-41)
struct Uneven : RecordBase {
  static constexpr int number = 221;
  static constexpr std::string_view name = "不均等";
  std::string rp, sequence, dose1, dose2, dose3, dose4, dose5, code1, code2, code3, code4, code5;
};
// 231 負担区分 (表3-42)
struct Burden : RecordBase {
  static constexpr int number = 231;
  static constexpr std::string_view name = "負担区分";
  std::string rp, sequence, first_public, second_public, third_public, special_public;
};
// 241 １回服用量 (表3-43)
struct SingleDose : RecordBase {
  static constexpr int number = 241;
  static constexpr std::string_view name = "１回服用量";
  std::string rp, sequence, dose, times_per_day;
};
// 281 薬品補足 (表3-44)
struct DrugSupplement : RecordBase {
  static constexpr int number = 281;
  static constexpr std::string_view name = "薬品補足";
  std::string rp, sequence, supplement_sequence, kind, content, code;
};

// ---- grouping (JAHIS Rx 表3-5): the header records, then per RP the RP records and per drug its records ----

struct DrugEntry {
  Drug drug;
  std::optional<UnitConversion> unit_conversion;
  std::optional<Uneven> uneven;
  std::optional<Burden> burden;
  std::optional<SingleDose> single_dose;
  std::vector<DrugSupplement> supplements;
};

struct Rp {
  DosageForm dosage_form;
  std::optional<SplitQuantity> split_quantity;
  std::optional<Usage> usage;
  std::vector<UsageSupplement> usage_supplements;
  std::vector<DrugEntry> drugs;
};

struct Prescription {
  std::string version = "JAHIS10";
  std::optional<Institution> institution;
  std::optional<InstitutionAddress> institution_address;
  std::optional<InstitutionPhone> institution_phone;
  std::optional<Department> department;
  std::optional<Doctor> doctor;
  std::optional<PatientName> patient_name;
  std::optional<PatientSex> patient_sex;
  std::optional<PatientBirthDate> patient_birth_date;
  std::optional<CopayClass> copay_class;
  std::optional<InsuranceType> insurance_type;
  std::optional<Insurer> insurer;
  std::optional<InsuranceCard> insurance_card;
  std::optional<Rates> rates;
  std::optional<Occupational> occupational;
  std::optional<PublicFund<27>> first_public_fund;
  std::optional<PublicFund<28>> second_public_fund;
  std::optional<PublicFund<29>> third_public_fund;
  std::optional<SpecialPublicFund> special_public_fund;
  std::optional<ReceiptType> receipt_type;
  std::optional<IssueDate> issue_date;
  std::optional<ExpiryDate> expiry_date;
  std::optional<Narcotic> narcotic;
  std::optional<LeftoverCheck> leftover_check;
  std::optional<SplitInstruction> split_instruction;
  std::optional<Refill> refill;
  std::vector<Remark> remarks;
  std::optional<PrescriptionNumber> prescription_number;
  std::vector<Rp> rps;
  std::vector<UnknownRecord> unknown_records;
  bool final_line_break = true;
  bool eof_marker = true;  // the Rx file layout ends with EOF (0x1A)

  // The version number of the header (10 for JAHIS10), or 0 when it does not parse.
  int version_number() const noexcept;
};

// Calls visit(key, optional-member) for each single header record in output order (81 excluded).
template <class P, class Visitor>
void for_each_header(P& p, Visitor&& visit) {
  visit("institution", p.institution);
  visit("institution_address", p.institution_address);
  visit("institution_phone", p.institution_phone);
  visit("department", p.department);
  visit("doctor", p.doctor);
  visit("patient_name", p.patient_name);
  visit("patient_sex", p.patient_sex);
  visit("patient_birth_date", p.patient_birth_date);
  visit("copay_class", p.copay_class);
  visit("insurance_type", p.insurance_type);
  visit("insurer", p.insurer);
  visit("insurance_card", p.insurance_card);
  visit("rates", p.rates);
  visit("occupational", p.occupational);
  visit("first_public_fund", p.first_public_fund);
  visit("second_public_fund", p.second_public_fund);
  visit("third_public_fund", p.third_public_fund);
  visit("special_public_fund", p.special_public_fund);
  visit("receipt_type", p.receipt_type);
  visit("issue_date", p.issue_date);
  visit("expiry_date", p.expiry_date);
  visit("narcotic", p.narcotic);
  visit("leftover_check", p.leftover_check);
  visit("split_instruction", p.split_instruction);
  visit("refill", p.refill);
}

// Short names for the layout tables below.
using FT = FieldType;
using N = Need;

}  // namespace kofu::jahis::rx

namespace kofu::jahis {

#define KOFU_F(Type, member, key, name, type, bytes, ...)            \
  Field<rx::Type> {                                                  \
    {key, name, rx::FT::type, bytes, __VA_ARGS__}, &rx::Type::member \
  }

template <>
inline constexpr auto kFields<rx::Institution> = std::to_array({
    KOFU_F(Institution, code_kind, "code_kind", "医療機関コード種別", numeric, 1, rx::N::optional,
           rx::kInstitutionKinds),
    KOFU_F(Institution, institution_code, "institution_code", "医療機関コード", alnum, 7, rx::N::required),
    KOFU_F(Institution, prefecture, "prefecture", "医療機関都道府県コード", alnum, 2, rx::N::required,
           kPrefectureCodes),
    KOFU_F(Institution, institution_name, "institution_name", "医療機関名称", text, 120, rx::N::optional),
});
template <>
inline constexpr auto kFields<rx::InstitutionAddress> = std::to_array({
    KOFU_F(InstitutionAddress, postal_code, "postal_code", "医療機関郵便番号", alnum, 8, rx::N::optional),
    KOFU_F(InstitutionAddress, address, "address", "医療機関所在地", text, 100, rx::N::optional),
});
template <>
inline constexpr auto kFields<rx::InstitutionPhone> = std::to_array({
    KOFU_F(InstitutionPhone, phone, "phone", "医療機関電話番号", alnum, 13, rx::N::required),
    KOFU_F(InstitutionPhone, fax, "fax", "FAX番号", alnum, 13, rx::N::optional, {}, 5),
    KOFU_F(InstitutionPhone, other_contact, "other_contact", "その他連絡先", text, 100, rx::N::optional, {}, 5),
});
template <>
inline constexpr auto kFields<rx::Department> = std::to_array({
    KOFU_F(Department, code_kind, "code_kind", "診療科コード種別", numeric, 1, rx::N::optional,
           rx::kDepartmentCodeKinds),
    KOFU_F(Department, department_code, "department_code", "診療科コード", alnum, 6, rx::N::optional,
           rx::kDepartmentCodes),
    KOFU_F(Department, department_name, "department_name", "診療科名", text, 80, rx::N::optional),
});
template <>
inline constexpr auto kFields<rx::Doctor> = std::to_array({
    KOFU_F(Doctor, doctor_code, "doctor_code", "医師コード", alnum, 15, rx::N::optional),
    KOFU_F(Doctor, kana_name, "kana_name", "医師カナ氏名", text, 40, rx::N::optional),
    KOFU_F(Doctor, kanji_name, "kanji_name", "医師漢字氏名", text, 40, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::PatientName> = std::to_array({
    KOFU_F(PatientName, patient_code, "patient_code", "患者コード", alnum, 15, rx::N::optional),
    KOFU_F(PatientName, kanji_name, "kanji_name", "患者漢字氏名", text, 40, rx::N::optional),
    KOFU_F(PatientName, kana_name, "kana_name", "患者カナ氏名", text, 40, rx::N::optional),
});
template <>
inline constexpr auto kFields<rx::PatientSex> = std::to_array({
    KOFU_F(PatientSex, sex, "sex", "患者性別", numeric, 1, rx::N::required, kSexCodes),
});
template <>
inline constexpr auto kFields<rx::PatientBirthDate> = std::to_array({
    KOFU_F(PatientBirthDate, birth_date, "birth_date", "患者生年月日", rx_birth_date, 8, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::CopayClass> = std::to_array({
    KOFU_F(CopayClass, copay_class, "copay_class", "一部負担金区分", numeric, 1, rx::N::required, rx::kCopayClasses),
});
template <>
inline constexpr auto kFields<rx::InsuranceType> = std::to_array({
    KOFU_F(InsuranceType, insurance_type, "insurance_type", "保険種別", numeric, 1, rx::N::required,
           rx::kInsuranceTypes),
});
template <>
inline constexpr auto kFields<rx::Insurer> = std::to_array({
    KOFU_F(Insurer, insurer_number, "insurer_number", "保険者番号", alnum, 14, rx::N::optional),
});
template <>
inline constexpr auto kFields<rx::InsuranceCard> = std::to_array({
    KOFU_F(InsuranceCard, card_symbol, "card_symbol", "被保険者証記号", text, 40, rx::N::optional),
    KOFU_F(InsuranceCard, card_number, "card_number", "被保険者証番号", text, 40, rx::N::optional),
    KOFU_F(InsuranceCard, relation, "relation", "被保険者／被扶養者", numeric, 1, rx::N::required,
           rx::kInsuredRelations),
    KOFU_F(InsuranceCard, branch_number, "branch_number", "被保険者証枝番", alnum, 2, rx::N::optional, {}, 7),
});
template <>
inline constexpr auto kFields<rx::Rates> = std::to_array({
    KOFU_F(Rates, patient_rate, "patient_rate", "患者負担率", numeric, 3, rx::N::required),
    KOFU_F(Rates, benefit_rate, "benefit_rate", "保険給付率", numeric, 3, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::Occupational> = std::to_array({
    KOFU_F(Occupational, reason, "reason", "職務上の事由", numeric, 1, rx::N::required, rx::kOccupationalReasons),
});
template <int Number>
inline constexpr auto kFields<rx::PublicFund<Number>> = std::to_array<Field<rx::PublicFund<Number>>>({
    {{"payer_number", "公費負担者番号", FieldType::numeric, 8, Need::required}, &rx::PublicFund<Number>::payer_number},
    {{"recipient_number", "公費受給者番号", FieldType::numeric, 7, Need::optional},
     &rx::PublicFund<Number>::recipient_number},
});
template <>
inline constexpr auto kFields<rx::SpecialPublicFund> = std::to_array({
    KOFU_F(SpecialPublicFund, payer_number, "payer_number", "特殊公費負担者番号", text, 40, rx::N::required),
    KOFU_F(SpecialPublicFund, recipient_number, "recipient_number", "特殊公費受給者番号", text, 40, rx::N::optional),
});
template <>
inline constexpr auto kFields<rx::ReceiptType> = std::to_array({
    KOFU_F(ReceiptType, receipt_type, "receipt_type", "レセプト種別コード", numeric, 4, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::IssueDate> = std::to_array({
    KOFU_F(IssueDate, date, "date", "処方箋交付年月日", rx_date, 8, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::ExpiryDate> = std::to_array({
    KOFU_F(ExpiryDate, date, "date", "使用期限年月日", rx_date, 8, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::Narcotic> = std::to_array({
    KOFU_F(Narcotic, license_number, "license_number", "麻薬施用者免許番号", alnum, 15, rx::N::optional),
    KOFU_F(Narcotic, patient_address, "patient_address", "麻薬施用患者住所", text, 100, rx::N::required),
    KOFU_F(Narcotic, patient_phone, "patient_phone", "麻薬施用患者電話番号", alnum, 13, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::LeftoverCheck> = std::to_array({
    KOFU_F(LeftoverCheck, flag, "flag", "残薬確認対応フラグ", numeric, 1, rx::N::required, rx::kLeftoverFlags),
});
template <>
inline constexpr auto kFields<rx::SplitInstruction> = std::to_array({
    KOFU_F(SplitInstruction, split_count, "split_count", "分割回数", numeric, 2, rx::N::required),
    KOFU_F(SplitInstruction, split_index, "split_index", "分割回", numeric, 2, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::Refill> = std::to_array({
    KOFU_F(Refill, total_uses, "total_uses", "総使用回数", numeric, 1, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::Remark> = std::to_array({
    KOFU_F(Remark, sequence, "sequence", "備考連番", numeric, 3, rx::N::required),
    KOFU_F(Remark, kind, "kind", "備考種別", numeric, 2, rx::N::optional, rx::kRemarkKinds),
    KOFU_F(Remark, content, "content", "備考", text, 100, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::PrescriptionNumber> = std::to_array({
    KOFU_F(PrescriptionNumber, kind, "kind", "処方箋番号種別", numeric, 1, rx::N::required,
           rx::kPrescriptionNumberKinds),
    KOFU_F(PrescriptionNumber, prescription_number, "prescription_number", "処方箋番号", numeric, 16, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::DosageForm> = std::to_array({
    KOFU_F(DosageForm, rp, "rp", "RP番号", numeric, 3, rx::N::required),
    KOFU_F(DosageForm, dosage_form, "dosage_form", "剤形区分", numeric, 1, rx::N::required, rx::kDosageForms),
    KOFU_F(DosageForm, form_name, "form_name", "剤形名称", text, 4, rx::N::optional),
    KOFU_F(DosageForm, quantity, "quantity", "調剤数量", numeric, 3, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::SplitQuantity> = std::to_array({
    KOFU_F(SplitQuantity, rp, "rp", "RP番号", numeric, 3, rx::N::required),
    KOFU_F(SplitQuantity, quantity_per_split, "quantity_per_split", "分割回ごと調剤数量", numeric, 3, rx::N::required),
    KOFU_F(SplitQuantity, total_quantity, "total_quantity", "総調剤数量", numeric, 3, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::Usage> = std::to_array({
    KOFU_F(Usage, rp, "rp", "RP番号", numeric, 3, rx::N::required),
    KOFU_F(Usage, code_kind, "code_kind", "用法コード種別", numeric, 1, rx::N::required, rx::kUsageCodeKinds),
    KOFU_F(Usage, code, "code", "用法コード", alnum, 16, rx::N::optional),
    KOFU_F(Usage, usage_name, "usage_name", "用法名称", text, 100, rx::N::required),
    KOFU_F(Usage, times_per_day, "times_per_day", "１日回数", numeric, 2, rx::N::optional),
});
template <>
inline constexpr auto kFields<rx::UsageSupplement> = std::to_array({
    KOFU_F(UsageSupplement, rp, "rp", "RP番号", numeric, 3, rx::N::required),
    // 2 digits in 表3-38, whose note allows 1～999: 3, so that the note's range is not an error.
    KOFU_F(UsageSupplement, sequence, "sequence", "RP補足連番", numeric, 3, rx::N::required),
    KOFU_F(UsageSupplement, kind, "kind", "用法補足区分", numeric, 2, rx::N::optional, rx::kUsageSupplementKinds),
    KOFU_F(UsageSupplement, content, "content", "用法補足情報", text, 100, rx::N::required),
    KOFU_F(UsageSupplement, supplement_code, "supplement_code", "補足用法コード", alnum, 8, rx::N::optional),
    KOFU_F(UsageSupplement, site_code, "site_code", "部位コード", alnum, 3, rx::N::optional),
});
template <>
inline constexpr auto kFields<rx::Drug> = std::to_array({
    KOFU_F(Drug, rp, "rp", "RP番号", numeric, 3, rx::N::required),
    KOFU_F(Drug, sequence, "sequence", "RP内連番", numeric, 2, rx::N::required),
    KOFU_F(Drug, info_kind, "info_kind", "情報区分", numeric, 1, rx::N::optional, rx::kDrugInfoKinds),
    KOFU_F(Drug, code_kind, "code_kind", "薬品コード種別", numeric, 1, rx::N::required, rx::kDrugCodeKinds),
    KOFU_F(Drug, code, "code", "薬品コード", alnum, 13, rx::N::optional),
    KOFU_F(Drug, drug_name, "drug_name", "薬品名称", text, 80, rx::N::optional),
    KOFU_F(Drug, dose, "dose", "用量", amount, 12, rx::N::required),
    KOFU_F(Drug, potency_flag, "potency_flag", "力価フラグ", numeric, 1, rx::N::required, rx::kPotencyFlags),
    KOFU_F(Drug, unit, "unit", "単位名", text, 12, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::UnitConversion> = std::to_array({
    KOFU_F(UnitConversion, rp, "rp", "RP番号", numeric, 3, rx::N::required),
    KOFU_F(UnitConversion, sequence, "sequence", "RP内連番", numeric, 2, rx::N::required),
    KOFU_F(UnitConversion, factor, "factor", "単位変換係数", amount, 12, rx::N::required),
});
template <>
inline constexpr auto kFields<rx::Uneven> = std::to_array({
    KOFU_F(Uneven, rp, "rp", "RP番号", numeric, 3, rx::N::required),
    KOFU_F(Uneven, sequence, "sequence", "RP内連番", numeric, 2, rx::N::required),
    KOFU_F(Uneven, dose1, "dose1", "１回目服用量", amount, 12, rx::N::required),
    KOFU_F(Uneven, dose2, "dose2", "２回目服用量", amount, 12, rx::N::required),
    KOFU_F(Uneven, dose3, "dose3", "３回目服用量", amount, 12, rx::N::optional),
    KOFU_F(Uneven, dose4, "dose4", "４回目服用量", amount, 12, rx::N::optional),
    KOFU_F(Uneven, dose5, "dose5", "５回目服用量", amount, 12, rx::N::optional),
    KOFU_F(Uneven, code1, "code1", "１回目服用量コード", alnum, 8, rx::N::optional),
    KOFU_F(Uneven, code2, "code2", "２回目服用量コード", alnum, 8, rx::N::optional),
    KOFU_F(Uneven, code3, "code3", "３回目服用量コード", alnum, 8, rx::N::optional),
    KOFU_F(Uneven, code4, "code4", "４回目服用量コード", alnum, 8, rx::N::optional),
    KOFU_F(Uneven, code5, "code5", "５回目服用量コード", alnum, 8, rx::N::optional),
});
template <>
inline constexpr auto kFields<rx::Burden> = std::to_array({
    KOFU_F(Burden, rp, "rp", "RP番号", numeric, 3, rx::N::required),
    KOFU_F(Burden, sequence, "sequence", "RP内連番", numeric, 2, rx::N::required),
    KOFU_F(Burden, first_public, "first_public", "第一公費負担区分", numeric, 1, rx::N::optional, rx::kBurdenFlags),
    KOFU_F(Burden, second_public, "second_public", "第二公費負担区分", numeric, 1, rx::N::optional, rx::kBurdenFlags),
    KOFU_F(Burden, third_public, "third_public", "第三公費負担区分", numeric, 1, rx::N::optional, rx::kBurdenFlags),
    KOFU_F(Burden, special_public, "special_public", "特殊公費負担区分", numeric, 1, rx::N::optional, rx::kBurdenFlags),
});
template <>
inline constexpr auto kFields<rx::SingleDose> = std::to_array({
    KOFU_F(SingleDose, rp, "rp", "RP番号", numeric, 3, rx::N::required),
    KOFU_F(SingleDose, sequence, "sequence", "RP内連番", numeric, 2, rx::N::required),
    KOFU_F(SingleDose, dose, "dose", "１回服用量", alnum, 12, rx::N::required),
    KOFU_F(SingleDose, times_per_day, "times_per_day", "１日服用回数", numeric, 2, rx::N::optional),
});
template <>
inline constexpr auto kFields<rx::DrugSupplement> = std::to_array({
    KOFU_F(DrugSupplement, rp, "rp", "RP番号", numeric, 3, rx::N::required),
    KOFU_F(DrugSupplement, sequence, "sequence", "RP内連番", numeric, 2, rx::N::required),
    KOFU_F(DrugSupplement, supplement_sequence, "supplement_sequence", "薬品補足連番", numeric, 3, rx::N::required),
    KOFU_F(DrugSupplement, kind, "kind", "薬品補足区分", numeric, 2, rx::N::optional, rx::kDrugSupplementKinds),
    KOFU_F(DrugSupplement, content, "content", "薬品補足情報", text, 100, rx::N::required),
    KOFU_F(DrugSupplement, code, "code", "補足用法コード", alnum, 8, rx::N::optional),
});

#undef KOFU_F

}  // namespace kofu::jahis
