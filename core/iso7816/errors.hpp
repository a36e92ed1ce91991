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

// What went wrong under a card application, whatever the transport (PC/SC, a test's script): the conditions a flow
// acts on. Compare an error code with them: `error.code() == TransportFault::card_removed`.
enum class TransportFault {
  card_removed = 1,  // the card left the reader (or stopped answering mid-command)
  reader_gone,       // the reader was unplugged, or the smart-card service went away
  card_reset,        // another program reset the card: selections and verified PINs are gone
  unresponsive,      // the card gives no usable answer
  timeout,           // the transport's time limit ran out
};

const std::error_category& transport_category() noexcept;
std::error_condition make_error_condition(TransportFault e) noexcept;

}  // namespace kofu::iso7816

template <>
struct std::is_error_code_enum<kofu::iso7816::Iso7816Errc> : std::true_type {};
template <>
struct std::is_error_condition_enum<kofu::iso7816::TransportFault> : std::true_type {};
