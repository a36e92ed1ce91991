// Split and merge never crash; parts that split returns merge back to a notebook with the same records.
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "jahis/tc_split.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace kofu::jahis::tc;
  if (size < 2) return 0;
  const std::size_t max_bytes = 40 + static_cast<std::size_t>(data[0]) * 4;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);

  // The input as parts separated by NUL bytes, the way a scanner hands over several symbols.
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t nul = bytes.find('\0'); nul != std::string_view::npos; nul = bytes.find('\0', start)) {
    parts.push_back(bytes.substr(start, nul - start));
    start = nul + 1;
  }
  parts.push_back(bytes.substr(start));
  (void)merge(parts);

  const auto split_parts = split(bytes, {max_bytes, "20261121000000"});
  if (!split_parts || split_parts->size() < 2) return 0;
  std::vector<std::string_view> views(split_parts->begin(), split_parts->end());
  for (const auto& part : *split_parts) {
    if (part.size() > max_bytes) std::abort();
  }
  const Merged merged = merge(views);
  if (!merged.problems.empty()) std::abort();
  return 0;
}
