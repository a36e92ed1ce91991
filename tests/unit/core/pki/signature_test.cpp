// Signatures over data with a certificate's key: RSA PKCS #1 v1.5 SHA-256 as the cards make them, ECDSA P-256 DER.
#include <doctest/doctest.h>
#include <mbedtls/pk.h>
#include <mbedtls/sha256.h>

#include <ostream>
#include <string>

#include "pki/drbg.hpp"
#include "pki/errors.hpp"
#include "pki/signature.hpp"
#include "pki_fixture.hpp"

using namespace kofu::pki;
using namespace kofu::pki::testing;

namespace {

Sha256Digest sha256(std::string_view data) {
  Sha256Digest digest{};
  mbedtls_sha256_ret(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data(), 0);
  return digest;
}

// What a card (RSA: PKCS #1 v1.5, the pk context's default) or openssl dgst -sign (ECDSA, DER) returns.
std::string sign(const KeyPair& key, std::string_view message) {
  const Sha256Digest digest = sha256(message);
  std::string signature(MBEDTLS_PK_SIGNATURE_MAX_SIZE, '\0');
  std::size_t length = 0;
  auto drbg = thread_drbg();
  REQUIRE(drbg);
  REQUIRE(mbedtls_pk_sign(&key.native(), MBEDTLS_MD_SHA256, digest.data(), digest.size(),
                          reinterpret_cast<unsigned char*>(signature.data()), &length, drbg_random, *drbg) == 0);
  signature.resize(length);
  return signature;
}

PkiErrc code_of(const kofu::Expected<void>& result) {
  REQUIRE_FALSE(result);
  return static_cast<PkiErrc>(result.error().code().value());
}

constexpr std::string_view kChallenge = "kofu login challenge 0f9c2a";

}  // namespace

TEST_SUITE("pki.signature") {
  TEST_CASE("RSA PKCS #1 v1.5 SHA-256: valid, over the message or its digest") {
    const Credential& signer = rsa_pki().leaf;
    const std::string signature = sign(signer.key, kChallenge);
    CHECK(signature.size() == 256);
    CHECK(verify_signature(signer.certificate, kChallenge, signature));
    CHECK(verify_digest_signature(signer.certificate, sha256(kChallenge), signature));
  }

  TEST_CASE("RSA: another message, a changed signature, another key, a short signature") {
    const Credential& signer = rsa_pki().leaf;
    const std::string signature = sign(signer.key, kChallenge);
    CHECK(code_of(verify_signature(signer.certificate, "kofu login challenge 0f9c2b", signature)) ==
          PkiErrc::bad_signature);
    std::string changed = signature;
    changed[100] = static_cast<char>(changed[100] ^ 0x40);
    CHECK(code_of(verify_signature(signer.certificate, kChallenge, changed)) == PkiErrc::bad_signature);
    CHECK(code_of(verify_signature(rsa_pki().ca.certificate, kChallenge, signature)) == PkiErrc::bad_signature);
    const auto short_signature = verify_signature(signer.certificate, kChallenge, signature.substr(1));
    CHECK(code_of(short_signature) == PkiErrc::bad_signature);
    CHECK(short_signature.error().message().find("255 bytes") != std::string::npos);
  }

  TEST_CASE("ECDSA P-256 SHA-256 in DER: valid; changed, another key, raw r||s refused") {
    const Credential& signer = ec_pki().leaf;
    const std::string signature = sign(signer.key, kChallenge);
    CHECK(signature[0] == '\x30');
    CHECK(verify_signature(signer.certificate, kChallenge, signature));
    CHECK(code_of(verify_signature(signer.certificate, "other", signature)) == PkiErrc::bad_signature);
    CHECK(code_of(verify_signature(ec_pki().ca.certificate, kChallenge, signature)) == PkiErrc::bad_signature);
    const auto raw = verify_signature(signer.certificate, kChallenge, std::string(64, '\x11'));
    CHECK(code_of(raw) == PkiErrc::bad_signature);
    CHECK(raw.error().message().find("raw 64-byte r||s") != std::string::npos);
    // An RSA signature offered to an EC key, and the other way round.
    CHECK(code_of(verify_signature(signer.certificate, kChallenge, sign(rsa_pki().leaf.key, kChallenge))) ==
          PkiErrc::bad_signature);
    CHECK(code_of(verify_signature(rsa_pki().leaf.certificate, kChallenge, signature)) == PkiErrc::bad_signature);
  }
}
