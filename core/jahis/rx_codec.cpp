#include "jahis/rx_codec.hpp"

#include <algorithm>
#include <set>

#include "jahis/dates.hpp"
#include "jahis/numbers.hpp"
#include "jahis/payload.hpp"
#include "jahis/writer.hpp"

namespace kofu::jahis::rx {
namespace {

// Visits every record in the order of 表3-5: 1 … 64, 81, 82, then per RP 101, 102, 111, 181 and per drug
// 201, 211, 221, 231, 241, 281.
template <class Visitor>
void for_each_record(const Prescription& p, Visitor&& visit) {
  for_each_header(p, [&](std::string_view, const auto& record) {
    if (record) visit(*record);
  });
  for (const auto& r : p.remarks) visit(r);
  if (p.prescription_number) visit(*p.prescription_number);
  for (const auto& rp : p.rps) {
    visit(rp.dosage_form);
    if (rp.split_quantity) visit(*rp.split_quantity);
    if (rp.usage) visit(*rp.usage);
    for (const auto& r : rp.usage_supplements) visit(r);
    for (const auto& d : rp.drugs) {
      visit(d.drug);
      if (d.unit_conversion) visit(*d.unit_conversion);
      if (d.uneven) visit(*d.uneven);
      if (d.burden) visit(*d.burden);
      if (d.single_dose) visit(*d.single_dose);
      for (const auto& r : d.supplements) visit(r);
    }
  }
}

void check_semantics(const Prescription& p, Problems& problems) {
  auto missing = [&](Severity severity, int record, std::string_view name, const std::string& why = {}) {
    problems.add(severity, 0, record,
                 "no " + std::string(name) + " (record " + std::to_string(record) + ")" +
                     (why.empty() ? std::string(": it is required") : ": " + why));
  };
  auto field = [&](Severity severity, const RecordBase& r, int record, int index, std::string_view name,
                   std::string reason) {
    problems.add(Problem{severity, r.line, record, index, std::string(name), std::move(reason)});
  };
  if (!p.institution) missing(Severity::error, Institution::number, Institution::name);
  if (!p.doctor) missing(Severity::error, Doctor::number, Doctor::name);
  if (!p.patient_name) missing(Severity::error, PatientName::number, PatientName::name);
  if (!p.patient_sex) missing(Severity::error, PatientSex::number, PatientSex::name);
  if (!p.patient_birth_date) missing(Severity::error, PatientBirthDate::number, PatientBirthDate::name);
  if (!p.issue_date) missing(Severity::error, IssueDate::number, IssueDate::name);
  const bool self_pay = p.insurance_type && p.insurance_type->insurance_type == "6";
  if (!p.insurer && !self_pay && !p.first_public_fund) {
    missing(Severity::deviation, Insurer::number, Insurer::name,
            "required unless the prescription is 自費 or paid by a public fund (27)");
  }
  if (!p.insurance_card && !self_pay && !p.first_public_fund) {
    missing(Severity::deviation, InsuranceCard::number, InsuranceCard::name,
            "required unless the prescription is 自費 or paid by a public fund (27)");
  }
  if (p.institution_address && p.institution_address->postal_code.empty() && p.institution_address->address.empty()) {
    field(Severity::error, *p.institution_address, InstitutionAddress::number, -1, {},
          "at least one of 医療機関郵便番号 and 医療機関所在地 is required");
  }
  if (p.patient_name && p.patient_name->kanji_name.empty() && p.patient_name->kana_name.empty()) {
    field(Severity::error, *p.patient_name, PatientName::number, -1, {},
          "at least one of 患者漢字氏名 and 患者カナ氏名 is required");
  }
  if (p.department && p.department->code_kind != "2" && p.department->department_name.empty()) {
    field(Severity::error, *p.department, Department::number, 3, "診療科名",
          "required unless 診療科コード種別 is 2 (診療科コード)");
  }
  if (p.department && p.department->code_kind == "2" && p.department->department_code.empty()) {
    field(Severity::error, *p.department, Department::number, 2, "診療科コード", "required when 診療科コード種別 is 2");
  }
  if (p.issue_date && p.expiry_date) {
    auto issued = parse_rx_date(p.issue_date->date);
    auto expires = parse_rx_date(p.expiry_date->date);
    if (issued && expires && *expires < *issued) {
      field(Severity::error, *p.expiry_date, ExpiryDate::number, 1, "使用期限年月日",
            "使用期限 " + to_iso(*expires) + " is before the 交付年月日 " + to_iso(*issued));
    }
  }
  // 分割指示 (表3-31, 3-36, 3.2.8): 102 only with 63; its total equals 101's 調剤数量.
  if (const auto& s = p.split_instruction) {
    const int count = to_int(s->split_count);
    const int index = to_int(s->split_index);
    if (count >= 0 && count < 2) {
      field(Severity::error, *s, SplitInstruction::number, 1, "分割回数", "a split needs at least 2 parts");
    }
    if (count >= 0 && index >= 0 && (index < 1 || index > count)) {
      field(Severity::error, *s, SplitInstruction::number, 2, "分割回",
            "分割回 " + s->split_index + " is not between 1 and the 分割回数 " + s->split_count);
    }
  }
  if (const auto& r = p.refill) {
    const int uses = to_int(r->total_uses);
    if (uses >= 0 && (uses < 2 || uses > 3)) {
      field(Severity::warning, *r, Refill::number, 1, "総使用回数",
            "a リフィル処方箋 may be used 2 or 3 times in all, not " + r->total_uses);
    }
    if (p.split_instruction) {
      field(Severity::warning, *r, Refill::number, -1, {}, "a リフィル処方箋 that also carries 分割指示 (63)");
    }
  }
  std::set<int> remark_numbers;
  for (const auto& r : p.remarks) {
    if (!remark_numbers.insert(to_int(r.sequence)).second) {
      field(Severity::warning, r, Remark::number, 1, "備考連番", "備考連番 " + r.sequence + " is used twice");
    }
  }

  if (p.rps.empty()) problems.add(Severity::error, 0, DosageForm::number, "the prescription has no RP (records 101 …)");
  std::size_t with_burden = 0;
  std::size_t drugs = 0;
  for (const auto& rp : p.rps) {
    if (!rp.usage) {
      field(Severity::error, rp.dosage_form, DosageForm::number, -1, {},
            "RP " + rp.dosage_form.rp + " has no 用法 (record 111)");
    }
    if (rp.drugs.empty()) {
      field(Severity::error, rp.dosage_form, DosageForm::number, -1, {},
            "RP " + rp.dosage_form.rp + " has no 薬品 (record 201)");
    }
    if (rp.split_quantity) {
      if (!p.split_instruction) {
        field(Severity::error, *rp.split_quantity, SplitQuantity::number, -1, {},
              "分割指示調剤数量 without a 分割指示 record (63)");
      }
      if (to_int(rp.split_quantity->total_quantity) != to_int(rp.dosage_form.quantity)) {
        field(Severity::error, *rp.split_quantity, SplitQuantity::number, 3, "総調剤数量",
              "総調剤数量 " + rp.split_quantity->total_quantity + " differs from the 調剤数量 " +
                  rp.dosage_form.quantity + " of record 101");
      }
    }
    if (rp.usage && rp.usage->code_kind == "2" && rp.usage->code.empty()) {
      field(Severity::error, *rp.usage, Usage::number, 3, "用法コード", "required when 用法コード種別 is 2");
    }
    for (const auto& s : rp.usage_supplements) {
      if (s.kind == "8" && s.supplement_code.empty()) {
        field(Severity::error, s, UsageSupplement::number, 5, "補足用法コード", "required when 用法補足区分 is 8");
      }
      if (s.kind == "9" && s.site_code.empty()) {
        field(Severity::error, s, UsageSupplement::number, 6, "部位コード", "required when 用法補足区分 is 9");
      }
    }
    for (const auto& d : rp.drugs) {
      ++drugs;
      if (d.burden) ++with_burden;
      const Drug& drug = d.drug;
      const bool coded =
          drug.code_kind == "2" || drug.code_kind == "3" || drug.code_kind == "4" || drug.code_kind == "6";
      if (coded && drug.code.empty()) {
        field(Severity::error, drug, Drug::number, 5, "薬品コード",
              "required when 薬品コード種別 is " + drug.code_kind);
      }
      if (drug.drug_name.empty() && (drug.code_kind != "2" || drug.code == "777770000")) {
        field(Severity::error, drug, Drug::number, 6, "薬品名称",
              drug.code == "777770000" ? "required for the no-code 医療材料 777770000"
                                       : "required unless 薬品コード種別 is 2 (レセプト電算処理システム用コード)");
      }
      for (const auto& s : d.supplements) {
        if (s.kind == "7" && s.code.empty()) {
          field(Severity::error, s, DrugSupplement::number, 6, "補足用法コード", "required when 薬品補足区分 is 7");
        }
      }
    }
  }
  if (with_burden > 0 && with_burden < drugs) {
    problems.add(Severity::error, 0, Burden::number,
                 "負担区分 (231) is given for " + std::to_string(with_burden) + " of " + std::to_string(drugs) +
                     " drugs: it must be given for all drugs or none");
  }
}

class PrescriptionBuilder {
 public:
  PrescriptionBuilder(Prescription& p, FieldContext context, Problems& problems)
      : p_(p), context_(context), problems_(problems) {}

