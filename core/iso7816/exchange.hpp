// One command, one answer, whatever the card's protocol makes of it (ISO/IEC 7816-3/-4): a T=0 card that answers
// 61xx gets GET RESPONSE until all data is in; one that answers 6Cxx gets the command again with Le = xx. The
// transport (PC/SC, or a test's script) moves bytes; this decides what to send.
#pragma once

#include <string_view>

#include "error/expected.hpp"
#include "iso7816/apdu.hpp"

namespace kofu::iso7816 {

class Transport {
 public:
  virtual ~Transport() = default;
  // Sends one command APDU and returns the raw answer (data + SW1 SW2), or the transport's error.
  virtual Expected<Bytes> transmit(std::string_view apdu) = 0;
};

// A card that keeps answering 61xx is not trusted beyond this many GET RESPONSEs (256 × 256 bytes ≥ any file).
inline constexpr int kMaxGetResponses = 256;

Expected<Response> exchange(Transport& transport, const Command& command);

// For a command that carries a secret (VERIFY with a PIN): one transmit, no resend, and the command's data and its
// encoded bytes are wiped before this returns, whatever the outcome.
Expected<Response> exchange_secret(Transport& transport, Command&& command);

}  // namespace kofu::iso7816
