// Issuing and verifying SMART Health Cards end to end, self-contained (no shared test data).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "shc/base64url.hpp"
#include "shc/card.hpp"
#include "shc/deflate.hpp"
#include "shc/fhir.hpp"
#include "shc/jws.hpp"
#include "shc/qr_numeric.hpp"

using namespace kofu::shc;
using nlohmann::ordered_json;

namespace {

constexpr std::int64_t kNow = 1700000000;  // 2023-11-14
constexpr const char* kIss = "https://vc.example.lg.jp/issuer";

ordered_json immunization(const std::string& date, const std::string& cvx, const std::string& lot) {
  return {{"resourceType", "Immunization"},
          {"id", "imm-" + date},
          {"meta", {{"lastUpdated", "2023-01-01"}}},
          {"status", "completed"},
          {"vaccineCode",
           {{"coding", {{{"system", "http://hl7.org/fhir/sid/cvx"}, {"code", cvx}, {"display", "x"}}}},
            {"text", "COVID-19 vaccine"}}},
          {"patient", {{"reference", "Patient/p1"}}},
          {"occurrenceDateTime", date},
          {"lotNumber", lot},
          {"performer", {{{"actor", {{"display", "新宿区保健所"}}}}}}};
}

// An issuer-side bundle, not yet minimised: ids, meta, text and displays, and "Type/id" references.
ordered_json bundle_with_doses(int doses) {
  ordered_json bundle = {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", ordered_json::array()}};
  bundle["entry"].push_back({{"fullUrl", "urn:uuid:patient"},
                             {"resource",
                              {{"resourceType", "Patient"},
                               {"id", "p1"},
                               {"text", {{"status", "generated"}, {"div", "<div/>"}}},
                               {"name", {{{"family", "山田"}, {"given", {"太郎"}}}}},
                               {"birthDate", "1960-04-01"}}}});
  // Newest first, to show that the order of dates, not of entries, decides which doses are the oldest.
  for (int i = doses; i >= 1; --i) {
    const std::string date =
        "202" + std::to_string(i / 10) + "-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10);
    bundle["entry"].push_back({{"fullUrl", "urn:uuid:imm" + std::to_string(i)},
                               {"resource", immunization(date, "208", "LOT" + std::to_string(i))}});
  }
  return bundle;
}

VerifyOptions trusting(const PrivateKey& key, const std::string& iss = kIss) {
  VerifyOptions options;
  auto set = read_key_set(write_key_set({key.public_key()}));
  REQUIRE(set);
  options.issuers.push_back({iss, *set, {}});
  options.now = kNow;
  return options;
}

bool has(const Findings& findings, ShcErrc code) {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.code == code; });
}

// Re-signs a payload with the header as given, for cards that break one rule at a time.
std::string forge(const PrivateKey& key, const std::string& header, const std::string& payload_bytes) {
  return sign_compact_jws(header, payload_bytes, key);
}

ordered_json card_object_for_test() {
  auto minimised = minimise_bundle(bundle_with_doses(1));
  REQUIRE(minimised);
  return make_credential(*minimised, kIss, kNow);
}

}  // namespace

