// libFuzzer: arbitrary bytes into kofu-printsim's interpreter (the tm-t88 profile, no font), in two pieces split
// where the first byte says, with a paper end and a new roll in between when its top bit is set: no crash, no hang,
// pages no taller than the limit.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "printer/printsim/interpreter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const kofu::printer::Profile& profile = **kofu::printer::find_profile("tm-t88");
  kofu::printsim::Interpreter printer(profile, nullptr);
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::size_t split = bytes.empty() ? 0 : (data[0] & 0x7FU) % (bytes.size() + 1);
  printer.receive(bytes.substr(0, split));
  if ((data[0] & 0x80U) != 0) {
    printer.set_paper(false);
    printer.set_paper(true);
  }
  printer.receive(bytes.substr(split));
  printer.take_replies();
  printer.finish("end of input");
  for (const auto& page : printer.take_pages()) {
    if (page.bitmap.width() != profile.width_dots ||
        page.bitmap.height() > kofu::printsim::Interpreter::kMaxPageLines) {
      __builtin_trap();
    }
  }
  return 0;
}
