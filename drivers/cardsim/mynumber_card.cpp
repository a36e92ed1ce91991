#include "drivers/cardsim/mynumber_card.hpp"

#include <utility>
#include <vector>

#include "cards/mynumber.hpp"
#include "drivers/cardsim/command_apdu.hpp"
#include "drivers/cardsim/rsa_signing.hpp"

namespace kofu::cardsim {
namespace {

namespace mynumber = cards::mynumber;

constexpr std::uint16_t kJpkiCertificateFlags = 0x0008;  // which certificates the card holds
constexpr std::size_t kTokenInfoSize = 160;              // a serialised PKCS #11 CK_TOKEN_INFO
constexpr std::size_t kTokenLabelSize = 32;
// PKCS #1 v1.5 type 1 needs 11 bytes around the data in a 256-byte block.
constexpr std::size_t kMaxSignatureInput = kRsaModulusBytes - 11;

// EF 0006: the label space-padded to 32 bytes, the rest of CK_TOKEN_INFO zeros (nobody reads it).
Bytes token_info(std::string_view label) {
  Bytes content(label);
  content.resize(kTokenLabelSize, ' ');
  content.resize(kTokenInfoSize, '\0');
  return content;
}

// BER definite length: short form, or 81 / 82 long form (iccard.md §1.4: parsers must take all three).
Bytes ber_length(std::size_t length) {
  if (length < 0x80) return Bytes(1, static_cast<char>(length));
  if (length <= 0xFF) return Bytes{'\x81', static_cast<char>(length)};
  return Bytes{'\x82', static_cast<char>(length >> 8), static_cast<char>(length & 0xFF)};
}

Bytes tlv(std::string_view tag, std::string_view value) {
  return Bytes(tag) + ber_length(value.size()) + Bytes(value);
}

// EF 0001: FF10 0C + 12 ASCII digits + FF FF filler, 17 bytes.
Bytes my_number_record(std::string_view my_number) {
  return tlv("\xFF\x10", my_number) + "\xFF\xFF";
}

// EF 0002, the 基本4情報: FF20 { DF21 offsets, DF22 name, DF23 address, DF24 YYYYMMDD, DF25 sex }, where DF21 holds
// the offset of each member's tag from the start of the file; then 00 filler up to a multiple of 256 bytes.
Bytes basic_info_record(const MyNumberPersona& persona) {
  const std::vector<Bytes> members{tlv("\xDF\x22", persona.name), tlv("\xDF\x23", persona.address),
                                   tlv("\xDF\x24", persona.birth_date), tlv("\xDF\x25", std::string(1, persona.sex))};
  constexpr std::size_t kOffsetsSize = 2 + 1 + 8;
  std::size_t value_size = kOffsetsSize;
  for (const Bytes& member : members) value_size += member.size();
  const Bytes header = "\xFF\x20" + ber_length(value_size);
  Bytes offsets;
  std::size_t offset = header.size() + kOffsetsSize;
  for (const Bytes& member : members) {
    offsets += static_cast<char>(offset >> 8);
    offsets += static_cast<char>(offset & 0xFF);
    offset += member.size();
  }
  Bytes record = header + tlv("\xDF\x21", offsets);
  for (const Bytes& member : members) record += member;
  record.resize((record.size() + 255) / 256 * 256, '\0');
  return record;
}

PinIef pin_ief(PinSetting setting) {
  return PinIef{std::move(setting), kMyNumberPinRule};
}

std::vector<Application> applications(MyNumberPersona& persona) {
  std::vector<Application> out(2);
  Application& jpki = out[0];
  jpki.aid = Bytes(mynumber::kJpkiAid);
  jpki.files[mynumber::kJpkiTokenInfo] = {token_info(persona.token_label), std::nullopt};
  // Byte 0: a 署名用 certificate (none: the emulated holder has only the 利用者証明用 one), byte 1: the auth one.
  jpki.files[kJpkiCertificateFlags] = {Bytes("\x00\x8F\x00", 3), std::nullopt};
  jpki.files[mynumber::kJpkiAuthCertificate] = {std::move(persona.jpki_auth.certificate), std::nullopt};
  jpki.files[mynumber::kJpkiAuthCaCertificate] = {std::move(persona.jpki_auth.ca_certificate), std::nullopt};
  jpki.pins.emplace(mynumber::kJpkiAuthPin, pin_ief(std::move(persona.jpki_auth_pin)));
  jpki.keys.emplace(mynumber::kJpkiAuthKey, KeyIef{std::move(persona.jpki_auth.key), mynumber::kJpkiAuthPin});

  Application& text = out[1];  // 券面事項入力補助AP
  text.aid = Bytes(mynumber::kTextAid);
  text.files[mynumber::kTextMyNumber] = {my_number_record(persona.my_number), mynumber::kTextPin};
  text.files[mynumber::kTextBasicInfo] = {basic_info_record(persona), mynumber::kTextPin};
  text.pins.emplace(mynumber::kTextPin, pin_ief(std::move(persona.text_pin)));
  return out;
}

}  // namespace

MyNumberCard::MyNumberCard(MyNumberPersona persona) : atr_(std::move(persona.atr)), files_(applications(persona)) {}

Bytes MyNumberCard::execute(std::string_view command_apdu) {
  auto command = parse_command(command_apdu);
  if (!command) return answer(sw::kWrongLength);
  Bytes response = dispatch(*command);
  wipe(command->data);  // a VERIFY's PIN
  return response;
}

Bytes MyNumberCard::dispatch(const iso7816::Command& command) {
  if (command.cla == 0x00) {
    switch (command.ins) {
      case 0xA4: return select(command);
      case 0xB0: return files_.read_binary(command);
      case 0x20: return files_.verify(command);
      case 0x24: return files_.change_reference_data(command);
      default: return answer(sw::kInsNotSupported);
    }
  }
  if (command.cla == 0x80) {  // JICSAP proprietary class
    if (command.ins == 0x2A) return compute_signature(command);
    return answer(sw::kInsNotSupported);
  }
  return answer(sw::kClaNotSupported);
}

Bytes MyNumberCard::select(const iso7816::Command& command) {
  if (command.p1 == 0x02) return files_.select_file(command);
  // By DF name, full AID only, P2 0C (no FCI): what every My Number reader sends (iccard.md §1.1).
  if (command.p1 != 0x04 || command.p2 != 0x0C) return answer(sw::kWrongP1P2);
  if (command.data.empty()) return answer(sw::kWrongLength);
  const auto application = files_.find_application(command.data);
  if (!application) return answer(sw::kNotFound);
  files_.select_application(*application);
  return answer(sw::kOk);
}

// 80 2A 00 80|sfi Lc DATA 00: PKCS #1 v1.5 type 1 over DATA (a DigestInfo) with the key in the current EF (P2 80) or
// in EF sfi (P2 97 = 0017), after VERIFY of its PIN (iccard.md §1.2). The other P1 schemes are not emulated.
Bytes MyNumberCard::compute_signature(const iso7816::Command& command) {
  if (command.p1 != 0x00 || command.p2 < 0x80 || command.p2 > 0x9E) return answer(sw::kWrongP1P2);
  const auto id = files_.referenced_ef(command.p2);
  if (!id) return answer(sw::kNoCurrentEf);
  if (command.data.empty() || !command.le || *command.le < kRsaModulusBytes) return answer(sw::kWrongLength);
  const KeyUse use = files_.usable_key(*id);
  if (use.key == nullptr) return answer(use.status);
  if (command.data.size() > kMaxSignatureInput) return answer(sw::kConditionsNotSatisfied);
  auto signature = sign_pkcs1_v15(use.key->key, command.data);
  if (!signature) return answer(sw::kNoDiagnosis);
  return answer(*signature, sw::kOk);
}

}  // namespace kofu::cardsim
