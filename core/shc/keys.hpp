// ES256 keys for SMART Health Cards: P-256 key pairs through mbedTLS, JWK and PEM import and export, the RFC 7638
// thumbprint that SMART Health Cards use as kid, JWS ES256 signatures (raw 64-byte r||s) and key sets (JWKS).
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error/expected.hpp"
#include "secure/secret.hpp"

namespace kofu::shc {

using Bytes32 = std::array<std::uint8_t, 32>;
using Signature = std::array<std::uint8_t, 64>;  // JWS ES256: r || s, each 32 bytes big-endian

// A point on P-256, checked to be on the curve when it was read.
struct PublicKey {
  Bytes32 x{};
  Bytes32 y{};
  bool operator==(const PublicKey&) const = default;
};

// A P-256 private key. The scalar is wiped when the key goes away; copies are explicit.
class PrivateKey {
 public:
  PrivateKey(const PrivateKey&) = default;
  PrivateKey& operator=(const PrivateKey&) = default;
  ~PrivateKey();

  // A new key from the system's entropy source.
  static PrivateKey generate();
  // Checks d against the curve order and derives the public point.
  static Expected<PrivateKey> from_scalar(const Bytes32& d);

  const PublicKey& public_key() const noexcept { return public_; }
  const Bytes32& scalar() const noexcept { return d_; }

 private:
  PrivateKey(const Bytes32& d, const PublicKey& q) : d_(d), public_(q) {}
  Bytes32 d_{};
  PublicKey public_;
};

// Checks that (x, y) is a point of P-256 (an invalid-curve point must never reach ECDSA).
Expected<PublicKey> make_public_key(const Bytes32& x, const Bytes32& y);

// The RFC 7638 thumbprint: base64url(SHA-256({"crv":"P-256","kty":"EC","x":…,"y":…})), 43 characters.
std::string thumbprint(const PublicKey& key);

// ECDSA P-256 with SHA-256 over `message`, deterministic (RFC 6979): the same key and message give the same
// signature, which makes issuing reproducible.
Signature sign_es256(const PrivateKey& key, std::string_view message);

// Verifies a JWS ES256 signature. A DER-encoded signature, the classic issuer mistake, has its own error code.
Expected<void> verify_es256(const PublicKey& key, std::string_view message, std::string_view signature);

// One key of a key set as SMART Health Cards publish it: kty EC, crv P-256, alg ES256, use sig, kid = thumbprint.
struct Jwk {
  std::string kid;
  PublicKey key;
  std::optional<int> crl_version;
  std::vector<std::string> x5c;  // standard base64 DER certificates, leaf first (kept, not checked here)
};

// The public JWK of a key: {"kty","kid","use","alg","crv","x","y"}.
nlohmann::ordered_json to_jwk(const PublicKey& key);
// The private JWK (adds "d"). Handle the text as a secret.
nlohmann::ordered_json to_private_jwk(const PrivateKey& key);

// Reads one public key of an issuer's key set and checks every SMART Health Cards rule, each with its own code:
// kty, crv, alg, use, kid = thumbprint, no private part, the point on the curve.
Expected<Jwk> read_public_jwk(const nlohmann::json& jwk);

// The keys of an issuer: {"keys":[…]} or a single JWK. Each key must pass read_public_jwk; an error names the key.
struct KeySet {
  std::vector<Jwk> keys;
  const Jwk* find(std::string_view kid) const;
};
Expected<KeySet> read_key_set(std::string_view json_text);
std::string write_key_set(const std::vector<PublicKey>& keys);

// A private key from a private JWK (d, x, y on P-256; kid checked when present) or PEM (SEC 1 "EC PRIVATE KEY" or
// PKCS #8 "PRIVATE KEY"), whichever the text is.
Expected<PrivateKey> read_private_key(std::string_view text);
// Strings that held key material (a key file's text, a PEM) are wiped with kofu::wipe (secure/secret.hpp).

// SEC 1 PEM ("-----BEGIN EC PRIVATE KEY-----"). Wipe the text when done with it.
std::string write_private_key_pem(const PrivateKey& key);
// SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----").
std::string write_public_key_pem(const PublicKey& key);

}  // namespace kofu::shc
