// Making certificates with mbedTLS x509write (RFC 5280 profile): a self-signed CA, or a certificate signed by a CA,
// with a random positive 16-byte serial, basicConstraints, keyUsage, extendedKeyUsage, subjectAltName (DNS names
// and IP addresses) and the HPKI hcRole. SHA-256 with the issuer's key: sha256WithRSAEncryption or ecdsa-with-SHA256.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "error/expected.hpp"
#include "pki/certificate.hpp"
#include "pki/key_pair.hpp"
#include "pki/utc_time.hpp"

namespace kofu::pki {

// The attributes kofu puts in names, written in this order (C first); empty ones are left out. Values are UTF-8.
struct DistinguishedName {
  std::string country = "JP";
  std::string organization;
  std::string organizational_unit;
  std::string common_name;
  std::string title;  // id-at-title: the HPKI role, readable where hcRole is not understood
};

enum class ExtendedKeyUsage { server_auth, client_auth };

struct CertificateProfile {
  DistinguishedName subject;
  UtcTime not_before;
  UtcTime not_after;
  bool ca = false;
  int path_length = -1;  // for a CA: how many intermediates may follow; -1 for no limit
  std::uint32_t key_usage = 0;
  std::vector<ExtendedKeyUsage> extended_key_usage;
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;  // "127.0.0.1", "::1"
  std::string hc_role;                    // HPKI role name ("Pharmacist"); empty for none
};

// A certificate and its private key: a CA that issues, or a leaf that signs.
struct Credential {
  Certificate certificate;
  KeyPair key;
};

Expected<Certificate> self_sign(const CertificateProfile& profile, const KeyPair& key);

// The issuer must be a CA whose key is `issuer.key`, and the profile's validity must lie within the issuer's.
Expected<Certificate> issue_certificate(const CertificateProfile& profile, const KeyPair& subject_key,
                                        const Credential& issuer);

}  // namespace kofu::pki
