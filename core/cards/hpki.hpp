// The HPKI card (医師・薬剤師などの HPKI カード) as data: the application ids, file ids and commands of the profile
// kofu uses, chosen among the public facts (JAHIS HPKI対応ICカードガイドライン Ver 3.1 Annex A/C, and the JMA card's
// ids seen by two independent readers; ../shared/reference/iccard.md §2). The driver and kofu-cardsim share it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "error/expected.hpp"
#include "iso7816/apdu.hpp"

namespace kofu::cards::hpki {

// RID E8 28 BD 08 0F (ISO/IEC 7816-15) + the PIX of each application. (Written with a length: they contain 00.)
inline constexpr std::string_view kSignatureAid{"\xE8\x28\xBD\x08\x0F\xA0\x00\x00\x03\x91\x00\x00\x00\x00\x00\x01",
                                                16};  // 電子署名用
inline constexpr std::string_view kAuthenticationAid{"\xE8\x28\xBD\x08\x0F\xA0\x00\x00\x03\x91\x00\x00\x00\x00\x00\x02",
                                                     16};  // 電子認証用

// Files of each application.
inline constexpr std::uint16_t kCertificate = 0x0016;    // end-entity certificate, DER
inline constexpr std::uint16_t kCaCertificate = 0x0019;  // issuing CA certificate, DER
inline constexpr std::uint16_t kPin = 0x0002;            // PIN IEF: 4–16 ASCII characters
inline constexpr std::uint16_t kKey = 0x000C;            // RSA private key

// MSE SET DST naming the key: 00 22 41 B6 04 84 02 00 0C.
iso7816::Command set_signature_key();
// PSO COMPUTE DIGITAL SIGNATURE over a block the terminal padded: 00 2A 9E 9A, extended Lc and Le.
iso7816::Command compute_signature(std::string_view block);

// The EMSA-PKCS1-v1_5 block (RFC 8017 §9.2: 00 01 FF…FF 00 DigestInfo) of a key of `size` bytes; fails when the
// DigestInfo leaves fewer than 8 bytes of padding.
Expected<std::string> pkcs1_v15_block(std::string_view digest_info, std::size_t size);

}  // namespace kofu::cards::hpki
