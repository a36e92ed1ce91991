// The link to vsmartcard's vpcd reader driver inside pcscd (iccard.md §4.3): kofu-cardsim connects as a TCP
// client and answers. Every message is a big-endian uint16 length and a payload; a 1-byte payload from vpcd is a
// control code (00 power off, 01 power on, 02 reset, 04 send the ATR), a longer one a command APDU. Closing the
// connection is removing the card, connecting is inserting it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "drivers/cardsim/faulty_card.hpp"
#include "drivers/cardsim/simulated_card.hpp"
#include "error/expected.hpp"

namespace kofu::cardsim {

struct LinkOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 35963;  // slot 0 of the vpcd reader Debian's vsmartcard-vpcd configures (0x8C7B)
  // How long to keep trying to connect: the emulator may start before pcscd's vpcd listens, or outlive a restart.
  std::chrono::seconds connect_timeout{10};
  bool trace = false;  // one line per exchange on stderr (see trace.hpp)
  // Written (with the process id) when vpcd first speaks on the connection, i.e. pcscd sees the card, so that a
  // test can wait for it; empty: none.
  std::string ready_file;
};

// Presents `card` to vpcd until SIGTERM or SIGINT, playing the link faults (removal, reinsertion, a mute card).
// Returns nothing when told to stop, or the error that ended it (vpcd unreachable or gone for longer than the
// connect timeout, the ready file not writable).
Expected<void> run_vpcd_link(SimulatedCard& card, const Faults& faults, const LinkOptions& options);

}  // namespace kofu::cardsim
