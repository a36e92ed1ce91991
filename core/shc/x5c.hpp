// The optional x5c certificate chain of an issuer key (SMART Health Cards §"Determining keys associated with an
// issuer"): the leaf's public key is the JWK's, its subjectAltName has the issuer's URL as a URI, each certificate
// is signed by the next one, the last is a self-signed root, and every certificate is valid at the given time.
#pragma once

#include <cstdint>
#include <string_view>

#include "error/expected.hpp"
#include "shc/keys.hpp"

namespace kofu::shc {

// Checks a key's x5c against the issuer URL at `now` (seconds since the epoch). A key without x5c passes: the
// chain is optional. Every failure is a key_bad_x5c error that says which certificate and what.
Expected<void> check_x5c(const Jwk& key, std::string_view iss, std::int64_t now);

}  // namespace kofu::shc
