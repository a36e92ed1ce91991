#include "shc/keys.hpp"

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>

#include <cstring>
#include <stdexcept>

#include "json/json_access.hpp"
#include "shc/base64url.hpp"
#include "shc/errors.hpp"
#include "shc/mbedtls_handle.hpp"

namespace kofu::shc {
namespace {

using Mpi = MbedtlsHandle<mbedtls_mpi, mbedtls_mpi_init, mbedtls_mpi_free>;
using Point = MbedtlsHandle<mbedtls_ecp_point, mbedtls_ecp_point_init, mbedtls_ecp_point_free>;
using Pk = MbedtlsHandle<mbedtls_pk_context, mbedtls_pk_init, mbedtls_pk_free>;

struct P256 : MbedtlsHandle<mbedtls_ecp_group, mbedtls_ecp_group_init, mbedtls_ecp_group_free> {
  P256() { mbedtls_ecp_group_load(&v, MBEDTLS_ECP_DP_SECP256R1); }
};

// A CTR_DRBG per thread, seeded once from the system's entropy. ECDSA here is deterministic (RFC 6979); the
// generator serves key generation and the blinding of the scalar multiplications.
class Random {
 public:
  Random() {
    mbedtls_entropy_init(&entropy_);
    mbedtls_ctr_drbg_init(&drbg_);
    static constexpr char kPersonalisation[] = "kofu.shc";
    if (mbedtls_ctr_drbg_seed(&drbg_, mbedtls_entropy_func, &entropy_,
                              reinterpret_cast<const unsigned char*>(kPersonalisation),
                              sizeof kPersonalisation - 1) != 0) {
      throw std::runtime_error("kofu.shc: the system's entropy source failed");
    }
  }
  ~Random() {
    mbedtls_ctr_drbg_free(&drbg_);
    mbedtls_entropy_free(&entropy_);
  }
  Random(const Random&) = delete;
  Random& operator=(const Random&) = delete;

  static int generate(void* self, unsigned char* out, std::size_t length) {
    return mbedtls_ctr_drbg_random(&static_cast<Random*>(self)->drbg_, out, length);
  }

