#include "pki/certificate.hpp"

#include <arpa/inet.h>
#include <mbedtls/asn1.h>
#include <mbedtls/ecp.h>
#include <mbedtls/error.h>
#include <mbedtls/oid.h>
#include <mbedtls/pem.h>
#include <mbedtls/x509_crt.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "pki/errors.hpp"
#include "pki/hpki_role.hpp"
#include "shc/mbedtls_handle.hpp"
#include "text/shift_jis.hpp"

namespace kofu::pki {
namespace {

constexpr std::string_view kPemBegin = "-----BEGIN CERTIFICATE-----";
constexpr std::string_view kPemEnd = "-----END CERTIFICATE-----";

std::string mbedtls_reason(int rc) {
  char text[160];
  mbedtls_strerror(rc, text, sizeof text);
  return text;
}

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0x0F];
  }
  return out;
}

// One DER element at a time over [p, end); each take() returns the contents of the element it consumed.
struct DerReader {
  unsigned char* p = nullptr;
  const unsigned char* end = nullptr;

  bool empty() const noexcept { return p == nullptr || p >= end; }
  std::optional<DerReader> take(int tag) {
    std::size_t length = 0;
    if (empty() || mbedtls_asn1_get_tag(&p, end, &length, tag) != 0) return std::nullopt;
    DerReader contents{p, p + length};
    p += length;
    return contents;
  }
  // The next element, whatever its tag; its tag goes to `tag`.
  std::optional<DerReader> take_any(int& tag) {
    if (empty()) return std::nullopt;
    tag = *p;
    return take(tag);
  }
  std::string_view bytes() const noexcept {
    return empty() ? std::string_view()
                   : std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(end - p));
  }
};

constexpr int kConstructed = MBEDTLS_ASN1_CONSTRUCTED;
constexpr int kSequence = MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE;
constexpr int kSet = MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SET;
constexpr int kExplicit0 = MBEDTLS_ASN1_CONTEXT_SPECIFIC | kConstructed | 0;
constexpr int kExplicit2 = MBEDTLS_ASN1_CONTEXT_SPECIFIC | kConstructed | 2;

// The extnValue contents of the extension `oid`, when the certificate has it. mbedTLS 2.28 keeps no unknown
// extension, so they are read from the raw v3 extensions.
std::optional<DerReader> find_extension(const mbedtls_x509_crt& crt, std::string_view oid) {
  DerReader v3{crt.v3_ext.p, crt.v3_ext.p + crt.v3_ext.len};
  if (!v3.empty() && *v3.p == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | kConstructed | 3)) {  // v3_ext may start at [3]
    auto inner = v3.take(MBEDTLS_ASN1_CONTEXT_SPECIFIC | kConstructed | 3);
    if (!inner) return std::nullopt;
    v3 = *inner;
  }
  auto extensions = v3.take(kSequence);
  while (extensions && !extensions->empty()) {
    auto extension = extensions->take(kSequence);
    if (!extension) return std::nullopt;
    auto id = extension->take(MBEDTLS_ASN1_OID);
    if (!id || id->bytes() != oid) continue;
    if (!extension->empty() && *extension->p == MBEDTLS_ASN1_BOOLEAN) extension->take(MBEDTLS_ASN1_BOOLEAN);
    return extension->take(MBEDTLS_ASN1_OCTET_STRING);
  }
  return std::nullopt;
}

bool is_string_tag(int tag) {
  return tag == MBEDTLS_ASN1_UTF8_STRING || tag == MBEDTLS_ASN1_PRINTABLE_STRING || tag == MBEDTLS_ASN1_IA5_STRING ||
         tag == MBEDTLS_ASN1_T61_STRING;
}

