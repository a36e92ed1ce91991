// Whole calendar dates. jahis::CivilDate may hold only a year or a year and month (Rx birth dates); the vaccine
// master and the certificate deal only in whole dates.
#pragma once

#include <optional>
#include <string_view>

#include "jahis/dates.hpp"

namespace kofu::vaccination {

using jahis::CivilDate;

using jahis::is_whole_date;

// "2026-11-21" (ISO 8601 extended, nothing before or after); nothing for any other text or an impossible date.
std::optional<CivilDate> parse_iso_date(std::string_view text);

}  // namespace kofu::vaccination