 private:
  mbedtls_entropy_context entropy_;
  mbedtls_ctr_drbg_context drbg_;
};

Random& thread_random() {
  thread_local Random random;
  return random;
}

using Sha256 = std::array<std::uint8_t, 32>;

Sha256 sha256(std::string_view data) {
  Sha256 digest{};
  mbedtls_sha256_ret(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data(), 0);
  return digest;
}

Bytes32 write_mpi(const mbedtls_mpi& value) {
  Bytes32 out{};
  mbedtls_mpi_write_binary(&value, out.data(), out.size());
  return out;
}

PublicKey write_point(const mbedtls_ecp_point& q) {
  PublicKey key;
  write_mpi(q.X).swap(key.x);
  write_mpi(q.Y).swap(key.y);
  return key;
}

int read_point(const P256& group, const PublicKey& key, Point& q) {
  std::array<unsigned char, 65> uncompressed{};
  uncompressed[0] = 0x04;
  std::memcpy(uncompressed.data() + 1, key.x.data(), 32);
  std::memcpy(uncompressed.data() + 33, key.y.data(), 32);
  const int rc = mbedtls_ecp_point_read_binary(&group.v, &q.v, uncompressed.data(), uncompressed.size());
  return rc != 0 ? rc : mbedtls_ecp_check_pubkey(&group.v, &q.v);
}

Error fail(ShcErrc code, std::string message) {
  return Error(code, std::move(message));
}

std::string as_chars(const Bytes32& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// A 32-byte coordinate or scalar from a JWK member.
Expected<Bytes32> read_bytes32(const nlohmann::json& jwk, const char* member) {
  const auto it = jwk.find(member);
  if (it == jwk.end() || !it->is_string()) {
    return unexpected(fail(ShcErrc::bad_key, std::string("the key has no \"") + member + "\""));
  }
  auto decoded = base64url_decode(it->get_ref<const std::string&>());
  if (!decoded) {
    return unexpected(fail(ShcErrc::bad_key, std::string("the key's \"") + member + "\" is not base64url"));
  }
  std::string& bytes = decoded.value();  // may be the private scalar: wiped on every path
  const bool right_size = bytes.size() == 32;
  Bytes32 out{};
  if (right_size) std::memcpy(out.data(), bytes.data(), out.size());
  mbedtls_platform_zeroize(bytes.data(), bytes.size());
  if (!right_size) {
    return unexpected(fail(ShcErrc::bad_key, std::string("the key's \"") + member + "\" is not 32 bytes"));
  }
  return out;
}

// A member that must have one value when present ("alg" and "use" are optional in a JWK).
Expected<void> check_member(const nlohmann::json& jwk, const char* member, std::string_view expected, ShcErrc code,
                            bool required) {
  const auto it = jwk.find(member);
  if (it == jwk.end()) {
    if (!required) return {};
    return unexpected(
        fail(code, std::string("the key has no \"") + member + "\" (expected \"" + std::string(expected) + "\")"));
  }
  if (!it->is_string() || it->get_ref<const std::string&>() != expected) {
    return unexpected(fail(code, std::string("the key's \"") + member + "\" is " + it->dump() + ", not \"" +
                                     std::string(expected) + "\""));
  }
  return {};
}

}  // namespace

PrivateKey::~PrivateKey() {
  mbedtls_platform_zeroize(d_.data(), d_.size());
}

PrivateKey PrivateKey::generate() {
  P256 group;
  Mpi d;
  Point q;
  if (mbedtls_ecp_gen_keypair(&group.v, &d.v, &q.v, Random::generate, &thread_random()) != 0) {
    throw std::runtime_error("kofu.shc: P-256 key generation failed");
  }
  PrivateKey key(write_mpi(d.v), write_point(q.v));
  return key;
}

Expected<PrivateKey> PrivateKey::from_scalar(const Bytes32& scalar) {
  P256 group;
  Mpi d;
  Point q;
  mbedtls_mpi_read_binary(&d.v, scalar.data(), scalar.size());
  if (mbedtls_ecp_check_privkey(&group.v, &d.v) != 0) {
    return unexpected(fail(ShcErrc::bad_key, "the private scalar is not a valid P-256 key"));
  }
  if (mbedtls_ecp_mul(&group.v, &q.v, &d.v, &group.v.G, Random::generate, &thread_random()) != 0) {
    return unexpected(fail(ShcErrc::bad_key, "cannot derive the public key"));
  }
  return PrivateKey(scalar, write_point(q.v));
}

Expected<PublicKey> make_public_key(const Bytes32& x, const Bytes32& y) {
  P256 group;
  Point q;
  const PublicKey key{x, y};
  if (read_point(group, key, q) != 0) return unexpected(fail(ShcErrc::bad_key, "the key is not a point of P-256"));
  return key;
}

std::string thumbprint(const PublicKey& key) {
  // RFC 7638 §3.2: the required members only, in lexicographic order, no whitespace.
  const std::string canonical = R"({"crv":"P-256","kty":"EC","x":")" + base64url_encode(as_chars(key.x)) +
                                R"(","y":")" + base64url_encode(as_chars(key.y)) + R"("})";
  const Sha256 digest = sha256(canonical);
  return base64url_encode({reinterpret_cast<const char*>(digest.data()), digest.size()});
}

Signature sign_es256(const PrivateKey& key, std::string_view message) {
  P256 group;
  Mpi d;
  Mpi r;
  Mpi s;
  const Sha256 digest = sha256(message);
  mbedtls_mpi_read_binary(&d.v, key.scalar().data(), key.scalar().size());
  if (mbedtls_ecdsa_sign_det_ext(&group.v, &r.v, &s.v, &d.v, digest.data(), digest.size(), MBEDTLS_MD_SHA256,
                                 Random::generate, &thread_random()) != 0) {
    throw std::runtime_error("kofu.shc: ECDSA signing failed");
  }
  Signature signature{};
  mbedtls_mpi_write_binary(&r.v, signature.data(), 32);
  mbedtls_mpi_write_binary(&s.v, signature.data() + 32, 32);
  return signature;
}

