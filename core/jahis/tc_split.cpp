#include "jahis/tc_split.hpp"

#include <algorithm>
#include <map>

#include "jahis/numbers.hpp"

namespace kofu::jahis::tc {
namespace {

constexpr std::string_view kCrLf = "\r\n";

// Lines of the payload without their line breaks; trailing EOF bytes and empty lines dropped.
std::vector<std::string_view> payload_lines(std::string_view payload) {
  while (!payload.empty() && payload.back() == '\x1A') payload.remove_suffix(1);
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < payload.size()) {
    std::size_t nl = payload.find('\n', pos);
    if (nl == std::string_view::npos) nl = payload.size();
    std::string_view line = payload.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) lines.push_back(line);
    pos = nl + 1;
  }
  return lines;
}

bool is_split_record(std::string_view line) {
  return line.starts_with("911,");
}

std::string control_line(std::string_view id, std::size_t count, std::size_t index) {
  return "911," + std::string(id) + "," + std::to_string(count) + "," + std::to_string(index);
}

}  // namespace

Expected<std::vector<std::string>, std::string> split(std::string_view payload, const SplitOptions& options) {
  if (options.data_id.size() != 14 || !all_digits(options.data_id)) {
    return unexpected("データ固有ID must be 14 digits, not \"" + options.data_id + "\"");
  }
  const std::vector<std::string_view> lines = payload_lines(payload);
  if (lines.empty() || !lines.front().starts_with("JAHISTC")) {
    return unexpected(std::string("not a JAHIS TC payload: the first line must be JAHISTCnn,k"));
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (is_split_record(lines[i])) {
      return unexpected("line " + std::to_string(i + 1) + " is a 分割制御 record: the payload is already a split part");
    }
  }
  if (payload.size() <= options.max_bytes) return std::vector<std::string>{std::string(payload)};

  const std::string_view version = lines.front();
  // The 911 line grows with the digits of the part count; try 1, 2 and 3 digits.
  for (std::size_t digits = 1; digits <= 3; ++digits) {
    std::size_t widest = 1;
    for (std::size_t d = 1; d < digits; ++d) widest *= 10;
    const std::size_t control = control_line(options.data_id, widest, widest).size() + kCrLf.size();
    const std::size_t fixed = version.size() + kCrLf.size() + control;
    std::vector<std::vector<std::string_view>> groups(1);
    std::size_t used = fixed;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const std::size_t size = lines[i].size() + kCrLf.size();
      if (fixed + size > options.max_bytes) {
        return unexpected("line " + std::to_string(i + 1) + " (" + std::to_string(size) +
                          " bytes) does not fit in a part of " + std::to_string(options.max_bytes) +
                          " bytes with its version and 分割制御 records");
      }
      if (used + size > options.max_bytes) {
        groups.emplace_back();
        used = fixed;
      }
      groups.back().push_back(lines[i]);
      used += size;
    }
    if (std::to_string(groups.size()).size() > digits) continue;
    if (groups.size() > 999) break;
    std::vector<std::string> parts;
    for (std::size_t k = 0; k < groups.size(); ++k) {
      std::string part(version);
      part += kCrLf;
      for (auto line : groups[k]) {
        part += line;
        part += kCrLf;
      }
      part += control_line(options.data_id, groups.size(), k + 1);
      part += kCrLf;
      parts.push_back(std::move(part));
    }
    return parts;
  }
  return unexpected("the payload needs more than 999 parts of " + std::to_string(options.max_bytes) + " bytes");
}

Merged merge(const std::vector<std::string_view>& parts) {
  Merged result;
  struct Part {
    std::size_t input;
    std::vector<std::string_view> lines;
    std::string id;
    int count;
    int index;
  };
  std::vector<Part> read;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::vector<std::string_view> lines = payload_lines(parts[i]);
    if (lines.empty() || !lines.front().starts_with("JAHISTC")) {
      result.problems.push_back({i, "not a JAHIS TC payload: the first line must be JAHISTCnn,k"});
      continue;
    }
    if (lines.size() < 2 || !is_split_record(lines.back())) {
      result.problems.push_back({i, "not a split part: the last record is not 分割制御 (911)"});
      continue;
    }
    std::vector<std::string_view> fields;
    std::string_view control = lines.back();
    for (std::size_t start = 0;;) {
      const std::size_t comma = control.find(',', start);
      fields.push_back(control.substr(start, comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    const int count = fields.size() >= 4 ? to_int(fields[2]) : -1;
    const int index = fields.size() >= 4 ? to_int(fields[3]) : -1;
    // 分割数 and データ連番 are 9(3): at most 999 parts.
    if (fields.size() < 4 || fields[1].size() != 14 || !all_digits(fields[1]) || count < 1 || count > 999 ||
        index < 1 || index > count) {
      result.problems.push_back({i, "malformed 分割制御 record \"" + std::string(control) +
                                        "\" (expected 911,<14-digit ID>,<分割数 1 … 999>,<データ連番 1 … 分割数>)"});
      continue;
    }
    lines.pop_back();
    read.push_back({i, std::move(lines), std::string(fields[1]), count, index});
  }
  if (read.empty()) {
    if (result.problems.empty()) result.problems.push_back({0, "no parts given"});
    return result;
  }
  // The notebook is the データ固有ID most parts carry (the first given on a tie); the others are foreign.
  std::map<std::string, std::size_t> votes;
  for (const Part& p : read) ++votes[p.id];
  const Part* reference = &read.front();
  for (const Part& p : read) {
    if (votes[p.id] > votes[reference->id]) reference = &p;
  }
  const Part& first = *reference;
  std::map<int, const Part*> by_index;
  for (const Part& p : read) {
    if (p.id != first.id) {
      result.problems.push_back({p.input, "part of another notebook: データ固有ID " + p.id + ", not " + first.id});
      continue;
    }
    if (p.count != first.count) {
      result.problems.push_back({p.input, "分割数 " + std::to_string(p.count) + " differs from the " +
                                              std::to_string(first.count) + " of the other parts"});
      continue;
    }
    if (p.lines.front() != first.lines.front()) {
      result.problems.push_back({p.input, "version record \"" + std::string(p.lines.front()) + "\" differs from \"" +
                                              std::string(first.lines.front()) + "\" of the other parts"});
      continue;
    }
    if (!by_index.emplace(p.index, &p).second) {
      result.problems.push_back({p.input, "part " + std::to_string(p.index) + " of " + std::to_string(p.count) +
                                              " is given twice (also input " +
                                              std::to_string(by_index[p.index]->input + 1) + ")"});
    }
  }
  for (int k = 1; k <= first.count; ++k) {
    if (!by_index.contains(k)) {
      result.problems.push_back({parts.size(), "part " + std::to_string(k) + " of " + std::to_string(first.count) +
                                                   " (データ固有ID " + first.id + ") is missing"});
    }
  }
  if (!result.problems.empty()) return result;
  result.payload = std::string(first.lines.front()) + std::string(kCrLf);
  for (const auto& [index, part] : by_index) {
    for (std::size_t i = 1; i < part->lines.size(); ++i) {
      result.payload += part->lines[i];
      result.payload += kCrLf;
    }
  }
  return result;
}

}  // namespace kofu::jahis::tc
