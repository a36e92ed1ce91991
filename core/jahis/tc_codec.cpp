#include "jahis/tc_codec.hpp"

#include <algorithm>

#include "jahis/dates.hpp"
#include "jahis/numbers.hpp"
#include "jahis/payload.hpp"
#include "jahis/writer.hpp"

namespace kofu::jahis::tc {
namespace {

// Visits every record of the notebook in the order of JAHIS TC 3.2.7 (version line excluded).
template <class Visitor>
void for_each_record(const Notebook& nb, Visitor&& visit) {
  if (nb.patient) visit(*nb.patient);
  for (const auto& r : nb.patient_notes) visit(r);
  for (const auto& otc : nb.otc_drugs) {
    visit(otc.drug);
    for (const auto& r : otc.ingredients) visit(r);
  }
  for (const auto& r : nb.memos) visit(r);
  for (const auto& d : nb.dispensings) {
    visit(d.date);
    if (d.institution) visit(*d.institution);
    if (d.staff) visit(*d.staff);
    if (d.prescribing_institution) visit(*d.prescribing_institution);
    for (const auto& g : d.prescriber_groups) {
      if (g.prescriber) visit(*g.prescriber);
      for (const auto& rp : g.rps) {
        for (const auto& entry : rp.drugs) {
          visit(entry.drug);
          for (const auto& r : entry.supplements) visit(r);
          for (const auto& r : entry.cautions) visit(r);
        }
        if (rp.usage) visit(*rp.usage);
        for (const auto& r : rp.usage_supplements) visit(r);
        for (const auto& r : rp.cautions) visit(r);
      }
    }
    for (const auto& r : d.cautions) visit(r);
    for (const auto& r : d.provided_info) visit(r);
    for (const auto& r : d.leftover_checks) visit(r);
    for (const auto& r : d.remarks) visit(r);
    for (const auto& r : d.patient_entries) visit(r);
  }
  for (const auto& r : nb.regular_pharmacists) visit(r);
}

// Checks that need more than one field or record; shared by decode and check.
void check_semantics(const Notebook& nb, Problems& problems) {
  auto add = [&](Severity severity, const RecordBase& r, int record, int field, std::string_view field_name,
                 std::string reason) {
    problems.add(Problem{severity, r.line, record, field, std::string(field_name), std::move(reason)});
  };
  if (!nb.patient) problems.add(Severity::error, 0, Patient::number, "no 患者情報 (record 1): the patient is required");

  for (const auto& otc : nb.otc_drugs) {
    for (const auto& ing : otc.ingredients) {
      if (ing.code_kind == "2" && ing.code.empty()) {
        add(Severity::error, ing, OtcIngredient::number, 4, "成分コード", "required when 成分コード種別 is 2");
      }
    }
  }
  std::optional<CivilDate> previous;
  for (const auto& d : nb.dispensings) {
    if (auto date = parse_tc_date(d.date.date); date) {
      if (previous && *date > *previous) {
        add(Severity::warning, d.date, DispensingDate::number, 1, "調剤等年月日",
            "調剤情報 groups should be newest first; " + to_iso(*date) + " follows " + to_iso(*previous));
      }
      previous = *date;
    }
    if (!d.institution) {
      add(Severity::deviation, d.date, DispensingDate::number, -1, {},
          "this 調剤情報 has no 調剤－医療機関等 (record 11)");
    }
    const bool pharmacy = d.institution && d.institution->score_table == "4";
    for (const auto& g : d.prescriber_groups) {
      for (const auto& rp : g.rps) {
        for (const auto& entry : rp.drugs) {
          const Drug& drug = entry.drug;
          if (!drug.code_kind.empty() && drug.code_kind != "1" && drug.code.empty()) {
            add(Severity::error, drug, Drug::number, 6, "薬品コード",
                "required when 薬品コード種別 is " + drug.code_kind);
          } else if (drug.code_kind == "1" && !drug.code.empty()) {
            add(Severity::warning, drug, Drug::number, 6, "薬品コード",
                "a code is given although 薬品コード種別 is 1 (コードなし)");
          }
          if (drug.generic_code_kind == "2" && drug.generic_code.empty()) {
            add(Severity::error, drug, Drug::number, 10, "一般名コード", "required when 一般名コード種別 is 2");
          }
        }
        if (rp.usage) {
          const Usage& u = *rp.usage;
          if (!u.code_kind.empty() && u.code_kind != "1" && u.code.empty()) {
            add(Severity::error, u, Usage::number, 7, "用法コード", "required when 用法コード種別 is " + u.code_kind);
          }
          if (pharmacy && nb.direction == "1" && u.usage_name.empty() && u.dosage_form != "9" &&
              u.dosage_form != "10") {
            add(Severity::deviation, u, Usage::number, 2, "用法名称",
                "a pharmacy must give 用法名称 unless 剤形コード is 9 (材料) or 10 (その他)");
          }
        }
      }
    }
  }
  for (const auto& d : nb.dispensings) {
    for (const auto& info : d.provided_info) {
      if (!info.creator.empty()) continue;
      // The specification's example 8 writes 411 with 8 fields, レコード作成者 last: a deviation, not an error.
      if (info.extra.empty()) {
        add(Severity::error, info, ProvidedInfo::number, 3, "レコード作成者", "required value is empty");
      } else {
        add(Severity::deviation, info, ProvidedInfo::number, 3, "レコード作成者",
            "empty; the line has extra fields, the last of which (\"" + info.extra.back() +
                "\") may be レコード作成者 as in the specification's example 8");
      }
    }
  }
  for (const auto& p : nb.regular_pharmacists) {
    if (p.contact.empty()) {
      add(Severity::deviation, p, RegularPharmacist::number, 3, "連絡先",
          "required value is empty (the specification's own examples leave it empty too)");
    }
  }
}

struct HeaderInfo {
  std::string version;
  std::string direction;
  int number = 0;
};

// ^JAHISTC\d\d,[12]$
bool parse_header(const Line& line, HeaderInfo& header, Problems& problems) {
  const std::string& v = line.fields.front();
  const Version version = parse_version(v);
  if (version.format != Format::tc) {
    problems.add(Severity::error, line.number, 0,
                 "not a JAHIS TC version record: \"" + v + "\" (expected JAHISTCnn,1 or JAHISTCnn,2)");
    return false;
  }
  header.version = v;
  header.number = version.number;
  if (header.number < 1 || header.number > kCurrentVersion) {
    problems.add(Severity::warning, line.number, 0,
                 "unknown version " + v + " (this decoder knows JAHISTC01 to JAHISTC08); read as JAHISTC08");
  }
  if (line.fields.size() < 2 || line.fields[1].empty()) {
    problems.add(Problem{Severity::error, line.number, 0, 1, "出力区分", "required value is empty"});
  } else {
    header.direction = line.fields[1];
    if (header.direction != "1" && header.direction != "2") {
      problems.add(Problem{Severity::error, line.number, 0, 1, "出力区分",
                           "unknown 出力区分 \"" + header.direction + "\" (1 or 2)"});
    }
  }
  if (line.fields.size() > 2) {
    problems.add(Severity::warning, line.number, 0, "the version record has more than 2 fields; extra fields ignored");
  }
  return true;
}

class NotebookBuilder {
 public:
  NotebookBuilder(Notebook& nb, FieldContext context, Problems& problems)
      : nb_(nb), context_(context), problems_(problems) {}

