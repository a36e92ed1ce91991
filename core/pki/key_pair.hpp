// A private key of the test PKI or of a card persona: RSA-2048 (JPKI and HPKI cards) or EC P-256 (TLS for devices
// and the server), generated with mbedTLS or read from PEM. Move-only; mbedTLS wipes the key when it is freed.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "error/expected.hpp"
#include "pki/certificate.hpp"

struct mbedtls_pk_context;

namespace kofu::pki {

enum class KeyAlgorithm { rsa_2048, ec_p256 };

class KeyPair {
 public:
  static Expected<KeyPair> generate(KeyAlgorithm algorithm);
  // An unencrypted private key: PEM "RSA PRIVATE KEY" (PKCS #1), "EC PRIVATE KEY" (SEC 1) or "PRIVATE KEY"
  // (PKCS #8), or their DER. The caller wipes its copy of the text.
  static Expected<KeyPair> parse(std::string_view text);

  KeyType type() const noexcept;
  std::size_t bits() const noexcept;
  // PKCS #1 or SEC 1 PEM, which OpenSSL and mbedTLS read. A secret: wipe the text when done with it.
  std::string private_key_pem() const;
  // Whether the certificate carries this key's public half.
  bool matches(const Certificate& certificate) const;

  // For mbedTLS callers (issuing, signing, TLS); mbedTLS's writers take the key through a non-const pointer.
  mbedtls_pk_context& native() const noexcept { return *pk_; }

 private:
  struct Free {
    void operator()(mbedtls_pk_context* pk) const noexcept;
  };
  using Handle = std::unique_ptr<mbedtls_pk_context, Free>;
  explicit KeyPair(Handle pk) : pk_(std::move(pk)) {}
  static Handle make_handle();

  Handle pk_;
};

}  // namespace kofu::pki
