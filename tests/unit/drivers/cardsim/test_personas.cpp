#include "test_personas.hpp"

#include <stdexcept>

namespace kofu::test {
namespace {

pki::Credential make_credential(const char* common_name) {
  auto key = pki::KeyPair::generate(pki::KeyAlgorithm::rsa_2048);
  if (!key) throw std::runtime_error(key.error().message());
  pki::CertificateProfile profile;
  profile.subject.organization = "kofu test";
  profile.subject.common_name = common_name;
  profile.not_before = {2024, 1, 1};
  profile.not_after = {2044, 1, 1};
  profile.ca = true;
  profile.key_usage = pki::key_usage::digital_signature | pki::key_usage::key_cert_sign;
  auto certificate = pki::self_sign(profile, *key);
  if (!certificate) throw std::runtime_error(certificate.error().message());
  return pki::Credential{std::move(*certificate), std::move(*key)};
}

nlohmann::json pin(std::string_view value) {
  return {{"value", value}, {"tries_left", 3}, {"max_tries", 3}};
}

}  // namespace

const pki::Credential& test_credential() {
  static const pki::Credential credential = make_credential("kofu cardsim test key");
  return credential;
}

const pki::Credential& other_credential() {
  static const pki::Credential credential = make_credential("kofu cardsim other key");
  return credential;
}

nlohmann::json my_number_persona() {
  const pki::Credential& credential = test_credential();
  return {
      {"format", "kofu-cardsim-persona/1"},
      {"card", "mynumber"},
      {"holder",
       {{"name", "試験　花子"},
        {"address", "東京都千代田区霞が関一丁目1番1号"},
        {"birth_date", "1980-02-17"},
        {"sex", "2"},
        {"my_number", kTestMyNumber}}},
      {"pins", {{"jpki_auth", pin(kJpkiAuthPin)}, {"text", pin(kTextPin)}}},
      {"jpki",
       {{"auth_key", credential.key.private_key_pem()},
        {"auth_certificate", credential.certificate.pem()},
        {"auth_ca_certificate", credential.certificate.pem()}}},
  };
}

nlohmann::json hpki_persona() {
  const pki::Credential& credential = test_credential();
  const nlohmann::json application = {{"key", credential.key.private_key_pem()},
                                      {"certificate", credential.certificate.pem()},
                                      {"ca_certificate", credential.certificate.pem()}};
  return {
      {"format", "kofu-cardsim-persona/1"},
      {"card", "hpki"},
      {"holder", {{"name", "試験　薬子"}, {"role", "pharmacist"}}},
      {"pins", {{"signature", pin(kHpkiSignaturePin)}, {"authentication", pin(kHpkiAuthenticationPin)}}},
      {"hpki", {{"signature", application}, {"authentication", application}}},
  };
}

std::string send(cardsim::SimulatedCard& card, std::string_view command_hex) {
  auto command = iso7816::parse_hex(command_hex);
  if (!command) throw std::invalid_argument("not hex: " + std::string(command_hex));
  return iso7816::to_hex(card.execute(*command));
}

}  // namespace kofu::test
