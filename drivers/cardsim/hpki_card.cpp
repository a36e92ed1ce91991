#include "drivers/cardsim/hpki_card.hpp"

#include <optional>
#include <utility>
#include <vector>

#include "cards/hpki.hpp"
#include "drivers/cardsim/command_apdu.hpp"
#include "drivers/cardsim/rsa_signing.hpp"

namespace kofu::cardsim {
namespace {

namespace hpki = cards::hpki;

// The shortest PKCS #1 v1.5 type-1 padding: 00 01, eight FF, 00 (RFC 8017 §9.2).
constexpr std::size_t kMinPadding = 11;

Application application(std::string_view aid, HpkiApplicationPersona persona, bool pin_per_signature) {
  Application out;
  out.aid = Bytes(aid);
  out.files[hpki::kCertificate] = {std::move(persona.credential.certificate), std::nullopt};
  out.files[hpki::kCaCertificate] = {std::move(persona.credential.ca_certificate), std::nullopt};
  out.pins.emplace(hpki::kPin, PinIef{std::move(persona.pin), kHpkiPinRule});
  out.keys.emplace(hpki::kKey, KeyIef{std::move(persona.credential.key), hpki::kPin});
  out.pin_per_signature = pin_per_signature;
  return out;
}

// Signature application first: the order partial-name discovery finds them in.
std::vector<Application> applications(HpkiPersona& persona) {
  std::vector<Application> out;
  if (persona.signature) out.push_back(application(hpki::kSignatureAid, std::move(*persona.signature), true));
  if (persona.authentication) {
    out.push_back(application(hpki::kAuthenticationAid, std::move(*persona.authentication), false));
  }
  return out;
}

// FCI of a selected application: 6F { 84 DF name }.
Bytes fci(std::string_view aid) {
  Bytes name = "\x84" + Bytes(1, static_cast<char>(aid.size())) + Bytes(aid);
  return "\x6F" + Bytes(1, static_cast<char>(name.size())) + name;
}

// 00 01 FF..FF 00 DATA, with at least eight FF and some DATA (RFC 8017 §9.2 EMSA-PKCS1-v1_5).
bool is_type1_block(std::string_view block) {
  if (block.size() != kRsaModulusBytes || block[0] != '\x00' || block[1] != '\x01') return false;
  std::size_t i = 2;
  while (i < block.size() && block[i] == '\xFF') ++i;
  return i >= kMinPadding - 1 && i + 1 < block.size() && block[i] == '\x00';
}

}  // namespace

HpkiCard::HpkiCard(HpkiPersona persona) : atr_(std::move(persona.atr)), files_(applications(persona)) {}

Bytes HpkiCard::execute(std::string_view command_apdu) {
  auto command = parse_command(command_apdu);
  if (!command) return answer(sw::kWrongLength);
  Bytes response = dispatch(*command);
  wipe(command->data);  // a VERIFY's PIN
  return response;
}

Bytes HpkiCard::dispatch(const iso7816::Command& command) {
  if (command.cla != 0x00) return answer(sw::kClaNotSupported);
  switch (command.ins) {
    case 0xA4: return select(command);
    case 0xB0: return files_.read_binary(command);
    case 0x20: return files_.verify(command);
    case 0x24: return files_.change_reference_data(command);
    case 0x22: return manage_security_environment(command);
    case 0x2A: return compute_signature(command);
    default: return answer(sw::kInsNotSupported);
  }
}

// By DF name: the full AID, or a leading part of it to discover the applications (P2 b2b1 00 first, 10 next
// occurrence); P2 b4b3 00 answers the FCI, 11 (0C) nothing.
Bytes HpkiCard::select(const iso7816::Command& command) {
  if (command.p1 == 0x02) return files_.select_file(command);
  const std::uint8_t occurrence = command.p2 & 0x03;
  const std::uint8_t answer_kind = command.p2 & 0x0C;
  if (command.p1 != 0x04 || (command.p2 & 0xF0) != 0 || (occurrence != 0x00 && occurrence != 0x02) ||
      (answer_kind != 0x00 && answer_kind != 0x0C)) {
    return answer(sw::kWrongP1P2);
  }
  if (command.data.empty()) return answer(sw::kWrongLength);
  const std::vector<Application>& all = files_.applications();
  std::optional<std::size_t> found;
  if (occurrence == 0x00) found = files_.find_application(command.data);
  const std::size_t start = occurrence == 0x02 && files_.current_application() ? *files_.current_application() + 1 : 0;
  for (std::size_t i = start; !found && i < all.size(); ++i) {
    if (std::string_view(all[i].aid).starts_with(command.data)) found = i;
  }
  if (!found) return answer(sw::kNotFound);
  files_.select_application(*found);
  if (answer_kind == 0x0C) return answer(sw::kOk);
  return answer(fci(all[*found].aid), sw::kOk);
}

// MSE SET for digital signature: 00 22 41 B6 04 84 02 HI LO, the key for the next PSO (JAHIS Annex A).
Bytes HpkiCard::manage_security_environment(const iso7816::Command& command) {
  if (command.p1 != 0x41 || command.p2 != 0xB6) return answer(sw::kWrongP1P2);
  if (command.data.empty()) return answer(sw::kWrongLength);
  if (command.data.size() != 4 || command.data[0] != '\x84' || command.data[1] != '\x02') {
    return answer(sw::kWrongData);
  }
  const auto id = static_cast<std::uint16_t>(static_cast<std::uint8_t>(command.data[2]) << 8 |
                                             static_cast<std::uint8_t>(command.data[3]));
  if (!files_.has_key(id)) return answer(sw::kDataNotFound);
  files_.set_security_environment_key(id);
  return answer(sw::kOk);
}

// PSO COMPUTE DIGITAL SIGNATURE 00 2A 9E 9A, extended: the raw private operation on the terminal's type-1 block.
// In the 電子署名用 application the verified PIN is used up by the signature.
Bytes HpkiCard::compute_signature(const iso7816::Command& command) {
  if (command.p1 != 0x9E || command.p2 != 0x9A) return answer(sw::kWrongP1P2);
  if (command.data.empty() || !command.le || *command.le < kRsaModulusBytes) return answer(sw::kWrongLength);
  const auto id = files_.security_environment_key();
  if (!id) return answer(sw::kConditionsNotSatisfied);
  const KeyUse use = files_.usable_key(*id);
  if (use.key == nullptr) return answer(use.status);
  if (!is_type1_block(command.data)) return answer(sw::kWrongData);
  auto signature = rsa_private_operation(use.key->key, command.data);
  if (!signature) return answer(sw::kNoDiagnosis);
  files_.signature_done(*use.key);
  return answer(*signature, sw::kOk);
}

}  // namespace kofu::cardsim
