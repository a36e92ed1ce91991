#include "pki/errors.hpp"

#include "error/category.hpp"

namespace kofu::pki {
namespace {

// What each code means (ErrorCategory gives the unknown ones a sentence too).
const char* describe(int value) noexcept {
  switch (static_cast<PkiErrc>(value)) {
    case PkiErrc::malformed: return "not a DER or PEM X.509 certificate";
    case PkiErrc::expired: return "a certificate of the chain has expired";
    case PkiErrc::not_yet_valid: return "a certificate of the chain is not yet valid";
    case PkiErrc::untrusted: return "the chain does not lead to a trusted CA";
    case PkiErrc::bad_certificate_signature: return "a certificate's signature does not verify with its issuer's key";
    case PkiErrc::not_a_ca: return "a certificate issued others without being a CA";
    case PkiErrc::key_usage: return "a key used for what its keyUsage forbids";
    case PkiErrc::unsupported_algorithm: return "a key size or hash the verification profile refuses";
    case PkiErrc::bad_signature: return "the signature does not verify with the certificate's key";
    case PkiErrc::unsupported_key: return "the certificate's key is neither RSA nor EC";
    case PkiErrc::bad_key: return "the private key cannot be read or is not the certificate's";
    case PkiErrc::bad_request: return "the certificate or persona cannot be made as asked";
    case PkiErrc::no_entropy: return "the system's entropy source failed";
  }
  return nullptr;
}

}  // namespace

const std::error_category& pki_category() noexcept {
  static const ErrorCategory category("kofu.pki", describe);
  return category;
}

std::error_code make_error_code(PkiErrc e) noexcept {
  return {static_cast<int>(e), pki_category()};
}

const char* to_string(PkiErrc e) noexcept {
  switch (e) {
    case PkiErrc::malformed: return "malformed";
    case PkiErrc::expired: return "expired";
    case PkiErrc::not_yet_valid: return "not_yet_valid";
    case PkiErrc::untrusted: return "untrusted";
    case PkiErrc::bad_certificate_signature: return "bad_certificate_signature";
    case PkiErrc::not_a_ca: return "not_a_ca";
    case PkiErrc::key_usage: return "key_usage";
    case PkiErrc::unsupported_algorithm: return "unsupported_algorithm";
    case PkiErrc::bad_signature: return "bad_signature";
    case PkiErrc::unsupported_key: return "unsupported_key";
    case PkiErrc::bad_key: return "bad_key";
    case PkiErrc::bad_request: return "bad_request";
    case PkiErrc::no_entropy: return "no_entropy";
  }
  return "unknown";
}

}  // namespace kofu::pki
