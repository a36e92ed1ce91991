#include "iso7816/errors.hpp"

#include <string>

namespace kofu::iso7816 {
namespace {

class Iso7816Category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "kofu.iso7816"; }
  std::string message(int value) const override {
    switch (static_cast<Iso7816Errc>(value)) {
      case Iso7816Errc::bad_command: return "the command cannot be encoded as an APDU";
      case Iso7816Errc::short_response: return "the card's response has no status word";
      case Iso7816Errc::bad_tlv: return "the card's data is not well-formed BER-TLV";
      case Iso7816Errc::bad_hex: return "not hex";
    }
    return "unknown ISO 7816 error";
  }
};

}  // namespace

const std::error_category& iso7816_category() noexcept {
  static const Iso7816Category category;
  return category;
}

std::error_code make_error_code(Iso7816Errc e) noexcept {
  return {static_cast<int>(e), iso7816_category()};
}

}  // namespace kofu::iso7816
