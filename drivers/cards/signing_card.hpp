// The signing-card interface: what a flow needs from any card that signs (the My Number card's JPKI
// authentication key, an HPKI card's signature or authentication key), so that flows do not care which card it is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "error/expected.hpp"
#include "iso7816/apdu.hpp"
#include "secure/secret.hpp"

namespace kofu::cards {

// The retry counter of a PIN, read without using a try.
struct PinStatus {
  std::optional<int> tries_left;  // none: the card did not say (some answer 9000 to the query)
  bool blocked() const noexcept { return tries_left == 0; }
};

// What the caller allows. A PIN with one try left is not sent unless the person at the kiosk was told that a wrong
// PIN now blocks the card and chose to go on.
struct PinPolicy {
  bool allow_last_try = false;
};

class SigningCard {
 public:
  virtual ~SigningCard() = default;
  // "My Number card, JPKI authentication key (利用者証明用)", for messages and logs.
  virtual std::string description() const = 0;
  // The certificate of the signing key and of its issuing CA, DER.
  virtual Expected<iso7816::Bytes> certificate() = 0;
  virtual Expected<iso7816::Bytes> ca_certificate() = 0;
  virtual Expected<PinStatus> pin_status() = 0;
  // VERIFY the PIN, then an RSA PKCS #1 v1.5 signature of a SHA-256 digest (sha256WithRSAEncryption), in one
  // uninterrupted sequence. Never retries a VERIFY.
  virtual Expected<iso7816::Bytes> sign_sha256(std::string_view sha256, const Secret& pin, PinPolicy policy) = 0;
};

}  // namespace kofu::cards
