// UTC times: the epoch arithmetic, ISO 8601 text both ways, and what is refused.
#include <doctest/doctest.h>

#include <ostream>

#include "pki/errors.hpp"
#include "pki/utc_time.hpp"

using kofu::pki::PkiErrc;
using kofu::pki::UtcTime;

TEST_SUITE("pki.utc_time") {
  TEST_CASE("seconds since the epoch, both ways") {
    CHECK(UtcTime::from_unix(0) == UtcTime{1970, 1, 1, 0, 0, 0});
    CHECK(UtcTime::from_unix(951782400) == UtcTime{2000, 2, 29, 0, 0, 0});
    CHECK(UtcTime::from_unix(-1) == UtcTime{1969, 12, 31, 23, 59, 59});
    const UtcTime t{2038, 1, 19, 3, 14, 8};
    CHECK(t.to_unix() == 2147483648);
    CHECK(UtcTime::from_unix(t.to_unix()) == t);
    CHECK(UtcTime{2030, 1, 1, 0, 0, 0} < UtcTime{2030, 1, 1, 0, 0, 1});
  }

  TEST_CASE("ISO text") {
    CHECK(UtcTime{2025, 4, 1, 9, 30, 0}.iso() == "2025-04-01T09:30:00Z");
    CHECK(UtcTime::parse_iso("2025-04-01").value() == UtcTime{2025, 4, 1, 0, 0, 0});
    CHECK(UtcTime::parse_iso("2025-04-01T09:30:05Z").value() == UtcTime{2025, 4, 1, 9, 30, 5});
    CHECK(UtcTime::parse_iso("2025-04-01 09:30:05").value() == UtcTime{2025, 4, 1, 9, 30, 5});
    for (const char* bad : {"", "2025", "2025-02-30", "2025-04-01T24:00:00Z", "2025-04-01T09:30", "01/04/2025",
                            "2025-04-01T09:30:00+09:00"}) {
      CAPTURE(bad);
      const auto parsed = UtcTime::parse_iso(bad);
      REQUIRE_FALSE(parsed);
      CHECK(parsed.error().code() == PkiErrc::bad_request);
    }
  }
}
