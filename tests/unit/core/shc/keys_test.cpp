// ES256 keys: generation, thumbprints, signatures (raw r||s, DER refused), JWK and PEM import and export.
#include <doctest/doctest.h>

#include <string>

#include "shc/base64url.hpp"
#include "shc/errors.hpp"
#include "shc/jws.hpp"
#include "shc/keys.hpp"
#include "shc/qr_numeric.hpp"

using namespace kofu::shc;

namespace {

// The specification's example signing key (a published TEST key: never trust it).
constexpr const char* kSpecPrivateJwk = R"({"kty":"EC","kid":"3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s",
  "use":"sig","alg":"ES256","crv":"P-256","x":"11XvRWy1I2S0EyJlyf_bWfw_TQ5CJJNLw78bHXNxcgw",
  "y":"eZXwxvO1hvCY0KucrPfKo7yAyMT6Ajc3N7OkAB6VYy8","d":"FvOOk6hMixJ2o9zt4PCfan_UW7i4aOEnzj76ZaCI9Og"})";

std::string as_text(const Signature& signature) {
  return {reinterpret_cast<const char*>(signature.data()), signature.size()};
}

// DER SEQUENCE { INTEGER r, INTEGER s } of a raw signature, with the sign-padding byte where the top bit is set.
std::string to_der(const Signature& raw) {
  auto integer = [](const std::uint8_t* bytes) {
    std::string value(reinterpret_cast<const char*>(bytes), 32);
    while (value.size() > 1 && value[0] == '\0') value.erase(0, 1);
    if (static_cast<unsigned char>(value[0]) & 0x80) value.insert(0, 1, '\0');
    return std::string{'\x02', static_cast<char>(value.size())} + value;
  };
  const std::string body = integer(raw.data()) + integer(raw.data() + 32);
  return std::string{'\x30', static_cast<char>(body.size())} + body;
}

}  // namespace