  void add(const Line& line) {
    if (line.record < 0) {  // no record number: reported by the lexer, kept as read
      keep_unknown(line);
      return;
    }
    switch (line.record) {
      case Patient::number: patient(line); break;
      case PatientNote::number: top_level<PatientNote>(line, kNotes, nb_.patient_notes); break;
      case OtcDrug::number: otc_drug(line); break;
      case OtcIngredient::number: otc_ingredient(line); break;
      case Memo::number: top_level<Memo>(line, kMemos, nb_.memos); break;
      case DispensingDate::number: dispensing_date(line); break;
      case DispensingInstitution::number: single(line, &Dispensing::institution, 1); break;
      case DispensingStaff::number: single(line, &Dispensing::staff, 2); break;
      case PrescribingInstitution::number: single(line, &Dispensing::prescribing_institution, 3); break;
      case Prescriber::number: prescriber(line); break;
      case Drug::number: drug(line); break;
      case DrugSupplement::number: drug_detail(line, &DrugEntry::supplements); break;
      case DrugCaution::number: drug_detail(line, &DrugEntry::cautions); break;
      case Usage::number: usage(line); break;
      case UsageSupplement::number: rp_detail(line, &Rp::usage_supplements); break;
      case RpCaution::number: rp_detail(line, &Rp::cautions); break;
      case Caution::number: tail(line, &Dispensing::cautions, 5); break;
      case ProvidedInfo::number: tail(line, &Dispensing::provided_info, 6); break;
      case LeftoverCheck::number: tail(line, &Dispensing::leftover_checks, 7); break;
      case Remark::number: tail(line, &Dispensing::remarks, 8); break;
      case PatientEntry::number: tail(line, &Dispensing::patient_entries, 9); break;
      case RegularPharmacist::number: regular_pharmacist(line); break;
      case SplitControl::number: split(line); break;
      default:
        problems_.add(Severity::warning, line.number, line.record,
                      "unknown record number " + std::to_string(line.record) + "; kept as it is");
        keep_unknown(line);
    }
    if (line.record != SplitControl::number && nb_.split) {
      problems_.add(Severity::error, line.number, line.record, "record after the 分割制御 record, which must be last");
    }
  }

