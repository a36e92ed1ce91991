#include "cards/mynumber.hpp"

#include "cards/errors.hpp"
#include "iso7816/tlv.hpp"
#include "jahis/numbers.hpp"
#include "text/shift_jis.hpp"

namespace kofu::cards::mynumber {
namespace {

constexpr std::uint32_t kBasicInfoTag = 0xFF20;
constexpr std::uint32_t kOffsetsTag = 0xDF21;
constexpr std::uint32_t kNameTag = 0xDF22;
constexpr std::uint32_t kAddressTag = 0xDF23;
constexpr std::uint32_t kBirthTag = 0xDF24;
constexpr std::uint32_t kSexTag = 0xDF25;
constexpr std::uint32_t kMyNumberTag = 0xFF10;

Error bad_info(const std::string& what) {
  return Error(CardsErrc::bad_basic_info, "基本4情報: " + what);
}

}  // namespace

iso7816::Command select_application(std::string_view aid) {
  return {0x00, 0xA4, 0x04, 0x0C, std::string(aid), std::nullopt};
}

iso7816::Command select_file(std::uint16_t id) {
  return {0x00, 0xA4, 0x02, 0x0C, std::string{static_cast<char>(id >> 8), static_cast<char>(id & 0xFF)}, std::nullopt};
}

iso7816::Command read_binary(std::size_t offset, std::size_t length) {
  return {0x00, 0xB0,  static_cast<std::uint8_t>((offset >> 8) & 0x7F), static_cast<std::uint8_t>(offset & 0xFF),
          {},   length};
}

iso7816::Command retries_query() {
  return {0x00, 0x20, 0x00, 0x80, {}, std::nullopt};
}

iso7816::Command verify_pin(std::string_view pin) {
  return {0x00, 0x20, 0x00, 0x80, std::string(pin), std::nullopt};
}

iso7816::Command sign_digest_info(std::string_view digest_info) {
  return {0x80, 0x2A, 0x00, 0x80, std::string(digest_info), iso7816::kMaxShortLe};
}

std::string sha256_digest_info(std::string_view sha256) {
  static constexpr std::string_view kPrefix{
      "\x30\x31\x30\x0D\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00\x04\x20", 19};
  return std::string(kPrefix) + std::string(sha256);
}

Expected<BasicInfo> parse_basic_info(std::string_view ef) {
  auto outer = iso7816::read_tlv(ef);
  if (!outer) return unexpected(bad_info(outer.error().message()));
  if (outer->tag != kBasicInfoTag) return unexpected(bad_info("the record does not start with tag FF20"));
  auto children = iso7816::read_children(outer->value);
  if (!children) return unexpected(bad_info(children.error().message()));
  BasicInfo info;
  bool name = false;
  bool address = false;
  bool birth = false;
  bool sex = false;
  for (const iso7816::Tlv& child : *children) {
    switch (child.tag) {
      case kOffsetsTag: break;  // offsets of the other members; the TLV structure already says where they are
      case kNameTag:
        if (text::find_invalid_utf8(child.value) != std::string_view::npos)
          return unexpected(bad_info("氏名 is not UTF-8"));
        info.name = std::string(child.value);
        name = true;
        break;
      case kAddressTag:
        if (text::find_invalid_utf8(child.value) != std::string_view::npos)
          return unexpected(bad_info("住所 is not UTF-8"));
        info.address = std::string(child.value);
        address = true;
        break;
      case kBirthTag: {
        const std::string_view text = child.value;
        if (text.size() != 8 || !jahis::all_digits(text)) {
          return unexpected(bad_info("生年月日 is not 8 digits YYYYMMDD"));
        }
        info.birth_date = {jahis::to_int(text.substr(0, 4)), jahis::to_int(text.substr(4, 2)),
                           jahis::to_int(text.substr(6, 2))};
        if (!jahis::is_whole_date(info.birth_date)) {
          return unexpected(bad_info("生年月日 " + std::string(text) + " is not a date"));
        }
        birth = true;
        break;
      }
      case kSexTag:
        if (child.value == "1") {
          info.sex = Sex::male;
        } else if (child.value == "2") {
          info.sex = Sex::female;
        } else if (child.value == "9") {
          info.sex = Sex::not_applicable;
        } else if (child.value == "0") {
          info.sex = Sex::not_known;
        } else {
          return unexpected(bad_info("性別 is not 0, 1, 2 or 9"));
        }
        sex = true;
        break;
      default: break;  // unknown members are skipped: later card generations may add some
    }
  }
  if (!name || !address || !birth || !sex) return unexpected(bad_info("a member (DF22-DF25) is missing"));
  return info;
}

int my_number_check_digit(std::string_view first_eleven) {
  if (first_eleven.size() != 11 || !jahis::all_digits(first_eleven)) return -1;
  // P_n is the n-th digit counted from the right; Q_n is n + 1 for n ≤ 6 and n − 5 for n ≥ 7.
  int sum = 0;
  for (int n = 1; n <= 11; ++n) {
    const int p = first_eleven[static_cast<std::size_t>(11 - n)] - '0';
    const int q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const int remainder = sum % 11;
  return remainder <= 1 ? 0 : 11 - remainder;
}

Expected<std::string> parse_my_number(std::string_view ef) {
  auto tlv = iso7816::read_tlv(ef);
  if (!tlv || tlv->tag != kMyNumberTag || tlv->value.size() != 12 || !jahis::all_digits(tlv->value)) {
    // The message never carries the bytes: they may be a 個人番号.
    return unexpected(Error(CardsErrc::bad_my_number, "個人番号: the record is not FF10 with 12 digits"));
  }
  if (my_number_check_digit(tlv->value.substr(0, 11)) != tlv->value[11] - '0') {
    return unexpected(Error(CardsErrc::bad_my_number, "個人番号: the check digit is wrong"));
  }
  return std::string(tlv->value);
}

}  // namespace kofu::cards::mynumber
