#include "iso7816/errors.hpp"

#include <string>

#include "error/category.hpp"

namespace kofu::iso7816 {
namespace {

// What each code means (ErrorCategory gives the unknown ones a sentence too).
const char* describe(int value) noexcept {
  switch (static_cast<Iso7816Errc>(value)) {
    case Iso7816Errc::bad_command: return "the command cannot be encoded as an APDU";
    case Iso7816Errc::short_response: return "the card's response has no status word";
    case Iso7816Errc::bad_tlv: return "the card's data is not well-formed BER-TLV";
    case Iso7816Errc::bad_hex: return "not hex";
  }
  return nullptr;
}

const char* describe_fault(int value) noexcept {
  switch (static_cast<TransportFault>(value)) {
    case TransportFault::card_removed: return "the card was removed";
    case TransportFault::reader_gone: return "the card reader is gone";
    case TransportFault::card_reset: return "the card was reset";
    case TransportFault::unresponsive: return "the card does not answer";
    case TransportFault::timeout: return "the card did not answer in time";
  }
  return nullptr;
}

}  // namespace

const std::error_category& iso7816_category() noexcept {
  static const ErrorCategory category("kofu.iso7816", describe);
  return category;
}

std::error_code make_error_code(Iso7816Errc e) noexcept {
  return {static_cast<int>(e), iso7816_category()};
}

const std::error_category& transport_category() noexcept {
  static const ErrorCategory category("kofu.transport", describe_fault);
  return category;
}

std::error_condition make_error_condition(TransportFault e) noexcept {
  return {static_cast<int>(e), transport_category()};
}

}  // namespace kofu::iso7816
