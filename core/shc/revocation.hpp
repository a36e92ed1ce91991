// Revocation lists of SMART Health Cards (spec 1.2.0): <iss>/.well-known/crl/<kid>.json =
// {"kid","method":"rid","ctr":N,"rids":["rid" | "rid.<unix time>"]}; a card whose vc.rid is listed is revoked, and
// with a time only when its nbf is earlier than that time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "error/expected.hpp"
#include "shc/keys.hpp"

namespace kofu::shc {

struct RevocationList {
  std::string kid;
  int ctr = 0;
  std::map<std::string, std::optional<std::int64_t>> rids;  // rid → revoked for cards issued before (none: all)

  // Whether a card with this rid and nbf is revoked.
  bool revokes(std::string_view rid, double nbf) const;
};

// A revocation id: base64url, 1 to 24 characters.
bool is_valid_rid(std::string_view rid);

// Reads and checks a list against the key it belongs to: method "rid", ctr equal to the key's crlVersion, rids
// base64url of at most 24 characters, each rid once. Every failure is a bad_revocation_list error naming the entry.
Expected<RevocationList> read_revocation_list(std::string_view json_text, const Jwk& key);

}  // namespace kofu::shc
