// kofu's test PKI (docs/pki.md): JPKI-like and HPKI CAs for the emulated cards, a device CA and a server CA for
// mutual TLS on loopback. Every name says "test" so that nothing is mistaken for a real authority. Pure: the caller
// gives the time and writes the files.
#pragma once

#include <string_view>

#include "error/expected.hpp"
#include "pki/issuing.hpp"
#include "pki/utc_time.hpp"

namespace kofu::pki {

enum class TestAuthority {
  jpki,    // "kofu test JPKI User Authentication CA", RSA-2048: issues the My Number cards' auth certificates
  hpki,    // "kofu test HPKI CA", RSA-2048: issues the HPKI cards' certificates
  device,  // "kofu test Device CA", EC P-256: issues device (TLS client) certificates
  server,  // "kofu test Server CA", EC P-256: issues the central's TLS server certificate; the devices pin it
};

// Certificates are valid from an hour before `now` (a peer whose clock lags a little still accepts them) for `days`
// days (1 to 36500); a leaf never outlives its CA.
inline constexpr int kMaxTestDays = 36500;

// A self-signed CA: keyCertSign and cRLSign, pathLenConstraint 0.
Expected<Credential> make_test_authority(TestAuthority authority, const UtcTime& now, int days);

// A device's TLS client certificate: CN = the device id (letters, digits, '.', '_' and '-', at most 64, not starting
// with a punctuation mark), EC P-256, digitalSignature, clientAuth.
Expected<Credential> issue_test_device(const Credential& device_ca, std::string_view device_id, const UtcTime& now,
                                       int days);

// The central's TLS server certificate: CN and DNS localhost, IP 127.0.0.1, EC P-256, digitalSignature, serverAuth.
Expected<Credential> issue_test_server(const Credential& server_ca, const UtcTime& now, int days);

// The leaf validity rule above, for the other leaves of the test PKI (the card personas).
Expected<CertificateProfile> test_leaf_profile(const Credential& ca, const UtcTime& now, int days);

}  // namespace kofu::pki
