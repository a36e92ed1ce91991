// A unit-test card: expects these commands in order (hex) and gives these answers (hex; "FAIL" makes the transport
// fail with `failure`, as does running out of script). A fake for the logic of the layers above a transport; the
// integration tests run the real pcscd with kofu-cardsim.
#pragma once

#include <doctest/doctest.h>

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "iso7816/errors.hpp"
#include "iso7816/exchange.hpp"

namespace kofu::test {

using Script = std::vector<std::pair<std::string, std::string>>;

class ScriptedCard final : public iso7816::Transport {
 public:
  explicit ScriptedCard(Script script) : script_(script.begin(), script.end()) {}
  Expected<iso7816::Bytes> transmit(std::string_view apdu) override {
    sent.push_back(iso7816::to_hex(apdu));
    if (script_.empty()) return unexpected(Error(failure, "the script has no more answers"));
    auto step = script_.front();
    script_.pop_front();
    CHECK(iso7816::to_hex(apdu) == step.first);
    if (step.second == "FAIL") return unexpected(Error(failure, "the scripted transport failed"));
    return *iso7816::parse_hex(step.second);
  }
  bool done() const { return script_.empty(); }
  std::vector<std::string> sent;
  std::error_code failure = iso7816::Iso7816Errc::short_response;

 private:
  std::deque<std::pair<std::string, std::string>> script_;
};

}  // namespace kofu::test
