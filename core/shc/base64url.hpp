// base64url without padding (RFC 4648 §5), as JWS uses it (RFC 7515 §2).
#pragma once

#include <string>
#include <string_view>

#include "error/expected.hpp"

namespace kofu::shc {

std::string base64url_encode(std::string_view bytes);
// Rejects padding, characters outside the alphabet (with their offset), impossible lengths and a last character
// with bits beyond the data (so that each byte string has exactly one text).
Expected<std::string> base64url_decode(std::string_view text);

}  // namespace kofu::shc