  void add(const Line& line) {
    if (line.record < 0) {  // no record number: reported by the lexer, kept as read
      keep_unknown(line);
      return;
    }
    bool known = false;
    if (line.record < DosageForm::number) {
      for_each_header(p_, [&](std::string_view, auto& member) {
        using R = typename std::decay_t<decltype(member)>::value_type;
        if (R::number == line.record) {
          header(line, member);
          known = true;
        }
      });
      if (line.record == Remark::number) {
        header_order(line);
        p_.remarks.push_back(read<Remark>(line));
        known = true;
      } else if (line.record == PrescriptionNumber::number) {
        header(line, p_.prescription_number);
        known = true;
      }
    } else {
      known = true;
      switch (line.record) {
        case DosageForm::number: dosage_form(line); break;
        case SplitQuantity::number: rp_single(line, &Rp::split_quantity, 1); break;
        case Usage::number: rp_single(line, &Rp::usage, 2); break;
        case UsageSupplement::number: usage_supplement(line); break;
        case Drug::number: drug(line); break;
        case UnitConversion::number: drug_single(line, &DrugEntry::unit_conversion); break;
        case Uneven::number: drug_single(line, &DrugEntry::uneven); break;
        case Burden::number: drug_single(line, &DrugEntry::burden); break;
        case SingleDose::number: drug_single(line, &DrugEntry::single_dose); break;
        case DrugSupplement::number: drug_supplement(line); break;
        default: known = false;
      }
    }
    if (!known) {
      problems_.add(Severity::warning, line.number, line.record,
                    "unknown record number " + std::to_string(line.record) + "; kept as it is");
      keep_unknown(line);
    }
  }

