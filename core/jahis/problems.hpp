// What a JAHIS decoder, validator or encoder found wrong, with where it found it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kofu::jahis {

enum class Severity {
  error,      // the data is invalid in either mode
  deviation,  // off the specification but common in real data: an error in strict mode, a warning in lenient
  warning,    // worth a look; never makes the data invalid
};

struct Problem {
  Severity severity = Severity::error;
  std::size_t line = 0;    // 1-based line of the payload; 0 when not tied to a line
  int record = -1;         // record number; 0 for the version line; -1 when not tied to a record
  int field = -1;          // 1-based field index after the record number; -1 when not tied to a field
  std::string field_name;  // the field's name in the specification (Japanese), when known
  std::string reason;
};

// Collects problems; in strict mode deviations count as errors.
class Problems {
 public:
  explicit Problems(bool strict = false) : strict_(strict) {}

  void add(Problem problem) { list_.push_back(std::move(problem)); }
  void add(Severity severity, std::size_t line, int record, std::string reason) {
    list_.push_back({severity, line, record, -1, {}, std::move(reason)});
  }

  bool strict() const noexcept { return strict_; }
  // True when some problem makes the data invalid in the chosen mode.
  bool invalid() const noexcept;
  bool counts_as_error(const Problem& p) const noexcept {
    return p.severity == Severity::error || (strict_ && p.severity == Severity::deviation);
  }
  const std::vector<Problem>& list() const noexcept { return list_; }

 private:
  bool strict_;
  std::vector<Problem> list_;
};

// "line 7, record 201, field 3 (用量): error: not a number: "1.5x"" — one line, for stderr and logs.
std::string format(const Problem& problem, bool strict);
std::string_view severity_name(Severity severity, bool strict) noexcept;

}  // namespace kofu::jahis
