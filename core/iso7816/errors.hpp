// Error codes of the ISO 7816 layer (kofu.iso7816).
#pragma once

#include <system_error>

namespace kofu::iso7816 {

enum class Iso7816Errc {
  bad_command = 1,  // a command that cannot be encoded (data or Le out of range)
  short_response,   // a response of fewer than 2 bytes (no status word)
  bad_tlv,          // a BER-TLV object that is truncated or malformed
  bad_hex,          // hex text with a character that is not a hex digit, or an odd count
};

const std::error_category& iso7816_category() noexcept;
std::error_code make_error_code(Iso7816Errc e) noexcept;

}  // namespace kofu::iso7816

template <>
struct std::is_error_code_enum<kofu::iso7816::Iso7816Errc> : std::true_type {};
