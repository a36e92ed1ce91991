// Writing JAHIS payloads: record lines in order, CR LF, Shift_JIS with ■ for characters outside JIS X 0208.
// Shared by the TC and Rx encoders.
#pragma once

#include <string>
#include <vector>

#include "jahis/problems.hpp"
#include "jahis/record.hpp"

namespace kofu::jahis {

struct SourceLine {
  std::size_t source_line = 0;  // 0 for a record built in memory
  int record = 0;
  std::string text;  // UTF-8, fields joined by ',', no line break
};

void add_unknown_records(const std::vector<UnknownRecord>& records, std::vector<SourceLine>& lines);

// Joins the version line and the record lines with CR LF and encodes them to Shift_JIS. When every line
// has a source line number they are written in source order (so a decoded payload comes back byte for
// byte); otherwise in the order given. Each character written as ■ is reported with its line and field.
std::string encode_lines(const std::string& version_line, std::vector<SourceLine> lines, bool final_line_break,
                         bool eof_marker, Problems& problems);

}  // namespace kofu::jahis
