// The random generator of core/pki and its callers: a CTR_DRBG per thread, seeded once from the system's entropy,
// for key generation, serial numbers and the blinding of private-key operations (mbedTLS's f_rng, p_rng).
#pragma once

#include <cstddef>

#include "error/expected.hpp"

namespace kofu::pki {

// The f_rng of mbedTLS calls; its state is what thread_drbg() returns.
int drbg_random(void* state, unsigned char* out, std::size_t length);

// The thread's seeded generator, or a no_entropy error when the system's entropy source failed.
Expected<void*> thread_drbg();

}  // namespace kofu::pki
