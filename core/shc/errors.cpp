#include "shc/errors.hpp"

#include <string>

#include "error/category.hpp"

namespace kofu::shc {
namespace {

// What each code means (ErrorCategory gives the unknown ones a sentence too).
const char* describe(int value) noexcept {
  switch (static_cast<ShcErrc>(value)) {
    case ShcErrc::bad_prefix: return "the QR text does not start with shc:/";
    case ShcErrc::chunked: return "chunked SMART Health Card QR codes are deprecated and not accepted";
    case ShcErrc::odd_digit_count: return "the numeric QR text has an odd number of digits";
    case ShcErrc::not_a_digit: return "the numeric QR text has a character that is not a digit";
    case ShcErrc::digit_pair_out_of_range: return "a digit pair of the numeric QR text is above 77";
    case ShcErrc::trailing_characters: return "whitespace or a BOM around the text, or around the payload JSON";
    case ShcErrc::qr_unreadable: return "no QR code could be read from the image";
    case ShcErrc::bad_qr_version: return "the QR symbol is above version 22";
    case ShcErrc::qr_version_not_minimal: return "a smaller QR version would hold the text";
    case ShcErrc::malformed_jws: return "not three base64url parts separated by '.'";
    case ShcErrc::bad_base64url: return "not base64url";
    case ShcErrc::bad_header: return "the protected header is not a JSON object";
    case ShcErrc::bad_header_alg: return "alg missing or not ES256";
    case ShcErrc::bad_header_zip: return "zip missing or not DEF";
    case ShcErrc::missing_kid: return "no kid in the header: no key can be chosen";
    case ShcErrc::jws_too_long: return "longer than 1195 characters: does not fit one version-22 QR code at ECC L";
    case ShcErrc::der_signature: return "an ASN.1 DER signature instead of the raw 64-byte r||s of JWS ES256";
    case ShcErrc::bad_signature_length: return "a signature that is neither 64 bytes nor DER";
    case ShcErrc::bad_signature: return "the signature does not verify with the issuer's key";
    case ShcErrc::unknown_kid: return "the issuer's key set has no key with this kid";
    case ShcErrc::issuer_kid_mismatch: return "the kid belongs to another issuer than the card's iss";
    case ShcErrc::untrusted_issuer: return "the card's iss is not among the trusted issuers";
    case ShcErrc::bad_issuer_url: return "iss is not https, or ends with '/'";
    case ShcErrc::bad_revocation_list: return "the issuer's revocation list is not valid";
    case ShcErrc::revoked: return "the card has been revoked by its issuer";
    case ShcErrc::revocation_not_checked: return "the key has a revocation list, but none was given to check against";
    case ShcErrc::zlib_wrapper: return "the payload is zlib-wrapped instead of raw DEFLATE";
    case ShcErrc::bad_deflate: return "the payload is not valid raw DEFLATE";
    case ShcErrc::payload_too_large: return "the inflated payload is too large";
    case ShcErrc::payload_bom: return "the inflated payload starts with a UTF-8 byte order mark";
    case ShcErrc::bad_json: return "the payload (or a file) is not JSON";
    case ShcErrc::missing_field: return "a required member is absent";
    case ShcErrc::wrong_field: return "a member has the wrong type or value";
    case ShcErrc::missing_card_type: return "vc.type lacks https://smarthealth.cards#health-card";
    case ShcErrc::not_yet_valid: return "nbf lies in the future";
    case ShcErrc::expired: return "exp lies in the past";
    case ShcErrc::bad_expiry: return "exp before nbf";
    case ShcErrc::time_in_milliseconds: return "nbf or exp counted in milliseconds instead of seconds";
    case ShcErrc::bad_reference: return "fullUrl or reference not in the short resource:N form, or dangling";
    case ShcErrc::not_minimised: return "id, meta (other than meta.security), text or display present";
    case ShcErrc::empty_value: return "an empty string, array or object";
    case ShcErrc::bad_status: return "Immunization.status is not 'completed'";
    case ShcErrc::bad_occurrence: return "neither or both of occurrenceDateTime and occurrenceString";
    case ShcErrc::bad_key: return "not a usable key: malformed JSON, PEM or point";
    case ShcErrc::key_wrong_kty: return "kty is not EC";
    case ShcErrc::key_wrong_crv: return "crv is not P-256";
    case ShcErrc::key_wrong_alg: return "alg is not ES256";
    case ShcErrc::key_wrong_use: return "use is not sig";
    case ShcErrc::key_wrong_kid: return "kid is not the RFC 7638 thumbprint of the key";
    case ShcErrc::key_has_private_part: return "a public key set carries the private scalar d";
    case ShcErrc::key_bad_x5c: return "the key's x5c chain does not match the key, the issuer URL or itself";
    case ShcErrc::does_not_fit: return "not even one dose fits in one QR code";
  }
  return nullptr;
}

}  // namespace

const std::error_category& shc_category() noexcept {
  static const ErrorCategory category("kofu.shc", describe);
  return category;
}

std::error_code make_error_code(ShcErrc e) noexcept {
  return {static_cast<int>(e), shc_category()};
}

const char* to_string(ShcErrc e) noexcept {
  switch (e) {
    case ShcErrc::bad_prefix: return "bad_prefix";
    case ShcErrc::chunked: return "chunked";
    case ShcErrc::odd_digit_count: return "odd_digit_count";
    case ShcErrc::not_a_digit: return "not_a_digit";
    case ShcErrc::digit_pair_out_of_range: return "digit_pair_out_of_range";
    case ShcErrc::trailing_characters: return "trailing_characters";
    case ShcErrc::qr_unreadable: return "qr_unreadable";
    case ShcErrc::bad_qr_version: return "bad_qr_version";
    case ShcErrc::qr_version_not_minimal: return "qr_version_not_minimal";
    case ShcErrc::malformed_jws: return "malformed_jws";
    case ShcErrc::bad_base64url: return "bad_base64url";
    case ShcErrc::bad_header: return "bad_header";
    case ShcErrc::bad_header_alg: return "bad_header_alg";
    case ShcErrc::bad_header_zip: return "bad_header_zip";
    case ShcErrc::missing_kid: return "missing_kid";
    case ShcErrc::jws_too_long: return "jws_too_long";
    case ShcErrc::der_signature: return "der_signature";
    case ShcErrc::bad_signature_length: return "bad_signature_length";
    case ShcErrc::bad_signature: return "bad_signature";
    case ShcErrc::unknown_kid: return "unknown_kid";
    case ShcErrc::issuer_kid_mismatch: return "issuer_kid_mismatch";
    case ShcErrc::untrusted_issuer: return "untrusted_issuer";
    case ShcErrc::bad_issuer_url: return "bad_issuer_url";
    case ShcErrc::bad_revocation_list: return "bad_revocation_list";
    case ShcErrc::revoked: return "revoked";
    case ShcErrc::revocation_not_checked: return "revocation_not_checked";
    case ShcErrc::zlib_wrapper: return "zlib_wrapper";
    case ShcErrc::bad_deflate: return "bad_deflate";
    case ShcErrc::payload_too_large: return "payload_too_large";
    case ShcErrc::payload_bom: return "payload_bom";
    case ShcErrc::bad_json: return "bad_json";
    case ShcErrc::missing_field: return "missing_field";
    case ShcErrc::wrong_field: return "wrong_field";
    case ShcErrc::missing_card_type: return "missing_card_type";
    case ShcErrc::not_yet_valid: return "not_yet_valid";
    case ShcErrc::expired: return "expired";
    case ShcErrc::bad_expiry: return "bad_expiry";
    case ShcErrc::time_in_milliseconds: return "time_in_milliseconds";
    case ShcErrc::bad_reference: return "bad_reference";
    case ShcErrc::not_minimised: return "not_minimised";
    case ShcErrc::empty_value: return "empty_value";
    case ShcErrc::bad_status: return "bad_status";
    case ShcErrc::bad_occurrence: return "bad_occurrence";
    case ShcErrc::bad_key: return "bad_key";
    case ShcErrc::key_wrong_kty: return "key_wrong_kty";
    case ShcErrc::key_wrong_crv: return "key_wrong_crv";
    case ShcErrc::key_wrong_alg: return "key_wrong_alg";
    case ShcErrc::key_wrong_use: return "key_wrong_use";
    case ShcErrc::key_wrong_kid: return "key_wrong_kid";
    case ShcErrc::key_has_private_part: return "key_has_private_part";
    case ShcErrc::key_bad_x5c: return "key_bad_x5c";
    case ShcErrc::does_not_fit: return "does_not_fit";
  }
  return "unknown";
}

}  // namespace kofu::shc
