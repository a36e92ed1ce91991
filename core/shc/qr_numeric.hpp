// The QR text of a SMART Health Card: "shc:/" followed by two digits per JWS character (the character's
// code minus 45: '-' is 00, 'z' is 77), so that the JWS fits a QR numeric segment. One chunk only: chunked
// codes ("shc:/C/N/…") are deprecated since SMART Health Cards 1.3.0.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "error/expected.hpp"

namespace kofu::shc {

inline constexpr std::string_view kQrPrefix = "shc:/";

// "shc:/" + digits. Every character of the JWS must be between '-' and 'z' (base64url and '.' are).
std::string encode_qr_numeric(std::string_view jws);

// The JWS, or an error naming the failure and its position in the text.
Expected<std::string> decode_qr_numeric(std::string_view text);

// Error-correction levels of a QR code.
enum class QrEcc { low, medium, quartile, high };

// The largest QR version a SMART Health Card may use: version 22 prints at 40 mm with modules large enough.
inline constexpr int kMaxQrVersion = 22;

// The smallest QR version whose data capacity holds "shc:/" as a byte segment and the digits of a JWS of
// `jws_length` characters as a numeric segment (ISO/IEC 18004 tables), or nothing above version 22.
std::optional<int> qr_version_for(std::size_t jws_length, QrEcc ecc = QrEcc::low);

}  // namespace kofu::shc
