#include "pki/chain.hpp"

#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include <cstring>
#include <string>
#include <vector>

#include "pki/errors.hpp"
#include "shc/mbedtls_handle.hpp"

namespace kofu::pki {
namespace {

using CrtList = shc::MbedtlsHandle<mbedtls_x509_crt, mbedtls_x509_crt_init, mbedtls_x509_crt_free>;

constexpr std::uint32_t kTimeFlags = MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE;
constexpr std::uint32_t kAlgorithmFlags =
    MBEDTLS_X509_BADCERT_BAD_MD | MBEDTLS_X509_BADCERT_BAD_PK | MBEDTLS_X509_BADCERT_BAD_KEY;

// What kofu accepts from any CA: the hashes, key types and sizes of JPKI, HPKI and kofu's own test PKI.
const mbedtls_x509_crt_profile kProfile = {
    MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA256) | MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA384) |
        MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA512),
    MBEDTLS_X509_ID_FLAG(MBEDTLS_PK_RSA) | MBEDTLS_X509_ID_FLAG(MBEDTLS_PK_ECKEY) |
        MBEDTLS_X509_ID_FLAG(MBEDTLS_PK_ECDSA),
    MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_SECP256R1) | MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_SECP384R1),
    2048,
};

UtcTime from_x509(const mbedtls_x509_time& t) {
  return {t.year, t.mon, t.day, t.hour, t.min, t.sec};
}

// Replaces mbedTLS's wall-clock validity check by one at the caller's time, and remembers the certificate nearest
// to the leaf that fails it.
struct ValidityAt {
  UtcTime at;
  const mbedtls_x509_crt* expired = nullptr;
  const mbedtls_x509_crt* not_yet_valid = nullptr;

  static int check(void* state, mbedtls_x509_crt* crt, int /*depth*/, std::uint32_t* flags) {
    auto& self = *static_cast<ValidityAt*>(state);
    *flags &= ~kTimeFlags;
    if (from_x509(crt->valid_to) < self.at) {
      *flags |= MBEDTLS_X509_BADCERT_EXPIRED;
      self.expired = crt;
    }
    if (self.at < from_x509(crt->valid_from)) {
      *flags |= MBEDTLS_X509_BADCERT_FUTURE;
      self.not_yet_valid = crt;
    }
    return 0;
  }
};

bool same_bytes(const mbedtls_x509_buf& a, const mbedtls_x509_buf& b) {
  return a.len == b.len && std::memcmp(a.p, b.p, a.len) == 0;
}

bool signed_by(const mbedtls_x509_crt& child, const mbedtls_x509_crt& parent) {
  const mbedtls_md_info_t* md = mbedtls_md_info_from_type(child.sig_md);
  unsigned char hash[MBEDTLS_MD_MAX_SIZE];
  if (md == nullptr || mbedtls_md(md, child.tbs.p, child.tbs.len, hash) != 0) return false;
  // mbedTLS 2.28 takes the key through a non-const pointer but only reads it.
  return mbedtls_pk_verify_ext(child.sig_pk, child.sig_opts, const_cast<mbedtls_pk_context*>(&parent.pk), child.sig_md,
                               hash, mbedtls_md_get_size(md), child.sig.p, child.sig.len) == 0;
}

std::string quoted_subject(const Certificate& certificate) {
  return "\"" + certificate.subject() + "\"";
}

// mbedTLS says only "not trusted" for an unknown issuer, a bad signature, an issuer that is no CA and a path too
// long. Walking up from the leaf by name tells them apart; mbedTLS's verdict stays the one that counts.
Error explain_untrusted(const Certificate& leaf, std::span<const Certificate> intermediates,
                        std::span<const Certificate> anchors) {
  const Certificate* child = &leaf;
  for (std::size_t depth = 0; depth <= intermediates.size(); ++depth) {
    const mbedtls_x509_crt& crt = child->native();
    std::vector<std::pair<const Certificate*, bool>> candidates;  // issuer, and whether it is an anchor
    for (const Certificate& anchor : anchors) {
      if (same_bytes(anchor.native().subject_raw, crt.issuer_raw)) candidates.emplace_back(&anchor, true);
    }
    for (const Certificate& intermediate : intermediates) {
      if (&intermediate != child && same_bytes(intermediate.native().subject_raw, crt.issuer_raw)) {
        candidates.emplace_back(&intermediate, false);
      }
    }
    if (candidates.empty()) {
      if (same_bytes(crt.issuer_raw, crt.subject_raw)) {
        return Error(PkiErrc::untrusted, "the self-signed certificate " + quoted_subject(*child) +
                                             " is not among the trusted CAs; pin it with --ca if it is yours");
      }
      return Error(PkiErrc::untrusted, "no trusted CA or intermediate is the issuer \"" + child->issuer() + "\" of " +
                                           quoted_subject(*child) + "; give the issuing CA");
    }
    const Certificate* next = nullptr;
    std::optional<Error> problem;
    for (const auto& candidate : candidates) {
      const Certificate& issuer = *candidate.first;
      const mbedtls_x509_crt& parent = issuer.native();
      std::optional<Error> found;
      if (parent.ca_istrue == 0) {
        found = Error(PkiErrc::not_a_ca, quoted_subject(issuer) + " issued " + quoted_subject(*child) +
                                             " but is not a CA (no basicConstraints cA)");
      } else if (mbedtls_x509_crt_check_key_usage(&parent, MBEDTLS_X509_KU_KEY_CERT_SIGN) != 0) {
        found = Error(PkiErrc::key_usage,
                      "the keyUsage of the CA " + quoted_subject(issuer) + " does not allow keyCertSign");
      } else if (parent.max_pathlen > 0 && static_cast<std::size_t>(parent.max_pathlen) < 1 + depth) {
        found = Error(PkiErrc::not_a_ca, "the path below the CA " + quoted_subject(issuer) +
                                             " is longer than its pathLenConstraint allows");
      } else if (!signed_by(crt, parent)) {
        found = Error(PkiErrc::bad_certificate_signature,
                      "the signature on " + quoted_subject(*child) + " does not verify with the key of its issuer " +
                          quoted_subject(issuer) + ": the certificate was altered or another key signed it");
      }
      if (!found && !candidate.second) next = &issuer;
      if (found && !problem) problem = std::move(found);
    }
    if (next == nullptr) {
      return problem ? *problem : Error(PkiErrc::untrusted, "the chain of " + quoted_subject(leaf) + " is not trusted");
    }
    child = next;
  }
  return Error(PkiErrc::untrusted, "the chain of " + quoted_subject(leaf) + " does not reach a trusted CA");
}