TEST_SUITE("shc.keys") {
  TEST_CASE("the RFC 7638 thumbprint of the specification's key is its kid") {
    auto key = read_private_key(kSpecPrivateJwk);
    REQUIRE(key);
    CHECK(thumbprint(key->public_key()) == "3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s");
    const auto jwk = to_jwk(key->public_key());
    CHECK(jwk.dump() == R"({"kty":"EC","kid":"3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s","use":"sig","alg":"ES256",)"
                        R"("crv":"P-256","x":"11XvRWy1I2S0EyJlyf_bWfw_TQ5CJJNLw78bHXNxcgw",)"
                        R"("y":"eZXwxvO1hvCY0KucrPfKo7yAyMT6Ajc3N7OkAB6VYy8"})");
  }

  TEST_CASE("sign and verify: deterministic, 64 bytes, and any change is caught") {
    const PrivateKey key = PrivateKey::generate();
    const Signature a = sign_es256(key, "message");
    const Signature b = sign_es256(key, "message");
    CHECK(a == b);  // RFC 6979
    CHECK(verify_es256(key.public_key(), "message", as_text(a)));
    auto bad = verify_es256(key.public_key(), "messagf", as_text(a));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::bad_signature);
    Signature flipped = a;
    flipped[40] ^= 1;
    CHECK_FALSE(verify_es256(key.public_key(), "message", as_text(flipped)));
    const PrivateKey other = PrivateKey::generate();
    CHECK_FALSE(verify_es256(other.public_key(), "message", as_text(a)));
    CHECK(thumbprint(key.public_key()).size() == 43);
  }

  TEST_CASE("a DER signature is refused with its own code, other lengths with another") {
    const PrivateKey key = PrivateKey::generate();
    const Signature raw = sign_es256(key, "m");
    auto bad = verify_es256(key.public_key(), "m", to_der(raw));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::der_signature);
    bad = verify_es256(key.public_key(), "m", as_text(raw).substr(0, 63));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::bad_signature_length);
  }

  TEST_CASE("private keys round-trip through JWK and PEM, and mismatched halves are refused") {
    const PrivateKey key = PrivateKey::generate();
    auto from_jwk = read_private_key(to_private_jwk(key).dump());
    REQUIRE(from_jwk);
    CHECK(from_jwk->public_key() == key.public_key());
    const std::string pem = write_private_key_pem(key);
    CHECK(pem.starts_with("-----BEGIN EC PRIVATE KEY-----"));
    auto from_pem = read_private_key(pem);
    REQUIRE(from_pem);
    CHECK(from_pem->public_key() == key.public_key());
    CHECK(write_public_key_pem(key.public_key()).starts_with("-----BEGIN PUBLIC KEY-----"));

    auto spliced = to_private_jwk(key);
    spliced["x"] = to_jwk(PrivateKey::generate().public_key())["x"];
    auto bad = read_private_key(spliced.dump());
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::bad_key);
    bad = read_private_key("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::bad_key);
    bad = read_private_key(R"({"kty":"EC","crv":"P-384","d":"AA"})");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::key_wrong_crv);
  }

  TEST_CASE("key sets: written keys read back; each rule has its code") {
    const PrivateKey a = PrivateKey::generate();
    const PrivateKey b = PrivateKey::generate();
    auto set = read_key_set(write_key_set({a.public_key(), b.public_key()}));
    REQUIRE(set);
    REQUIRE(set->keys.size() == 2);
    REQUIRE(set->find(thumbprint(b.public_key())) != nullptr);
    CHECK(set->find(thumbprint(b.public_key()))->key == b.public_key());
    CHECK(set->find("nope") == nullptr);

    auto jwk = to_jwk(a.public_key());
    auto expect = [&](const nlohmann::ordered_json& key, ShcErrc code) {
      auto result = read_key_set(nlohmann::ordered_json{{"keys", {to_jwk(b.public_key()), key}}}.dump());
      REQUIRE_FALSE(result);
      CHECK(result.error().code() == code);
      CHECK(result.error().message().starts_with("keys[1]: "));
    };
    auto changed = jwk;
    changed["kty"] = "RSA";
    expect(changed, ShcErrc::key_wrong_kty);
    changed = jwk;
    changed["crv"] = "P-384";
    expect(changed, ShcErrc::key_wrong_crv);
    changed = jwk;
    changed["alg"] = "ES256K";
    expect(changed, ShcErrc::key_wrong_alg);
    changed = jwk;
    changed["use"] = "enc";
    expect(changed, ShcErrc::key_wrong_use);
    changed = jwk;
    changed["kid"] = "ThisIsNotTheThumbprintOfTheKey";
    expect(changed, ShcErrc::key_wrong_kid);
    changed = to_private_jwk(a);
    expect(changed, ShcErrc::key_has_private_part);
    changed = jwk;
    changed["y"] = jwk["x"];  // not on the curve
    expect(changed, ShcErrc::bad_key);
    auto not_json = read_key_set("This is not a valid JSON Web Key Set!");
    REQUIRE_FALSE(not_json);
    CHECK(not_json.error().code() == ShcErrc::bad_json);
  }

  TEST_CASE("compact JWS: signed text parses back; malformed shapes are refused") {
    const PrivateKey key = PrivateKey::generate();
    const std::string jws = sign_compact_jws(card_header(key.public_key()), "payload", key);
    auto parsed = parse_compact_jws(jws);
    REQUIRE(parsed);
    CHECK(parsed->header["kid"] == thumbprint(key.public_key()));
    CHECK(parsed->payload == "payload");
    CHECK(verify_es256(key.public_key(), parsed->signing_input, parsed->signature));
    for (const char* bad : {"a.b", "a.b.c.d", "..", "e30.cGF5.", "bm90IGpzb24.cGF5.c2ln"}) {
      CAPTURE(bad);
      auto result = parse_compact_jws(bad);
      REQUIRE_FALSE(result);
      CHECK((result.error().code() == ShcErrc::malformed_jws || result.error().code() == ShcErrc::bad_header));
    }
    auto result = parse_compact_jws("e30.cGF5.c2l+");
    REQUIRE_FALSE(result);
    CHECK(result.error().code() == ShcErrc::bad_base64url);
  }

  TEST_CASE("QR version for a JWS length matches the ISO 18004 capacity tables") {
    CHECK(qr_version_for(500) == 13);
    CHECK(qr_version_for(804) == 18);
    CHECK(qr_version_for(804, QrEcc::medium) == 21);
    CHECK(qr_version_for(900) == 19);
    CHECK(qr_version_for(1000) == 20);
    CHECK(qr_version_for(1195) == 22);
    CHECK_FALSE(qr_version_for(1196));
    CHECK(qr_version_for(927, QrEcc::medium) == 22);
    CHECK_FALSE(qr_version_for(928, QrEcc::medium));
    CHECK(qr_version_for(670, QrEcc::quartile) == 22);
    CHECK(qr_version_for(519, QrEcc::high) == 22);
    CHECK_FALSE(qr_version_for(520, QrEcc::high));
  }
}
