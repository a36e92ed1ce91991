// Shift_JIS decoding never crashes; what decodes strictly encodes back to the same bytes.
#include <cstdlib>
#include <string_view>

#include "text/shift_jis.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto lossy = kofu::text::decode_shift_jis_lossy(bytes);
  if (kofu::text::find_invalid_utf8(lossy.utf8) != std::string_view::npos) std::abort();
  const auto strict = kofu::text::decode_shift_jis(bytes);
  if (strict) {
    if (!lossy.replaced_offsets.empty()) std::abort();
    const auto encoded = kofu::text::encode_shift_jis(*strict);
    if (!encoded || !encoded->substitutions.empty() || encoded->sjis != bytes) std::abort();
  } else if (lossy.replaced_offsets.empty() || lossy.replaced_offsets.front() != strict.error().offset) {
    std::abort();
  }
  (void)kofu::text::encode_shift_jis(bytes);  // arbitrary bytes as UTF-8 input
  return 0;
}
