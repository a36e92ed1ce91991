// Chains: valid, and each way one can fail with its own code, at times the test chooses (never the clock).
#include <doctest/doctest.h>

#include <ostream>
#include <string>
#include <vector>

#include "pki/chain.hpp"
#include "pki/errors.hpp"
#include "pki_fixture.hpp"

using namespace kofu::pki;
using namespace kofu::pki::testing;

namespace {

PkiErrc code_of(const kofu::Expected<void>& result) {
  REQUIRE_FALSE(result);
  return static_cast<PkiErrc>(result.error().code().value());
}

// What someone holding a leaf's key could make: a certificate "issued" by the leaf, which is no CA.
Certificate issued_by_leaf(const Credential& leaf, const KeyPair& subject_key) {
  return write_raw("C=JP,O=kofu test,CN=forged", "C=JP,O=kofu test,CN=kofu test EC signer", subject_key, leaf.key);
}

// A list of one certificate (a copy: certificates are move-only).
std::vector<Certificate> list_of(const Certificate& certificate) {
  std::vector<Certificate> list;
  list.push_back(must(Certificate::parse(certificate.der())));
  return list;
}

// The DER with one byte changed.
std::string flipped(std::string_view der, std::size_t at) {
  std::string out(der);
  out[at] = static_cast<char>(out[at] ^ 0x01);
  return out;
}

}  // namespace

