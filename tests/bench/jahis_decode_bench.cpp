// Decode throughput of the two JAHIS formats on payloads of the sizes a pharmacy counter sees:
// a 20-drug prescription and a medication notebook with 50 visits.
#include <benchmark/benchmark.h>

#include <string>

#include "jahis/rx_codec.hpp"
#include "jahis/tc_codec.hpp"
#include "text/shift_jis.hpp"

namespace {

std::string to_sjis(const std::string& utf8) {
  auto encoded = kofu::text::encode_shift_jis(utf8);
  return encoded ? encoded->sjis : std::string();
}

// 10 RPs of 2 drugs each, with usage, supplements and a unit conversion: about 1.8 kB.
std::string prescription_20_drugs() {
  std::string text =
      "JAHIS10\r\n1,1,1312345,13,医療法人社団 こうふ内科クリニック\r\n2,160-0023,東京都新宿区西新宿九丁目９９番９号\r\n"
      "3,03-0000-1234,,\r\n4,1,,内科\r\n5,,ｺｳﾌ ﾊﾅｺ,交付 花子\r\n11,,見本 太郎,ﾐﾎﾝ ﾀﾛｳ\r\n12,1\r\n13,3450401\r\n"
      "21,1\r\n22,06139999\r\n23,１２３,４５６７,1,01\r\n24,30,70\r\n51,20261120\r\n52,20261123\r\n";
  for (int rp = 1; rp <= 10; ++rp) {
    const std::string n = std::to_string(rp);
    text += "101," + n + ",1,,14\r\n111," + n + ",1,,１日３回毎食後,3\r\n181," + n + ",1,2,一包化,,\r\n";
    text += "201," + n + ",1,1,2,620004992,ｺﾘｵﾊﾟﾝｶﾌﾟｾﾙ5mg,3,1,Ｃ\r\n281," + n + ",1,1,8,先発医薬品患者希望,\r\n";
    text += "201," + n + ",2,1,7,1149037F1ZZZ,【般】セレコキシブ錠１００ｍｇ,2,1,錠\r\n211," + n + ",2,0.66667\r\n";
  }
  return to_sjis(text);
}

// 50 調剤情報 groups of 3 drugs in 2 RPs: about 24 kB.
std::string notebook_50_visits() {
  std::string text = "JAHISTC08,1\r\n1,見本 太郎,1,S450401,,,,,,,ﾐﾎﾝ ﾀﾛｳ\r\n2,1,卵,1\r\n";
  for (int visit = 0; visit < 50; ++visit) {
    char date[16];
    std::snprintf(date, sizeof date, "R08%02d%02d", 12 - visit / 5, 28 - visit % 5 * 5);
    text += std::string("5,") + date + ",1\r\n";
    text +=
        "11,こうふ薬局 新宿店,13,4,1234567,,,,1\r\n15,調剤 一郎,,1\r\n51,医療法人社団 "
        "こうふ内科クリニック,13,1,1312345,1\r\n";
    text += "201,1,ｺﾘｵﾊﾟﾝｶﾌﾟｾﾙ5mg,3,Ｃ,2,620004992,1,,,\r\n";
    text +=
        "201,1,セレコキシブ錠１００ｍｇ「見本」,2,錠,2,622646301,1,【般】セレコキシブ錠１００ｍｇ,2,1149037F1ZZZ\r\n";
    text += "301,1,【分３ 毎食後服用】,14,日分,1,1,,1\r\n201,2,ﾘﾝﾃﾞﾛﾝ-VG軟膏0.12%,10,g,2,662640418,1,,,\r\n";
    text += "301,2,【１日２回 患部に塗布】,1,調剤,5,1,,1\r\n501,次回は２週間後にお越しください。,1\r\n";
  }
  return to_sjis(text);
}

void BM_RxDecode20Drugs(benchmark::State& state) {
  const std::string payload = prescription_20_drugs();
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop idiom
    auto decoded = kofu::jahis::rx::decode(payload);
    if (!decoded.valid()) state.SkipWithError("the benchmark prescription does not decode as valid");
    benchmark::DoNotOptimize(decoded);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(payload.size()));
  state.counters["payload_bytes"] = static_cast<double>(payload.size());
}
BENCHMARK(BM_RxDecode20Drugs);

void BM_TcDecode50Visits(benchmark::State& state) {
  const std::string payload = notebook_50_visits();
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop idiom
    auto decoded = kofu::jahis::tc::decode(payload);
    if (!decoded.valid()) state.SkipWithError("the benchmark notebook does not decode as valid");
    benchmark::DoNotOptimize(decoded);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(payload.size()));
  state.counters["payload_bytes"] = static_cast<double>(payload.size());
}
BENCHMARK(BM_TcDecode50Visits);

void BM_TcEncode50Visits(benchmark::State& state) {
  const auto decoded = kofu::jahis::tc::decode(notebook_50_visits());
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop idiom
    auto encoded = kofu::jahis::tc::encode(decoded.notebook);
    benchmark::DoNotOptimize(encoded);
  }
}
BENCHMARK(BM_TcEncode50Visits);

}  // namespace
