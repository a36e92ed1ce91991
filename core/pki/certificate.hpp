// An X.509 certificate read with mbedTLS: parsed once from DER or PEM, then asked for what a person or a check needs
// (names as RFC 4514 text, serial, validity, key, basicConstraints, keyUsage, subjectAltName, the HPKI hcRole).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error/expected.hpp"
#include "pki/utc_time.hpp"

struct mbedtls_x509_crt;

namespace kofu::pki {

// keyUsage bits (RFC 5280 §4.2.1.3) with mbedTLS's values.
namespace key_usage {
inline constexpr std::uint32_t digital_signature = 0x80;
inline constexpr std::uint32_t non_repudiation = 0x40;  // contentCommitment
inline constexpr std::uint32_t key_encipherment = 0x20;
inline constexpr std::uint32_t key_cert_sign = 0x04;
inline constexpr std::uint32_t crl_sign = 0x02;
}  // namespace key_usage

// "digitalSignature, keyCertSign".
std::string describe_key_usage(std::uint32_t bits);

enum class KeyType { rsa, ec, other };

class Certificate {
 public:
  // Exactly one certificate: DER, or the first and only PEM "CERTIFICATE" block of the text.
  static Expected<Certificate> parse(std::string_view der_or_pem);
  // Every PEM block of a bundle in order, or the one DER certificate.
  static Expected<std::vector<Certificate>> parse_all(std::string_view der_or_pem);

  std::string_view der() const noexcept;
  std::string pem() const;

  // RFC 4514 order and escaping, most specific first: "CN=kofu test JPKI CA, O=kofu test, C=JP". Values are
  // UTF-8; a value that is not a string or not valid UTF-8 is written as #hex.
  std::string subject() const;
  std::string issuer() const;
  // Upper-case hex as `openssl x509 -serial` prints it.
  std::string serial() const;
  UtcTime not_before() const noexcept;
  UtcTime not_after() const noexcept;

  KeyType key_type() const noexcept;
  std::size_t key_bits() const noexcept;
  // "RSA 2048" or "EC secp256r1".
  std::string key_description() const;

  bool is_ca() const noexcept;
  // For a CA: how many intermediates may follow it; nothing when unlimited.
  std::optional<int> path_length() const noexcept;
  // The keyUsage bits, or nothing when the certificate has no keyUsage (any use allowed).
  std::optional<std::uint32_t> key_usage() const noexcept;
  // "serverAuth", "clientAuth", or the dotted OID of another purpose.
  std::vector<std::string> extended_key_usage() const;
  // "DNS:localhost", "IP:127.0.0.1".
  std::vector<std::string> subject_alt_names() const;
  // The HPKI role (hcRole, ISO 17090 HCActor codeDataFreeText such as "Pharmacist"), when the certificate has one.
  std::optional<std::string> hc_role() const;

  // For mbedTLS callers: chain checks, signatures, TLS.
  const mbedtls_x509_crt& native() const noexcept { return *crt_; }

 private:
  struct Free {
    void operator()(mbedtls_x509_crt* crt) const noexcept;
  };
  using Handle = std::unique_ptr<mbedtls_x509_crt, Free>;
  explicit Certificate(Handle crt) : crt_(std::move(crt)) {}
  static Expected<Certificate> parse_der(std::string_view der, const std::string& where);

  Handle crt_;
};

}  // namespace kofu::pki