Expected<void> verify_es256(const PublicKey& key, std::string_view message, std::string_view signature) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(signature.data());
  if (signature.size() != 64) {
    // DER: SEQUENCE { INTEGER r, INTEGER s }, 70 to 72 bytes for P-256.
    if (signature.size() > 64 && bytes[0] == 0x30 && bytes[2] == 0x02) {
      return unexpected(fail(ShcErrc::der_signature,
                             "the signature is ASN.1 DER (" + std::to_string(signature.size()) +
                                 " bytes) instead of the raw 64-byte r||s that JWS ES256 requires (RFC 7518 §3.4)"));
    }
    return unexpected(fail(ShcErrc::bad_signature_length,
                           "the signature has " + std::to_string(signature.size()) + " bytes; JWS ES256 needs 64"));
  }
  P256 group;
  Point q;
  Mpi r;
  Mpi s;
  if (read_point(group, key, q) != 0) return unexpected(fail(ShcErrc::bad_key, "the key is not a point of P-256"));
  mbedtls_mpi_read_binary(&r.v, bytes, 32);
  mbedtls_mpi_read_binary(&s.v, bytes + 32, 32);
  const Sha256 digest = sha256(message);
  if (mbedtls_ecdsa_verify(&group.v, digest.data(), digest.size(), &q.v, &r.v, &s.v) != 0) {
    return unexpected(fail(ShcErrc::bad_signature, "the signature does not verify with the issuer's key"));
  }
  return {};
}

nlohmann::ordered_json to_jwk(const PublicKey& key) {
  return {{"kty", "EC"},
          {"kid", thumbprint(key)},
          {"use", "sig"},
          {"alg", "ES256"},
          {"crv", "P-256"},
          {"x", base64url_encode(as_chars(key.x))},
          {"y", base64url_encode(as_chars(key.y))}};
}

nlohmann::ordered_json to_private_jwk(const PrivateKey& key) {
  nlohmann::ordered_json jwk = to_jwk(key.public_key());
  jwk["d"] = base64url_encode(as_chars(key.scalar()));
  return jwk;
}

Expected<Jwk> read_public_jwk(const nlohmann::json& jwk) {
  if (!jwk.is_object()) return unexpected(fail(ShcErrc::bad_key, "the key is not a JSON object"));
  if (auto ok = check_member(jwk, "kty", "EC", ShcErrc::key_wrong_kty, true); !ok) return unexpected(ok.error());
  if (auto ok = check_member(jwk, "crv", "P-256", ShcErrc::key_wrong_crv, true); !ok) return unexpected(ok.error());
  if (auto ok = check_member(jwk, "alg", "ES256", ShcErrc::key_wrong_alg, true); !ok) return unexpected(ok.error());
  if (auto ok = check_member(jwk, "use", "sig", ShcErrc::key_wrong_use, true); !ok) return unexpected(ok.error());
  if (jwk.contains("d")) {
    return unexpected(fail(ShcErrc::key_has_private_part,
                           "the key carries its private part \"d\": a published key set must never hold it"));
  }
  auto x = read_bytes32(jwk, "x");
  if (!x) return unexpected(x.error());
  auto y = read_bytes32(jwk, "y");
  if (!y) return unexpected(y.error());
  auto key = make_public_key(*x, *y);
  if (!key) return unexpected(key.error());
  Jwk out;
  out.key = *key;
  const auto kid = jwk.find("kid");
  if (kid == jwk.end() || !kid->is_string()) return unexpected(fail(ShcErrc::key_wrong_kid, "the key has no \"kid\""));
  out.kid = kid->get<std::string>();
  if (const std::string expected = thumbprint(out.key); out.kid != expected) {
    return unexpected(fail(ShcErrc::key_wrong_kid,
                           "kid \"" + out.kid + "\" is not the key's RFC 7638 thumbprint \"" + expected + "\""));
  }
  if (const auto crl = jwk.find("crlVersion"); crl != jwk.end()) {
    const auto version = integer_member(jwk, "crlVersion", 1, 1'000'000);
    if (!version) return unexpected(fail(ShcErrc::bad_key, "crlVersion must be an integer from 1 to 1000000"));
    out.crl_version = static_cast<int>(*version);
  }
  if (const auto chain = jwk.find("x5c"); chain != jwk.end()) {
    if (!chain->is_array()) return unexpected(fail(ShcErrc::bad_key, "x5c must be an array of base64 certificates"));
    for (const auto& cert : *chain) {
      if (!cert.is_string()) return unexpected(fail(ShcErrc::bad_key, "x5c must be an array of base64 certificates"));
      out.x5c.push_back(cert.get<std::string>());
    }
  }
  return out;
}

