#include "jahis/writer.hpp"

#include <algorithm>
#include <cstdio>

#include "text/shift_jis.hpp"

namespace kofu::jahis {

void add_unknown_records(const std::vector<UnknownRecord>& records, std::vector<SourceLine>& lines) {
  for (const auto& u : records) {
    std::string text;
    if (u.number >= 0) text = std::to_string(u.number);
    for (std::size_t i = 0; i < u.fields.size(); ++i) {
      if (u.number < 0 && i == 0) {
        text = u.fields[0];
      } else {
        append_field(text, u.fields[i]);
      }
    }
    lines.push_back({u.line, u.number, std::move(text)});
  }
}

std::string encode_lines(const std::string& version_line, std::vector<SourceLine> lines, bool final_line_break,
                         bool eof_marker, Problems& problems) {
  const bool from_source =
      std::all_of(lines.begin(), lines.end(), [](const SourceLine& l) { return l.source_line > 0; });
  if (from_source) {
    std::stable_sort(lines.begin(), lines.end(),
                     [](const SourceLine& a, const SourceLine& b) { return a.source_line < b.source_line; });
  }
  std::string utf8 = version_line;
  std::vector<std::size_t> starts;  // where each record line starts in utf8
  starts.reserve(lines.size());
  for (const auto& l : lines) {
    utf8 += "\r\n";
    starts.push_back(utf8.size());
    utf8 += l.text;
  }
  if (final_line_break) utf8 += "\r\n";
  auto encoded = text::encode_shift_jis(utf8);
  if (!encoded) {
    problems.add(Severity::error, 0, -1, "cannot encode: " + encoded.error().message());
    return {};
  }
  for (const auto& s : encoded->substitutions) {
    Problem p;
    p.severity = Severity::warning;
    const auto it = std::upper_bound(starts.begin(), starts.end(), s.utf8_offset);
    if (it != starts.begin()) {
      const std::size_t index = static_cast<std::size_t>(it - starts.begin()) - 1;
      p.line = index + 2;
      p.record = lines[index].record;
      const auto begin = utf8.begin() + static_cast<std::ptrdiff_t>(starts[index]);
      p.field = static_cast<int>(std::count(begin, utf8.begin() + static_cast<std::ptrdiff_t>(s.utf8_offset), ','));
    } else {
      p.line = 1;
      p.record = 0;
    }
    char code_point[16];
    std::snprintf(code_point, sizeof code_point, "U+%04X", static_cast<unsigned>(s.code_point));
    p.reason = std::string("character ") + code_point + " is outside the Shift_JIS character set; written as " +
               std::string(s.written_as);
    problems.add(std::move(p));
  }
  std::string bytes = std::move(encoded->sjis);
  if (eof_marker) bytes += '\x1A';
  return bytes;
}

}  // namespace kofu::jahis