 private:
  template <class R>
  R read(const Line& line) {
    return read_record<R>(line, context_, problems_);
  }

  void keep_unknown(const Line& line) { p_.unknown_records.push_back(unknown_record(line)); }

  void misplaced(const Line& line, std::string reason) {
    problems_.add(Severity::error, line.number, line.record, std::move(reason) + "; the record is kept unplaced");
    keep_unknown(line);
  }

  void header_order(const Line& line) {
    if (!p_.rps.empty()) {
      problems_.add(Severity::deviation, line.number, line.record,
                    "out of order: the prescription's records (1 … 82) come before the RPs (101 …)");
    } else if (line.record < last_header_) {
      problems_.add(Severity::deviation, line.number, line.record,
                    "out of order: record " + std::to_string(line.record) + " after record " +
                        std::to_string(last_header_) + " (records are written in ascending number)");
    }
    last_header_ = std::max(last_header_, line.record);
  }

  template <class R>
  void header(const Line& line, std::optional<R>& member) {
    header_order(line);
    if (member) {
      misplaced(line, "a second " + std::string(R::name) + " record (the first is on line " +
                          std::to_string(member->line) + ")");
      return;
    }
    member = read<R>(line);
  }

  void dosage_form(const Line& line) {
    Rp rp;
    rp.dosage_form = read<DosageForm>(line);
    const int number = to_int(rp.dosage_form.rp);
    const int expected = p_.rps.empty() ? 1 : to_int(p_.rps.back().dosage_form.rp) + 1;
    if (number >= 0 && number != expected) {
      problems_.add(Problem{Severity::warning, line.number, DosageForm::number, 1, "RP番号",
                            "RP番号 " + rp.dosage_form.rp + " where " + std::to_string(expected) + " was expected"});
    }
    p_.rps.push_back(std::move(rp));
    rp_rank_ = 0;
  }

