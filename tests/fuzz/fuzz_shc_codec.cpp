// The SMART Health Card byte stages never crash: numeric QR text, base64url, raw DEFLATE (bounded), with
// round-trip properties on what decodes.
#include <cstdlib>
#include <string_view>

#include "shc/base64url.hpp"
#include "shc/deflate.hpp"
#include "shc/qr_numeric.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace kofu::shc;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (auto jws = decode_qr_numeric(bytes)) {
    const auto again = decode_qr_numeric(encode_qr_numeric(*jws));
    if (!again || *again != *jws) std::abort();
  }
  if (auto decoded = base64url_decode(bytes)) {
    if (base64url_encode(*decoded) != bytes) std::abort();  // one text per byte string
  }
  if (auto inflated = inflate_raw(bytes)) {
    if (inflated->size() > kMaxInflatedBytes) std::abort();
    const auto again = inflate_raw(deflate_raw(*inflated));
    if (!again || *again != *inflated) std::abort();
  }
  return 0;
}
