// Persona files for kofu-cardsim: the agreed JSON shape, keys that match certificates chaining to the test CAs, no
// personal data in the JPKI certificate, and the inputs refused before anything is made.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "pki/chain.hpp"
#include "pki/errors.hpp"
#include "pki/persona.hpp"
#include "pki/test_pki.hpp"
#include "pki_fixture.hpp"

using namespace kofu::pki;
using namespace kofu::pki::testing;
using nlohmann::json;

namespace {

const Credential& jpki_ca() {
  static const Credential ca = must(make_test_authority(TestAuthority::jpki, kNow, 30));
  return ca;
}

const Credential& hpki_ca() {
  static const Credential ca = must(make_test_authority(TestAuthority::hpki, kNow, 30));
  return ca;
}

std::vector<std::string> keys_of(const json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

// The certificate of a persona member, checked against the key beside it and chained to the CA.
Certificate checked_credential(const json& key, const json& certificate, const json& ca, const Credential& issuer) {
  Certificate parsed = must(Certificate::parse(certificate.get<std::string>()));
  CHECK(ca.get<std::string>() == issuer.certificate.pem());
  CHECK(must(KeyPair::parse(key.get<std::string>())).matches(parsed));
  CHECK(verify_chain(parsed, {}, {&issuer.certificate, 1}, kNow));
  return parsed;
}

}  // namespace

TEST_SUITE("pki.persona") {
  TEST_CASE("a My Number card persona: holder, PINs, and an auth certificate without personal data") {
    MyNumberPersona persona;
    persona.jpki_auth.tries_left = 1;
    const std::string text = must(make_mynumber_persona(persona, jpki_ca(), kNow, 10));
    const json doc = json::parse(text);
    CHECK(keys_of(doc) == std::vector<std::string>{"card", "format", "holder", "jpki", "pins"});
    CHECK(doc["format"] == "kofu-cardsim-persona/1");
    CHECK(doc["card"] == "mynumber");
    CHECK(doc["holder"] == json{{"name", "試験　花子"},
                                {"address", "東京都千代田区試験町一丁目2番3号"},
                                {"birth_date", "1980-02-17"},
                                {"sex", "2"},
                                {"my_number", "123456789018"}});
    CHECK(doc["pins"]["jpki_auth"] == json{{"value", "1234"}, {"tries_left", 1}, {"max_tries", 3}});
    CHECK(doc["pins"]["text"] == json{{"value", "1234"}, {"tries_left", 3}, {"max_tries", 3}});
    CHECK(keys_of(doc["jpki"]) == std::vector<std::string>{"auth_ca_certificate", "auth_certificate", "auth_key"});
    const Certificate auth = checked_credential(doc["jpki"]["auth_key"], doc["jpki"]["auth_certificate"],
                                                doc["jpki"]["auth_ca_certificate"], jpki_ca());
    CHECK(auth.key_description() == "RSA 2048");
    CHECK(auth.key_usage() == key_usage::digital_signature);
    // 利用者証明用: C=JP and a random id, nothing about the holder.
    CHECK(auth.subject().starts_with("CN="));
    CHECK(auth.subject().ends_with(", C=JP"));
    CHECK(auth.subject().size() == std::string("CN=, C=JP").size() + 32);
    CHECK(text.find(auth.subject().substr(3, 32)) == std::string::npos);  // the id is in the certificate only
    CHECK(auth.issuer() == "CN=kofu test JPKI User Authentication CA, O=kofu test, C=JP");
    CHECK(auth.not_after() == days_after(kNow, 10));
  }

  TEST_CASE("an HPKI pharmacist with both applications, each with its own key and the role") {
    const std::string text = must(make_hpki_persona(HpkiPersona{}, hpki_ca(), kNow, 10));
    const json doc = json::parse(text);
    CHECK(doc["card"] == "hpki");
    CHECK(doc["holder"] == json{{"name", "試験　薫"}, {"role", "pharmacist"}});
    CHECK(keys_of(doc["pins"]) == std::vector<std::string>{"authentication", "signature"});
    CHECK(doc["pins"]["signature"] == json{{"value", "123456"}, {"tries_left", 3}, {"max_tries", 3}});
    const json& signature = doc["hpki"]["signature"];
    const json& authentication = doc["hpki"]["authentication"];
    CHECK(keys_of(signature) == std::vector<std::string>{"ca_certificate", "certificate", "key"});
    const Certificate sign_cert =
        checked_credential(signature["key"], signature["certificate"], signature["ca_certificate"], hpki_ca());
    const Certificate auth_cert = checked_credential(authentication["key"], authentication["certificate"],
                                                     authentication["ca_certificate"], hpki_ca());
    CHECK(sign_cert.subject() == "title=Pharmacist, CN=試験　薫, O=kofu test, C=JP");
    CHECK(sign_cert.hc_role() == "Pharmacist");
    CHECK(sign_cert.key_usage() == (key_usage::digital_signature | key_usage::non_repudiation));
    CHECK(auth_cert.key_usage() == key_usage::digital_signature);
    CHECK(signature["key"] != authentication["key"]);
  }

  TEST_CASE("an HPKI card with one application, a doctor, a blocked PIN") {
    HpkiPersona persona;
    persona.role = "doctor";
    persona.signature.reset();
    persona.authentication->value = "pass-word_1";
    persona.authentication->tries_left = 0;
    const json doc = json::parse(must(make_hpki_persona(persona, hpki_ca(), kNow, 10)));
    CHECK(keys_of(doc["pins"]) == std::vector<std::string>{"authentication"});
    CHECK(keys_of(doc["hpki"]) == std::vector<std::string>{"authentication"});
    CHECK(doc["pins"]["authentication"]["tries_left"] == 0);
    const Certificate certificate =
        must(Certificate::parse(doc["hpki"]["authentication"]["certificate"].get<std::string>()));
    CHECK(certificate.hc_role() == "Medical Doctor");
  }

  TEST_CASE("what a persona refuses") {
    const auto refused = [](const MyNumberPersona& persona) {
      const auto made = make_mynumber_persona(persona, jpki_ca(), kNow, 10);
      REQUIRE_FALSE(made);
      CHECK(made.error().code() == PkiErrc::bad_request);
      return made.error().message();
    };
    MyNumberPersona p;
    p.my_number = "123456789012";  // check digit 8, not 2
    CHECK(refused(p).find("check digit") != std::string::npos);
    p = {};
    p.jpki_auth.value = "12345";
    CHECK(refused(p).find("4 digits") != std::string::npos);
    p = {};
    p.text.tries_left = 4;
    CHECK(refused(p).find("tries left (4)") != std::string::npos);
    p = {};
    p.birth_date = "1980-02-30";
    CHECK(refused(p).find("birth date") != std::string::npos);
    p = {};
    p.sex = "3";
    CHECK(refused(p).find("ISO 5218") != std::string::npos);
    p = {};
    p.name = "";
    CHECK(refused(p).find("name") != std::string::npos);

    HpkiPersona h;
    h.signature->value = "123";
    CHECK(make_hpki_persona(h, hpki_ca(), kNow, 10).error().code() == PkiErrc::bad_request);
    h = {};
    h.role = "nurse";
    CHECK(make_hpki_persona(h, hpki_ca(), kNow, 10).error().code() == PkiErrc::bad_request);
    h = {};
    h.signature.reset();
    h.authentication.reset();
    CHECK(make_hpki_persona(h, hpki_ca(), kNow, 10).error().code() == PkiErrc::bad_request);
  }
}
