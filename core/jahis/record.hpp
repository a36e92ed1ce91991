// The table-driven machinery shared by every JAHIS record type: each record is a struct of named string
// fields, described once by a table of FieldSpec (name, data type, byte limit, requirement, code table,
// first version). Reading, checking, writing and JSON all walk that table.
//
// Values stay text exactly as written (leading zeros, era dates), so that writing a decoded record
// reproduces it byte for byte; typed views (dates, code labels) are derived from the text.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jahis/lexer.hpp"
#include "jahis/problems.hpp"

namespace kofu::jahis {

// JAHIS 表3-2 data types, refined where a field has a fixed syntax.
enum class FieldType : std::uint8_t {
  numeric,        // 9: digits
  alnum,          // X: ASCII letters, digits and symbols
  text,           // N: any characters of the set, full- and half-width
  amount,         // X(12) quantities: up to 6 integer and 5 decimal digits, no padding zeros (Rx 表3-39)
  tc_date,        // YYYYMMDD or GYYMMDD, G an era letter
  rx_date,        // YYYYMMDD or GYYMMDD, G an era digit
  rx_birth_date,  // as rx_date, or year and month, or year only
};

enum class Need : std::uint8_t {
  required,           // ◎
  required_outbound,  // ◎1 (TC): required when 出力区分 is 1, 医療機関・薬局 → 患者等
  optional,           // - (conditional requirements are checked by the record's own rules)
};

struct CodeEntry {
  std::string_view code;
  std::string_view label;
};

struct FieldSpec {
  std::string_view key;   // JSON key
  std::string_view name;  // the specification's name, for messages
  FieldType type = FieldType::text;
  std::uint16_t max_bytes = 0;  // Shift_JIS bytes
  Need need = Need::optional;
  std::span<const CodeEntry> codes{};  // the code table, when the field has one
  std::uint8_t since = 0;              // first format version number that has the field
};

template <class R>
struct Field {
  FieldSpec spec;
  std::string R::*member;
};

// What every record keeps besides its fields.
struct RecordBase {
  std::size_t line = 0;            // source line; 0 for a record built in memory
  std::size_t field_count = 0;     // fields present in the source line; 0 for a record built in memory
  std::vector<std::string> extra;  // fields beyond the layout, kept so that nothing is lost
};

// A record number the decoder does not know (or could not place), kept as read.
struct UnknownRecord {
  std::size_t line = 0;
  int number = 0;                   // -1 for a line that does not start with a record number
  std::vector<std::string> fields;  // after the record number; every field of the line when number is -1
};

// The line as an unknown record (record number and fields as read).
UnknownRecord unknown_record(const Line& line);

// Context for checks that depend on the payload: its format version and, for TC, 出力区分.
struct FieldContext {
  int version = 0;
  char direction = 0;  // TC '1' or '2'; 0 for Rx
};

// Every record type R provides `static constexpr int number`, `static constexpr std::string_view name`
// and a specialisation of kFields<R>.
template <class R>
inline constexpr std::array<Field<R>, 0> kFields{};

std::string_view code_label(const FieldSpec& spec, std::string_view code) noexcept;

// Checks one value against its spec and reports what is wrong.
void check_value(const FieldSpec& spec, std::string_view value, std::size_t line, int record, int field_index,
                 const FieldContext& context, Problems& problems);

// Checks the fields of an unknown record for what would break the payload (control characters).
void check_unknown_record(const UnknownRecord& record, const FieldContext& context, Problems& problems);

// Reports a field count off the layout of the version (missing trailing fields, fields of a later version,
// fields no version defines). `known` is the number of fields of the latest layout.
void check_field_count(std::size_t present, std::size_t layout, std::size_t known, std::size_t line, int record,
                       Problems& problems);

// Appends ',' and the value, with any half-width comma in it written full-width (，), as the format requires.
void append_field(std::string& line, std::string_view value);

// The number of fields the version's layout has.
template <class R>
std::size_t layout_size(int version) {
  std::size_t n = 0;
  for (const auto& f : kFields<R>) {
    if (version == 0 || f.spec.since <= version) ++n;
  }
  return n;
}

template <class R>
R read_record(const Line& line, const FieldContext& context, Problems& problems) {
  R record;
  record.line = line.number;
  record.field_count = line.fields.size() - 1;
  const auto& fields = kFields<R>;
  for (std::size_t i = 0; i < fields.size() && i + 1 < line.fields.size(); ++i) {
    record.*(fields[i].member) = line.fields[i + 1];
  }
  for (std::size_t i = fields.size() + 1; i < line.fields.size(); ++i) record.extra.push_back(line.fields[i]);
  check_field_count(record.field_count, layout_size<R>(context.version), fields.size(), line.number, R::number,
                    problems);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& spec = fields[i].spec;
    const std::string& value = record.*(fields[i].member);
    // A field missing from the line is reported once by check_field_count; its requirement still holds.
    check_value(spec, value, line.number, R::number, static_cast<int>(i + 1), context, problems);
  }
  return record;
}

// Checks a record built in memory (from JSON or by a flow) before it is written.
template <class R>
void check_record(const R& record, const FieldContext& context, Problems& problems) {
  const auto& fields = kFields<R>;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    check_value(fields[i].spec, record.*(fields[i].member), record.line, R::number, static_cast<int>(i + 1), context,
                problems);
  }
}

// The record's line as UTF-8 text without the line break. A decoded record keeps the field count of its
// source line; one built in memory gets every field of the version's layout, as the specification's
// samples have. Either way no non-empty value is left out.
template <class R>
std::string write_record(const R& record, int version) {
  const auto& fields = kFields<R>;
  std::size_t count = record.field_count > 0 ? std::min(record.field_count, fields.size()) : layout_size<R>(version);
  for (std::size_t i = count; i < fields.size(); ++i) {
    if (!(record.*(fields[i].member)).empty()) count = i + 1;
  }
  if (!record.extra.empty()) count = fields.size();
  std::string out = std::to_string(R::number);
  for (std::size_t i = 0; i < count; ++i) append_field(out, record.*(fields[i].member));
  for (const std::string& value : record.extra) append_field(out, value);
  return out;
}

}  // namespace kofu::jahis