const Jwk* KeySet::find(std::string_view kid) const {
  for (const Jwk& jwk : keys) {
    if (jwk.kid == kid) return &jwk;
  }
  return nullptr;
}

Expected<KeySet> read_key_set(std::string_view json_text) {
  const auto doc = parse_json<nlohmann::json>(json_text);
  if (doc.is_discarded()) return unexpected(fail(ShcErrc::bad_json, "the key set is not JSON"));
  KeySet set;
  if (!doc.is_object()) return unexpected(fail(ShcErrc::bad_key, "the key set is not a JSON object"));
  if (!doc.contains("keys")) {  // a single JWK
    auto jwk = read_public_jwk(doc);
    if (!jwk) return unexpected(jwk.error());
    set.keys.push_back(std::move(*jwk));
    return set;
  }
  const nlohmann::json& keys = doc["keys"];
  if (!keys.is_array()) return unexpected(fail(ShcErrc::bad_key, "\"keys\" is not an array"));
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto jwk = read_public_jwk(keys[i]);
    if (!jwk) {
      return unexpected(Error(jwk.error().code(), "keys[" + std::to_string(i) + "]: " + jwk.error().message()));
    }
    set.keys.push_back(std::move(*jwk));
  }
  return set;
}

std::string write_key_set(const std::vector<PublicKey>& keys) {
  nlohmann::ordered_json doc;
  doc["keys"] = nlohmann::ordered_json::array();
  for (const PublicKey& key : keys) doc["keys"].push_back(to_jwk(key));
  return doc.dump(2) + "\n";
}

