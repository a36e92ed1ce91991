#include "drivers/cards/hpki_card.hpp"

#include <utility>

#include "cards/hpki.hpp"
#include "cards/mynumber.hpp"
#include "drivers/cards/errors.hpp"
#include "pki/certificate.hpp"

namespace kofu::cards {
namespace {

constexpr std::size_t kSha256Size = 32;
constexpr PinRules kHpkiPin{4, 16, false, "HPKI card PIN", "the card's issuer (the certification authority)"};

std::string_view aid_of(HpkiApplication application) {
  return application == HpkiApplication::signature ? hpki::kSignatureAid : hpki::kAuthenticationAid;
}

std::string in(HpkiApplication application, const char* what) {
  return std::string(what) + " of the HPKI " + to_string(application) + " application";
}

}  // namespace

const char* to_string(HpkiApplication application) noexcept {
  return application == HpkiApplication::signature ? "電子署名用 (signature)" : "電子認証用 (authentication)";
}

Expected<HpkiCard> HpkiCard::open(iso7816::Transport& transport) {
  HpkiCard card(transport);
  for (const HpkiApplication application : {HpkiApplication::signature, HpkiApplication::authentication}) {
    auto found = card.session_.select_application(aid_of(application), in(application, "selecting"));
    if (!found) return unexpected(found.error());
    card.present_[index(application)] = *found;
  }
  if (!card.present_[0] && !card.present_[1]) {
    return unexpected(Error(CardErrc::not_hpki_card, "not an HPKI card: neither HPKI application answers"));
  }
  return card;
}

Expected<void> HpkiCard::select(HpkiApplication application) {
  if (!has(application)) {
    return unexpected(Error(CardErrc::no_application,
                            std::string("this HPKI card has no ") + to_string(application) + " application"));
  }
  auto found = session_.select_application(aid_of(application), in(application, "selecting"));
  if (!found) return unexpected(found.error());
  if (!*found) return unexpected(Error(CardErrc::not_hpki_card, in(application, "the card lost") + ": another card?"));
  return {};
}

Expected<iso7816::Bytes> HpkiCard::read_file(HpkiApplication application, std::uint16_t ef, const char* what) {
  if (auto selected = select(application); !selected) return unexpected(selected.error());
  const std::string where = in(application, what);
  if (auto selected = session_.select_file(ef, where); !selected) return unexpected(selected.error());
  return session_.read_object(where, /*extended=*/true);
}

Expected<iso7816::Bytes> HpkiCard::certificate(HpkiApplication application) {
  return read_file(application, hpki::kCertificate, "reading the certificate (EF 0016)");
}

Expected<iso7816::Bytes> HpkiCard::ca_certificate(HpkiApplication application) {
  return read_file(application, hpki::kCaCertificate, "reading the CA certificate (EF 0019)");
}

Expected<PinStatus> HpkiCard::pin_status(HpkiApplication application) {
  if (auto selected = select(application); !selected) return unexpected(selected.error());
  const std::string what = in(application, "reading the PIN counter (EF 0002)");
  if (auto selected = session_.select_file(hpki::kPin, what); !selected) return unexpected(selected.error());
  return session_.pin_status(what);
}

// The block is padded by the terminal to the key's size, which the certificate tells.
Expected<std::size_t> HpkiCard::key_size(HpkiApplication application) {
  auto& known = key_size_[index(application)];
  if (known) return *known;
  auto der = certificate(application);
  if (!der) return unexpected(der.error());
  auto parsed = pki::Certificate::parse(*der);
  if (!parsed)
    return unexpected(Error(CardErrc::bad_file, in(application, "the certificate") + ": " + parsed.error().message()));
  if (parsed->key_type() != pki::KeyType::rsa) {
    return unexpected(Error(CardErrc::bad_file, in(application, "the certificate") + " does not hold an RSA key"));
  }
  known = parsed->key_bits() / 8;
  return *known;
}

Expected<iso7816::Bytes> HpkiCard::sign_sha256(HpkiApplication application, std::string_view sha256, const Secret& pin,
                                               PinPolicy policy) {
  if (sha256.size() != kSha256Size) {
    return unexpected(Error(std::make_error_code(std::errc::invalid_argument),
                            "a SHA-256 digest has 32 bytes, not " + std::to_string(sha256.size())));
  }
  auto size = key_size(application);
  if (!size) return unexpected(size.error());
  auto block = hpki::pkcs1_v15_block(mynumber::sha256_digest_info(sha256), *size);
  if (!block) return unexpected(block.error());
  // SELECT → VERIFY → MSE → PSO with nothing in between.
  if (auto selected = select(application); !selected) return unexpected(selected.error());
  if (auto selected = session_.select_file(hpki::kPin, in(application, "verifying the PIN")); !selected) {
    return unexpected(selected.error());
  }
  if (auto verified = session_.verify(pin, kHpkiPin, policy); !verified) return unexpected(verified.error());
  if (auto set = session_.run_ok(hpki::set_signature_key(), in(application, "choosing the key (MSE SET)")); !set) {
    return unexpected(set.error());
  }
  const std::string what = in(application, "signing (PSO COMPUTE DIGITAL SIGNATURE)");
  auto signature = session_.run_ok(hpki::compute_signature(*block), what);
  if (!signature) return unexpected(signature.error());
  if (signature->data.size() != *size) {
    return unexpected(Error(CardErrc::bad_file, what + ": the card returned " + std::to_string(signature->data.size()) +
                                                    " bytes, not " + std::to_string(*size)));
  }
  return std::move(signature->data);
}

std::string HpkiKey::description() const {
  return std::string("HPKI card, ") + to_string(application_) + " key";
}

}  // namespace kofu::cards
