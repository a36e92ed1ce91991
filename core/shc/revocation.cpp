#include "shc/revocation.hpp"

#include <nlohmann/json.hpp>

#include "jahis/numbers.hpp"
#include "json/json_access.hpp"
#include "shc/base64url.hpp"
#include "shc/errors.hpp"

namespace kofu::shc {
namespace {

constexpr std::size_t kMaxRidLength = 24;

Error bad(std::string message) {
  return Error(ShcErrc::bad_revocation_list, "revocation list: " + std::move(message));
}

}  // namespace

bool is_valid_rid(std::string_view rid) {
  return !rid.empty() && rid.size() <= kMaxRidLength && base64url_decode(rid).has_value();
}

bool RevocationList::revokes(std::string_view rid, double nbf) const {
  const auto it = rids.find(std::string(rid));
  if (it == rids.end()) return false;
  return !it->second || nbf < static_cast<double>(*it->second);
}

Expected<RevocationList> read_revocation_list(std::string_view json_text, const Jwk& key) {
  const auto doc = parse_json<nlohmann::json>(json_text);
  if (doc.is_discarded() || !doc.is_object()) return unexpected(bad("not a JSON object"));
  RevocationList list;
  if (!doc.contains("kid") || doc["kid"] != key.kid) return unexpected(bad("kid is not the key's kid " + key.kid));
  list.kid = key.kid;
  if (!member_is(doc, "method", "rid")) {
    return unexpected(
        bad("method is " + (doc.contains("method") ? doc["method"].dump() : "missing") + ", not \"rid\""));
  }
  const auto ctr = integer_member(doc, "ctr", 1, 1'000'000);
  if (!ctr) return unexpected(bad("ctr is not an integer from 1 to 1000000"));
  list.ctr = static_cast<int>(*ctr);
  if (!key.crl_version) return unexpected(bad("the key has no crlVersion, so it cannot have a revocation list"));
  if (list.ctr != *key.crl_version) {
    return unexpected(bad("ctr " + std::to_string(list.ctr) + " differs from the key's crlVersion " +
                          std::to_string(*key.crl_version)));
  }
  if (!doc.contains("rids") || !doc["rids"].is_array()) return unexpected(bad("rids is not an array"));
  for (std::size_t i = 0; i < doc["rids"].size(); ++i) {
    const auto& item = doc["rids"][i];
    const std::string where = "rids[" + std::to_string(i) + "]";
    if (!item.is_string()) return unexpected(bad(where + " is not a string"));
    const std::string text = item.get<std::string>();
    const std::size_t dot = text.find('.');
    const std::string rid = text.substr(0, dot);
    std::optional<std::int64_t> before;
    if (dot != std::string::npos) {
      const std::string_view time = std::string_view(text).substr(dot + 1);
      if (time.empty() || time.size() > 12 || !jahis::all_digits(time)) {
        return unexpected(bad(where + " \"" + text + "\" has no valid time after '.'"));
      }
      before = std::stoll(std::string(time));
    }
    if (!is_valid_rid(rid)) {
      return unexpected(bad(where + " \"" + rid + "\" is not a base64url rid of at most 24 characters"));
    }
    if (!list.rids.emplace(rid, before).second) return unexpected(bad(where + " lists rid " + rid + " again"));
  }
  return list;
}

}  // namespace kofu::shc