  // The current RP, checking that the record's RP番号 (field 1) names it.
  Rp* current_rp(const Line& line) {
    if (p_.rps.empty()) {
      misplaced(line, "record outside an RP: no 剤形 record (101) before it");
      return nullptr;
    }
    Rp& rp = p_.rps.back();
    const std::string& number = line.fields.size() > 1 ? line.fields[1] : std::string();
    if (to_int(number) != to_int(rp.dosage_form.rp)) {
      misplaced(line, "RP番号 \"" + number + "\" differs from that of the current RP (" + rp.dosage_form.rp + ")");
      return nullptr;
    }
    return &rp;
  }

  // Within an RP: 101, 102, 111, 181, then the drugs.
  void rp_order(const Line& line, int rank) {
    if (rank < rp_rank_) {
      problems_.add(Severity::deviation, line.number, line.record,
                    "out of order within the RP: the order is 101, 102, 111, 181, then 201 … per drug");
    }
    rp_rank_ = std::max(rp_rank_, rank);
  }

  template <class R>
  void rp_single(const Line& line, std::optional<R> Rp::*member, int rank) {
    Rp* rp = current_rp(line);
    if (!rp) return;
    rp_order(line, rank);
    if (rp->*member) {
      misplaced(line, "a second " + std::string(R::name) + " record in RP " + rp->dosage_form.rp);
      return;
    }
    rp->*member = read<R>(line);
  }

  void usage_supplement(const Line& line) {
    Rp* rp = current_rp(line);
    if (!rp) return;
    rp_order(line, 3);
    rp->usage_supplements.push_back(read<UsageSupplement>(line));
  }

  void drug(const Line& line) {
    Rp* rp = current_rp(line);
    if (!rp) return;
    rp_order(line, 4);
    DrugEntry entry;
    entry.drug = read<Drug>(line);
    const int expected = rp->drugs.empty() ? 1 : to_int(rp->drugs.back().drug.sequence) + 1;
    if (to_int(entry.drug.sequence) >= 0 && to_int(entry.drug.sequence) != expected) {
      problems_.add(
          Problem{Severity::warning, line.number, Drug::number, 2, "RP内連番",
                  "RP内連番 " + entry.drug.sequence + " where " + std::to_string(expected) + " was expected"});
    }
    rp->drugs.push_back(std::move(entry));
    last_drug_record_ = Drug::number;
  }

  // The current drug, checking the record's RP番号 and RP内連番 (fields 1 and 2).
  DrugEntry* current_drug(const Line& line) {
    Rp* rp = current_rp(line);
    if (!rp) return nullptr;
    if (rp->drugs.empty()) {
      misplaced(line, "no 薬品 record (201) before it in RP " + rp->dosage_form.rp);
      return nullptr;
    }
    DrugEntry& entry = rp->drugs.back();
    const std::string& sequence = line.fields.size() > 2 ? line.fields[2] : std::string();
    if (to_int(sequence) != to_int(entry.drug.sequence)) {
      misplaced(line,
                "RP内連番 \"" + sequence + "\" differs from that of the preceding 薬品 (" + entry.drug.sequence + ")");
      return nullptr;
    }
    return &entry;
  }

