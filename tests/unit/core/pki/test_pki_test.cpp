// The test PKI's CAs, device and server certificates: names that say "test", the TLS profiles, validity rules.
#include <doctest/doctest.h>

#include <ostream>
#include <string>
#include <vector>

#include "pki/chain.hpp"
#include "pki/errors.hpp"
#include "pki/test_pki.hpp"
#include "pki_fixture.hpp"

using namespace kofu::pki;
using namespace kofu::pki::testing;

TEST_SUITE("pki.test_pki") {
  TEST_CASE("device and server CAs are EC P-256 and issue the TLS certificates") {
    const Credential device_ca = must(make_test_authority(TestAuthority::device, kNow, 30));
    CHECK(device_ca.certificate.subject() == "CN=kofu test Device CA, O=kofu test, C=JP");
    CHECK(device_ca.certificate.key_description() == "EC secp256r1");
    CHECK(device_ca.certificate.is_ca());
    CHECK(device_ca.certificate.not_before() == UtcTime{2030, 4, 1, 8, 0, 0});  // an hour of clock skew
    CHECK(device_ca.certificate.not_after() == days_after(kNow, 30));

    const Credential device = must(issue_test_device(device_ca, "kiosk-0001", kNow, 30));
    CHECK(device.certificate.subject() == "CN=kiosk-0001, OU=kofu test devices, O=kofu test, C=JP");
    CHECK(device.certificate.extended_key_usage() == std::vector<std::string>{"clientAuth"});
    CHECK(device.key.matches(device.certificate));
    CHECK(verify_chain(device.certificate, {}, {&device_ca.certificate, 1}, kNow));

    const Credential server_ca = must(make_test_authority(TestAuthority::server, kNow, 30));
    const Credential server = must(issue_test_server(server_ca, kNow, 30));
    CHECK(server.certificate.subject() == "CN=localhost, O=kofu test, C=JP");
    CHECK(server.certificate.subject_alt_names() == std::vector<std::string>{"DNS:localhost", "IP:127.0.0.1"});
    CHECK(server.certificate.extended_key_usage() == std::vector<std::string>{"serverAuth"});
    CHECK(verify_chain(server.certificate, {}, {&server_ca.certificate, 1}, kNow));
    // The device CA does not vouch for the server: the device pins the server CA alone.
    CHECK_FALSE(verify_chain(server.certificate, {}, {&device_ca.certificate, 1}, kNow));
  }

  TEST_CASE("a leaf issued later never outlives its CA; an expired CA issues nothing") {
    const Credential ca = must(make_test_authority(TestAuthority::device, kNow, 30));
    const Credential later = must(issue_test_device(ca, "kiosk-0002", days_after(kNow, 20), 365));
    CHECK(later.certificate.not_after() == ca.certificate.not_after());
    const auto expired = issue_test_device(ca, "kiosk-0003", days_after(kNow, 31), 365);
    REQUIRE_FALSE(expired);
    CHECK(expired.error().code() == PkiErrc::expired);
  }

  TEST_CASE("device ids and validity periods that are refused") {
    const Credential ca = must(make_test_authority(TestAuthority::device, kNow, 30));
    for (const char* id : {"", "../kiosk", "kiosk 1", "-kiosk", "キオスク"}) {
      CAPTURE(id);
      const auto device = issue_test_device(ca, id, kNow, 30);
      REQUIRE_FALSE(device);
      CHECK(device.error().code() == PkiErrc::bad_request);
    }
    CHECK(make_test_authority(TestAuthority::server, kNow, 0).error().code() == PkiErrc::bad_request);
    CHECK(make_test_authority(TestAuthority::server, kNow, kMaxTestDays + 1).error().code() == PkiErrc::bad_request);
  }
}