  void finish() { close_rp(); }

 private:
  // Top-level phases (3.2.7), in output order.
  enum Phase { kPatient = 1, kNotes, kOtc, kMemos, kDispensings, kPharmacists };

  template <class R>
  R read(const Line& line) {
    return read_record<R>(line, context_, problems_);
  }

  void order(const Line& line, Phase phase) {
    if (phase < phase_) {
      problems_.add(Severity::deviation, line.number, line.record,
                    "out of order: the order is 1, 2, 3/31, 4, then the 調剤情報 groups (5 …), then 701");
    }
    phase_ = std::max(phase_, phase);
  }

  void keep_unknown(const Line& line) { nb_.unknown_records.push_back(unknown_record(line)); }

  void misplaced(const Line& line, std::string reason) {
    problems_.add(Severity::error, line.number, line.record, std::move(reason) + "; the record is kept unplaced");
    keep_unknown(line);
  }

  void patient(const Line& line) {
    order(line, kPatient);
    if (nb_.patient) {
      misplaced(line, "a second 患者情報 record (the first is on line " + std::to_string(nb_.patient->line) + ")");
      return;
    }
    nb_.patient = read<Patient>(line);
  }

  template <class R>
  void top_level(const Line& line, Phase phase, std::vector<R>& into) {
    order(line, phase);
    into.push_back(read<R>(line));
  }

  void otc_drug(const Line& line) {
    order(line, kOtc);
    nb_.otc_drugs.push_back({read<OtcDrug>(line), {}});
  }

  void otc_ingredient(const Line& line) {
    order(line, kOtc);
    OtcIngredient ing = read<OtcIngredient>(line);
    auto parent = std::find_if(nb_.otc_drugs.rbegin(), nb_.otc_drugs.rend(), [&](const OtcEntry& e) {
      return !e.drug.sequence.empty() && to_int(e.drug.sequence) == to_int(ing.sequence);
    });
    if (parent == nb_.otc_drugs.rend()) {
      misplaced(line, "no 要指導医薬品・一般用医薬品服用 record (3) before it has 通番 \"" + ing.sequence + "\"");
      return;
    }
    parent->ingredients.push_back(std::move(ing));
  }

  Dispensing* current(const Line& line) {
    if (nb_.dispensings.empty()) {
      misplaced(line, "record outside a 調剤情報 group: no 調剤等年月日 (record 5) before it");
      return nullptr;
    }
    if (phase_ > kDispensings) {
      problems_.add(Severity::deviation, line.number, line.record, "out of order: after the かかりつけ薬剤師 records");
    }
    return &nb_.dispensings.back();
  }

  // Within a 調剤情報: 5, 11, 15, 51, the RPs, then 401, 411, 421, 501, 601.
  void sub_order(const Line& line, int rank) {
    if (rank < sub_phase_) {
      problems_.add(Severity::deviation, line.number, line.record,
                    "out of order within the 調剤情報: the order is 5, 11, 15, 51, 55/RPs, 401, 411, 421, 501, 601");
    }
    sub_phase_ = std::max(sub_phase_, rank);
  }

  void dispensing_date(const Line& line) {
    close_rp();
    order(line, kDispensings);
    Dispensing d;
    d.date = read<DispensingDate>(line);
    nb_.dispensings.push_back(std::move(d));
    sub_phase_ = 0;
  }

  template <class R>
  void single(const Line& line, std::optional<R> Dispensing::*member, int rank) {
    Dispensing* d = current(line);
    if (!d) return;
    sub_order(line, rank);
    if (d->*member) {
      misplaced(line, "a second " + std::string(R::name) + " record in this 調剤情報 (the first is on line " +
                          std::to_string((d->*member)->line) + ")");
      return;
    }
    d->*member = read<R>(line);
  }

