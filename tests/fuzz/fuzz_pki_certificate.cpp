// Certificates from outside (a card's EF, a peer's TLS chain, a file) never crash the DER/PEM reader, the accessors
// or the chain check, and what reads back writes the same DER. The input is read as it is, and also as byte edits
// of a real leaf certificate, so that the extensions and the chain check are reached without a seed corpus.
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pki/certificate.hpp"
#include "pki/chain.hpp"
#include "pki/issuing.hpp"

namespace {

using namespace kofu::pki;

const UtcTime kAt{2030, 4, 1, 0, 0, 0};

template <class T>
T or_abort(kofu::Expected<T> value) {
  if (!value) std::abort();
  return std::move(*value);
}

// An EC CA and a leaf with every extension kofu writes.
struct Seed {
  Credential ca;
  std::string leaf_der;
};

Seed make_seed() {
  CertificateProfile ca_profile;
  ca_profile.subject.organization = "kofu test";
  ca_profile.subject.common_name = "kofu test fuzz CA";
  ca_profile.not_before = {2030, 1, 1, 0, 0, 0};
  ca_profile.not_after = {2031, 1, 1, 0, 0, 0};
  ca_profile.ca = true;
  ca_profile.path_length = 0;
  ca_profile.key_usage = key_usage::key_cert_sign;
  KeyPair ca_key = or_abort(KeyPair::generate(KeyAlgorithm::ec_p256));
  Certificate ca_certificate = or_abort(self_sign(ca_profile, ca_key));
  Credential ca{std::move(ca_certificate), std::move(ca_key)};

  CertificateProfile leaf = ca_profile;
  leaf.ca = false;
  leaf.path_length = -1;
  leaf.subject.common_name = "試験　薫";
  leaf.subject.title = "Pharmacist";
  leaf.key_usage = key_usage::digital_signature;
  leaf.extended_key_usage = {ExtendedKeyUsage::client_auth};
  leaf.dns_names = {"localhost"};
  leaf.ip_addresses = {"127.0.0.1"};
  leaf.hc_role = "Pharmacist";
  const KeyPair leaf_key = or_abort(KeyPair::generate(KeyAlgorithm::ec_p256));
  const Certificate certificate = or_abort(issue_certificate(leaf, leaf_key, ca));
  return {std::move(ca), std::string(certificate.der())};
}

void exercise(std::string_view bytes, std::span<const Certificate> anchors) {
  auto certificates = Certificate::parse_all(bytes);
  if (!certificates) return;
  for (const Certificate& c : *certificates) {
    (void)c.subject();
    (void)c.issuer();
    (void)c.serial();
    (void)c.key_description();
    (void)c.path_length();
    (void)c.key_usage();
    (void)c.extended_key_usage();
    (void)c.subject_alt_names();
    (void)c.hc_role();
    auto again = Certificate::parse(c.pem());
    if (!again || again->der() != c.der()) std::abort();
  }
  const Certificate& leaf = certificates->front();
  const std::span<const Certificate> rest(certificates->data() + 1, certificates->size() - 1);
  (void)verify_chain(leaf, rest, anchors, kAt);
  (void)verify_chain(leaf, {}, std::span<const Certificate>(certificates->data(), 1), kAt, 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  static const Seed seed = make_seed();
  const std::span<const Certificate> anchors(&seed.ca.certificate, 1);
  exercise(std::string_view(reinterpret_cast<const char*>(data), size), anchors);
  // Each 3 input bytes: a 16-bit offset into the leaf's DER and the byte to put there.
  std::string edited = seed.leaf_der;
  for (std::size_t i = 0; i + 2 < size; i += 3) {
    const std::size_t offset = (static_cast<std::size_t>(data[i]) << 8 | data[i + 1]) % edited.size();
    edited[offset] = static_cast<char>(data[i + 2]);
  }
  exercise(edited, anchors);
  return 0;
}
