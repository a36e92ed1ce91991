// Certificates made with x509write read back the same: names as RFC 4514 text, serial, validity, key, extensions,
// the HPKI role; PEM and DER; anything that is not one certificate is a malformed error that says so.
#include <doctest/doctest.h>

#include <ostream>
#include <string>

#include "pki/certificate.hpp"
#include "pki/errors.hpp"
#include "pki_fixture.hpp"

using namespace kofu::pki;
using namespace kofu::pki::testing;

TEST_SUITE("pki.certificate") {
  TEST_CASE("a CA and a leaf read back what was written") {
    const EcPki& pki = ec_pki();
    const Certificate& ca = pki.ca.certificate;
    CHECK(ca.subject() == "CN=kofu test EC CA, O=kofu test, C=JP");
    CHECK(ca.issuer() == ca.subject());
    CHECK(ca.is_ca());
    CHECK(ca.path_length() == 0);
    CHECK(ca.key_usage() == (key_usage::key_cert_sign | key_usage::crl_sign));
    CHECK(ca.key_type() == KeyType::ec);
    CHECK(ca.key_bits() == 256);
    CHECK(ca.key_description() == "EC secp256r1");
    CHECK(ca.not_before() == days_after(kNow, -10));
    CHECK(ca.not_after() == days_after(kNow, 365));

    const Certificate& leaf = pki.leaf.certificate;
    CHECK(leaf.subject() == "CN=kofu test EC signer, O=kofu test, C=JP");
    CHECK(leaf.issuer() == ca.subject());
    CHECK_FALSE(leaf.is_ca());
    CHECK_FALSE(leaf.path_length());
    CHECK(leaf.key_usage() == key_usage::digital_signature);
    CHECK(leaf.extended_key_usage().empty());
    CHECK(leaf.subject_alt_names().empty());
    CHECK_FALSE(leaf.hc_role());
  }

  TEST_CASE("serials are 16 random bytes, positive, different each time") {
    const std::string a = ec_pki().ca.certificate.serial();
    const std::string b = ec_pki().leaf.certificate.serial();
    CHECK(a.size() == 32);
    CHECK(b.size() == 32);
    CHECK(a != b);
    CHECK(a[0] >= '4');  // top bit clear (positive), next bit set (no leading zero byte)
    CHECK(a[0] <= '7');
  }

  TEST_CASE("RSA-2048 keys and the SHA-256 RSA signature") {
    const Certificate& leaf = rsa_pki().leaf.certificate;
    CHECK(leaf.key_type() == KeyType::rsa);
    CHECK(leaf.key_bits() == 2048);
    CHECK(leaf.key_description() == "RSA 2048");
  }

  TEST_CASE("PEM and DER give the same certificate") {
    const Certificate& original = ec_pki().leaf.certificate;
    const std::string pem = original.pem();
    CHECK(pem.starts_with("-----BEGIN CERTIFICATE-----\n"));
    CHECK(pem.ends_with("-----END CERTIFICATE-----\n"));
    const Certificate from_pem = must(Certificate::parse(pem));
    const Certificate from_der = must(Certificate::parse(original.der()));
    CHECK(from_pem.der() == original.der());
    CHECK(from_der.der() == original.der());
    CHECK(from_der.subject() == original.subject());
    // Text around a PEM block (openssl's "subject=" lines, say) is ignored.
    CHECK(Certificate::parse("subject=...\n" + pem + "trailing words\n"));
  }

  TEST_CASE("a bundle is several certificates; parse wants exactly one") {
    const std::string bundle = ec_pki().leaf.certificate.pem() + ec_pki().ca.certificate.pem();
    const auto all = must(Certificate::parse_all(bundle));
    REQUIRE(all.size() == 2);
    CHECK(all[1].subject() == "CN=kofu test EC CA, O=kofu test, C=JP");
    const auto one = Certificate::parse(bundle);
    REQUIRE_FALSE(one);
    CHECK(one.error().code() == PkiErrc::malformed);
    CHECK(one.error().message().find("holds 2 certificates") != std::string::npos);
  }

  TEST_CASE("garbage, truncation and trailing bytes are malformed, and the message says what") {
    const auto text = Certificate::parse("hello");
    REQUIRE_FALSE(text);
    CHECK(text.error().code() == PkiErrc::malformed);
    CHECK(text.error().message().find("neither a PEM certificate") != std::string::npos);

    const std::string der(ec_pki().leaf.certificate.der());
    const auto truncated = Certificate::parse(der.substr(0, der.size() - 10));
    REQUIRE_FALSE(truncated);
    CHECK(truncated.error().code() == PkiErrc::malformed);

    const auto trailing = Certificate::parse(der + "xx");
    REQUIRE_FALSE(trailing);
    CHECK(trailing.error().message().find("2 bytes after the certificate") != std::string::npos);

    const auto bad_base64 = Certificate::parse("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
    REQUIRE_FALSE(bad_base64);
    CHECK(bad_base64.error().message().find("PEM certificate block 1") != std::string::npos);

    const auto empty = Certificate::parse("");
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code() == PkiErrc::malformed);
  }

  TEST_CASE("names: UTF-8 as is, RFC 4514 specials escaped, the title attribute") {
    CertificateProfile p = signer_profile("試験　薫, \"Kaoru\" +1");
    p.subject.organizational_unit = "#staff ";
    p.subject.title = "Pharmacist";
    const Credential person = issue(ec_pki().ca, p);
    CHECK(person.certificate.subject() ==
          "title=Pharmacist, CN=試験　薫\\, \\\"Kaoru\\\" \\+1, OU=\\#staff\\ , O=kofu test, C=JP");
  }

  TEST_CASE("TLS profiles: extendedKeyUsage and subjectAltName with DNS names and IP addresses") {
    CertificateProfile p = signer_profile("localhost");
    p.extended_key_usage = {ExtendedKeyUsage::server_auth, ExtendedKeyUsage::client_auth};
    p.dns_names = {"localhost", "kofu-central.test"};
    p.ip_addresses = {"127.0.0.1", "::1"};
    const Credential server = issue(ec_pki().ca, p);
    CHECK(server.certificate.extended_key_usage() == std::vector<std::string>{"serverAuth", "clientAuth"});
    CHECK(server.certificate.subject_alt_names() ==
          std::vector<std::string>{"DNS:localhost", "DNS:kofu-central.test", "IP:127.0.0.1", "IP:::1"});

    p.ip_addresses = {"localhost"};
    const auto bad = issue_certificate(p, ec_pki().leaf.key, ec_pki().ca);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == PkiErrc::bad_request);
  }

  TEST_CASE("the HPKI role is written to and read from subjectDirectoryAttributes") {
    CertificateProfile p = signer_profile("試験　薫");
    p.hc_role = "Pharmacist";
    const Credential pharmacist = issue(ec_pki().ca, p);
    CHECK(pharmacist.certificate.hc_role() == "Pharmacist");
  }

  TEST_CASE("an hcRole attribute of the wrong shape reads as no role") {
    // subjectDirectoryAttributes { Attribute { id-hcpki-at-healthcareactor, SET { INTEGER 1 } } }: the values are
    // not the SET OF HCActor the reader expects (a shape that once kept it looping).
    const std::string value("\x30\x0F\x30\x0D\x06\x06\x28\x81\x85\x42\x00\x01\x31\x03\x02\x01\x01", 17);
    const std::string oid("\x55\x1D\x09", 3);
    const KeyPair& key = ec_pki().leaf.key;
    const Certificate odd = write_raw("C=JP,CN=odd", "C=JP,CN=odd", key, key, oid, value);
    CHECK_FALSE(odd.hc_role());
  }

  TEST_CASE("what issuing refuses") {
    const Credential& ca = ec_pki().ca;
    CertificateProfile p = signer_profile("x");
    p.not_after = days_after(kNow, 400);  // beyond the CA
    auto outlives = issue_certificate(p, ec_pki().leaf.key, ca);
    REQUIRE_FALSE(outlives);
    CHECK(outlives.error().code() == PkiErrc::bad_request);

    p = signer_profile("x");
    p.subject.country = "Japan";
    CHECK(issue_certificate(p, ec_pki().leaf.key, ca).error().code() == PkiErrc::bad_request);

    p = signer_profile("");
    CHECK(issue_certificate(p, ec_pki().leaf.key, ca).error().code() == PkiErrc::bad_request);

    p = signer_profile("x");
    p.path_length = 1;  // not a CA
    CHECK(issue_certificate(p, ec_pki().leaf.key, ca).error().code() == PkiErrc::bad_request);

    // A leaf cannot issue, and the CA's key must be the CA certificate's.
    const Credential not_a_ca{must(Certificate::parse(ec_pki().leaf.certificate.der())),
                              must(KeyPair::parse(ec_pki().leaf.key.private_key_pem()))};
    CHECK(issue_certificate(signer_profile("x"), ec_pki().leaf.key, not_a_ca).error().code() == PkiErrc::bad_request);
    const Credential wrong_key{must(Certificate::parse(ca.certificate.der())),
                               must(KeyPair::parse(ec_pki().leaf.key.private_key_pem()))};
    CHECK(issue_certificate(signer_profile("x"), ec_pki().leaf.key, wrong_key).error().code() == PkiErrc::bad_key);
  }
}
