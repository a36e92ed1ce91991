#include "shc/jws.hpp"

#include "json/json_access.hpp"
#include "shc/base64url.hpp"
#include "shc/errors.hpp"

namespace kofu::shc {
namespace {

Error part_error(const char* part, const Error& error) {
  return Error(error.code(), std::string("the JWS ") + part + " is not base64url: " + error.message());
}

}  // namespace

Expected<CompactJws> parse_compact_jws(std::string_view text) {
  const std::size_t first = text.find('.');
  const std::size_t second = first == std::string_view::npos ? first : text.find('.', first + 1);
  if (second == std::string_view::npos || text.find('.', second + 1) != std::string_view::npos) {
    return unexpected(
        Error(ShcErrc::malformed_jws, "the text is not a compact JWS (three base64url parts joined by '.')"));
  }
  const std::string_view header_part = text.substr(0, first);
  const std::string_view payload_part = text.substr(first + 1, second - first - 1);
  const std::string_view signature_part = text.substr(second + 1);
  if (header_part.empty() || payload_part.empty() || signature_part.empty()) {
    return unexpected(Error(ShcErrc::malformed_jws, "the JWS has an empty part"));
  }
  CompactJws jws;
  auto header = base64url_decode(header_part);
  if (!header) return unexpected(part_error("header", header.error()));
  auto payload = base64url_decode(payload_part);
  if (!payload) return unexpected(part_error("payload", payload.error()));
  auto signature = base64url_decode(signature_part);
  if (!signature) return unexpected(part_error("signature", signature.error()));
  jws.header = parse_json<nlohmann::json>(*header);
  if (jws.header.is_discarded() || !jws.header.is_object()) {
    return unexpected(Error(ShcErrc::bad_header, "the JWS header is not a JSON object"));
  }
  jws.payload = std::move(*payload);
  jws.signature = std::move(*signature);
  jws.signing_input = std::string(text.substr(0, second));
  return jws;
}

std::string card_header(const PublicKey& key) {
  return R"({"zip":"DEF","alg":"ES256","kid":")" + thumbprint(key) + R"("})";
}

std::string sign_compact_jws(std::string_view header_json, std::string_view payload, const PrivateKey& key) {
  std::string jws = base64url_encode(header_json) + "." + base64url_encode(payload);
  const Signature signature = sign_es256(key, jws);
  jws += "." + base64url_encode({reinterpret_cast<const char*>(signature.data()), signature.size()});
  return jws;
}

}  // namespace kofu::shc
