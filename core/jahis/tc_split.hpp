// JAHIS TC 3.2.9(3) data split: a notebook too large for one QR symbol is cut at record boundaries into
// parts, each starting with the version record and ending with 911 分割制御 (データ固有ID, 分割数, データ連番).
// Both work on the payload bytes (Shift_JIS or UTF-8), so a part is never decoded on its own.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "error/expected.hpp"

namespace kofu::jahis::tc {

struct SplitOptions {
  std::size_t max_bytes = 0;  // the most bytes one part may have, its 911 line and CR LFs included
  std::string data_id;        // 14 digits shared by all parts (e.g. the time: YYYYMMDDhhmmss)
};

// The parts in order; a payload that fits in max_bytes comes back whole, without a 911 record.
Expected<std::vector<std::string>, std::string> split(std::string_view payload, const SplitOptions& options);

struct MergeProblem {
  std::size_t input = 0;  // index of the part in the input list
  std::string reason;
};

struct Merged {
  std::string payload;                 // the joined notebook (empty when there are problems)
  std::vector<MergeProblem> problems;  // missing, duplicated or foreign parts, malformed 911 records
};

// Joins parts given in any order: groups by データ固有ID, orders by データ連番, keeps the first version
// record and drops the others and every 911 record.
Merged merge(const std::vector<std::string_view>& parts);

}  // namespace kofu::jahis::tc
