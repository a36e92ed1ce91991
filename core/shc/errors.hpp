// Error codes of the SMART Health Card codec (core/shc). Each failure a verifier can meet has its own code, so that
// a kiosk, a test or an operator can tell a damaged QR code from a forged card from an issuer's mistake.
#pragma once

#include <system_error>

namespace kofu::shc {

enum class ShcErrc {
  // QR text (shc:/ numeric)
  bad_prefix = 1,           // the QR text does not start with "shc:/"
  chunked,                  // "shc:/C/N/…": chunked QR codes are deprecated since SMART Health Cards 1.3.0
  odd_digit_count,          // the numeric part has an odd number of digits
  not_a_digit,              // the numeric part has a character that is not 0-9
  digit_pair_out_of_range,  // a digit pair above 77 (no base64url or JWS character)
  trailing_characters,      // whitespace or a BOM around the text, or around the payload JSON
  // QR symbol (when read from an image)
  qr_unreadable,           // no QR code could be read from the image
  bad_qr_version,          // the symbol is above version 22 (too dense to print at 40 mm)
  qr_version_not_minimal,  // a smaller version would hold the text (byte + numeric segments)
  // JWS compact serialisation
  malformed_jws,   // not three base64url parts separated by '.'
  bad_base64url,   // a character outside the base64url alphabet, or an impossible length
  bad_header,      // the protected header is not a JSON object
  bad_header_alg,  // alg missing or not ES256
  bad_header_zip,  // zip missing or not DEF
  missing_kid,     // no kid in the header: no key can be chosen
  jws_too_long,    // longer than 1195 characters: does not fit one version-22 QR code at ECC L
  // Signature and keys
  der_signature,           // an ASN.1 DER signature instead of the raw 64-byte r||s of JWS ES256
  bad_signature_length,    // a signature that is neither 64 bytes nor DER
  bad_signature,           // the signature does not verify with the issuer's key
  unknown_kid,             // the issuer's key set has no key with this kid
  issuer_kid_mismatch,     // the kid belongs to another issuer than the card's iss
  untrusted_issuer,        // the card's iss is not among the trusted issuers
  bad_issuer_url,          // iss is not https, or ends with '/'
  bad_revocation_list,     // the issuer's revocation list for the key breaks a rule
  revoked,                 // the card's rid is on the issuer's revocation list
  revocation_not_checked,  // the key has a revocation list, but none was given to check against
  // Payload
  zlib_wrapper,          // the payload is zlib-wrapped (RFC 1950) instead of raw DEFLATE (RFC 1951)
  bad_deflate,           // the payload is not valid raw DEFLATE
  payload_too_large,     // the inflated payload is larger than any SMART Health Card can be
  payload_bom,           // the inflated payload starts with a UTF-8 byte order mark
  bad_json,              // the payload (or a file) is not JSON
  missing_field,         // a required member is absent
  wrong_field,           // a member has the wrong type or value
  missing_card_type,     // vc.type lacks https://smarthealth.cards#health-card
  not_yet_valid,         // nbf lies in the future
  expired,               // exp lies in the past
  bad_expiry,            // exp before nbf
  time_in_milliseconds,  // nbf or exp counted in milliseconds instead of seconds
  // FHIR bundle
  bad_reference,   // fullUrl or reference not in the short resource:N form, or dangling
  not_minimised,   // id, meta (other than meta.security), text or display present
  empty_value,     // an empty string, array or object
  bad_status,      // Immunization.status is not "completed"
  bad_occurrence,  // neither or both of occurrenceDateTime and occurrenceString
  // Key files and key sets
  bad_key,               // not a usable key: malformed JSON, PEM or point
  key_wrong_kty,         // kty is not EC
  key_wrong_crv,         // crv is not P-256
  key_wrong_alg,         // alg is not ES256
  key_wrong_use,         // use is not sig
  key_wrong_kid,         // kid is not the RFC 7638 thumbprint of the key
  key_has_private_part,  // a public key set carries the private scalar d
  key_bad_x5c,           // the key's x5c chain does not match the key, the issuer URL or itself
  // Issuing
  does_not_fit,  // not even one dose fits in one QR code
};

const std::error_category& shc_category() noexcept;
std::error_code make_error_code(ShcErrc e) noexcept;

// The code's name as it appears in JSON verdicts ("bad_signature").
const char* to_string(ShcErrc e) noexcept;

}  // namespace kofu::shc

template <>
struct std::is_error_code_enum<kofu::shc::ShcErrc> : std::true_type {};
