// Private keys: generated, written as PEM that reads back, matched against certificates.
#include <doctest/doctest.h>

#include <ostream>
#include <string>

#include "pki/errors.hpp"
#include "pki/key_pair.hpp"
#include "pki_fixture.hpp"

using namespace kofu::pki;
using namespace kofu::pki::testing;

TEST_SUITE("pki.key_pair") {
  TEST_CASE("PEM round trip: PKCS #1 for RSA, SEC 1 for EC, and the key matches its certificate only") {
    const RsaPki& rsa = rsa_pki();
    std::string pem = rsa.leaf.key.private_key_pem();
    CHECK(pem.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
    const KeyPair again = must(KeyPair::parse(pem));
    CHECK(again.type() == KeyType::rsa);
    CHECK(again.bits() == 2048);
    CHECK(again.matches(rsa.leaf.certificate));
    CHECK_FALSE(again.matches(rsa.ca.certificate));

    const EcPki& ec = ec_pki();
    pem = ec.leaf.key.private_key_pem();
    CHECK(pem.starts_with("-----BEGIN EC PRIVATE KEY-----"));
    const KeyPair ec_again = must(KeyPair::parse(pem));
    CHECK(ec_again.type() == KeyType::ec);
    CHECK(ec_again.bits() == 256);
    CHECK(ec_again.matches(ec.leaf.certificate));
    CHECK_FALSE(ec_again.matches(rsa.leaf.certificate));
  }

  TEST_CASE("a file that is not a key is bad_key") {
    const auto key = KeyPair::parse("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    REQUIRE_FALSE(key);
    CHECK(key.error().code() == PkiErrc::bad_key);
    CHECK(KeyPair::parse("").error().code() == PkiErrc::bad_key);
  }
}
