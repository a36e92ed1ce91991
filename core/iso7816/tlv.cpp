#include "iso7816/tlv.hpp"

#include <string>

#include "iso7816/errors.hpp"

namespace kofu::iso7816 {
namespace {

Error bad(std::size_t offset, const std::string& what) {
  return Error(Iso7816Errc::bad_tlv, "BER-TLV at offset " + std::to_string(offset) + ": " + what);
}

std::uint8_t byte_at(std::string_view bytes, std::size_t i) {
  return static_cast<std::uint8_t>(bytes[i]);
}

}  // namespace

bool Tlv::constructed() const noexcept {
  std::uint32_t first = tag;
  while (first > 0xFF) first >>= 8;
  return (first & 0x20) != 0;
}

Expected<Tlv> read_tlv(std::string_view bytes, std::size_t offset) {
  std::size_t i = offset;
  if (i >= bytes.size()) return unexpected(bad(offset, "no tag"));
  Tlv tlv;
  tlv.offset = offset;
  std::uint8_t b = byte_at(bytes, i++);
  tlv.tag = b;
  if ((b & 0x1F) == 0x1F) {  // high tag number form: subsequent bytes, bit 8 set on all but the last
    int count = 0;
    do {
      if (i >= bytes.size()) return unexpected(bad(offset, "the tag is cut off"));
      if (++count > 2) return unexpected(bad(offset, "a tag longer than 3 bytes"));
      b = byte_at(bytes, i++);
      tlv.tag = tlv.tag << 8 | b;
    } while ((b & 0x80) != 0);
  }
  if (i >= bytes.size()) return unexpected(bad(offset, "no length"));
  b = byte_at(bytes, i++);
  std::size_t length = b;
  if (b == 0x80) return unexpected(bad(offset, "an indefinite length"));
  if (b > 0x80) {
    const int count = b & 0x7F;
    if (count > 3) return unexpected(bad(offset, "a length of " + std::to_string(count) + " bytes"));
    if (i + static_cast<std::size_t>(count) > bytes.size()) return unexpected(bad(offset, "the length is cut off"));
    length = 0;
    for (int k = 0; k < count; ++k) length = length << 8 | byte_at(bytes, i++);
  }
  if (length > bytes.size() - i) {
    return unexpected(bad(
        offset, "a length of " + std::to_string(length) + " with " + std::to_string(bytes.size() - i) + " bytes left"));
  }
  tlv.value = bytes.substr(i, length);
  tlv.size = i + length - offset;
  return tlv;
}

Expected<std::vector<Tlv>> read_children(std::string_view value) {
  std::vector<Tlv> children;
  std::size_t offset = 0;
  while (offset < value.size()) {
    const std::uint8_t b = byte_at(value, offset);
    if (b == 0x00 || b == 0xFF) {
      // Filler after the last object (the cards pad their EFs with 00 or FF). FF may also start a tag, as in FF20:
      // it is padding only when everything after it is padding too.
      bool padding = true;
      for (std::size_t k = offset; k < value.size() && padding; ++k) {
        padding = byte_at(value, k) == 0x00 || byte_at(value, k) == 0xFF;
      }
      if (padding) break;
    }
    auto child = read_tlv(value, offset);
    if (!child) return unexpected(child.error());
    offset += child->size;
    children.push_back(*child);
  }
  return children;
}

Expected<std::size_t> der_size(std::string_view header) {
  auto tlv = read_tlv(header);
  if (tlv) return tlv->size;
  // The header alone: parse tag and length without the value.
  if (header.size() < 2) return unexpected(bad(0, "the header is cut off"));
  std::size_t i = 1;
  if ((byte_at(header, 0) & 0x1F) == 0x1F) {
    while (i < header.size() && (byte_at(header, i) & 0x80) != 0) ++i;
    ++i;
  }
  if (i >= header.size()) return unexpected(bad(0, "the header is cut off"));
  const std::uint8_t b = byte_at(header, i++);
  if (b < 0x80) return i + b;
  const int count = b & 0x7F;
  if (b == 0x80 || count > 3) return unexpected(bad(0, "not a definite length of at most 3 bytes"));
  if (i + static_cast<std::size_t>(count) > header.size()) return unexpected(bad(0, "the length is cut off"));
  std::size_t length = 0;
  for (int k = 0; k < count; ++k) length = length << 8 | byte_at(header, i++);
  return i + length;
}

}  // namespace kofu::iso7816
