// The My Number card (個人番号カード) as data: application ids, file ids, the commands the driver and the emulator
// exchange, and the parsers of what the 券面事項入力補助AP returns. Facts: ../shared/reference/iccard.md §1.
// Personal data: the 個人番号 is returned only to a caller that asked for it and is never logged or stored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "error/expected.hpp"
#include "iso7816/apdu.hpp"
#include "jahis/dates.hpp"

namespace kofu::cards::mynumber {

// Application ids (DF names); always selected in full, never by a prefix.
// (Written with a length: the ids contain 00 bytes.)
inline constexpr std::string_view kJpkiAid{"\xD3\x92\xF0\x00\x26\x01\x00\x00\x00\x01", 10};
inline constexpr std::string_view kTextAid{"\xD3\x92\x10\x00\x31\x00\x01\x01\x04\x08", 10};  // 券面事項入力補助AP

// JPKI-AP elementary files.
inline constexpr std::uint16_t kJpkiTokenInfo = 0x0006;
inline constexpr std::uint16_t kJpkiAuthCertificate = 0x000A;  // 利用者証明用電子証明書
inline constexpr std::uint16_t kJpkiAuthCaCertificate = 0x000B;
inline constexpr std::uint16_t kJpkiAuthKey = 0x0017;
inline constexpr std::uint16_t kJpkiAuthPin = 0x0018;  // 4 digits, 3 tries

// 券面事項入力補助AP elementary files.
inline constexpr std::uint16_t kTextMyNumber = 0x0001;
inline constexpr std::uint16_t kTextBasicInfo = 0x0002;
inline constexpr std::uint16_t kTextPin = 0x0011;  // 4 digits, 3 tries

iso7816::Command select_application(std::string_view aid);
iso7816::Command select_file(std::uint16_t id);
iso7816::Command read_binary(std::size_t offset, std::size_t length);  // offset < 0x8000; length > 256: extended Le
iso7816::Command retries_query();                                      // 00 20 00 80: no try is used
iso7816::Command verify_pin(std::string_view pin);                     // the caller wipes the command's data
iso7816::Command sign_digest_info(std::string_view digest_info);       // 80 2A 00 80 Lc DigestInfo 00

// The DigestInfo of a SHA-256 hash (RFC 8017 §9.2), what the JPKI key signs with PKCS #1 v1.5.
std::string sha256_digest_info(std::string_view sha256);

// 性別 (ISO 5218): 1 male, 2 female, 9 not applicable, 0 not known.
enum class Sex { not_known, male, female, not_applicable };

struct BasicInfo {
  std::string name;     // 氏名, UTF-8 (family and given names separated by U+3000 on real cards)
  std::string address;  // 住所, UTF-8
  jahis::CivilDate birth_date;
  Sex sex = Sex::not_known;
};

// EF 0002 of the 券面事項入力補助AP: FF20 { DF21 offsets, DF22 name, DF23 address, DF24 birth YYYYMMDD, DF25 sex }.
Expected<BasicInfo> parse_basic_info(std::string_view ef);

// EF 0001: FF10 0C + 12 ASCII digits (+ filler). The check digit is verified.
Expected<std::string> parse_my_number(std::string_view ef);

// The check digit of the first 11 digits of a 個人番号 (行政手続における特定の個人を識別するための番号の利用等に関する
// 法律施行令 第八条), or -1 when the text is not 11 digits.
int my_number_check_digit(std::string_view first_eleven);

}  // namespace kofu::cards::mynumber