TEST_SUITE("pki.chain") {
  TEST_CASE("a leaf chains to its CA while both are valid") {
    const EcPki& pki = ec_pki();
    const std::vector<Certificate> none;
    CHECK(verify_chain(pki.leaf.certificate, none, {&pki.ca.certificate, 1}, kNow));
    CHECK(verify_chain(rsa_pki().leaf.certificate, none, {&rsa_pki().ca.certificate, 1}, kNow));
    // The CA itself is trusted when pinned, checked as an issuer.
    CHECK(verify_chain(pki.ca.certificate, none, {&pki.ca.certificate, 1}, kNow, key_usage::key_cert_sign));
  }

  TEST_CASE("expired and not yet valid at the time asked") {
    const EcPki& pki = ec_pki();
    const std::vector<Certificate> none;
    const auto late = verify_chain(pki.leaf.certificate, none, {&pki.ca.certificate, 1}, days_after(kNow, 31));
    CHECK(code_of(late) == PkiErrc::expired);
    CHECK(late.error().message().find("\"CN=kofu test EC signer, O=kofu test, C=JP\" expired at") != std::string::npos);
    const auto early = verify_chain(pki.leaf.certificate, none, {&pki.ca.certificate, 1}, days_after(kNow, -5));
    CHECK(code_of(early) == PkiErrc::not_yet_valid);
    // The CA's own validity counts too.
    CHECK(code_of(verify_chain(pki.leaf.certificate, none, {&pki.ca.certificate, 1}, days_after(kNow, -20))) ==
          PkiErrc::not_yet_valid);
    // The edges are inside.
    CHECK(verify_chain(pki.leaf.certificate, none, {&pki.ca.certificate, 1}, pki.leaf.certificate.not_after()));
    CHECK(verify_chain(pki.leaf.certificate, none, {&pki.ca.certificate, 1}, pki.leaf.certificate.not_before()));
  }

  TEST_CASE("another CA, or none, is untrusted") {
    const std::vector<Certificate> none;
    const auto other = verify_chain(ec_pki().leaf.certificate, none, {&rsa_pki().ca.certificate, 1}, kNow);
    CHECK(code_of(other) == PkiErrc::untrusted);
    CHECK(other.error().message().find("issuer \"CN=kofu test EC CA, O=kofu test, C=JP\"") != std::string::npos);
    CHECK(code_of(verify_chain(ec_pki().leaf.certificate, none, none, kNow)) == PkiErrc::untrusted);
    // A self-signed CA that is not pinned.
    CHECK(code_of(verify_chain(ec_pki().ca.certificate, none, {&rsa_pki().ca.certificate, 1}, kNow,
                               key_usage::key_cert_sign)) == PkiErrc::untrusted);
  }

  TEST_CASE("a CA with the same name but another key: bad_certificate_signature") {
    const Credential impostor = make_ca("kofu test EC CA");
    const std::vector<Certificate> none;
    const auto result = verify_chain(ec_pki().leaf.certificate, none, {&impostor.certificate, 1}, kNow);
    CHECK(code_of(result) == PkiErrc::bad_certificate_signature);
  }

  TEST_CASE("a tampered certificate: bad_certificate_signature") {
    const Certificate& leaf = ec_pki().leaf.certificate;
    const std::string der(leaf.der());
    // A byte inside the subject's CN text: still a certificate, no longer the one the CA signed.
    const std::size_t cn = der.find("EC signer");
    REQUIRE(cn != std::string::npos);
    const Certificate altered = must(Certificate::parse(flipped(der, cn)));
    CHECK(altered.subject() == "CN=kofu test DC signer, O=kofu test, C=JP");
    const std::vector<Certificate> none;
    CHECK(code_of(verify_chain(altered, none, {&ec_pki().ca.certificate, 1}, kNow)) ==
          PkiErrc::bad_certificate_signature);
    // The last byte is inside the signature.
    const Certificate resigned = must(Certificate::parse(flipped(der, der.size() - 1)));
    CHECK(code_of(verify_chain(resigned, none, {&ec_pki().ca.certificate, 1}, kNow)) ==
          PkiErrc::bad_certificate_signature);
  }

  TEST_CASE("a leaf used as a CA: not_a_ca") {
    const KeyPair key = must(KeyPair::generate(KeyAlgorithm::ec_p256));
    const Certificate forged = issued_by_leaf(ec_pki().leaf, key);
    const std::vector<Certificate> none;
    // Pinned directly, or offered as an intermediate under the real CA: either way the leaf is no issuer.
    const auto pinned = verify_chain(forged, none, {&ec_pki().leaf.certificate, 1}, kNow);
    CHECK(code_of(pinned) == PkiErrc::not_a_ca);
    CHECK(pinned.error().message().find("is not a CA") != std::string::npos);
    CHECK(code_of(verify_chain(forged, {&ec_pki().leaf.certificate, 1}, {&ec_pki().ca.certificate, 1}, kNow)) ==
          PkiErrc::not_a_ca);
  }

  TEST_CASE("intermediates, and the root's pathLenConstraint") {
    const Credential root = make_ca("kofu test root", KeyAlgorithm::ec_p256, 1);
    CertificateProfile intermediate_profile = ca_profile("kofu test intermediate", 0);
    intermediate_profile.not_before = days_after(kNow, -5);
    intermediate_profile.not_after = days_after(kNow, 100);
    const Credential intermediate = issue(root, intermediate_profile);
    const Credential leaf = issue(intermediate, signer_profile("kofu test staff"));
    const std::vector<Certificate> chain = list_of(intermediate.certificate);
    CHECK(verify_chain(leaf.certificate, chain, {&root.certificate, 1}, kNow));
    // Without the intermediate the chain is incomplete.
    CHECK(code_of(verify_chain(leaf.certificate, {}, {&root.certificate, 1}, kNow)) == PkiErrc::untrusted);

    // The same shape under a root that allows no intermediate.
    const Credential strict_root = make_ca("kofu test strict root", KeyAlgorithm::ec_p256, 0);
    const Credential strict_intermediate = issue(strict_root, intermediate_profile);
    const Credential strict_leaf = issue(strict_intermediate, signer_profile("kofu test staff"));
    const std::vector<Certificate> strict_chain = list_of(strict_intermediate.certificate);
    const auto too_long = verify_chain(strict_leaf.certificate, strict_chain, {&strict_root.certificate, 1}, kNow);
    CHECK(code_of(too_long) == PkiErrc::not_a_ca);
    CHECK(too_long.error().message().find("pathLenConstraint") != std::string::npos);
  }

  TEST_CASE("keyUsage: a CA without keyCertSign, a leaf that may not sign") {
    CertificateProfile weak_ca_profile = ca_profile("kofu test CA that may not issue");
    weak_ca_profile.key_usage = key_usage::digital_signature;
    KeyPair weak_key = must(KeyPair::generate(KeyAlgorithm::ec_p256));
    Certificate weak_certificate = must(self_sign(weak_ca_profile, weak_key));
    const Credential weak_ca{std::move(weak_certificate), std::move(weak_key)};
    const Credential leaf = issue(weak_ca, signer_profile("kofu test signer"));
    const std::vector<Certificate> none;
    CHECK(code_of(verify_chain(leaf.certificate, none, {&weak_ca.certificate, 1}, kNow)) == PkiErrc::key_usage);

    CertificateProfile encipher_only = signer_profile("kofu test encipherer");
    encipher_only.key_usage = key_usage::key_encipherment;
    const Credential encipherer = issue(ec_pki().ca, encipher_only);
    const auto usage = verify_chain(encipherer.certificate, none, {&ec_pki().ca.certificate, 1}, kNow);
    CHECK(code_of(usage) == PkiErrc::key_usage);
    CHECK(usage.error().message().find("does not allow digitalSignature") != std::string::npos);
    // Asked for nothing, the same chain passes.
    CHECK(verify_chain(encipherer.certificate, none, {&ec_pki().ca.certificate, 1}, kNow, 0));
  }
}
