// Keys and certificates the core/pki tests share, made once per run: RSA-2048 generation takes a noticeable part of
// a second, so the tests reuse these instead of making their own. The clock never matters: kNow is fixed.
#pragma once

#include <doctest/doctest.h>
#include <mbedtls/x509_crt.h>

#include <string>
#include <string_view>

#include "pki/drbg.hpp"
#include "pki/issuing.hpp"
#include "pki/key_pair.hpp"
#include "pki/utc_time.hpp"

namespace kofu::pki::testing {

inline const UtcTime kNow{2030, 4, 1, 9, 0, 0};

inline UtcTime days_after(const UtcTime& t, int days) {
  return UtcTime::from_unix(t.to_unix() + std::int64_t{days} * 86400);
}

inline CertificateProfile profile(std::string common_name, int days = 30) {
  CertificateProfile p;
  p.subject.organization = "kofu test";
  p.subject.common_name = std::move(common_name);
  p.not_before = days_after(kNow, -1);
  p.not_after = days_after(kNow, days);
  return p;
}

inline CertificateProfile ca_profile(std::string common_name, int path_length = 0) {
  CertificateProfile p = profile(std::move(common_name), 365);
  p.not_before = days_after(kNow, -10);
  p.ca = true;
  p.path_length = path_length;
  p.key_usage = key_usage::key_cert_sign | key_usage::crl_sign;
  return p;
}

template <class T>
T must(Expected<T> value) {
  REQUIRE_MESSAGE(value.has_value(), (value ? std::string() : value.error().message()));
  return std::move(*value);
}

inline Credential make_ca(std::string common_name, KeyAlgorithm algorithm = KeyAlgorithm::ec_p256,
                          int path_length = 0) {
  KeyPair key = must(KeyPair::generate(algorithm));
  Certificate certificate = must(self_sign(ca_profile(std::move(common_name), path_length), key));
  return Credential{std::move(certificate), std::move(key)};
}

inline Credential issue(const Credential& ca, const CertificateProfile& p,
                        KeyAlgorithm algorithm = KeyAlgorithm::ec_p256) {
  KeyPair key = must(KeyPair::generate(algorithm));
  Certificate certificate = must(issue_certificate(p, key, ca));
  return Credential{std::move(certificate), std::move(key)};
}

inline CertificateProfile signer_profile(std::string common_name) {
  CertificateProfile p = profile(std::move(common_name));
  p.key_usage = key_usage::digital_signature;
  return p;
}

// An EC root and a signer it issued.
struct EcPki {
  Credential ca = make_ca("kofu test EC CA");
  Credential leaf = issue(ca, signer_profile("kofu test EC signer"));
};

// An RSA-2048 root and an RSA-2048 signer (the shape of a JPKI card's chain).
struct RsaPki {
  Credential ca = make_ca("kofu test RSA CA", KeyAlgorithm::rsa_2048);
  Credential leaf = issue(ca, signer_profile("kofu test RSA signer"), KeyAlgorithm::rsa_2048);
};

// A certificate written with mbedTLS directly, for what issue_certificate refuses to make: an issuer that is no CA,
// an extension of the test's own bytes (`extension_oid` and its DER value, when not empty).
inline Certificate write_raw(const char* subject, const char* issuer, const KeyPair& subject_key,
                             const KeyPair& issuer_key, std::string_view extension_oid = {},
                             std::string_view extension_value = {}) {
  mbedtls_x509write_cert writer;
  mbedtls_x509write_crt_init(&writer);
  mbedtls_mpi serial;
  mbedtls_mpi_init(&serial);
  mbedtls_mpi_lset(&serial, 7);
  mbedtls_x509write_crt_set_serial(&writer, &serial);
  mbedtls_x509write_crt_set_validity(&writer, "20300301000000", "20300501000000");
  mbedtls_x509write_crt_set_subject_name(&writer, subject);
  mbedtls_x509write_crt_set_issuer_name(&writer, issuer);
  mbedtls_x509write_crt_set_subject_key(&writer, &subject_key.native());
  mbedtls_x509write_crt_set_issuer_key(&writer, &issuer_key.native());
  mbedtls_x509write_crt_set_md_alg(&writer, MBEDTLS_MD_SHA256);
  if (!extension_oid.empty()) {
    mbedtls_x509write_crt_set_extension(&writer, extension_oid.data(), extension_oid.size(), 0,
                                        reinterpret_cast<const unsigned char*>(extension_value.data()),
                                        extension_value.size());
  }
  std::string buffer(4096, '\0');
  auto drbg = thread_drbg();
  REQUIRE(drbg);
  const int length = mbedtls_x509write_crt_der(&writer, reinterpret_cast<unsigned char*>(buffer.data()), buffer.size(),
                                               drbg_random, *drbg);
  mbedtls_x509write_crt_free(&writer);
  mbedtls_mpi_free(&serial);
  REQUIRE(length > 0);
  return must(Certificate::parse(std::string_view(buffer).substr(buffer.size() - static_cast<std::size_t>(length))));
}

inline const EcPki& ec_pki() {
  static const EcPki pki;
  return pki;
}

inline const RsaPki& rsa_pki() {
  static const RsaPki pki;
  return pki;
}

}  // namespace kofu::pki::testing