Error time_error(PkiErrc code, const mbedtls_x509_crt& crt, const UtcTime& at) {
  auto certificate = Certificate::parse(std::string_view(reinterpret_cast<const char*>(crt.raw.p), crt.raw.len));
  const std::string who = certificate ? quoted_subject(*certificate) : std::string("a certificate of the chain");
  if (code == PkiErrc::expired) {
    return Error(code, who + " expired at " + from_x509(crt.valid_to).iso() + " (checked at " + at.iso() + ")");
  }
  return Error(code, who + " is valid only from " + from_x509(crt.valid_from).iso() + " (checked at " + at.iso() + ")");
}

}  // namespace

std::string describe_verify_flags(std::uint32_t flags) {
  char reason[256];
  mbedtls_x509_crt_verify_info(reason, sizeof reason, "", flags);
  std::string text(reason);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  for (char& c : text) c = c == '\n' ? ';' : c;
  return text;
}

Expected<void> verify_chain(const Certificate& leaf, std::span<const Certificate> intermediates,
                            std::span<const Certificate> anchors, const UtcTime& at, std::uint32_t leaf_usage) {
  if (anchors.empty()) return unexpected(Error(PkiErrc::untrusted, "no trusted CA was given to check the chain"));
  CrtList chain;  // leaf first: mbedTLS takes the rest as the intermediates
  CrtList trusted;
  const auto add = [](CrtList& list, const Certificate& certificate) {
    const std::string_view der = certificate.der();
    return mbedtls_x509_crt_parse_der_nocopy(&list.v, reinterpret_cast<const unsigned char*>(der.data()), der.size()) ==
           0;
  };
  bool added = add(chain, leaf);
  for (const Certificate& certificate : intermediates) added = added && add(chain, certificate);
  for (const Certificate& certificate : anchors) added = added && add(trusted, certificate);
  if (!added) return unexpected(Error(PkiErrc::malformed, "a certificate of the chain cannot be read again"));

  ValidityAt validity{at};
  std::uint32_t flags = 0;
  const int rc = mbedtls_x509_crt_verify_with_profile(&chain.v, &trusted.v, nullptr, &kProfile, nullptr, &flags,
                                                      ValidityAt::check, &validity);
  if (rc != 0 && rc != MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
    return unexpected(Error(PkiErrc::untrusted, "the chain of " + quoted_subject(leaf) +
                                                    " cannot be built (more than 8 intermediates, or a loop)"));
  }
  if ((flags & MBEDTLS_X509_BADCERT_NOT_TRUSTED) != 0) {
    return unexpected(explain_untrusted(leaf, intermediates, anchors));
  }
  if (validity.expired != nullptr) return unexpected(time_error(PkiErrc::expired, *validity.expired, at));
  if (validity.not_yet_valid != nullptr) {
    return unexpected(time_error(PkiErrc::not_yet_valid, *validity.not_yet_valid, at));
  }
  if ((flags & kAlgorithmFlags) != 0) {
    return unexpected(Error(PkiErrc::unsupported_algorithm,
                            "the chain of " + quoted_subject(leaf) +
                                " uses a key or hash kofu refuses: RSA needs 2048 bits or more, EC P-256 or P-384, "
                                "signatures SHA-256 or better"));
  }
  if (flags != 0) {
    return unexpected(Error(PkiErrc::untrusted,
                            "the chain of " + quoted_subject(leaf) + " is not valid: " + describe_verify_flags(flags)));
  }
  if (leaf_usage != 0 && mbedtls_x509_crt_check_key_usage(&leaf.native(), leaf_usage) != 0) {
    return unexpected(Error(PkiErrc::key_usage, "the keyUsage of " + quoted_subject(leaf) + " (" +
                                                    describe_key_usage(*leaf.key_usage()) + ") does not allow " +
                                                    describe_key_usage(leaf_usage)));
  }
  return {};
}

}  // namespace kofu::pki
