// Which JAHIS format a payload is, from its version record.
#pragma once

#include <string_view>

namespace kofu::jahis {

enum class Format { unknown, tc, rx };

// TC: "JAHISTCnn," … ; Rx: "JAHISn" or "JAHISnn" alone on the first line (JAHIS TC is tested first,
// since it starts with "JAHIS" too). A UTF-8 byte order mark is skipped.
Format detect_format(std::string_view payload) noexcept;

}  // namespace kofu::jahis
