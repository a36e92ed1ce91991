// Reading the JSON of `kofu jahis encode` never crashes, whatever the document holds.
#include <string_view>

#include "jahis/rx_codec.hpp"
#include "jahis/rx_json.hpp"
#include "jahis/tc_codec.hpp"
#include "jahis/tc_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace kofu::jahis;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Json json = Json::parse(text, nullptr, false);
  if (json.is_discarded()) return 0;
  if (auto notebook = tc::notebook_from_json(json)) (void)tc::encode(*notebook);
  if (auto prescription = rx::prescription_from_json(json)) (void)rx::encode(*prescription);
  return 0;
}
