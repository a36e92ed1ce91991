// libFuzzer: arbitrary bytes from a printer (any split, any questions outstanding) into the status reader.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "printer/status.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  kofu::printer::StatusReader reader;
  // The first byte says which questions are out and where the stream is split.
  const std::uint8_t plan = data[0];
  for (int i = 0; i < (plan & 0x07); ++i) reader.asked(static_cast<kofu::printer::StatusQuery>(1 + i % 4));
  if ((plan & 0x08) != 0) reader.asked_paper_sensor();
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::size_t split = bytes.empty() ? 0 : (plan >> 4) % (bytes.size() + 1);
  kofu::printer::PrinterStatus status;
  for (const auto part : {bytes.substr(0, split), bytes.substr(split)}) {
    for (const auto& message : reader.feed(part)) {
      if (message.bytes.empty() || message.bytes.size() > kofu::printer::StatusReader::kMaxBlock) __builtin_trap();
      apply(status, message);
    }
  }
  return 0;
}
