// Which JAHIS format and version a payload is, from its version record.
#pragma once

#include <string_view>

namespace kofu::jahis {

enum class Format { unknown, tc, rx };

struct Version {
  Format format = Format::unknown;
  int number = 0;  // 8 for JAHISTC08, 10 for JAHIS10
};

// The first field of the version record: "JAHISTCnn" (TC, two digits) or "JAHISn" / "JAHISnn" (Rx).
Version parse_version(std::string_view field) noexcept;

// The format of a payload, from the first field of its first line (a UTF-8 byte order mark is skipped).
Format detect_format(std::string_view payload) noexcept;

}  // namespace kofu::jahis
