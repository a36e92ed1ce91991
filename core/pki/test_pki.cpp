#include "pki/test_pki.hpp"

#include <string>

#include "pki/errors.hpp"

namespace kofu::pki {
namespace {

constexpr std::int64_t kClockSkewSeconds = 3600;
constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::size_t kMaxDeviceId = 64;
constexpr const char* kOrganization = "kofu test";

Expected<void> check_days(int days) {
  if (days < 1 || days > kMaxTestDays) {
    return unexpected(
        Error(PkiErrc::bad_request, "the validity of " + std::to_string(days) + " days is outside 1 to 36500 days"));
  }
  return {};
}

CertificateProfile validity(const UtcTime& now, int days) {
  CertificateProfile profile;
  profile.not_before = UtcTime::from_unix(now.to_unix() - kClockSkewSeconds);
  profile.not_after = UtcTime::from_unix(now.to_unix() + days * kSecondsPerDay);
  return profile;
}

bool is_device_id(std::string_view id) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  };
  if (id.empty() || id.size() > kMaxDeviceId || !allowed(id[0]) || id[0] == '.' || id[0] == '_' || id[0] == '-') {
    return false;
  }
  for (const char c : id) {
    if (!allowed(c)) return false;
  }
  return true;
}

Expected<Credential> issue_tls_leaf(const Credential& ca, const CertificateProfile& profile) {
  auto key = KeyPair::generate(KeyAlgorithm::ec_p256);
  if (!key) return unexpected(key.error());
  auto certificate = issue_certificate(profile, *key, ca);
  if (!certificate) return unexpected(certificate.error());
  return Credential{std::move(*certificate), std::move(*key)};
}

}  // namespace

Expected<CertificateProfile> test_leaf_profile(const Credential& ca, const UtcTime& now, int days) {
  if (auto ok = check_days(days); !ok) return unexpected(ok.error());
  CertificateProfile profile = validity(now, days);
  if (ca.certificate.not_after() < profile.not_after) profile.not_after = ca.certificate.not_after();
  if (profile.not_before < ca.certificate.not_before()) profile.not_before = ca.certificate.not_before();
  if (!(profile.not_before < profile.not_after)) {
    return unexpected(Error(PkiErrc::expired, "the CA \"" + ca.certificate.subject() + "\" is not valid at " +
                                                  now.iso() + "; make a new test PKI with kofu pki init"));
  }
  return profile;
}

Expected<Credential> make_test_authority(TestAuthority authority, const UtcTime& now, int days) {
  if (auto ok = check_days(days); !ok) return unexpected(ok.error());
  CertificateProfile profile = validity(now, days);
  profile.subject.organization = kOrganization;
  profile.ca = true;
  profile.path_length = 0;
  profile.key_usage = key_usage::key_cert_sign | key_usage::crl_sign;
  KeyAlgorithm algorithm = KeyAlgorithm::rsa_2048;
  switch (authority) {
    case TestAuthority::jpki: profile.subject.common_name = "kofu test JPKI User Authentication CA"; break;
    case TestAuthority::hpki: profile.subject.common_name = "kofu test HPKI CA"; break;
    case TestAuthority::device:
      profile.subject.common_name = "kofu test Device CA";
      algorithm = KeyAlgorithm::ec_p256;
      break;
    case TestAuthority::server:
      profile.subject.common_name = "kofu test Server CA";
      algorithm = KeyAlgorithm::ec_p256;
      break;
  }
  auto key = KeyPair::generate(algorithm);
  if (!key) return unexpected(key.error());
  auto certificate = self_sign(profile, *key);
  if (!certificate) return unexpected(certificate.error());
  return Credential{std::move(*certificate), std::move(*key)};
}

Expected<Credential> issue_test_device(const Credential& device_ca, std::string_view device_id, const UtcTime& now,
                                       int days) {
  if (!is_device_id(device_id)) {
    return unexpected(
        Error(PkiErrc::bad_request, "\"" + std::string(device_id) +
                                        "\" is not a device id: use letters, digits, '.', '_' and '-' "
                                        "(at most 64, starting with a letter or digit), e.g. kiosk-0001"));
  }
  auto profile = test_leaf_profile(device_ca, now, days);
  if (!profile) return unexpected(profile.error());
  profile->subject.organization = kOrganization;
  profile->subject.organizational_unit = "kofu test devices";
  profile->subject.common_name = std::string(device_id);
  profile->key_usage = key_usage::digital_signature;
  profile->extended_key_usage = {ExtendedKeyUsage::client_auth};
  return issue_tls_leaf(device_ca, *profile);
}

Expected<Credential> issue_test_server(const Credential& server_ca, const UtcTime& now, int days) {
  auto profile = test_leaf_profile(server_ca, now, days);
  if (!profile) return unexpected(profile.error());
  profile->subject.organization = kOrganization;
  profile->subject.common_name = "localhost";
  profile->key_usage = key_usage::digital_signature;
  profile->extended_key_usage = {ExtendedKeyUsage::server_auth};
  profile->dns_names = {"localhost"};
  profile->ip_addresses = {"127.0.0.1"};
  return issue_tls_leaf(server_ca, *profile);
}

}  // namespace kofu::pki
