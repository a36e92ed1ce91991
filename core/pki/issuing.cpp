#include "pki/issuing.hpp"

#include <arpa/inet.h>
#include <mbedtls/asn1write.h>
#include <mbedtls/bignum.h>
#include <mbedtls/error.h>
#include <mbedtls/oid.h>
#include <mbedtls/x509_crt.h>

#include <array>
#include <cstdio>
#include <string_view>

#include "pki/drbg.hpp"
#include "pki/errors.hpp"
#include "pki/hpki_role.hpp"
#include "shc/mbedtls_handle.hpp"
#include "text/shift_jis.hpp"

namespace kofu::pki {
namespace {

using Writer = shc::MbedtlsHandle<mbedtls_x509write_cert, mbedtls_x509write_crt_init, mbedtls_x509write_crt_free>;
using Mpi = shc::MbedtlsHandle<mbedtls_mpi, mbedtls_mpi_init, mbedtls_mpi_free>;

constexpr int kSequence = MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE;
constexpr int kSet = MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SET;
constexpr std::size_t kSerialBytes = 16;
constexpr std::size_t kMaxNameValue =
    256;  // bytes; mbedTLS's own limit for a name value (MBEDTLS_X509_MAX_DN_NAME_SIZE)

Error bad_request(std::string message) {
  return Error(PkiErrc::bad_request, std::move(message));
}

Error mbedtls_failure(const char* what, int rc) {
  char reason[160];
  mbedtls_strerror(rc, reason, sizeof reason);
  return Error(PkiErrc::bad_request, std::string(what) + ": " + reason);
}

// One DER element: the header from mbedTLS's writers, then the contents.
std::string tlv(int tag, std::string_view contents) {
  unsigned char header[8];
  unsigned char* p = header + sizeof header;
  if (mbedtls_asn1_write_len(&p, header, contents.size()) < 0 ||
      mbedtls_asn1_write_tag(&p, header, static_cast<unsigned char>(tag)) < 0) {
    return {};
  }
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(header + sizeof header - p)) +
         std::string(contents);
}

// The bytes of one of mbedTLS's MBEDTLS_OID_* string literals.
template <std::size_t N>
constexpr std::string_view oid_bytes(const char (&bytes)[N]) {
  return {bytes, N - 1};
}

// Appends one attribute to a name under construction. mbedTLS writes the list in the order it was stored.
Expected<void> add_attribute(mbedtls_asn1_named_data** name, std::string_view oid, int tag, std::string_view value,
                             const char* label) {
  if (value.size() > kMaxNameValue || text::find_invalid_utf8(value) != std::string_view::npos) {
    return unexpected(
        bad_request(std::string("the ") + label + " \"" + std::string(value) + "\" is not UTF-8 of at most 256 bytes"));
  }
  if (mbedtls_asn1_find_named_data(*name, oid.data(), oid.size()) != nullptr) {
    return unexpected(bad_request(std::string("the name has two ") + label + " attributes; kofu writes one of each"));
  }
  mbedtls_asn1_named_data* entry = mbedtls_asn1_store_named_data(
      name, oid.data(), oid.size(), reinterpret_cast<const unsigned char*>(value.data()), value.size());
  if (entry == nullptr) return unexpected(bad_request("out of memory writing a name"));
  entry->val.tag = tag;
  return {};
}

Expected<void> write_subject(mbedtls_asn1_named_data** name, const DistinguishedName& dn) {
  if (dn.country.size() != 2 || dn.country[0] < 'A' || dn.country[0] > 'Z' || dn.country[1] < 'A' ||
      dn.country[1] > 'Z') {
    return unexpected(bad_request("the country \"" + dn.country + "\" is not a two-letter code such as JP"));
  }
  if (dn.common_name.empty()) return unexpected(bad_request("the subject needs a common name (CN)"));
  const struct {
    std::string_view oid;
    int tag;
    const std::string& value;
    const char* label;
  } attributes[] = {
      {oid_bytes(MBEDTLS_OID_AT_COUNTRY), MBEDTLS_ASN1_PRINTABLE_STRING, dn.country, "country (C)"},
      {oid_bytes(MBEDTLS_OID_AT_ORGANIZATION), MBEDTLS_ASN1_UTF8_STRING, dn.organization, "organization (O)"},
      {oid_bytes(MBEDTLS_OID_AT_ORG_UNIT), MBEDTLS_ASN1_UTF8_STRING, dn.organizational_unit, "unit (OU)"},
      {oid_bytes(MBEDTLS_OID_AT_CN), MBEDTLS_ASN1_UTF8_STRING, dn.common_name, "common name (CN)"},
      {oid_bytes(MBEDTLS_OID_AT_TITLE), MBEDTLS_ASN1_UTF8_STRING, dn.title, "title"},
  };
  for (const auto& attribute : attributes) {
    if (attribute.value.empty()) continue;
    if (auto ok = add_attribute(name, attribute.oid, attribute.tag, attribute.value, attribute.label); !ok) return ok;
  }
  return {};
}

// The issuer name is the issuing CA's subject, byte for byte as it was written (same string types), so that every
// verifier matches the two.
Expected<void> copy_name(mbedtls_asn1_named_data** name, const mbedtls_x509_name& source) {
  for (const mbedtls_x509_name* n = &source; n != nullptr; n = n->next) {
    if (n->oid.p == nullptr) continue;
    if (n->next_merged != 0)
      return unexpected(bad_request("the CA's name has a multi-valued RDN, which kofu cannot copy"));
    auto ok = add_attribute(name, std::string_view(reinterpret_cast<const char*>(n->oid.p), n->oid.len), n->val.tag,
                            std::string_view(reinterpret_cast<const char*>(n->val.p), n->val.len), "issuer attribute");
    if (!ok) return ok;
  }
  return {};
}

Expected<void> check_validity(const CertificateProfile& profile) {
  const bool writable = profile.not_before.year >= 1950 && profile.not_after.year <= 9999;
  if (!writable || !(profile.not_before < profile.not_after)) {
    return unexpected(bad_request("the validity " + profile.not_before.iso() + " to " + profile.not_after.iso() +
                                  " is empty or outside 1950-9999"));
  }
  return {};
}

std::string x509_time(const UtcTime& t) {
  char text[64];
  std::snprintf(text, sizeof text, "%04d%02d%02d%02d%02d%02d", t.year, t.month, t.day, t.hour, t.minute, t.second);
  return text;
}

std::string extended_key_usage(const std::vector<ExtendedKeyUsage>& purposes) {
  std::string oids;
  for (const ExtendedKeyUsage purpose : purposes) {
    oids += tlv(MBEDTLS_ASN1_OID, purpose == ExtendedKeyUsage::server_auth ? oid_bytes(MBEDTLS_OID_SERVER_AUTH)
                                                                           : oid_bytes(MBEDTLS_OID_CLIENT_AUTH));
  }
  return tlv(kSequence, oids);
}

// GeneralNames: dNSName [2] IA5String, iPAddress [7] OCTET STRING (RFC 5280 §4.2.1.6).
Expected<std::string> subject_alt_name(const CertificateProfile& profile) {
  std::string names;
  for (const std::string& dns : profile.dns_names) {
    if (dns.empty() || dns.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") !=
                           std::string::npos) {
      return unexpected(bad_request("\"" + dns + "\" is not a DNS name"));
    }
    names += tlv(MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2, dns);
  }
  for (const std::string& ip : profile.ip_addresses) {
    std::array<unsigned char, 16> address{};
    if (inet_pton(AF_INET, ip.c_str(), address.data()) == 1) {
      names += tlv(MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7, std::string_view(reinterpret_cast<char*>(address.data()), 4));
    } else if (inet_pton(AF_INET6, ip.c_str(), address.data()) == 1) {
      names += tlv(MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7, std::string_view(reinterpret_cast<char*>(address.data()), 16));
    } else {
      return unexpected(bad_request("\"" + ip + "\" is not an IPv4 or IPv6 address"));
    }
  }
  return tlv(kSequence, names);
}

// subjectDirectoryAttributes with one hcRole (pki/hpki_role.hpp has the layout).
std::string hc_role_attributes(std::string_view role) {
  const std::string coded_data = tlv(
      kSet, tlv(MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 0,
                tlv(MBEDTLS_ASN1_OID, hpki::kJhpkiCodedDataOid)) +
                tlv(MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 2, tlv(MBEDTLS_ASN1_UTF8_STRING, role)));
  const std::string actor =
      tlv(kSequence, tlv(MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 0, coded_data));
  const std::string attribute =
      tlv(kSequence, tlv(MBEDTLS_ASN1_OID, hpki::kHealthcareActorOid) + tlv(kSet, tlv(kSet, actor)));
  return tlv(kSequence, attribute);
}

Expected<void> add_extension(Writer& writer, std::string_view oid, bool critical, std::string_view value) {
  const int rc =
      mbedtls_x509write_crt_set_extension(&writer.v, oid.data(), oid.size(), critical ? 1 : 0,
                                          reinterpret_cast<const unsigned char*>(value.data()), value.size());
  if (rc != 0) return unexpected(mbedtls_failure("cannot add an extension", rc));
  return {};
}

Expected<void> add_extensions(Writer& writer, const CertificateProfile& profile) {
  if (!profile.ca && profile.path_length >= 0)
    return unexpected(bad_request("a path length is for CA certificates only"));
  if (const int rc = mbedtls_x509write_crt_set_basic_constraints(&writer.v, profile.ca ? 1 : 0, profile.path_length);
      rc != 0) {
    return unexpected(mbedtls_failure("cannot write basicConstraints", rc));
  }
  if (mbedtls_x509write_crt_set_subject_key_identifier(&writer.v) != 0 ||
      mbedtls_x509write_crt_set_authority_key_identifier(&writer.v) != 0) {
    return unexpected(bad_request("cannot write the key identifiers"));
  }
  if (profile.key_usage != 0) {
    if (const int rc = mbedtls_x509write_crt_set_key_usage(&writer.v, profile.key_usage); rc != 0) {
      return unexpected(mbedtls_failure("cannot write keyUsage", rc));
    }
  }
  if (!profile.extended_key_usage.empty()) {
    auto ok = add_extension(writer, oid_bytes(MBEDTLS_OID_EXTENDED_KEY_USAGE), false,
                            extended_key_usage(profile.extended_key_usage));
    if (!ok) return ok;
  }
  if (!profile.dns_names.empty() || !profile.ip_addresses.empty()) {
    auto names = subject_alt_name(profile);
    if (!names) return unexpected(names.error());
    if (auto ok = add_extension(writer, oid_bytes(MBEDTLS_OID_SUBJECT_ALT_NAME), false, *names); !ok) return ok;
  }
  if (!profile.hc_role.empty()) {
    if (text::find_invalid_utf8(profile.hc_role) != std::string::npos) {
      return unexpected(bad_request("the HPKI role is not UTF-8"));
    }
    auto ok = add_extension(writer, oid_bytes(MBEDTLS_OID_SUBJECT_DIRECTORY_ATTRS), false,
                            hc_role_attributes(profile.hc_role));
    if (!ok) return ok;
  }
  return {};
}

// Writes and signs the certificate whose issuer name is already in the writer, then reads it back.
Expected<Certificate> sign(Writer& writer, const CertificateProfile& profile, const KeyPair& subject_key,
                           const KeyPair& issuer_key) {
  auto drbg = thread_drbg();
  if (!drbg) return unexpected(drbg.error());
  if (auto ok = check_validity(profile); !ok) return unexpected(ok.error());
  if (auto ok = write_subject(&writer.v.subject, profile.subject); !ok) return unexpected(ok.error());

  std::array<unsigned char, kSerialBytes> serial_bytes{};
  if (drbg_random(*drbg, serial_bytes.data(), serial_bytes.size()) != 0) {
    return unexpected(Error(PkiErrc::no_entropy, "cannot draw a serial number"));
  }
  serial_bytes[0] = static_cast<unsigned char>((serial_bytes[0] & 0x7F) | 0x40);  // positive, and 16 bytes long
  Mpi serial;
  if (mbedtls_mpi_read_binary(&serial.v, serial_bytes.data(), serial_bytes.size()) != 0 ||
      mbedtls_x509write_crt_set_serial(&writer.v, &serial.v) != 0) {
    return unexpected(bad_request("cannot write the serial number"));
  }
  if (const int rc = mbedtls_x509write_crt_set_validity(&writer.v, x509_time(profile.not_before).c_str(),
                                                        x509_time(profile.not_after).c_str());
      rc != 0) {
    return unexpected(mbedtls_failure("cannot write the validity", rc));
  }
  mbedtls_x509write_crt_set_version(&writer.v, MBEDTLS_X509_CRT_VERSION_3);
  mbedtls_x509write_crt_set_md_alg(&writer.v, MBEDTLS_MD_SHA256);
  mbedtls_x509write_crt_set_subject_key(&writer.v, &subject_key.native());
  mbedtls_x509write_crt_set_issuer_key(&writer.v, &issuer_key.native());
  if (auto ok = add_extensions(writer, profile); !ok) return unexpected(ok.error());

  std::string buffer(8192, '\0');
  const int length = mbedtls_x509write_crt_der(&writer.v, reinterpret_cast<unsigned char*>(buffer.data()),
                                               buffer.size(), drbg_random, *drbg);
  if (length < 0) return unexpected(mbedtls_failure("cannot sign the certificate", length));
  return Certificate::parse(std::string_view(buffer).substr(buffer.size() - static_cast<std::size_t>(length)));
}

}  // namespace

