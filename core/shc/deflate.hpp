// Raw DEFLATE (RFC 1951, zlib windowBits -15) for the JWS payload of a SMART Health Card (header zip=DEF).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "error/expected.hpp"

namespace kofu::shc {

// No SMART Health Card payload comes near this; a larger one is refused rather than inflated (zip bombs).
inline constexpr std::size_t kMaxInflatedBytes = 1 << 20;

// Compresses with the best compression level: the QR code's size is what matters.
std::string deflate_raw(std::string_view data);

// Inflates raw DEFLATE. A zlib-wrapped stream (a common issuer mistake) has its own error code.
Expected<std::string> inflate_raw(std::string_view data);

}  // namespace kofu::shc