  void prescriber(const Line& line) {
    Dispensing* d = current(line);
    if (!d) return;
    close_rp();
    sub_order(line, 4);
    d->prescriber_groups.push_back({read<Prescriber>(line), {}});
  }

  Rp* open_rp() {
    if (nb_.dispensings.empty()) return nullptr;
    auto& groups = nb_.dispensings.back().prescriber_groups;
    if (groups.empty() || groups.back().rps.empty()) return nullptr;
    Rp& rp = groups.back().rps.back();
    return rp.usage || last_rp_closed_ ? nullptr : &rp;
  }

  Rp* find_rp(Dispensing& d, int number) {
    for (auto& g : d.prescriber_groups) {
      for (auto& rp : g.rps) {
        if (!rp.drugs.empty() && to_int(rp.drugs.front().drug.rp) == number) return &rp;
        if (rp.drugs.empty() && rp.usage && to_int(rp.usage->rp) == number) return &rp;
      }
    }
    return nullptr;
  }

  static int rp_number(const Rp& rp) { return rp.drugs.empty() ? -1 : to_int(rp.drugs.front().drug.rp); }

  // An RP ends at its 301; report one that never got it.
  void close_rp() {
    if (Rp* rp = open_rp(); rp && !rp->drugs.empty()) {
      const Drug& last = rp->drugs.back().drug;
      problems_.add(Severity::error, last.line, Drug::number,
                    "RP " + last.rp + " has no 用法 (record 301) after its 薬品 records");
      last_rp_closed_ = true;  // reported once; it stays without usage
    }
  }

  void drug(const Line& line) {
    Dispensing* d = current(line);
    if (!d) return;
    sub_order(line, 4);
    Drug drug = read<Drug>(line);
    const int number = to_int(drug.rp);
    if (Rp* rp = open_rp(); rp && rp_number(*rp) == number) {
      rp->drugs.push_back({std::move(drug), {}, {}});
      return;
    }
    close_rp();
    if (number >= 0 && find_rp(*d, number)) {
      problems_.add(Problem{Severity::error, line.number, Drug::number, 1, "RP番号",
                            "RP番号 " + drug.rp + " is used twice in this 調剤情報"});
    }
    if (d->prescriber_groups.empty()) d->prescriber_groups.emplace_back();
    Rp rp;
    rp.drugs.push_back({std::move(drug), {}, {}});
    d->prescriber_groups.back().rps.push_back(std::move(rp));
    last_rp_closed_ = false;
  }

  template <class R>
  void drug_detail(const Line& line, std::vector<R> DrugEntry::*member) {
    Dispensing* d = current(line);
    if (!d) return;
    Rp* rp = open_rp();
    if (!rp || rp->drugs.empty()) {
      misplaced(line, std::string(R::name) + " must follow the 薬品 record (201) it supplements");
      return;
    }
    R record = read<R>(line);
    DrugEntry& entry = rp->drugs.back();
    if (to_int(record.rp) != to_int(entry.drug.rp)) {
      problems_.add(
          Problem{Severity::error, line.number, R::number, 1, "RP番号",
                  "RP番号 " + record.rp + " differs from that of the preceding 薬品 (RP " + entry.drug.rp + ")"});
    }
    (entry.*member).push_back(std::move(record));
  }

  void usage(const Line& line) {
    Dispensing* d = current(line);
    if (!d) return;
    sub_order(line, 4);
    Usage u = read<Usage>(line);
    Rp* rp = open_rp();
    if (!rp) {
      misplaced(line, "用法 for RP " + u.rp + " without 薬品 records (201) before it");
      return;
    }
    if (to_int(u.rp) != rp_number(*rp)) {
      problems_.add(
          Problem{Severity::error, line.number, Usage::number, 1, "RP番号",
                  "用法 for RP " + u.rp + " but the 薬品 records before it are RP " + rp->drugs.front().drug.rp});
    }
    rp->usage = std::move(u);
  }

  template <class R>
  void rp_detail(const Line& line, std::vector<R> Rp::*member) {
    Dispensing* d = current(line);
    if (!d) return;
    sub_order(line, 4);
    R record = read<R>(line);
    if (Rp* open = open_rp(); open && rp_number(*open) == to_int(record.rp)) {
      // 311/391 belong after the RP's 301; placed before it they still belong to the RP.
      problems_.add(Severity::deviation, line.number, R::number,
                    "out of order: " + std::string(R::name) + " before the 用法 (301) of RP " + record.rp);
      (open->*member).push_back(std::move(record));
      return;
    }
    close_rp();
    Rp* rp = find_rp(*d, to_int(record.rp));
    if (!rp) {
      misplaced(line, std::string(R::name) + " for RP " + record.rp + ", which this 調剤情報 does not have");
      return;
    }
    (rp->*member).push_back(std::move(record));
  }