// RFC 4514 §2.4: the specials escaped, control characters as \XX, or the whole value as #hex of its BER encoding.
std::string attribute_value(const mbedtls_x509_buf& value) {
  const std::string_view text(reinterpret_cast<const char*>(value.p), value.len);
  if (!is_string_tag(value.tag) || text::find_invalid_utf8(text) != std::string_view::npos) {
    std::string ber{static_cast<char>(value.tag)};
    if (value.len < 0x80) {
      ber += static_cast<char>(value.len);
    } else {
      std::string length;
      for (std::size_t n = value.len; n > 0; n >>= 8) length.insert(length.begin(), static_cast<char>(n & 0xFF));
      ber += static_cast<char>(0x80 | length.size());
      ber += length;
    }
    ber += text;
    return "#" + hex(reinterpret_cast<const unsigned char*>(ber.data()), ber.size());
  }
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool edge_space = c == ' ' && (i == 0 || i + 1 == text.size());
    if (c < 0x20 || c == 0x7F) {
      out += "\\" + hex(&c, 1);
    } else if (std::strchr("\"+,;<>\\", c) != nullptr || edge_space || (c == '#' && i == 0)) {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string attribute_type(const mbedtls_x509_buf& oid) {
  const char* short_name = nullptr;
  if (mbedtls_oid_get_attr_short_name(&oid, &short_name) == 0) return short_name;
  char dotted[64];
  const int written = mbedtls_oid_get_numeric_string(dotted, sizeof dotted, &oid);
  return written > 0 ? std::string(dotted) : "#" + hex(oid.p, oid.len);
}

// RFC 4514 puts the last RDN first; attributes of one multi-valued RDN are joined by '+'.
std::string format_name(const mbedtls_x509_name& first) {
  std::vector<std::string> rdns;
  bool merge = false;
  for (const mbedtls_x509_name* name = &first; name != nullptr; name = name->next) {
    if (name->oid.p == nullptr) continue;  // an empty name
    std::string attribute = attribute_type(name->oid) + "=" + attribute_value(name->val);
    if (merge && !rdns.empty()) {
      rdns.back() += "+" + attribute;
    } else {
      rdns.push_back(std::move(attribute));
    }
    merge = name->next_merged != 0;
  }
  std::string out;
  for (auto it = rdns.rbegin(); it != rdns.rend(); ++it) {
    if (!out.empty()) out += ", ";
    out += *it;
  }
  return out;
}

UtcTime from_x509(const mbedtls_x509_time& t) {
  return {t.year, t.mon, t.day, t.hour, t.min, t.sec};
}

// The DER of each PEM certificate block, in order.
Expected<std::vector<std::string>> read_pem_blocks(std::string_view text) {
  std::vector<std::string> blocks;
  const std::string buffer(text);  // mbedTLS reads PEM as a C string
  std::size_t offset = 0;
  while (true) {
    const std::size_t begin = buffer.find(kPemBegin, offset);
    if (begin == std::string::npos) break;
    shc::MbedtlsHandle<mbedtls_pem_context, mbedtls_pem_init, mbedtls_pem_free> pem;
    std::size_t used = 0;
    const int rc =
        mbedtls_pem_read_buffer(&pem.v, kPemBegin.data(), kPemEnd.data(),
                                reinterpret_cast<const unsigned char*>(buffer.c_str() + begin), nullptr, 0, &used);
    if (rc != 0) {
      return unexpected(Error(PkiErrc::malformed, "PEM certificate block " + std::to_string(blocks.size() + 1) +
                                                      " cannot be read: " + mbedtls_reason(rc)));
    }
    blocks.emplace_back(reinterpret_cast<const char*>(pem.v.buf), pem.v.buflen);
    offset = begin + used;
  }
  return blocks;
}

}  // namespace

std::string describe_key_usage(std::uint32_t bits) {
  static constexpr std::pair<std::uint32_t, const char*> kNames[] = {
      {MBEDTLS_X509_KU_DIGITAL_SIGNATURE, "digitalSignature"},
      {MBEDTLS_X509_KU_NON_REPUDIATION, "nonRepudiation"},
      {MBEDTLS_X509_KU_KEY_ENCIPHERMENT, "keyEncipherment"},
      {MBEDTLS_X509_KU_DATA_ENCIPHERMENT, "dataEncipherment"},
      {MBEDTLS_X509_KU_KEY_AGREEMENT, "keyAgreement"},
      {MBEDTLS_X509_KU_KEY_CERT_SIGN, "keyCertSign"},
      {MBEDTLS_X509_KU_CRL_SIGN, "cRLSign"},
      {MBEDTLS_X509_KU_ENCIPHER_ONLY, "encipherOnly"},
      {MBEDTLS_X509_KU_DECIPHER_ONLY, "decipherOnly"}};
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if ((bits & bit) == 0) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

void Certificate::Free::operator()(mbedtls_x509_crt* crt) const noexcept {
  mbedtls_x509_crt_free(crt);
  delete crt;
}

Expected<Certificate> Certificate::parse_der(std::string_view der, const std::string& where) {
  Handle crt(new mbedtls_x509_crt);
  mbedtls_x509_crt_init(crt.get());
  const int rc = mbedtls_x509_crt_parse_der(crt.get(), reinterpret_cast<const unsigned char*>(der.data()), der.size());
  if (rc != 0) {
    return unexpected(Error(PkiErrc::malformed, where + " is not an X.509 certificate: " + mbedtls_reason(rc)));
  }
  if (crt->raw.len != der.size()) {
    return unexpected(Error(PkiErrc::malformed, where + " has " + std::to_string(der.size() - crt->raw.len) +
                                                    " bytes after the certificate"));
  }
  return Certificate(std::move(crt));
}

Expected<std::vector<Certificate>> Certificate::parse_all(std::string_view der_or_pem) {
  std::vector<Certificate> certificates;
  if (der_or_pem.find(kPemBegin) == std::string_view::npos) {
    if (der_or_pem.empty() || static_cast<unsigned char>(der_or_pem[0]) != kSequence) {
      return unexpected(Error(PkiErrc::malformed,
                              "the input is neither a PEM certificate (no \"-----BEGIN CERTIFICATE-----\") nor DER "
                              "(which starts with a SEQUENCE, byte 30)"));
    }
    auto certificate = parse_der(der_or_pem, "the DER input");
    if (!certificate) return unexpected(certificate.error());
    certificates.push_back(std::move(*certificate));
    return certificates;
  }
  auto blocks = read_pem_blocks(der_or_pem);
  if (!blocks) return unexpected(blocks.error());
  for (std::size_t i = 0; i < blocks->size(); ++i) {
    auto certificate = parse_der((*blocks)[i], "PEM certificate block " + std::to_string(i + 1));
    if (!certificate) return unexpected(certificate.error());
    certificates.push_back(std::move(*certificate));
  }
  return certificates;
}

Expected<Certificate> Certificate::parse(std::string_view der_or_pem) {
  auto all = parse_all(der_or_pem);
  if (!all) return unexpected(all.error());
  if (all->size() != 1) {
    return unexpected(Error(PkiErrc::malformed, "the input holds " + std::to_string(all->size()) +
                                                    " certificates where one is expected; give one per file"));
  }
  return std::move(all->front());
}

std::string_view Certificate::der() const noexcept {
  return {reinterpret_cast<const char*>(crt_->raw.p), crt_->raw.len};
}

std::string Certificate::pem() const {
  std::string out(crt_->raw.len * 4 / 3 + crt_->raw.len / 48 + 128, '\0');
  std::size_t written = 0;
  mbedtls_pem_write_buffer("-----BEGIN CERTIFICATE-----\n", "-----END CERTIFICATE-----\n", crt_->raw.p, crt_->raw.len,
                           reinterpret_cast<unsigned char*>(out.data()), out.size(), &written);
  out.resize(written > 0 ? written - 1 : 0);  // the count includes the terminating NUL
  return out;
}

std::string Certificate::subject() const {
  return format_name(crt_->subject);
}

std::string Certificate::issuer() const {
  return format_name(crt_->issuer);
}

std::string Certificate::serial() const {
  return hex(crt_->serial.p, crt_->serial.len);
}

UtcTime Certificate::not_before() const noexcept {
  return from_x509(crt_->valid_from);
}

UtcTime Certificate::not_after() const noexcept {
  return from_x509(crt_->valid_to);
}

KeyType Certificate::key_type() const noexcept {
  switch (mbedtls_pk_get_type(&crt_->pk)) {
    case MBEDTLS_PK_RSA: return KeyType::rsa;
    case MBEDTLS_PK_ECKEY:
    case MBEDTLS_PK_ECDSA: return KeyType::ec;
    default: return KeyType::other;
  }
}

std::size_t Certificate::key_bits() const noexcept {
  return mbedtls_pk_get_bitlen(&crt_->pk);
}

std::string Certificate::key_description() const {
  switch (key_type()) {
    case KeyType::rsa: return "RSA " + std::to_string(key_bits());
    case KeyType::ec: {
      const mbedtls_ecp_curve_info* curve = mbedtls_ecp_curve_info_from_grp_id(mbedtls_pk_ec(crt_->pk)->grp.id);
      return std::string("EC ") + (curve != nullptr ? curve->name : std::to_string(key_bits()) + " bits");
    }
    case KeyType::other: break;
  }
  return std::string(mbedtls_pk_get_name(&crt_->pk)) + " " + std::to_string(key_bits());
}

bool Certificate::is_ca() const noexcept {
  return crt_->ca_istrue != 0;
}

std::optional<int> Certificate::path_length() const noexcept {
  // mbedTLS keeps pathLenConstraint + 1, and 0 for none.
  if (crt_->ca_istrue == 0 || crt_->max_pathlen <= 0) return std::nullopt;
  return crt_->max_pathlen - 1;
}

std::optional<std::uint32_t> Certificate::key_usage() const noexcept {
  if ((crt_->ext_types & MBEDTLS_X509_EXT_KEY_USAGE) == 0) return std::nullopt;
  return crt_->key_usage;
}

std::vector<std::string> Certificate::extended_key_usage() const {
  std::vector<std::string> purposes;
  for (const mbedtls_x509_sequence* entry = &crt_->ext_key_usage; entry != nullptr; entry = entry->next) {
    const mbedtls_x509_buf& oid = entry->buf;
    if (oid.p == nullptr) continue;
    const std::string_view id(reinterpret_cast<const char*>(oid.p), oid.len);
    if (id == std::string_view(MBEDTLS_OID_SERVER_AUTH, MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH))) {
      purposes.emplace_back("serverAuth");
    } else if (id == std::string_view(MBEDTLS_OID_CLIENT_AUTH, MBEDTLS_OID_SIZE(MBEDTLS_OID_CLIENT_AUTH))) {
      purposes.emplace_back("clientAuth");
    } else {
      purposes.push_back(attribute_type(oid));
    }
  }
  return purposes;
}

std::vector<std::string> Certificate::subject_alt_names() const {
  std::vector<std::string> names;
  for (const mbedtls_x509_sequence* entry = &crt_->subject_alt_names; entry != nullptr; entry = entry->next) {
    const mbedtls_x509_buf& name = entry->buf;
    if (name.p == nullptr) continue;
    const std::string_view value(reinterpret_cast<const char*>(name.p), name.len);
    char address[INET6_ADDRSTRLEN] = {};
    switch (name.tag) {
      case MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2: names.push_back("DNS:" + std::string(value)); break;
      case MBEDTLS_ASN1_CONTEXT_SPECIFIC | 6: names.push_back("URI:" + std::string(value)); break;
      case MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7:
        if ((name.len == 4 && inet_ntop(AF_INET, name.p, address, sizeof address) != nullptr) ||
            (name.len == 16 && inet_ntop(AF_INET6, name.p, address, sizeof address) != nullptr)) {
          names.push_back(std::string("IP:") + address);
        } else {
          names.push_back("IP:#" + hex(name.p, name.len));
        }
        break;
      default: names.push_back("other:#" + hex(name.p, name.len));
    }
  }
  return names;
}

std::optional<std::string> Certificate::hc_role() const {
  auto value = find_extension(*crt_, std::string_view(MBEDTLS_OID_SUBJECT_DIRECTORY_ATTRS,
                                                      MBEDTLS_OID_SIZE(MBEDTLS_OID_SUBJECT_DIRECTORY_ATTRS)));
  if (!value) return std::nullopt;
  auto attributes = value->take(kSequence);
  while (attributes && !attributes->empty()) {
    auto attribute = attributes->take(kSequence);
    if (!attribute) return std::nullopt;
    auto type = attribute->take(MBEDTLS_ASN1_OID);
    if (!type || type->bytes() != hpki::kHealthcareActorOid) continue;
    // Each loop takes one element or gives up, so that a malformed extension cannot hold it in place.
    auto values = attribute->take(kSet);
    if (!values) return std::nullopt;
    while (!values->empty()) {
      auto actor_data = values->take(kSet);
      if (!actor_data) return std::nullopt;
      while (!actor_data->empty()) {
        auto actor = actor_data->take(kSequence);
        auto coded = actor ? actor->take(kExplicit0) : std::nullopt;
        auto fields = coded ? coded->take(kSet) : std::nullopt;
        if (!fields) return std::nullopt;
        bool jhpki = false;
        std::optional<std::string> free_text;
        int tag = 0;
        while (auto field = fields->take_any(tag)) {
          if (tag == kExplicit0) {
            auto scheme = field->take(MBEDTLS_ASN1_OID);
            jhpki = scheme && scheme->bytes() == hpki::kJhpkiCodedDataOid;
          } else if (tag == kExplicit2 && !field->empty() && is_string_tag(*field->p)) {
            auto text = field->take(*field->p);
            if (text) free_text = std::string(text->bytes());
          }
        }
        if (jhpki && free_text) return free_text;
      }
    }
  }
  return std::nullopt;
}

}  // namespace kofu::pki