  template <class R>
  void drug_single(const Line& line, std::optional<R> DrugEntry::*member) {
    DrugEntry* entry = current_drug(line);
    if (!entry) return;
    drug_order(line);
    if (entry->*member) {
      misplaced(line, "a second " + std::string(R::name) + " record for one drug");
      return;
    }
    entry->*member = read<R>(line);
  }

  void drug_supplement(const Line& line) {
    DrugEntry* entry = current_drug(line);
    if (!entry) return;
    drug_order(line);
    entry->supplements.push_back(read<DrugSupplement>(line));
  }

  // Within a drug: 201, 211, 221, 231, 241, 281 (ascending).
  void drug_order(const Line& line) {
    if (line.record < last_drug_record_) {
      problems_.add(Severity::deviation, line.number, line.record,
                    "out of order within the drug: the order is 201, 211, 221, 231, 241, 281");
    }
    last_drug_record_ = std::max(last_drug_record_, line.record);
  }

  Prescription& p_;
  FieldContext context_;
  Problems& problems_;
  int last_header_ = 0;
  int rp_rank_ = 0;
  int last_drug_record_ = 0;  // the highest record number seen for the current drug
};

}  // namespace

int Prescription::version_number() const noexcept {
  const Version v = parse_version(version);
  return v.format == Format::rx ? v.number : 0;
}

Decoded decode(std::string_view bytes, const DecodeOptions& options) {
  Decoded result{{}, Problems(options.strict)};
  Prescription& p = result.prescription;
  Problems& problems = result.problems;
  LexedPayload payload = lex(bytes, options.encoding, problems);
  p.final_line_break = payload.final_line_break;
  p.eof_marker = payload.eof_marker;
  if (payload.lines.empty() || payload.lines.front().number != 1) {
    problems.add(Severity::error, 1, 0, "no version record: the first line must be JAHISnn (e.g. JAHIS10)");
    return result;
  }
  const Line& header = payload.lines.front();
  const Version parsed = parse_version(header.fields.front());
  if (parsed.format != Format::rx) {
    problems.add(Severity::error, 1, 0,
                 "not a JAHIS Rx version record: \"" + header.fields.front() + "\" (expected e.g. JAHIS10)");
    return result;
  }
  p.version = header.fields.front();
  const int version = parsed.number;
  if (version < 1 || version > kCurrentVersion) {
    problems.add(Severity::warning, 1, 0,
                 "unknown version " + p.version + " (this decoder knows JAHIS1 to JAHIS10); read as JAHIS10");
  }
  if (header.fields.size() > 1) {
    problems.add(Severity::deviation, 1, 0, "the version record has a field after the version; ignored");
  }
  PrescriptionBuilder builder(p, FieldContext{version, 0}, problems);
  for (std::size_t i = 1; i < payload.lines.size(); ++i) builder.add(payload.lines[i]);
  for (const auto& u : p.unknown_records) check_unknown_record(u, FieldContext{version, 0}, problems);
  check_semantics(p, problems);
  return result;
}

Problems check(const Prescription& p) {
  Problems problems;
  const int version = p.version_number();
  if (version == 0) problems.add(Severity::error, 0, 0, "version \"" + p.version + "\" is not JAHISnn");
  const FieldContext context{version, 0};
  for_each_record(p, [&](const auto& record) { check_record(record, context, problems); });
  for (const auto& u : p.unknown_records) check_unknown_record(u, context, problems);
  check_semantics(p, problems);
  return problems;
}

Encoded encode(const Prescription& p) {
  Encoded result{{}, check(p)};
  const int version = p.version_number();
  std::vector<SourceLine> lines;
  for_each_record(p, [&](const auto& record) {
    using R = std::decay_t<decltype(record)>;
    lines.push_back({record.line, R::number, write_record(record, version)});
  });
  add_unknown_records(p.unknown_records, lines);
  result.bytes = encode_lines(p.version, std::move(lines), p.final_line_break, p.eof_marker, result.problems);
  return result;
}

}  // namespace kofu::jahis::rx
