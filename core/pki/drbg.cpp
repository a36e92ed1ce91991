#include "pki/drbg.hpp"

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

#include "pki/errors.hpp"

namespace kofu::pki {
namespace {

class Drbg {
 public:
  Drbg() {
    mbedtls_entropy_init(&entropy_);
    mbedtls_ctr_drbg_init(&drbg_);
    static constexpr char kPersonalisation[] = "kofu.pki";
    seeded_ = mbedtls_ctr_drbg_seed(&drbg_, mbedtls_entropy_func, &entropy_,
                                    reinterpret_cast<const unsigned char*>(kPersonalisation),
                                    sizeof kPersonalisation - 1) == 0;
  }
  ~Drbg() {
    mbedtls_ctr_drbg_free(&drbg_);
    mbedtls_entropy_free(&entropy_);
  }
  Drbg(const Drbg&) = delete;
  Drbg& operator=(const Drbg&) = delete;

  bool seeded() const noexcept { return seeded_; }
  mbedtls_ctr_drbg_context* context() noexcept { return &drbg_; }

 private:
  mbedtls_entropy_context entropy_;
  mbedtls_ctr_drbg_context drbg_;
  bool seeded_ = false;
};

}  // namespace

int drbg_random(void* state, unsigned char* out, std::size_t length) {
  return mbedtls_ctr_drbg_random(state, out, length);
}

Expected<void*> thread_drbg() {
  thread_local Drbg drbg;
  if (!drbg.seeded()) {
    return unexpected(Error(PkiErrc::no_entropy,
                            "the system's entropy source failed; no key or serial number can be "
                            "made (is /dev/urandom readable?)"));
  }
  return static_cast<void*>(drbg.context());
}

}  // namespace kofu::pki
