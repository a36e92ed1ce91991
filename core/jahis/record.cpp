#include "jahis/record.hpp"

#include <algorithm>
#include <cstdio>

#include "jahis/dates.hpp"
#include "text/shift_jis.hpp"

namespace kofu::jahis {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Rx 表3-39 用量: up to 6 integer digits, '.', up to 5 decimals; no leading zero in the integer part (one 0
// when it is zero), no trailing zero in the decimals, no '.' without decimals.
std::string amount_problem(std::string_view v) {
  const std::size_t dot = v.find('.');
  const std::string_view whole = v.substr(0, dot);
  const std::string_view decimals = dot == std::string_view::npos ? std::string_view{} : v.substr(dot + 1);
  const auto digits = [](std::string_view s) { return std::all_of(s.begin(), s.end(), is_digit); };
  if (whole.empty() || !digits(whole) || !digits(decimals) || (dot != std::string_view::npos && decimals.empty())) {
    return "not a quantity: \"" + std::string(v) + "\" (digits with an optional decimal point, e.g. 1.5)";
  }
  if (whole.size() > 6 || decimals.size() > 5) {
    return "quantity \"" + std::string(v) + "\" has more than 6 integer or 5 decimal digits";
  }
  if (whole.size() > 1 && whole.front() == '0') return "quantity \"" + std::string(v) + "\" has a leading zero";
  if (!decimals.empty() && decimals.back() == '0') return "quantity \"" + std::string(v) + "\" has a trailing zero";
  return {};
}

bool is_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7F;
}

bool is_alnum_symbol(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7F;
}

}  // namespace

std::string_view code_label(const FieldSpec& spec, std::string_view code) noexcept {
  for (const CodeEntry& entry : spec.codes) {
    if (entry.code == code) return entry.label;
  }
  return {};
}

void check_unknown_record(const UnknownRecord& record, const FieldContext& context, Problems& problems) {
  static constexpr FieldSpec kAny{"", "", FieldType::text};
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    if (std::any_of(record.fields[i].begin(), record.fields[i].end(), is_control)) {
      check_value(kAny, record.fields[i], record.line, record.number, static_cast<int>(i + 1), context, problems);
    }
  }
}

UnknownRecord unknown_record(const Line& line) {
  UnknownRecord u;
  u.line = line.number;
  u.number = line.record;
  const auto first = line.record < 0 ? line.fields.begin() : line.fields.begin() + 1;
  if (!line.fields.empty()) u.fields.assign(first, line.fields.end());
  return u;
}

void append_field(std::string& line, std::string_view value) {
  line += ',';
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = value.find(',', start);
    line.append(value.substr(start, comma - start));
    if (comma == std::string_view::npos) return;
    line += "\uFF0C";  // ，
    start = comma + 1;
  }
}

void check_field_count(std::size_t present, std::size_t layout, std::size_t known, std::size_t line, int record,
                       Problems& problems) {
  if (present < layout) {
    problems.add(Severity::deviation, line, record,
                 "the line has " + std::to_string(present) + " of the layout's " + std::to_string(layout) +
                     " fields; the missing trailing fields are read as empty");
  } else if (present > known) {
    problems.add(Severity::warning, line, record,
                 "the line has " + std::to_string(present) + " fields, more than the " + std::to_string(known) +
                     " any version defines; the extra fields are kept as they are");
  } else if (present > layout) {
    problems.add(Severity::warning, line, record,
                 "the line has " + std::to_string(present) + " fields, more than the version's layout of " +
                     std::to_string(layout) + "; read as the fields of a later version");
  }
}

void check_value(const FieldSpec& spec, std::string_view value, std::size_t line, int record, int field_index,
                 const FieldContext& context, Problems& problems) {
  auto report = [&](Severity severity, std::string reason) {
    problems.add(Problem{severity, line, record, field_index, std::string(spec.name), std::move(reason)});
  };
  if (value.empty()) {
    const bool required =
        spec.need == Need::required || (spec.need == Need::required_outbound && context.direction == '1');
    const bool in_version = context.version == 0 || spec.since <= context.version;
    if (required && in_version) report(Severity::error, "required value is empty");
    return;
  }
  if (const auto bad = std::find_if(value.begin(), value.end(), is_control); bad != value.end()) {
    char what[64];
    std::snprintf(what, sizeof what, "control character 0x%02X at byte %zu of the value",
                  static_cast<unsigned>(static_cast<unsigned char>(*bad)),
                  static_cast<std::size_t>(bad - value.begin()) + 1);
    report(Severity::error, std::string(what) + " (line breaks, tabs and EOF cannot be in a field)");
    return;
  }
  if (value.find(',') != std::string_view::npos) {
    report(Severity::warning, "half-width comma inside the value; written as a full-width comma (，)");
  }
  constexpr std::string_view kFullWidthSpace = "\u3000";
  if (value.front() == ' ' || value.back() == ' ' || value.starts_with(kFullWidthSpace) ||
      value.ends_with(kFullWidthSpace)) {
    report(Severity::deviation, "leading or trailing space in \"" + std::string(value) + "\" (values must be trimmed)");
  }
  const std::size_t bytes = text::shift_jis_length(value);
  if (spec.max_bytes > 0 && bytes > spec.max_bytes) {
    report(Severity::deviation, "value is " + std::to_string(bytes) + " bytes, longer than the " +
                                    std::to_string(spec.max_bytes) + " allowed");
  }
  switch (spec.type) {
    case FieldType::numeric:
      if (!std::all_of(value.begin(), value.end(), is_digit)) {
        report(Severity::error, "not a number: \"" + std::string(value) + "\"");
        return;
      }
      break;
    case FieldType::alnum:
      if (!std::all_of(value.begin(), value.end(), is_alnum_symbol)) {
        report(Severity::deviation, "\"" + std::string(value) + "\" is not half-width alphanumeric (type X)");
      }
      break;
    case FieldType::text: break;
    case FieldType::amount:
      if (std::string why = amount_problem(value); !why.empty()) {
        // A malformed number is an error; a well-formed one with padding zeros only deviates.
        const bool malformed = why.starts_with("not a quantity");
        report(malformed ? Severity::error : Severity::deviation, std::move(why));
      }
      break;
    case FieldType::tc_date:
      if (auto date = parse_tc_date(value); !date)
        report(Severity::error, date.error() + ": \"" + std::string(value) + "\"");
      break;
    case FieldType::rx_date:
      if (auto date = parse_rx_date(value); !date)
        report(Severity::error, date.error() + ": \"" + std::string(value) + "\"");
      break;
    case FieldType::rx_birth_date:
      if (auto date = parse_rx_birth_date(value); !date) {
        report(Severity::error, date.error() + ": \"" + std::string(value) + "\"");
      }
      break;
  }
  if (!spec.codes.empty() && code_label(spec, value).empty()) {
    std::string known;
    for (const CodeEntry& entry : spec.codes) {
      if (!known.empty()) known += ", ";
      known += entry.code;
    }
    report(Severity::deviation, "unknown code \"" + std::string(value) + "\" (known: " + known + ")");
  }
}

}  // namespace kofu::jahis
