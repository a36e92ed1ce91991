#include "secure/sha256.hpp"

#include <mbedtls/sha256.h>

namespace kofu {

std::string sha256(std::string_view bytes) {
  std::string digest(32, '\0');
  // mbedTLS 2.28: the _ret form; is224 = 0.
  mbedtls_sha256_ret(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                     reinterpret_cast<unsigned char*>(digest.data()), 0);
  return digest;
}

}  // namespace kofu
