// SMART Health Cards per certificate: issuing (minimise, sign, compress, encode) and verifying (decode, inflate,
// signature, checks), with the ES256 primitives alone for comparison. The card is a 5-dose Japanese certificate.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <string>

#include "shc/card.hpp"
#include "shc/deflate.hpp"
#include "shc/keys.hpp"

namespace {

using kofu::shc::PrivateKey;

constexpr const char* kIss = "https://vc.example.lg.jp/issuer";
constexpr std::int64_t kNow = 1700000000;

nlohmann::ordered_json five_dose_bundle() {
  nlohmann::ordered_json bundle = {
      {"resourceType", "Bundle"}, {"type", "collection"}, {"entry", nlohmann::ordered_json::array()}};
  bundle["entry"].push_back({{"fullUrl", "resource:0"},
                             {"resource",
                              {{"resourceType", "Patient"},
                               {"name", {{{"family", "山田"}, {"given", {"花子"}}}}},
                               {"birthDate", "1958-03-14"}}}});
  const char* dates[] = {"2021-06-01", "2021-06-22", "2022-01-20", "2022-07-15", "2022-11-01"};
  for (int i = 0; i < 5; ++i) {
    bundle["entry"].push_back(
        {{"fullUrl", "resource:" + std::to_string(i + 1)},
         {"resource",
          {{"resourceType", "Immunization"},
           {"status", "completed"},
           {"vaccineCode", {{"coding", {{{"system", "http://hl7.org/fhir/sid/cvx"}, {"code", "208"}}}}}},
           {"patient", {{"reference", "resource:0"}}},
           {"occurrenceDateTime", dates[i]},
           {"lotNumber", "FA" + std::to_string(4597 + i * 131)},
           {"performer", {{{"actor", {{"display", "新宿区"}}}}}}}}});
  }
  return bundle;
}

kofu::shc::VerifyOptions trusting(const PrivateKey& key) {
  kofu::shc::VerifyOptions options;
  options.issuers.push_back({kIss, *kofu::shc::read_key_set(kofu::shc::write_key_set({key.public_key()})), {}});
  options.now = kNow;
  return options;
}

void BM_IssueCard(benchmark::State& state) {
  const PrivateKey key = PrivateKey::generate();
  const auto bundle = five_dose_bundle();
  std::size_t length = 0;
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop idiom
    auto card = kofu::shc::issue_card(bundle, key, {kIss, kNow, 5});
    benchmark::DoNotOptimize(card);
    length = card->qr_text.size();
  }
  state.counters["qr_chars"] = static_cast<double>(length);
}
BENCHMARK(BM_IssueCard)->Unit(benchmark::kMicrosecond);

void BM_VerifyCard(benchmark::State& state) {
  const PrivateKey key = PrivateKey::generate();
  const auto card = kofu::shc::issue_card(five_dose_bundle(), key, {kIss, kNow, 5});
  const auto options = trusting(key);
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop idiom
    auto verdict = kofu::shc::verify(card->qr_text, options);
    if (!verdict.valid()) state.SkipWithError("the card did not verify");
    benchmark::DoNotOptimize(verdict);
  }
}
BENCHMARK(BM_VerifyCard)->Unit(benchmark::kMicrosecond);

void BM_SignEs256(benchmark::State& state) {
  const PrivateKey key = PrivateKey::generate();
  const std::string message(700, 'x');
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop idiom
    benchmark::DoNotOptimize(kofu::shc::sign_es256(key, message));
  }
}
BENCHMARK(BM_SignEs256)->Unit(benchmark::kMicrosecond);

void BM_VerifyEs256(benchmark::State& state) {
  const PrivateKey key = PrivateKey::generate();
  const std::string message(700, 'x');
  const auto signature = kofu::shc::sign_es256(key, message);
  const std::string raw(reinterpret_cast<const char*>(signature.data()), signature.size());
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop idiom
    benchmark::DoNotOptimize(kofu::shc::verify_es256(key.public_key(), message, raw));
  }
}
BENCHMARK(BM_VerifyEs256)->Unit(benchmark::kMicrosecond);

void BM_DeflatePayload(benchmark::State& state) {
  const std::string payload = kofu::shc::make_credential(five_dose_bundle(), kIss, kNow).dump();
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop idiom
    benchmark::DoNotOptimize(kofu::shc::deflate_raw(payload));
  }
  state.counters["in_bytes"] = static_cast<double>(payload.size());
  state.counters["out_bytes"] = static_cast<double>(kofu::shc::deflate_raw(payload).size());
}
BENCHMARK(BM_DeflatePayload)->Unit(benchmark::kMicrosecond);

}  // namespace
