// Error codes of the X.509 layer (kofu.pki): certificates, chains, signatures and the test PKI maker. A chain that
// fails says why with its own code, so that a kiosk or the central can tell an expired card from a forged one.
#pragma once

#include <system_error>

namespace kofu::pki {

enum class PkiErrc {
  malformed = 1,              // not a DER or PEM X.509 certificate (or key), or trailing bytes
  expired,                    // a certificate of the chain is past its notAfter at the time checked
  not_yet_valid,              // a certificate of the chain is before its notBefore at the time checked
  untrusted,                  // no trust anchor issued the chain (unknown CA)
  bad_certificate_signature,  // a certificate's signature does not verify with its issuer's key (tampered)
  not_a_ca,                   // the issuer is not a CA (basicConstraints), or the path is longer than it allows
  key_usage,                  // a keyUsage that forbids what the key is used for (signing, issuing)
  unsupported_algorithm,      // a key or hash the profile refuses: RSA below 2048 bits, SHA-1, other curves
  bad_signature,              // a signature over data does not verify with the certificate's key
  unsupported_key,            // the certificate's key is neither RSA nor EC P-256/P-384
  bad_key,                    // a private key that cannot be read, or that is not the certificate's
  bad_request,                // a certificate or persona that cannot be made as asked (name, time, PIN, id)
  no_entropy,                 // the system's entropy source failed: no key or serial can be made
};

const std::error_category& pki_category() noexcept;
std::error_code make_error_code(PkiErrc e) noexcept;

// The code's name for messages and JSON ("bad_certificate_signature").
const char* to_string(PkiErrc e) noexcept;

}  // namespace kofu::pki

template <>
struct std::is_error_code_enum<kofu::pki::PkiErrc> : std::true_type {};
