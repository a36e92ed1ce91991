// Signatures made with a certificate's key: RSA PKCS #1 v1.5 with SHA-256 (what the JPKI and HPKI cards produce,
// RFC 8017 §8.2) and ECDSA P-256 with SHA-256 in ASN.1 DER (what `openssl dgst -sign` and TLS produce). Whether the
// certificate itself is to be trusted is verify_chain's question, not these.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "error/expected.hpp"
#include "pki/certificate.hpp"

namespace kofu::pki {

using Sha256Digest = std::array<std::uint8_t, 32>;

// SHA-256 of the message, then as verify_digest_signature. A wrong signature is bad_signature; a key that is neither
// RSA nor EC is unsupported_key.
Expected<void> verify_signature(const Certificate& certificate, std::string_view message, std::string_view signature);

// For a caller that holds only the SHA-256 digest of the message (a card signs a DigestInfo built from it).
Expected<void> verify_digest_signature(const Certificate& certificate, const Sha256Digest& digest,
                                       std::string_view signature);

}  // namespace kofu::pki
