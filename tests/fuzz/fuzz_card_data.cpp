// Card answers from outside (a reader, an emulator, a hostile card) never crash the response, BER-TLV and My Number
// record parsers; what parses has consistent sizes.
#include <cstdlib>
#include <string_view>

#include "cards/mynumber.hpp"
#include "iso7816/apdu.hpp"
#include "iso7816/tlv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace kofu;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (auto response = iso7816::parse_response(bytes)) {
    if (response->data.size() + 2 != bytes.size()) std::abort();
  }
  if (auto tlv = iso7816::read_tlv(bytes)) {
    if (tlv->size > bytes.size() || tlv->value.size() > tlv->size) std::abort();
    if (auto children = iso7816::read_children(tlv->value)) {
      for (const auto& child : *children) {
        if (child.offset + child.size > tlv->value.size()) std::abort();
      }
    }
  }
  (void)iso7816::der_size(bytes);
  (void)cards::mynumber::parse_basic_info(bytes);
  (void)cards::mynumber::parse_my_number(bytes);
  return 0;
}
