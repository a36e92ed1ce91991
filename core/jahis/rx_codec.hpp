// JAHIS Rx decoder, validator and encoder.
#pragma once

#include <string>
#include <string_view>

#include "jahis/lexer.hpp"
#include "jahis/problems.hpp"
#include "jahis/rx_model.hpp"

namespace kofu::jahis::rx {

struct DecodeOptions {
  bool strict = false;
  InputEncoding encoding = InputEncoding::automatic;
};

struct Decoded {
  Prescription prescription;
  Problems problems;
  bool valid() const noexcept { return !problems.invalid(); }
};

// Decodes and validates a whole payload: record layouts, code tables, the required records (表3-6), the
// RP grouping, 分割指示 (63/102) and リフィル (64) rules. Every problem is listed; nothing is dropped unreported.
Decoded decode(std::string_view bytes, const DecodeOptions& options = {});

struct Encoded {
  std::string bytes;
  Problems problems;
  bool valid() const noexcept { return !problems.invalid(); }
};

// Encodes in source order for a decoded prescription, otherwise in the order of 表3-5.
Encoded encode(const Prescription& prescription);

// The checks decode makes, for a prescription built in memory.
Problems check(const Prescription& prescription);

}  // namespace kofu::jahis::rx
