#include "pki/key_pair.hpp"

#include <mbedtls/ecp.h>
#include <mbedtls/error.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/rsa.h>
#include <mbedtls/x509_crt.h>

#include <cstring>

#include "pki/drbg.hpp"
#include "pki/errors.hpp"

namespace kofu::pki {
namespace {

constexpr int kRsaExponent = 65537;

}  // namespace

void KeyPair::Free::operator()(mbedtls_pk_context* pk) const noexcept {
  mbedtls_pk_free(pk);
  delete pk;
}

KeyPair::Handle KeyPair::make_handle() {
  Handle pk(new mbedtls_pk_context);
  mbedtls_pk_init(pk.get());
  return pk;
}

Expected<KeyPair> KeyPair::generate(KeyAlgorithm algorithm) {
  auto drbg = thread_drbg();
  if (!drbg) return unexpected(drbg.error());
  Handle pk = make_handle();
  int rc = 0;
  if (algorithm == KeyAlgorithm::rsa_2048) {
    rc = mbedtls_pk_setup(pk.get(), mbedtls_pk_info_from_type(MBEDTLS_PK_RSA));
    if (rc == 0) rc = mbedtls_rsa_gen_key(mbedtls_pk_rsa(*pk), drbg_random, *drbg, 2048, kRsaExponent);
  } else {
    rc = mbedtls_pk_setup(pk.get(), mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY));
    if (rc == 0) rc = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(*pk), drbg_random, *drbg);
  }
  if (rc != 0) {
    char reason[160];
    mbedtls_strerror(rc, reason, sizeof reason);
    return unexpected(Error(PkiErrc::no_entropy, std::string("key generation failed: ") + reason));
  }
  return KeyPair(std::move(pk));
}

Expected<KeyPair> KeyPair::parse(std::string_view text) {
  Handle pk = make_handle();
  std::string buffer(text);  // mbedTLS wants PEM NUL-terminated, the terminator counted in the length
  const bool pem = buffer.find("-----BEGIN") != std::string::npos;
  const int rc = mbedtls_pk_parse_key(pk.get(), reinterpret_cast<const unsigned char*>(buffer.c_str()),
                                      buffer.size() + (pem ? 1 : 0), nullptr, 0);
  mbedtls_platform_zeroize(buffer.data(), buffer.size());
  if (rc != 0) {
    char reason[160];
    mbedtls_strerror(rc, reason, sizeof reason);
    return unexpected(Error(PkiErrc::bad_key, std::string("not an unencrypted RSA or EC private key (PKCS #1, SEC 1 "
                                                          "or PKCS #8): ") +
                                                  reason));
  }
  const mbedtls_pk_type_t type = mbedtls_pk_get_type(pk.get());
  if (type != MBEDTLS_PK_RSA && type != MBEDTLS_PK_ECKEY) {
    return unexpected(Error(PkiErrc::bad_key, "the private key is neither RSA nor EC"));
  }
  return KeyPair(std::move(pk));
}

KeyType KeyPair::type() const noexcept {
  return mbedtls_pk_get_type(pk_.get()) == MBEDTLS_PK_RSA ? KeyType::rsa : KeyType::ec;
}

std::size_t KeyPair::bits() const noexcept {
  return mbedtls_pk_get_bitlen(pk_.get());
}

std::string KeyPair::private_key_pem() const {
  // Written straight into the string that is returned, so that no copy of the key is left behind.
  std::string pem(8192, '\0');
  if (mbedtls_pk_write_key_pem(pk_.get(), reinterpret_cast<unsigned char*>(pem.data()), pem.size()) != 0) {
    mbedtls_platform_zeroize(pem.data(), pem.size());
    return {};
  }
  pem.resize(std::strlen(pem.c_str()));
  return pem;
}

bool KeyPair::matches(const Certificate& certificate) const {
  return mbedtls_pk_check_pair(&certificate.native().pk, pk_.get()) == 0;
}

}  // namespace kofu::pki
