// Image files from outside (PNG, JPEG) never crash the decoder or the QR reader; images are bounded in size.
#include <string_view>

#include "scanner/image_file.hpp"
#include "scanner/qr_image.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (auto image = kofu::scanner::decode_image(bytes)) {
    // The reader runs on what decodes, but not on huge images: that would time the fuzzer out, not find bugs.
    if (static_cast<long long>(image->width) * image->height <= 1 << 20) (void)kofu::scanner::read_qr_symbols(*image);
  }
  return 0;
}