namespace {

Expected<PrivateKey> read_private_jwk(const nlohmann::json& jwk) {
  if (auto ok = check_member(jwk, "kty", "EC", ShcErrc::key_wrong_kty, true); !ok) return unexpected(ok.error());
  if (auto ok = check_member(jwk, "crv", "P-256", ShcErrc::key_wrong_crv, true); !ok) return unexpected(ok.error());
  if (auto ok = check_member(jwk, "alg", "ES256", ShcErrc::key_wrong_alg, false); !ok) return unexpected(ok.error());
  if (auto ok = check_member(jwk, "use", "sig", ShcErrc::key_wrong_use, false); !ok) return unexpected(ok.error());
  auto d = read_bytes32(jwk, "d");
  if (!d) return unexpected(d.error());
  auto key = PrivateKey::from_scalar(*d);
  mbedtls_platform_zeroize(d->data(), d->size());
  if (!key) return unexpected(key.error());
  // x and y, when given, must be the public half of d: a mismatch means a corrupted or spliced key file.
  if (jwk.contains("x") || jwk.contains("y")) {
    auto x = read_bytes32(jwk, "x");
    auto y = read_bytes32(jwk, "y");
    if (!x || !y || *x != key->public_key().x || *y != key->public_key().y) {
      return unexpected(fail(ShcErrc::bad_key, "the key's x and y are not the public half of its d"));
    }
  }
  if (const auto kid = jwk.find("kid"); kid != jwk.end()) {
    if (!kid->is_string() || kid->get_ref<const std::string&>() != thumbprint(key->public_key())) {
      return unexpected(fail(ShcErrc::key_wrong_kid, "the key's kid is not its RFC 7638 thumbprint"));
    }
  }
  return key;
}

Expected<PrivateKey> read_private_pem(std::string_view text) {
  Pk pk;
  std::string buffer(text);  // mbedTLS wants PEM NUL-terminated, the terminator counted in the length
  const int rc = mbedtls_pk_parse_key(&pk.v, reinterpret_cast<const unsigned char*>(buffer.c_str()), buffer.size() + 1,
                                      nullptr, 0);
  mbedtls_platform_zeroize(buffer.data(), buffer.size());
  if (rc != 0) return unexpected(fail(ShcErrc::bad_key, "the text is neither a private JWK nor a PEM private key"));
  if (mbedtls_pk_get_type(&pk.v) != MBEDTLS_PK_ECKEY) {
    return unexpected(fail(ShcErrc::key_wrong_kty, "the PEM key is not an elliptic-curve key"));
  }
  const mbedtls_ecp_keypair* pair = mbedtls_pk_ec(pk.v);
  if (pair->grp.id != MBEDTLS_ECP_DP_SECP256R1) {
    return unexpected(fail(ShcErrc::key_wrong_crv, "the PEM key is not on P-256"));
  }
  Bytes32 d = write_mpi(pair->d);
  auto key = PrivateKey::from_scalar(d);
  mbedtls_platform_zeroize(d.data(), d.size());
  return key;
}

// Puts a key into a mbedTLS pk context for the PEM writers.
void load_pk(Pk& pk, const PublicKey& q, const Bytes32* d) {
  mbedtls_pk_setup(&pk.v, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY));
  mbedtls_ecp_keypair* pair = mbedtls_pk_ec(pk.v);
  mbedtls_ecp_group_load(&pair->grp, MBEDTLS_ECP_DP_SECP256R1);
  mbedtls_mpi_read_binary(&pair->Q.X, q.x.data(), q.x.size());
  mbedtls_mpi_read_binary(&pair->Q.Y, q.y.data(), q.y.size());
  mbedtls_mpi_lset(&pair->Q.Z, 1);
  if (d != nullptr) mbedtls_mpi_read_binary(&pair->d, d->data(), d->size());
}

std::string pem_from(std::array<unsigned char, 1024>& buffer) {
  std::string pem(reinterpret_cast<const char*>(buffer.data()));
  mbedtls_platform_zeroize(buffer.data(), buffer.size());
  return pem;
}

}  // namespace

Expected<PrivateKey> read_private_key(std::string_view text) {
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos && text[start] == '{') {
    const auto jwk = parse_json<nlohmann::json>(text);
    if (jwk.is_discarded() || !jwk.is_object()) return unexpected(fail(ShcErrc::bad_key, "the key file is not JSON"));
    // A key set with one signing key is accepted too: that is what the specification's example issuer ships.
    if (jwk.contains("keys") && jwk["keys"].is_array()) {
      for (const auto& candidate : jwk["keys"]) {
        if (candidate.is_object() && candidate.contains("d") &&
            (!candidate.contains("use") || member_is(candidate, "use", "sig"))) {
          return read_private_jwk(candidate);
        }
      }
      return unexpected(fail(ShcErrc::bad_key, "the key set has no private signing key"));
    }
    return read_private_jwk(jwk);
  }
  return read_private_pem(text);
}

std::string write_private_key_pem(const PrivateKey& key) {
  Pk pk;
  load_pk(pk, key.public_key(), &key.scalar());
  std::array<unsigned char, 1024> buffer{};
  mbedtls_pk_write_key_pem(&pk.v, buffer.data(), buffer.size());
  return pem_from(buffer);
}

std::string write_public_key_pem(const PublicKey& key) {
  Pk pk;
  load_pk(pk, key, nullptr);
  std::array<unsigned char, 1024> buffer{};
  mbedtls_pk_write_pubkey_pem(&pk.v, buffer.data(), buffer.size());
  return pem_from(buffer);
}

}  // namespace kofu::shc