TEST_SUITE("shc.card") {
  TEST_CASE("minimising: resource:N everywhere, no id, meta, text or display") {
    auto bundle = minimise_bundle(bundle_with_doses(2));
    REQUIRE(bundle);
    const auto& entries = (*bundle)["entry"];
    CHECK(entries[0]["fullUrl"] == "resource:0");
    CHECK(entries[2]["fullUrl"] == "resource:2");
    CHECK(entries[1]["resource"]["patient"]["reference"] == "resource:0");
    CHECK_FALSE(entries[0]["resource"].contains("id"));
    CHECK_FALSE(entries[0]["resource"].contains("text"));
    CHECK_FALSE(entries[1]["resource"].contains("meta"));
    CHECK_FALSE(entries[1]["resource"]["vaccineCode"].contains("text"));
    CHECK_FALSE(entries[1]["resource"]["vaccineCode"]["coding"][0].contains("display"));
    CHECK(entries[1]["resource"]["performer"][0]["actor"]["display"] == "新宿区保健所");  // Reference.display stays
    const Findings findings = check_bundle(*bundle);
    CHECK(findings.empty());
    CHECK(has(check_bundle(bundle_with_doses(1)), ShcErrc::bad_reference));
    CHECK(has(check_bundle(bundle_with_doses(1)), ShcErrc::not_minimised));
  }

  TEST_CASE("issue then verify: the card is valid and carries what was given") {
    const PrivateKey key = PrivateKey::generate();
    auto card = issue_card(bundle_with_doses(3), key, {kIss, kNow - 60, 5});
    REQUIRE(card);
    CHECK(card->doses == 3);
    CHECK(card->omitted_doses == 0);
    CHECK(card->jws.size() <= kMaxJwsLength);
    CHECK(card->qr_text.starts_with("shc:/"));
    CHECK(card->qr_version == qr_version_for(card->jws.size()));
    const Verdict verdict = verify(card->qr_text, trusting(key));
    INFO(to_json(verdict).dump(2));
    CHECK(verdict.valid());
    CHECK(verdict.input_kind == "qr");
    REQUIRE(verdict.credentials.size() == 1);
    const auto& payload = verdict.credentials[0].payload;
    CHECK(payload["iss"] == kIss);
    CHECK(payload["vc"]["type"][0] == kHealthCardType);
    CHECK(payload["vc"]["credentialSubject"]["fhirBundle"]["entry"][0]["resource"]["name"][0]["family"] == "山田");
    // Kanji go in as UTF-8, not as \u escapes that cost twice the space.
    auto jws = parse_compact_jws(card->jws);
    REQUIRE(jws);
    auto inflated = inflate_raw(jws->payload);
    REQUIRE(inflated);
    CHECK(inflated->find("山田") != std::string::npos);
    CHECK(jws->header.dump() == R"({"alg":"ES256","kid":")" + thumbprint(key.public_key()) + R"(","zip":"DEF"})");
  }

  TEST_CASE("the 5 most recent doses, then fewer while the QR code would be too large") {
    const PrivateKey key = PrivateKey::generate();
    auto card = issue_card(bundle_with_doses(7), key, {kIss, kNow, 5});
    REQUIRE(card);
    CHECK(card->doses == 5);
    CHECK(card->omitted_doses == 2);
    const auto& entries = card->payload["vc"]["credentialSubject"]["fhirBundle"]["entry"];
    REQUIRE(entries.size() == 6);
    std::vector<std::string> lots;
    for (std::size_t i = 1; i < entries.size(); ++i) {
      lots.push_back(entries[i]["resource"]["lotNumber"].get<std::string>());
      CHECK(entries[i]["fullUrl"] == "resource:" + std::to_string(i));
    }
    std::sort(lots.begin(), lots.end());
    CHECK(lots == std::vector<std::string>{"LOT3", "LOT4", "LOT5", "LOT6", "LOT7"});
    CHECK(verify(card->jws, trusting(key)).valid());

    // Incompressible lot numbers fill the QR code: fewer doses fit, and the card still verifies.
    ordered_json big = bundle_with_doses(12);
    std::uint32_t seed = 1;
    for (auto& entry : big["entry"]) {
      if (entry["resource"]["resourceType"] != "Immunization") continue;
      std::string lot;
      for (int i = 0; i < 60; ++i) {
        seed = seed * 1103515245U + 12345U;
        lot += static_cast<char>(seed >> 24);
      }
      entry["resource"]["lotNumber"] = base64url_encode(lot);
    }
    auto limited = issue_card(big, key, {kIss, kNow, 0});
    REQUIRE(limited);
    CHECK(limited->doses < 12);
    CHECK(limited->doses + limited->omitted_doses == 12);
    CHECK(limited->jws.size() <= kMaxJwsLength);
    CHECK(verify(limited->qr_text, trusting(key)).valid());

    // An incompressible 2,000-character lot number: no dose fits.
    std::string noise;
    std::uint32_t state = 12345;
    for (int i = 0; i < 1500; ++i) {
      state = state * 1103515245U + 12345U;
      noise += static_cast<char>(state >> 24);
    }
    ordered_json huge = bundle_with_doses(1);
    huge["entry"][1]["resource"]["lotNumber"] = base64url_encode(noise);
    auto none = issue_card(huge, key, {kIss, kNow, 5});
    REQUIRE_FALSE(none);
    CHECK(none.error().code() == ShcErrc::does_not_fit);
  }

  TEST_CASE("issuing refuses a bad issuer URL and a bundle without doses") {
    const PrivateKey key = PrivateKey::generate();
    auto bad = issue_card(bundle_with_doses(1), key, {"http://vc.example.jp/issuer", kNow, 5});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::bad_issuer_url);
    bad = issue_card(bundle_with_doses(1), key, {"https://vc.example.jp/issuer/", kNow, 5});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::bad_issuer_url);
    bad = issue_card(bundle_with_doses(0), key, {kIss, kNow, 5});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::missing_field);
    bad = issue_card(ordered_json{{"resourceType", "Patient"}}, key, {kIss, kNow, 5});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code() == ShcErrc::wrong_field);
  }

  TEST_CASE("verify: each broken rule gives its own code") {
    const PrivateKey key = PrivateKey::generate();
    auto card = issue_card(bundle_with_doses(1), key, {kIss, kNow, 5});
    REQUIRE(card);
    const VerifyOptions options = trusting(key);
    const std::string payload = card->payload.dump();
    const std::string header = card_header(key.public_key());
    auto codes_of = [&](const std::string& input) {
      const Verdict verdict = verify(input, options);
      Findings all = verdict.findings;
      for (const auto& c : verdict.credentials) all.insert(all.end(), c.findings.begin(), c.findings.end());
      CHECK_FALSE(verdict.valid());
      return all;
    };
    CHECK(has(codes_of("shc:/" + card->qr_text.substr(5, 11)), ShcErrc::odd_digit_count));
    CHECK(has(codes_of(card->jws + " \n"), ShcErrc::trailing_characters));
    CHECK(has(codes_of("\t" + card->qr_text), ShcErrc::trailing_characters));
    CHECK(verify(card->qr_text + "\r\n", options).valid());  // a scanner's one final line break is no finding
    CHECK(has(codes_of(card->jws.substr(0, card->jws.rfind('.'))), ShcErrc::malformed_jws));
    CHECK(has(codes_of(forge(key, header, deflate_raw(payload) + "x")), ShcErrc::bad_deflate));
    CHECK(has(codes_of(forge(key, header, payload)), ShcErrc::bad_deflate));
    CHECK(has(codes_of(forge(key, R"({"alg":"ES256","kid":")" + thumbprint(key.public_key()) + R"("})",
                             deflate_raw(payload))),
              ShcErrc::bad_header_zip));
    CHECK(has(codes_of(forge(key, R"({"zip":"DEF","alg":"ES384","kid":")" + thumbprint(key.public_key()) + R"("})",
                             deflate_raw(payload))),
              ShcErrc::bad_header_alg));
    CHECK(has(codes_of(forge(key, R"({"zip":"DEF","alg":"ES256"})", deflate_raw(payload))), ShcErrc::missing_kid));
    CHECK(has(codes_of(forge(key, header, deflate_raw("\xEF\xBB\xBF" + payload))), ShcErrc::payload_bom));
    CHECK(has(codes_of(forge(key, header, deflate_raw("{not json"))), ShcErrc::bad_json));
    CHECK(has(codes_of(forge(key, header, deflate_raw(ordered_json(payload).dump()))), ShcErrc::wrong_field));

    const PrivateKey stranger = PrivateKey::generate();
    std::string foreign = card->jws.substr(0, card->jws.rfind('.') + 1);
    const Signature wrong = sign_es256(stranger, foreign.substr(0, foreign.size() - 1));
    foreign += base64url_encode({reinterpret_cast<const char*>(wrong.data()), wrong.size()});
    CHECK(has(codes_of(foreign), ShcErrc::bad_signature));
    auto other = issue_card(bundle_with_doses(1), stranger, {kIss, kNow, 5});
    REQUIRE(other);
    CHECK(has(codes_of(other->jws), ShcErrc::unknown_kid));
    VerifyOptions two = options;
    two.issuers.push_back({"https://other.example.jp", *read_key_set(write_key_set({stranger.public_key()})), {}});
    CHECK(has(verify(other->jws, two).credentials[0].findings, ShcErrc::issuer_kid_mismatch));
    auto untrusted = issue_card(bundle_with_doses(1), key, {"https://unknown.example.jp", kNow, 5});
    REQUIRE(untrusted);
    CHECK(has(codes_of(untrusted->jws), ShcErrc::untrusted_issuer));

    auto claims = card->payload;
    claims["nbf"] = kNow + 86400;
    CHECK(has(codes_of(forge(key, header, deflate_raw(claims.dump()))), ShcErrc::not_yet_valid));
    claims["nbf"] = kNow * 1000;
    CHECK(has(codes_of(forge(key, header, deflate_raw(claims.dump()))), ShcErrc::time_in_milliseconds));
    claims["nbf"] = kNow - 100;
    claims["exp"] = kNow - 10;
    CHECK(has(codes_of(forge(key, header, deflate_raw(claims.dump()))), ShcErrc::expired));
    claims["exp"] = kNow - 200;
    CHECK(has(codes_of(forge(key, header, deflate_raw(claims.dump()))), ShcErrc::bad_expiry));
    claims.erase("exp");
    claims["vc"]["type"] = {"https://smarthealth.cards#immunization"};
    CHECK(has(codes_of(forge(key, header, deflate_raw(claims.dump()))), ShcErrc::missing_card_type));
    claims["vc"]["type"] = {kHealthCardType};
    claims["vc"]["credentialSubject"]["fhirBundle"]["entry"][1]["resource"]["status"] = "not-done";
    CHECK(has(codes_of(forge(key, header, deflate_raw(claims.dump()))), ShcErrc::bad_status));
    claims["vc"]["credentialSubject"].erase("fhirBundle");
    CHECK(has(codes_of(forge(key, header, deflate_raw(claims.dump()))), ShcErrc::missing_field));
  }

  TEST_CASE("a .smart-health-card file and a FHIR Parameters response verify each credential") {
    const PrivateKey key = PrivateKey::generate();
    auto a = issue_card(bundle_with_doses(1), key, {kIss, kNow, 5});
    auto b = issue_card(bundle_with_doses(2), key, {kIss, kNow, 5});
    REQUIRE(a);
    REQUIRE(b);
    const ordered_json file = {{"verifiableCredential", {a->jws, b->jws}}};
    Verdict verdict = verify(file.dump(), trusting(key));
    CHECK(verdict.input_kind == "file");
    CHECK(verdict.credentials.size() == 2);
    CHECK(verdict.valid());
    const ordered_json parameters = {{"resourceType", "Parameters"},
                                     {"parameter", {{{"name", "verifiableCredential"}, {"valueString", a->jws}}}}};
    verdict = verify(parameters.dump(), trusting(key));
    CHECK(verdict.input_kind == "parameters");
    CHECK(verdict.valid());
    verdict = verify(R"({"verifiableCredential":[]})", trusting(key));
    CHECK_FALSE(verdict.valid());
    CHECK(has(verdict.findings, ShcErrc::missing_field));
    std::string tampered = a->jws;
    tampered[tampered.size() - 10] = tampered[tampered.size() - 10] == 'A' ? 'B' : 'A';
    const auto json = to_json(verify(tampered, trusting(key)));
    CHECK(json["valid"] == false);
    CHECK(json["credentials"][0]["errors"][0]["code"] == "bad_signature");
  }

  TEST_CASE("every code has a name for JSON verdicts and a sentence for people") {
    for (int value = 1; value <= static_cast<int>(ShcErrc::does_not_fit); ++value) {
      const auto code = static_cast<ShcErrc>(value);
      const std::string name = to_string(code);
      CAPTURE(name);
      CHECK(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos);
      CHECK(make_error_code(code).message().find(' ') != std::string::npos);
      CHECK(make_error_code(code).message() != "unknown SMART Health Card error");
    }
  }

  TEST_CASE("hostile input: members of the wrong type, deep nesting and huge fault counts are findings, not crashes") {
    const PrivateKey key = PrivateKey::generate();
    const VerifyOptions options = trusting(key);
    const std::string header = card_header(key.public_key());
    auto card_of = [&](const std::string& payload) { return forge(key, header, deflate_raw(payload)); };
    // Members of the wrong type where strings are expected.
    for (const std::string payload :
         {R"({"iss":"https://vc.example.lg.jp/issuer","nbf":1,"vc":{"type":["https://smarthealth.cards#health-card"],)"
          R"("credentialSubject":{"fhirVersion":"4.0.1","fhirBundle":{"resourceType":5,"entry":[{"fullUrl":7}]}}}})",
          R"({"iss":5,"nbf":"x","vc":{"type":"t","rid":7,"credentialSubject":5}})", R"([1,2,3])"}) {
      CAPTURE(payload);
      const Verdict verdict = verify(card_of(payload), options);
      CHECK_FALSE(verdict.valid());
      CHECK(verdict.credentials.at(0).signature_valid);
    }
    CHECK_FALSE(verify(R"({"resourceType":5})", options).valid());
    CHECK_FALSE(verify(R"({"resourceType":"Parameters","parameter":[{"name":3},5]})", options).valid());
    CHECK(has(check_bundle_text(R"({"resourceType":5,"entry":[{"resource":{"resourceType":5}}]})"),
              ShcErrc::wrong_field));
    const Verdict mixed = verify(ordered_json{{"verifiableCredential", {123, {{"x", 1}}}}}.dump(), options);
    CHECK_FALSE(mixed.valid());
    CHECK(has(mixed.findings, ShcErrc::wrong_field));
    // Nesting 10,000 deep is refused as JSON instead of overflowing the stack in a copy or a walk.
    const Verdict deep = verify(card_of(std::string(10000, '[') + std::string(10000, ']')), options);
    CHECK(has(deep.credentials.at(0).findings, ShcErrc::bad_json));
    CHECK_FALSE(read_key_set(std::string(10000, '[') + std::string(10000, ']')));
    // 5,000 empty strings give a bounded list of findings.
    ordered_json many = card_object_for_test();
    many["vc"]["credentialSubject"]["fhirBundle"]["entry"][1]["resource"]["lotNumber"] =
        std::vector<std::string>(5000, "");
    const Verdict faults = verify(card_of(many.dump()), options);
    CHECK(faults.credentials.at(0).findings.size() <= 110);
  }

  TEST_CASE("minimising a bundle whose entries lack fullUrl or carry search and request") {
    ordered_json bundle = bundle_with_doses(2);
    for (auto& entry : bundle["entry"]) entry.erase("fullUrl");
    bundle["entry"][1] = ordered_json{{"search", {{"mode", "match"}}},
                                      {"request", {{"method", "GET"}}},
                                      {"resource", bundle["entry"][1]["resource"]}};
    auto minimised = minimise_bundle(bundle);
    REQUIRE(minimised);
    CHECK((*minimised)["entry"][1].size() == 2);
    CHECK((*minimised)["entry"][1]["fullUrl"] == "resource:1");
    CHECK((*minimised)["entry"][2]["resource"]["patient"]["reference"] == "resource:0");
    auto typed = bundle;
    typed["entry"][0]["resource"]["resourceType"] = 5;
    CHECK_FALSE(minimise_bundle(typed));
  }

  TEST_CASE("issuing keeps data text, refuses a reference to a left-out dose, and refuses text that is not UTF-8") {
    const PrivateKey key = PrivateKey::generate();
    ordered_json bundle = bundle_with_doses(2);
    bundle["entry"][1]["resource"]["note"] = {{{"text", "left deltoid"}}};
    auto card = issue_card(bundle, key, {kIss, kNow, 5});
    REQUIRE(card);
    CHECK(card->payload["vc"]["credentialSubject"]["fhirBundle"]["entry"][1]["resource"]["note"][0]["text"] ==
          "left deltoid");
    CHECK(verify(card->jws, trusting(key)).valid());

    // An Observation about the older dose: leaving that dose out would leave the reference pointing elsewhere.
    ordered_json linked = bundle_with_doses(2);
    linked["entry"].push_back({{"fullUrl", "urn:uuid:obs"},
                               {"resource",
                                {{"resourceType", "Observation"},
                                 {"status", "final"},
                                 {"code", {{"coding", {{{"system", "http://loinc.org"}, {"code", "1-8"}}}}}},
                                 {"partOf", {{{"reference", "urn:uuid:imm1"}}}}}}});
    auto refused = issue_card(linked, key, {kIss, kNow, 1});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code() == ShcErrc::bad_reference);
    CHECK(issue_card(linked, key, {kIss, kNow, 2}));

    ordered_json sjis = bundle_with_doses(1);
    sjis["entry"][0]["resource"]["name"][0]["family"] = std::string("\x8E\x52\x93\x63");  // 山田 in Shift_JIS
    auto not_utf8 = issue_card(sjis, key, {kIss, kNow, 5});
    REQUIRE_FALSE(not_utf8);
    CHECK(not_utf8.error().code() == ShcErrc::wrong_field);
  }

  TEST_CASE("an issuer trusted through two key sets verifies cards of both keys") {
    const PrivateKey a = PrivateKey::generate();
    const PrivateKey b = PrivateKey::generate();
    VerifyOptions options = trusting(a);
    options.issuers.push_back({kIss, *read_key_set(write_key_set({b.public_key()})), {}});
    for (const PrivateKey* key : {&a, &b}) {
      auto card = issue_card(bundle_with_doses(1), *key, {kIss, kNow, 5});
      REQUIRE(card);
      CHECK(verify(card->qr_text, options).valid());
    }
  }

  TEST_CASE("numbers out of range and non-canonical base64url are refused") {
    auto jwk = to_jwk(PrivateKey::generate().public_key());
    jwk["crlVersion"] = 4294967297ULL;
    auto set = read_key_set(jwk.dump());
    REQUIRE_FALSE(set);
    CHECK(set.error().code() == ShcErrc::bad_key);
    CHECK(base64url_decode("-_8"));
    CHECK_FALSE(base64url_decode("-_9"));  // the same two bytes with a stray bit
  }
}
