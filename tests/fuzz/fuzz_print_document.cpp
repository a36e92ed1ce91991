// libFuzzer: a print document (JSON from a file) through the parser and, when it parses, the layout for a profile
// chosen by the first byte, with the receipt font when the machine has it (no crash, no hang, errors as values).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "printer/document.hpp"
#include "printer/font.hpp"
#include "printer/layout.hpp"
#include "printer/profile.hpp"

namespace {

const kofu::printer::Font* font() {
  static const std::optional<kofu::printer::Font> opened = []() -> std::optional<kofu::printer::Font> {
    auto font = kofu::printer::Font::open_default();
    if (!font) return std::nullopt;
    return std::move(font).value();
  }();
  return opened ? &*opened : nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto profiles = kofu::printer::profiles();
  const auto& profile = profiles[data[0] % profiles.size()];
  const std::string_view json(reinterpret_cast<const char*>(data + 1), size - 1);
  // Images are read relative to an empty folder, so the fuzzer cannot name a file by accident.
  auto document = kofu::printer::parse_document(json, "/nonexistent-fuzz-folder");
  if (!document || font() == nullptr) return 0;
  for (const auto& block : document->blocks) {
    // An absolute path could name /dev/stdin and wait for input: not the layout's fault, and not fuzzable.
    const auto* image = std::get_if<kofu::printer::ImageBlock>(&block);
    if (image != nullptr && image->path.is_absolute() &&
        !image->path.string().starts_with("/nonexistent-fuzz-folder")) {
      return 0;
    }
  }
  auto job = kofu::printer::compose(*document, profile, *font());
  if (job && job->chunks.empty()) __builtin_trap();  // a laid-out job always starts with ESC @
  return 0;
}
