#include "pki/signature.hpp"

#include <mbedtls/pk.h>
#include <mbedtls/sha256.h>
#include <mbedtls/x509_crt.h>

#include <string>

#include "pki/errors.hpp"

namespace kofu::pki {

Expected<void> verify_signature(const Certificate& certificate, std::string_view message, std::string_view signature) {
  Sha256Digest digest{};
  mbedtls_sha256_ret(reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(), 0);
  return verify_digest_signature(certificate, digest, signature);
}

Expected<void> verify_digest_signature(const Certificate& certificate, const Sha256Digest& digest,
                                       std::string_view signature) {
  // mbedTLS 2.28 takes the key through a non-const pointer but only reads it.
  auto* key = const_cast<mbedtls_pk_context*>(&certificate.native().pk);
  const auto* bytes = reinterpret_cast<const unsigned char*>(signature.data());
  const std::string whose = "the key of \"" + certificate.subject() + "\"";
  switch (certificate.key_type()) {
    case KeyType::rsa: {
      const std::size_t expected = mbedtls_pk_get_len(key);
      if (signature.size() != expected) {
        return unexpected(Error(PkiErrc::bad_signature, "the signature has " + std::to_string(signature.size()) +
                                                            " bytes; an RSA signature with " + whose + " has " +
                                                            std::to_string(expected)));
      }
      // The RSA context's default padding is PKCS #1 v1.5, what the cards use.
      if (mbedtls_pk_verify(key, MBEDTLS_MD_SHA256, digest.data(), digest.size(), bytes, signature.size()) != 0) {
        return unexpected(
            Error(PkiErrc::bad_signature, "the RSA PKCS #1 v1.5 SHA-256 signature does not verify with " + whose +
                                              ": the data, the signature or the card is not the one expected"));
      }
      return {};
    }
    case KeyType::ec:
      if (mbedtls_pk_verify(key, MBEDTLS_MD_SHA256, digest.data(), digest.size(), bytes, signature.size()) != 0) {
        const bool raw = signature.size() == 64;
        return unexpected(Error(PkiErrc::bad_signature,
                                "the ECDSA SHA-256 signature does not verify with " + whose +
                                    (raw ? " (it looks like a raw 64-byte r||s; this check wants ASN.1 DER)" : "")));
      }
      return {};
    case KeyType::other: break;
  }
  return unexpected(Error(PkiErrc::unsupported_key, "signatures with " + whose + " (" + certificate.key_description() +
                                                        ") cannot be checked: only RSA and EC keys"));
}

}  // namespace kofu::pki
