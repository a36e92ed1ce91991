// ISO 3166-1 country codes, for the overseas certificate: 国籍・地域 as the passport writes it (alpha-3) and the
// country of each vaccination (the record keeps alpha-2, the certificate prints alpha-3 like the passport line).
#pragma once

#include <optional>
#include <string_view>

namespace kofu::vaccination {

// The alpha-3 code of an officially assigned alpha-2 code ("JP" → "JPN"); nothing for any other text.
std::optional<std::string_view> alpha3_from_alpha2(std::string_view alpha2);

// True for an officially assigned ISO 3166-1 alpha-3 code, and for the three-letter nationality codes that
// ICAO Doc 9303 adds for passports and travel documents (stateless persons XXA, refugees XXB/XXC, unspecified XXX,
// the British nationality classes GBD/GBN/GBO/GBP/GBS, United Nations UNO/UNA/UNK, the European Union EUE) and
// Kosovo's RKS.
bool is_nationality_code(std::string_view alpha3);

}  // namespace kofu::vaccination
