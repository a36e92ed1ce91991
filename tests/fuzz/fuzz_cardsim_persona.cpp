// libFuzzer: arbitrary text as a kofu-cardsim persona file (JSON, PEM keys and certificates inside).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "drivers/cardsim/persona.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)kofu::cardsim::read_persona(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
