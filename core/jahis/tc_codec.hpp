// JAHIS TC decoder and encoder.
#pragma once

#include <string>
#include <string_view>

#include "jahis/lexer.hpp"
#include "jahis/problems.hpp"
#include "jahis/tc_model.hpp"

namespace kofu::jahis::tc {

struct DecodeOptions {
  bool strict = false;  // deviations (missing trailing fields, LF line ends, …) become errors
  InputEncoding encoding = InputEncoding::automatic;
};

struct Decoded {
  Notebook notebook;
  Problems problems;
  bool valid() const noexcept { return !problems.invalid(); }
};

// Decodes a whole payload. Never throws and never stops at the first problem: every record that can be
// read is in the notebook (records that cannot be placed go to unknown_records), every problem is listed.
Decoded decode(std::string_view bytes, const DecodeOptions& options = {});

struct Encoded {
  std::string bytes;  // Shift_JIS, CR LF after every line (EOF 0x1A when the notebook asks for it)
  Problems problems;  // the notebook's own problems, and each character written as ■
  bool valid() const noexcept { return !problems.invalid(); }
};

// Encodes a notebook. A decoded notebook (every record with its source line) is written in its source
// order, so that encode(decode(x)) == x for valid x; one built in memory is written in the order of
// JAHIS TC 3.2.7.
Encoded encode(const Notebook& notebook);

// The checks decode makes, for a notebook built in memory (from JSON, or by the pharmacy flow).
Problems check(const Notebook& notebook);

}  // namespace kofu::jahis::tc
