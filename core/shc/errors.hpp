// Error codes of the SMART Health Card codec (core/shc). Each failure a verifier can meet has its own code.
#pragma once

#include <system_error>

namespace kofu::shc {

enum class ShcErrc {
  bad_prefix = 1,           // the QR text does not start with "shc:/"
  chunked,                  // "shc:/C/N/…": chunked QR codes are deprecated since SMART Health Cards 1.3.0
  odd_digit_count,          // the numeric part has an odd number of digits
  not_a_digit,              // the numeric part has a character that is not 0-9
  digit_pair_out_of_range,  // a digit pair above 77 (no base64url or JWS character)
  bad_base64url,            // a character outside the base64url alphabet, or an impossible length
  zlib_wrapper,             // the payload is zlib-wrapped (RFC 1950) instead of raw DEFLATE (RFC 1951)
  bad_deflate,              // the payload is not valid raw DEFLATE
  payload_too_large,        // the inflated payload is larger than any SMART Health Card can be
};

const std::error_category& shc_category() noexcept;
std::error_code make_error_code(ShcErrc e) noexcept;

}  // namespace kofu::shc

template <>
struct std::is_error_code_enum<kofu::shc::ShcErrc> : std::true_type {};
