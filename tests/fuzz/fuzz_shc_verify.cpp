// The SMART Health Card verifier never crashes, hangs or accepts a card it cannot check, whatever the input:
// shc:/ text, a JWS, a .smart-health-card file, a Parameters response, a payload, a key set (with its x5c chain)
// or a revocation list.
#include <cstdlib>
#include <string_view>

#include "shc/card.hpp"
#include "shc/keys.hpp"
#include "shc/revocation.hpp"
#include "shc/x5c.hpp"

namespace {

// One trusted issuer with a fixed key (generated once per run; the fuzzer cannot sign with it).
const kofu::shc::VerifyOptions& options() {
  static const kofu::shc::VerifyOptions instance = [] {
    kofu::shc::VerifyOptions o;
    const auto key = kofu::shc::PrivateKey::generate();
    auto set = kofu::shc::read_key_set(kofu::shc::write_key_set({key.public_key()}));
    if (!set) std::abort();
    o.issuers.push_back({"https://vc.example.jp/issuer", *set, {}});
    o.now = 1700000000;
    return o;
  }();
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace kofu::shc;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Verdict verdict = verify(text, options());
  // Nobody but the test key's holder can sign: a valid verdict here would be a forgery.
  if (verdict.valid()) std::abort();
  (void)to_json(verdict).dump();
  (void)check_credential_text(text, options());
  (void)check_bundle_text(text);
  if (auto set = read_key_set(text); set && !set->keys.empty()) {
    (void)read_revocation_list(text, set->keys.front());
    (void)check_x5c(set->keys.front(), "https://vc.example.jp/issuer", 1700000000);
  }
  (void)read_private_key(text);
  return 0;
}