Expected<Certificate> self_sign(const CertificateProfile& profile, const KeyPair& key) {
  Writer writer;
  if (auto ok = write_subject(&writer.v.issuer, profile.subject); !ok) return unexpected(ok.error());
  return sign(writer, profile, key, key);
}

Expected<Certificate> issue_certificate(const CertificateProfile& profile, const KeyPair& subject_key,
                                        const Credential& issuer) {
  const Certificate& ca = issuer.certificate;
  if (!ca.is_ca()) return unexpected(bad_request("\"" + ca.subject() + "\" is not a CA certificate"));
  if (!issuer.key.matches(ca)) {
    return unexpected(Error(PkiErrc::bad_key, "the CA key is not the key of \"" + ca.subject() + "\""));
  }
  if (profile.not_before < ca.not_before() || ca.not_after() < profile.not_after) {
    return unexpected(bad_request("the validity " + profile.not_before.iso() + " to " + profile.not_after.iso() +
                                  " is not within the CA's, " + ca.not_before().iso() + " to " + ca.not_after().iso()));
  }
  Writer writer;
  if (auto ok = copy_name(&writer.v.issuer, ca.native().subject); !ok) return unexpected(ok.error());
  return sign(writer, profile, subject_key, issuer.key);
}

}  // namespace kofu::pki
