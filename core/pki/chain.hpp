// Certificate chain checks with mbedTLS: the leaf, the intermediates it came with and the trust anchors (the CAs the
// caller pins), at a time the caller gives. Each kind of failure has its own code (pki/errors.hpp).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "error/expected.hpp"
#include "pki/certificate.hpp"
#include "pki/utc_time.hpp"

namespace kofu::pki {

// mbedTLS's verification flags (MBEDTLS_X509_BADCERT_*) as one line: "The certificate is not correctly signed by
// the trusted CA; …".
std::string describe_verify_flags(std::uint32_t flags);

// Whether `leaf` chains through `intermediates` to one of `anchors`, with every certificate of the path valid at
// `at` (RFC 5280 §6: names, signatures, basicConstraints and pathLenConstraint, keyCertSign; RSA ≥ 2048 bits or
// P-256/P-384, SHA-256 or better). `leaf_usage` is the keyUsage the leaf's key needs (a card or a TLS peer signs:
// digitalSignature); 0 asks for none.
Expected<void> verify_chain(const Certificate& leaf, std::span<const Certificate> intermediates,
                            std::span<const Certificate> anchors, const UtcTime& at,
                            std::uint32_t leaf_usage = key_usage::digital_signature);

}  // namespace kofu::pki