  template <class R>
  void tail(const Line& line, std::vector<R> Dispensing::*member, int rank) {
    Dispensing* d = current(line);
    if (!d) return;
    close_rp();
    sub_order(line, rank);
    (d->*member).push_back(read<R>(line));
  }

  void regular_pharmacist(const Line& line) {
    close_rp();
    order(line, kPharmacists);
    nb_.regular_pharmacists.push_back(read<RegularPharmacist>(line));
  }

  void split(const Line& line) {
    close_rp();
    if (nb_.split) {
      misplaced(line, "a second 分割制御 record");
      return;
    }
    nb_.split = read<SplitControl>(line);
  }

  Notebook& nb_;
  FieldContext context_;
  Problems& problems_;
  Phase phase_ = kPatient;
  int sub_phase_ = 0;
  bool last_rp_closed_ = false;  // the last RP ended without its 301 (already reported)
};

}  // namespace

int Notebook::version_number() const noexcept {
  const Version v = parse_version(version);
  return v.format == Format::tc ? v.number : 0;
}

Decoded decode(std::string_view bytes, const DecodeOptions& options) {
  Decoded result{{}, Problems(options.strict)};
  Notebook& nb = result.notebook;
  Problems& problems = result.problems;
  LexedPayload payload = lex(bytes, options.encoding, problems);
  nb.final_line_break = payload.final_line_break;
  nb.eof_marker = payload.eof_marker;
  if (payload.lines.empty() || payload.lines.front().number != 1) {
    problems.add(Severity::error, 1, 0, "no version record: the first line must be JAHISTCnn,1 or JAHISTCnn,2");
    return result;
  }
  HeaderInfo header;
  if (!parse_header(payload.lines.front(), header, problems)) return result;
  nb.version = header.version;
  nb.direction = header.direction;

  FieldContext context{header.number, header.direction.empty() ? '1' : header.direction.front()};
  // A part of a split notebook is incomplete by design: say so before the errors that follow from it.
  for (const Line& line : payload.lines) {
    if (line.record == SplitControl::number) {
      const auto field = [&](std::size_t i) { return i < line.fields.size() ? line.fields[i] : std::string(); };
      problems.add(Severity::error, line.number, SplitControl::number,
                   "this is part " + field(3) + " of " + field(2) + " of a split notebook (データ固有ID " + field(1) +
                       "); join all parts first (kofu jahis merge)");
      break;
    }
  }
  NotebookBuilder builder(nb, context, problems);
  for (std::size_t i = 1; i < payload.lines.size(); ++i) builder.add(payload.lines[i]);
  builder.finish();
  for (const auto& u : nb.unknown_records) check_unknown_record(u, context, problems);
  check_semantics(nb, problems);
  return result;
}

Problems check(const Notebook& nb) {
  Problems problems;
  if (parse_version(nb.version).format != Format::tc) {
    problems.add(Severity::error, 0, 0, "version \"" + nb.version + "\" is not JAHISTCnn");
  }
  if (nb.direction != "1" && nb.direction != "2") {
    problems.add(Problem{Severity::error, 0, 0, 1, "出力区分", "unknown 出力区分 \"" + nb.direction + "\" (1 or 2)"});
  }
  const FieldContext context{nb.version_number(), nb.direction.empty() ? '1' : nb.direction.front()};
  for_each_record(nb, [&](const auto& record) { check_record(record, context, problems); });
  if (nb.split) check_record(*nb.split, context, problems);
  for (const auto& u : nb.unknown_records) check_unknown_record(u, context, problems);
  check_semantics(nb, problems);
  return problems;
}

Encoded encode(const Notebook& nb) {
  Encoded result{{}, check(nb)};
  const int version = nb.version_number();
  std::vector<SourceLine> lines;
  auto emit = [&](const auto& record) {
    using R = std::decay_t<decltype(record)>;
    lines.push_back({record.line, R::number, write_record(record, version)});
  };
  for_each_record(nb, emit);
  add_unknown_records(nb.unknown_records, lines);
  if (nb.split) emit(*nb.split);
  result.bytes = encode_lines(nb.version + "," + nb.direction, std::move(lines), nb.final_line_break, nb.eof_marker,
                              result.problems);
  return result;
}

}  // namespace kofu::jahis::tc
