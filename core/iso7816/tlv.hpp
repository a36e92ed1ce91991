// BER-TLV as the cards write it (ISO/IEC 7816-4 §5.2, X.690 §8.1): one- to three-byte tags (the My Number card
// uses FF20, DF21…), definite lengths in short form or 81/82/83 long form. Indefinite lengths are refused.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "error/expected.hpp"

namespace kofu::iso7816 {

struct Tlv {
  std::uint32_t tag = 0;   // the tag bytes as a number: 0xFF20, 0xDF21, 0x30
  std::string_view value;  // a view into the parsed buffer
  std::size_t offset = 0;  // where the tag starts in that buffer
  std::size_t size = 0;    // tag + length + value bytes

  bool constructed() const noexcept;
};

// The object starting at `offset` of `bytes`. Errors name the offset and what is wrong.
Expected<Tlv> read_tlv(std::string_view bytes, std::size_t offset = 0);

// The objects inside a value, one after another, up to its end (padding 00 or FF after the last is allowed).
Expected<std::vector<Tlv>> read_children(std::string_view value);

// From the first bytes of a DER object (at least its tag and length), its whole size; a certificate on the card is
// read in chunks up to this size. Fails when the header is incomplete.
Expected<std::size_t> der_size(std::string_view header);

}  // namespace kofu::iso7816
