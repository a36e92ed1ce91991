// Error codes of the card applications (kofu.card): what the card said no to, in terms a flow acts on. Transport
// failures (card removed, reader gone, …) keep their transport's code; compare them with iso7816::TransportFault.
#pragma once

#include <system_error>

namespace kofu::cards {

enum class CardErrc {
  wrong_pin = 1,       // the PIN was wrong; the message says how many tries are left
  pin_blocked,         // 63C0 / 6984: only the municipal office (My Number) or the issuer (HPKI) can unblock it
  last_try_refused,    // one try is left: no VERIFY without the caller's explicit override
  bad_pin_format,      // the PIN is not in the card's format; refused before any VERIFY
  not_my_number_card,  // no JPKI application, or a token label of something else
  not_hpki_card,       // neither HPKI application answers
  unknown_card,        // neither a My Number card nor an HPKI card
  no_application,      // the card lacks the application asked for (an HPKI card without a 電子認証用 AP)
  access_denied,       // 6982: the card wants a PIN first (a bug in the sequence, or a reset between the steps)
  card_refused,        // any other status word where success was expected (the message names the command)
  bad_file,            // a file's content is malformed or shorter than its header says
};

const std::error_category& card_category() noexcept;
std::error_code make_error_code(CardErrc e) noexcept;

}  // namespace kofu::cards

template <>
struct std::is_error_code_enum<kofu::cards::CardErrc> : std::true_type {};
