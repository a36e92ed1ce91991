// The Rx decoder never crashes or hangs; a prescription it finds valid (strict) encodes to bytes that decode to
// the same prescription.
#include <cstdlib>
#include <string_view>

#include "jahis/rx_codec.hpp"
#include "jahis/rx_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace kofu::jahis;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)rx::decode(bytes, {false, InputEncoding::automatic});
  const auto decoded = rx::decode(bytes, {true, InputEncoding::shift_jis});
  if (!decoded.valid()) return 0;
  const auto encoded = rx::encode(decoded.prescription);
  const auto again = rx::decode(encoded.bytes, {true, InputEncoding::shift_jis});
  if (rx::to_json(again.prescription) != rx::to_json(decoded.prescription)) std::abort();
  return 0;
}
