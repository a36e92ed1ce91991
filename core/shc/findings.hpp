// What a check found: a code, where (a JSON pointer or a stage), a sentence, and whether it only warns.
#pragma once

#include <string>
#include <vector>

#include "shc/errors.hpp"

namespace kofu::shc {

enum class Severity { error, warning };

struct Finding {
  ShcErrc code{};
  Severity severity = Severity::error;
  std::string where;    // "/vc/credentialSubject/fhirBundle/entry/1/resource/status", "header", "signature", …
  std::string message;  // for a person: what is wrong, and what was expected
};

using Findings = std::vector<Finding>;

inline bool has_errors(const Findings& findings) {
  for (const Finding& f : findings) {
    if (f.severity == Severity::error) return true;
  }
  return false;
}

}  // namespace kofu::shc
