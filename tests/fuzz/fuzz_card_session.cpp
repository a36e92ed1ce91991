// libFuzzer: the card applications (drivers/cards) against a card that answers anything: every flow of the My
// Number card and the HPKI card runs on answers cut from the input (2-byte length + bytes each; the card is gone
// when the input ends). No answer may crash, hang or make a flow send more than it should.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "drivers/cards/hpki_card.hpp"
#include "drivers/cards/mynumber_card.hpp"
#include "iso7816/errors.hpp"

namespace {

constexpr int kMaxCommands = 2000;  // far above any flow's count: more would mean a loop

class FuzzedCard final : public kofu::iso7816::Transport {
 public:
  explicit FuzzedCard(std::string_view input) : input_(input) {}
  kofu::Expected<kofu::iso7816::Bytes> transmit(std::string_view /*apdu*/) override {
    if (++commands_ > kMaxCommands) __builtin_trap();
    if (input_.size() < 2) {
      return kofu::unexpected(kofu::Error(kofu::iso7816::Iso7816Errc::short_response, "the card is gone"));
    }
    const std::size_t length = (static_cast<std::uint8_t>(input_[0]) << 8 | static_cast<std::uint8_t>(input_[1]));
    input_.remove_prefix(2);
    const std::string_view answer = input_.substr(0, length);
    input_.remove_prefix(answer.size());
    return kofu::iso7816::Bytes(answer);
  }

 private:
  std::string_view input_;
  int commands_ = 0;
};

kofu::Secret pin(const char* text) {
  std::string typed(text);
  return kofu::Secret::take(typed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string digest(32, '\x42');
  {
    FuzzedCard card(input);
    if (auto my_number = kofu::cards::MyNumberCard::open(card)) {
      (void)my_number->certificate();
      (void)my_number->ca_certificate();
      (void)my_number->pin_status();
      (void)my_number->text_pin_status();
      (void)my_number->sign_sha256(digest, pin("1234"), kofu::cards::PinPolicy{true});
      (void)my_number->read_text(pin("1234"), kofu::cards::PinPolicy{true}, true);
    }
  }
  FuzzedCard card(input);
  if (auto hpki = kofu::cards::HpkiCard::open(card)) {
    for (const auto application :
         {kofu::cards::HpkiApplication::signature, kofu::cards::HpkiApplication::authentication}) {
      (void)hpki->certificate(application);
      (void)hpki->pin_status(application);
      (void)hpki->sign_sha256(application, digest, pin("123456"), kofu::cards::PinPolicy{true});
    }
  }
  return 0;
}
