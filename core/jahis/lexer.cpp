#include "jahis/lexer.hpp"

#include <algorithm>
#include <charconv>

#include "text/shift_jis.hpp"

namespace kofu::jahis {
namespace {

constexpr char kEof = '\x1A';
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kSubstitute = "\u25A0";

std::vector<std::string_view> split_fields(std::string_view line) {
  // ',' (0x2C) never occurs inside a Shift_JIS double-byte character (trail bytes are 0x40-0xFC), nor
  // inside a UTF-8 multi-byte sequence, so splitting the raw bytes is exact in both encodings.
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

// Decodes one field, replacing bad bytes by ■ and reporting each with its offset in the payload.
std::string decode_field(std::string_view raw, std::size_t payload_offset, InputEncoding encoding, const Line& line,
                         int field_index, Problems& problems) {
  auto report = [&](std::size_t offset, std::string_view what) {
    Problem p;
    p.line = line.number;
    p.record = line.record;
    p.field = field_index > 0 ? field_index : -1;
    p.reason = std::string(what) + " at byte offset " + std::to_string(payload_offset + offset) + " (column " +
               std::to_string(offset + 1) + " of the field); replaced by ■";
    problems.add(std::move(p));
  };
  if (encoding == InputEncoding::utf8) {
    std::string out;
    std::size_t pos = 0;
    while (pos < raw.size()) {
      const std::size_t bad = text::find_invalid_utf8(raw.substr(pos));
      if (bad == std::string_view::npos) {
        out.append(raw.substr(pos));
        break;
      }
      out.append(raw.substr(pos, bad));
      report(pos + bad, "invalid UTF-8");
      out += kSubstitute;
      pos += bad + 1;
    }
    return out;
  }
  text::LossyText decoded = text::decode_shift_jis_lossy(raw);
  for (std::size_t offset : decoded.replaced_offsets) {
    const auto byte = static_cast<unsigned char>(raw[offset]);
    const bool lead = (byte >= 0x81 && byte <= 0x9F) || (byte >= 0xE0 && byte <= 0xFC);
    report(offset, offset + 1 == raw.size() && lead ? "Shift_JIS double-byte character cut off by the end of the field"
                                                    : "invalid Shift_JIS byte");
  }
  return std::move(decoded.utf8);
}

int parse_record_number(std::string_view s) noexcept {
  if (s.empty() || s.size() > 4) return -1;
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) return -1;
  return value;
}

}  // namespace

InputEncoding detect_encoding(std::string_view bytes) noexcept {
  // Japanese text in UTF-8 has 3-byte sequences (kana, kanji and half-width kana are all above U+0800). Bytes
  // that are valid UTF-8 with 2-byte sequences only are far likelier to be half-width kana in Shift_JIS
  // (ﾃｨ is C3 A8, which is also UTF-8 for è).
  bool three_byte = false;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b >= 0xE0) three_byte = true;
  }
  if (!three_byte) return InputEncoding::shift_jis;
  return text::find_invalid_utf8(bytes) == std::string_view::npos ? InputEncoding::utf8 : InputEncoding::shift_jis;
}

LexedPayload lex(std::string_view bytes, InputEncoding encoding, Problems& problems) {
  LexedPayload out;
  std::size_t base = 0;  // offset of `bytes` within the original payload, for reported offsets
  if (bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    problems.add(Severity::deviation, 1, -1, "UTF-8 byte order mark at the start; ignored");
    bytes.remove_prefix(kUtf8Bom.size());
    base = kUtf8Bom.size();
    if (encoding == InputEncoding::automatic) encoding = InputEncoding::utf8;
  }
  out.encoding = encoding == InputEncoding::automatic ? detect_encoding(bytes) : encoding;

  std::size_t end = bytes.size();
  while (end > 0 && bytes[end - 1] == kEof) --end;
  out.eof_marker = end < bytes.size();
  if (bytes.size() - end > 1) {
    problems.add(Severity::warning, 0, -1,
                 std::to_string(bytes.size() - end) + " EOF bytes (0x1A) at the end; one is enough");
  }
  bytes = bytes.substr(0, end);

  if (out.encoding == InputEncoding::utf8) {
    problems.add(Severity::deviation, 1, -1, "the payload is read as UTF-8; the format is ASCII or Shift_JIS");
  }

  // Lines end with CR LF; LF alone (files re-exported on Unix) and CR alone (keyboard-wedge scanners) are read
  // as line ends too, and reported.
  std::size_t lf_only = 0, cr_only = 0;
  std::size_t first_lf_only = 0, first_cr_only = 0;
  std::size_t pos = 0;
  std::size_t number = 0;
  out.final_line_break = bytes.empty() || bytes.back() == '\n' || bytes.back() == '\r';
  while (pos < bytes.size()) {
    std::size_t eol = bytes.find_first_of("\r\n", pos);
    if (eol == std::string_view::npos) eol = bytes.size();
    const std::string_view raw = bytes.substr(pos, eol - pos);
    const std::size_t line_offset = base + pos;
    ++number;
    std::size_t next = eol + 1;
    if (eol < bytes.size() && bytes[eol] == '\r') {
      if (eol + 1 < bytes.size() && bytes[eol + 1] == '\n') {
        next = eol + 2;
      } else if (cr_only++ == 0) {
        first_cr_only = number;
      }
    } else if (eol < bytes.size() && lf_only++ == 0) {
      first_lf_only = number;
    }
    pos = next;

    if (raw.empty() || raw.find_first_not_of(" \t") == std::string_view::npos) {
      problems.add(Severity::deviation, number, -1, "empty line; skipped");
      continue;
    }
    Line line;
    line.number = number;
    const std::vector<std::string_view> raw_fields = split_fields(raw);
    line.record = number == 1 ? 0 : parse_record_number(raw_fields.front());
    std::size_t field_offset = line_offset;
    line.fields.reserve(raw_fields.size());
    for (std::size_t i = 0; i < raw_fields.size(); ++i) {
      const int index = static_cast<int>(i);
      line.fields.push_back(decode_field(raw_fields[i], field_offset, out.encoding, line, index, problems));
      field_offset += raw_fields[i].size() + 1;
    }
    if (line.record < 0) {
      problems.add(
          Severity::error, number, -1,
          "the line does not start with a record number: \"" + line.fields.front() + "\"; kept as an unknown record");
    } else if (number > 1 && raw_fields.front().size() > 1 && raw_fields.front().front() == '0') {
      problems.add(
          Severity::deviation, number, line.record,
          "record number \"" + line.fields.front() + "\" has a leading zero; read as " + std::to_string(line.record));
    }
    out.lines.push_back(std::move(line));
  }
  if (lf_only > 0) {
    problems.add(Severity::deviation, first_lf_only, -1,
                 std::to_string(lf_only) + " line(s) end with LF alone, from this line on; the format requires CR LF");
  }
  if (cr_only > 0) {
    problems.add(Severity::deviation, first_cr_only, -1,
                 std::to_string(cr_only) + " line(s) end with CR alone, from this line on; the format requires CR LF");
  }
  return out;
}

}  // namespace kofu::jahis
