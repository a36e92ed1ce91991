#include "cards/hpki.hpp"

#include <system_error>

namespace kofu::cards::hpki {
namespace {

constexpr std::size_t kMinPadding = 8;

}  // namespace

iso7816::Command set_signature_key() {
  return {
      0x00,        0x22, 0x41, 0xB6, std::string{'\x84', '\x02', static_cast<char>(kKey >> 8), static_cast<char>(kKey)},
      std::nullopt};
}

iso7816::Command compute_signature(std::string_view block) {
  return {0x00, 0x2A, 0x9E, 0x9A, std::string(block), iso7816::kMaxExtendedLe};
}

Expected<std::string> pkcs1_v15_block(std::string_view digest_info, std::size_t size) {
  if (digest_info.size() + 3 + kMinPadding > size) {
    return unexpected(Error(std::make_error_code(std::errc::invalid_argument),
                            "a DigestInfo of " + std::to_string(digest_info.size()) + " bytes does not fit a " +
                                std::to_string(size * 8) + "-bit key"));
  }
  std::string block(size, '\xFF');
  block[0] = '\x00';
  block[1] = '\x01';
  block[size - digest_info.size() - 1] = '\x00';
  block.replace(size - digest_info.size(), digest_info.size(), digest_info);
  return block;
}

}  // namespace kofu::cards::hpki
