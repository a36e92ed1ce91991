// Splits a JAHIS payload (Shift_JIS or UTF-8 bytes) into lines and fields, decoding the text to UTF-8.
// Shared by the TC and Rx decoders. Every irregularity is reported; nothing is dropped unreported.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "jahis/problems.hpp"

namespace kofu::jahis {

enum class InputEncoding {
  automatic,  // UTF-8 when the bytes are valid UTF-8 with 3-byte sequences (kana, kanji), else Shift_JIS
  shift_jis,
  utf8,
};

struct Line {
  std::size_t number = 0;           // 1-based
  int record = -1;                  // the record number; 0 for the version line; -1 when the line has none
  std::vector<std::string> fields;  // UTF-8; fields[0] is the record number (or the version string)
};

struct LexedPayload {
  std::vector<Line> lines;
  InputEncoding encoding = InputEncoding::shift_jis;  // what the bytes were read as
  bool final_line_break = true;                       // the last line ended with a line break
  bool eof_marker = false;                            // the data ended with EOF (0x1A)
};

// Line 1 is the version line (record 0). A field with a byte that is not valid in the encoding gets ■ in
// its place and an error naming the line, the field and the byte offset.
LexedPayload lex(std::string_view bytes, InputEncoding encoding, Problems& problems);

// The encoding `automatic` would choose for these bytes.
InputEncoding detect_encoding(std::string_view bytes) noexcept;

}  // namespace kofu::jahis
