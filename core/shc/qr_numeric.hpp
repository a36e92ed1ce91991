// The QR text of a SMART Health Card: "shc:/" followed by two digits per JWS character (the character's
// code minus 45: '-' is 00, 'z' is 77), so that the JWS fits a QR numeric segment. One chunk only: chunked
// codes ("shc:/C/N/…") are deprecated since SMART Health Cards 1.3.0.
#pragma once

#include <string>
#include <string_view>

#include "error/expected.hpp"

namespace kofu::shc {

inline constexpr std::string_view kQrPrefix = "shc:/";

// "shc:/" + digits. Every character of the JWS must be between '-' and 'z' (base64url and '.' are).
std::string encode_qr_numeric(std::string_view jws);

// The JWS, or an error naming the failure and its position in the text.
Expected<std::string> decode_qr_numeric(std::string_view text);

}  // namespace kofu::shc
