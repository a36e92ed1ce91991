#include "drivers/cardsim/rsa_signing.hpp"

#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>

#include <array>
#include <cstdio>
#include <string>

#include "drivers/cardsim/errors.hpp"
#include "pki/drbg.hpp"

namespace kofu::cardsim {
namespace {

Error failed(const char* operation, int rc) {
  std::array<char, 16> code{};
  std::snprintf(code.data(), code.size(), "-0x%04X", static_cast<unsigned>(-rc));
  return Error(CardsimErrc::crypto_failed, std::string(operation) + " failed in mbedTLS (error " + code.data() + ")");
}

const unsigned char* as_bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

Expected<iso7816::Bytes> sign_pkcs1_v15(const pki::KeyPair& key, std::string_view data) {
  auto drbg = pki::thread_drbg();  // blinds the private operation
  if (!drbg) return unexpected(drbg.error());
  iso7816::Bytes signature(kRsaModulusBytes, '\0');
  // MBEDTLS_MD_NONE: `data` is padded as it is, as the card does with what 80 2A 00 80 carries.
  const int rc = mbedtls_rsa_pkcs1_sign(mbedtls_pk_rsa(key.native()), pki::drbg_random, *drbg, MBEDTLS_RSA_PRIVATE,
                                        MBEDTLS_MD_NONE, static_cast<unsigned int>(data.size()), as_bytes(data),
                                        reinterpret_cast<unsigned char*>(signature.data()));
  if (rc != 0) return unexpected(failed("the PKCS #1 v1.5 signature", rc));
  return signature;
}

Expected<iso7816::Bytes> rsa_private_operation(const pki::KeyPair& key, std::string_view block) {
  if (block.size() != kRsaModulusBytes) {
    return unexpected(Error(CardsimErrc::crypto_failed,
                            "the RSA input is " + std::to_string(block.size()) + " bytes, not the modulus size 256"));
  }
  auto drbg = pki::thread_drbg();
  if (!drbg) return unexpected(drbg.error());
  iso7816::Bytes result(kRsaModulusBytes, '\0');
  const int rc = mbedtls_rsa_private(mbedtls_pk_rsa(key.native()), pki::drbg_random, *drbg, as_bytes(block),
                                     reinterpret_cast<unsigned char*>(result.data()));
  if (rc != 0) return unexpected(failed("the RSA private operation", rc));
  return result;
}

}  // namespace kofu::cardsim
