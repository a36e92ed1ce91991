// JWS compact serialisation (RFC 7515 §7.1) as SMART Health Cards use it: header {"zip":"DEF","alg":"ES256","kid"},
// a raw-DEFLATE payload, an ES256 signature.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "error/expected.hpp"
#include "shc/keys.hpp"

namespace kofu::shc {

// The longest JWS that fits one version-22 QR code at ECC L (byte "shc:/" + numeric segment).
inline constexpr std::size_t kMaxJwsLength = 1195;

struct CompactJws {
  nlohmann::json header;      // the decoded protected header (an object)
  std::string payload;        // the payload bytes as signed (compressed when zip=DEF)
  std::string signature;      // the signature bytes
  std::string signing_input;  // ASCII(BASE64URL(header) "." BASE64URL(payload)): what the signature covers
};

// Splits and decodes the three parts. Only the shape is checked here (three base64url parts, a JSON object header);
// header members and the signature are the verifier's business.
Expected<CompactJws> parse_compact_jws(std::string_view text);

// The SMART Health Card header for a key: {"zip":"DEF","alg":"ES256","kid":thumbprint}, in that order.
std::string card_header(const PublicKey& key);

// header "." payload "." signature, all base64url; the payload is used as given (compress it first).
std::string sign_compact_jws(std::string_view header_json, std::string_view payload, const PrivateKey& key);

}  // namespace kofu::shc
