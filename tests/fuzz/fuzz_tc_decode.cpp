// The TC decoder never crashes or hangs; a notebook it finds valid (strict) encodes to bytes that decode to
// the same notebook.
#include <cstdlib>
#include <string_view>

#include "jahis/tc_codec.hpp"
#include "jahis/tc_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace kofu::jahis;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)tc::decode(bytes, {false, InputEncoding::automatic});
  const auto decoded = tc::decode(bytes, {true, InputEncoding::shift_jis});
  if (!decoded.valid()) return 0;
  const auto encoded = tc::encode(decoded.notebook);
  const auto again = tc::decode(encoded.bytes, {true, InputEncoding::shift_jis});
  if (tc::to_json(again.notebook) != tc::to_json(decoded.notebook)) std::abort();
  return 0;
}
