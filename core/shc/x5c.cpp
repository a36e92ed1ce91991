#include "shc/x5c.hpp"

#include <mbedtls/asn1.h>
#include <mbedtls/base64.h>
#include <mbedtls/ecp.h>
#include <mbedtls/oid.h>
#include <mbedtls/x509_crt.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "pki/chain.hpp"
#include "shc/errors.hpp"
#include "shc/mbedtls_handle.hpp"

namespace kofu::shc {
namespace {

using Chain = MbedtlsHandle<mbedtls_x509_crt, mbedtls_x509_crt_init, mbedtls_x509_crt_free>;

Error bad(std::string message) {
  return Error(ShcErrc::key_bad_x5c, "x5c: " + std::move(message));
}

// The URIs of a certificate's subjectAltName. mbedTLS 2.28 keeps only dNSName and otherName entries, so the
// extension is read from the raw v3 extensions here.
std::vector<std::string> san_uris(const mbedtls_x509_crt& crt) {
  std::vector<std::string> uris;
  unsigned char* p = crt.v3_ext.p;
  unsigned char* const end = crt.v3_ext.p + crt.v3_ext.len;
  std::size_t length = 0;
  // [3] EXPLICIT { SEQUENCE OF Extension } — v3_ext may start at either of the two.
  if (p != nullptr && p < end && *p == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 3)) {
    if (mbedtls_asn1_get_tag(&p, end, &length, MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 3) != 0) {
      return uris;
    }
  }
  if (p == nullptr || mbedtls_asn1_get_tag(&p, end, &length, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0) {
    return uris;
  }
  unsigned char* const extensions_end = p + length;
  while (p < extensions_end) {
    if (mbedtls_asn1_get_tag(&p, extensions_end, &length, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0) break;
    unsigned char* const extension_end = p + length;
    unsigned char* q = p;
    p = extension_end;
    std::size_t oid_length = 0;
    if (mbedtls_asn1_get_tag(&q, extension_end, &oid_length, MBEDTLS_ASN1_OID) != 0) continue;
    const bool is_san = oid_length == MBEDTLS_OID_SIZE(MBEDTLS_OID_SUBJECT_ALT_NAME) &&
                        std::memcmp(q, MBEDTLS_OID_SUBJECT_ALT_NAME, oid_length) == 0;
    q += oid_length;
    if (!is_san) continue;
    int critical = 0;
    (void)mbedtls_asn1_get_bool(&q, extension_end, &critical);  // optional
    std::size_t value_length = 0;
    if (mbedtls_asn1_get_tag(&q, extension_end, &value_length, MBEDTLS_ASN1_OCTET_STRING) != 0) break;
    unsigned char* const value_end = q + value_length;
    std::size_t names_length = 0;
    if (mbedtls_asn1_get_tag(&q, value_end, &names_length, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0) {
      break;
    }
    while (q < value_end) {
      const unsigned char tag = *q++;
      std::size_t name_length = 0;
      if (mbedtls_asn1_get_len(&q, value_end, &name_length) != 0) break;
      if (tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 6)) uris.emplace_back(reinterpret_cast<const char*>(q), name_length);
      q += name_length;
    }
  }
  return uris;
}

bool before(const mbedtls_x509_time& a, const std::tm& b) {
  const int fields_a[] = {a.year, a.mon, a.day, a.hour, a.min, a.sec};
  const int fields_b[] = {b.tm_year + 1900, b.tm_mon + 1, b.tm_mday, b.tm_hour, b.tm_min, b.tm_sec};
  for (int i = 0; i < 6; ++i) {
    if (fields_a[i] != fields_b[i]) return fields_a[i] < fields_b[i];
  }
  return false;
}

std::string date_of(const mbedtls_x509_time& t) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", t.year, t.mon, t.day);
  return text;
}

}  // namespace

Expected<void> check_x5c(const Jwk& key, std::string_view iss, std::int64_t now) {
  if (key.x5c.empty()) return {};
  Chain chain;  // leaf first
  Chain root;
  for (std::size_t i = 0; i < key.x5c.size(); ++i) {
    const std::string& text = key.x5c[i];
    std::vector<unsigned char> der(text.size());
    std::size_t length = 0;
    if (mbedtls_base64_decode(der.data(), der.size(), &length, reinterpret_cast<const unsigned char*>(text.data()),
                              text.size()) != 0) {
      return unexpected(bad("certificate " + std::to_string(i) + " is not standard base64"));
    }
    Chain& target = i + 1 == key.x5c.size() && key.x5c.size() > 1 ? root : chain;
    if (mbedtls_x509_crt_parse_der(&target.v, der.data(), length) != 0) {
      return unexpected(bad("certificate " + std::to_string(i) + " is not a DER X.509 certificate"));
    }
  }
  const mbedtls_x509_crt& leaf = chain.v;
  if (mbedtls_pk_get_type(&leaf.pk) != MBEDTLS_PK_ECKEY) return unexpected(bad("the leaf's key is not an EC key"));
  const mbedtls_ecp_keypair* pair = mbedtls_pk_ec(leaf.pk);
  Bytes32 x{};
  Bytes32 y{};
  if (pair->grp.id != MBEDTLS_ECP_DP_SECP256R1 || mbedtls_mpi_write_binary(&pair->Q.X, x.data(), x.size()) != 0 ||
      mbedtls_mpi_write_binary(&pair->Q.Y, y.data(), y.size()) != 0 || x != key.key.x || y != key.key.y) {
    return unexpected(bad("the leaf certificate's public key is not the JWK's key"));
  }
  const std::vector<std::string> uris = san_uris(leaf);
  if (uris.empty()) return unexpected(bad("the leaf certificate has no subjectAltName URI (the issuer's URL)"));
  bool found = false;
  for (const std::string& uri : uris) found = found || uri == iss;
  if (!found) {
    return unexpected(bad("the leaf certificate's subjectAltName URI \"" + uris.front() + "\" is not the issuer \"" +
                          std::string(iss) + "\""));
  }
  // Validity at `now`, for every certificate (mbedTLS would use the system clock).
  const auto seconds = static_cast<std::time_t>(now);
  std::tm at{};
  gmtime_r(&seconds, &at);
  std::size_t index = 0;
  for (const mbedtls_x509_crt* c : {&chain.v, &root.v}) {
    for (; c != nullptr && c->raw.p != nullptr; c = c->next, ++index) {
      if (before(c->valid_to, at)) {
        return unexpected(bad("certificate " + std::to_string(index) + " expired on " + date_of(c->valid_to)));
      }
      if (!before(c->valid_from, at)) {
        return unexpected(
            bad("certificate " + std::to_string(index) + " is valid only from " + date_of(c->valid_from)));
      }
    }
  }
  if (key.x5c.size() > 1) {
    std::uint32_t flags = 0;
    mbedtls_x509_crt_verify(&chain.v, &root.v, nullptr, nullptr, &flags, nullptr, nullptr);
    flags &= ~static_cast<std::uint32_t>(MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE |
                                         MBEDTLS_X509_BADCRL_EXPIRED | MBEDTLS_X509_BADCRL_FUTURE);
    if (flags != 0)
      return unexpected(bad("the chain does not verify to its root: " + pki::describe_verify_flags(flags)));
  }
  return {};
}

}  // namespace kofu::shc
