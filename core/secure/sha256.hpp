// SHA-256 (FIPS 180-4) of bytes, as the 32 raw bytes: what a card signs the DigestInfo of.
#pragma once

#include <string>
#include <string_view>

namespace kofu {

std::string sha256(std::string_view bytes);

}  // namespace kofu
