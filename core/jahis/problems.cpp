#include "jahis/problems.hpp"

#include <algorithm>

namespace kofu::jahis {

bool Problems::invalid() const noexcept {
  return std::any_of(list_.begin(), list_.end(), [this](const Problem& p) { return counts_as_error(p); });
}

std::string_view severity_name(Severity severity, bool strict) noexcept {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::deviation: return strict ? "error" : "warning";
    case Severity::warning: return "warning";
  }
  return "error";
}

std::string format(const Problem& p, bool strict) {
  std::string out;
  auto sep = [&out] {
    if (!out.empty()) out += ", ";
  };
  if (p.line > 0) out += "line " + std::to_string(p.line);
  if (p.record == 0 && p.line <= 1) {
    sep();
    out += "version record";
  } else if (p.record >= 0) {
    sep();
    out += "record " + std::to_string(p.record);
  }
  if (p.field > 0) {
    sep();
    out += "field " + std::to_string(p.field);
    if (!p.field_name.empty()) out += " (" + p.field_name + ")";
  }
  if (!out.empty()) out += ": ";
  out += severity_name(p.severity, strict);
  out += ": ";
  out += p.reason;
  return out;
}

}  // namespace kofu::jahis
