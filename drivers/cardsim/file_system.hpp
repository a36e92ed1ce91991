// The ISO/IEC 7816-4 file model both emulated cards share, with the JICSAP behaviour of the My Number card
// (iccard.md §1.10): applications (DFs, selected by full name) holding transparent EFs, PIN IEFs with retry counters
// and key IEFs; and the session (current application and EF, verified PINs, the key set by MSE) that power and a
// change of application end.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "drivers/cardsim/persona.hpp"
#include "iso7816/apdu.hpp"

namespace kofu::cardsim {

struct TransparentEf {
  Bytes content;
  std::optional<std::uint16_t> read_pin;  // the PIN IEF to verify before READ BINARY; none: free to read
};

struct PinIef {
  PinSetting setting;
  PinRule rule;  // for CHANGE REFERENCE DATA
};

struct KeyIef {
  pki::KeyPair key;       // RSA-2048
  std::uint16_t pin = 0;  // the PIN IEF that unlocks the key
};

struct Application {
  Bytes aid;
  std::map<std::uint16_t, TransparentEf> files;
  std::map<std::uint16_t, PinIef> pins;
  std::map<std::uint16_t, KeyIef> keys;
  // HPKI 電子署名用: a verified PIN is good for one signature ("毎回", JAHIS); elsewhere until the session ends.
  bool pin_per_signature = false;
};

// A key a signature command may use, or the status word that refuses it.
struct KeyUse {
  KeyIef* key = nullptr;
  std::uint16_t status = 0;
};

class FileSystem {
 public:
  explicit FileSystem(std::vector<Application> applications) : applications_(std::move(applications)) {}

  // Power on, power off, reset: nothing selected, nothing verified.
  void end_session();

  const std::vector<Application>& applications() const noexcept { return applications_; }
  std::optional<std::size_t> find_application(std::string_view aid) const;
  std::optional<std::size_t> current_application() const noexcept { return session_.application; }
  // Makes the application current with no EF selected; leaving another one clears its verified PINs and MSE.
  void select_application(std::size_t index);

  // The command handlers shared by both cards, each answering a full response APDU.
  Bytes select_file(const iso7816::Command& command);            // 00 A4 02 0C 02 HI LO
  Bytes read_binary(const iso7816::Command& command);            // 00 B0, 15-bit offset or SFI
  Bytes verify(const iso7816::Command& command);                 // 00 20 00 80|sfi [Lc PIN]
  Bytes change_reference_data(const iso7816::Command& command);  // 00 24 01 80|sfi Lc new PIN

  // The EF a P2 of 80|sfi names: the current EF for 80, EF sfi for 81..9E; none for other P2 or no current EF.
  std::optional<std::uint16_t> referenced_ef(std::uint8_t p2) const;
  // The key in EF `id` of the current application once its PIN is verified (6982 before; 6A82 no such EF, 6981 an
  // EF that is not a key).
  KeyUse usable_key(std::uint16_t id);
  // After a signature in a pin_per_signature application: the PIN must be verified again.
  void signature_done(const KeyIef& key);

  // The key MSE SET chose for the next PSO (HPKI), part of the session.
  std::optional<std::uint16_t> security_environment_key() const noexcept { return session_.signing_key; }
  void set_security_environment_key(std::uint16_t id) { session_.signing_key = id; }
  bool has_key(std::uint16_t id) const;

 private:
  struct Session {
    std::optional<std::size_t> application;
    std::optional<std::uint16_t> file;
    std::set<std::uint16_t> verified;  // PIN IEFs of the current application
    std::optional<std::uint16_t> signing_key;
  };

  Application* current() noexcept;
  PinIef* find_pin(std::uint16_t id);

  std::vector<Application> applications_;
  Session session_;
};

}  // namespace kofu::cardsim
