// qr_probe: the QR codes in image files, for the print round-trip tests. One line per symbol,
//   symbol FILE INDEX COUNT ID HEX          (INDEX and COUNT are -1 outside a structured-append sequence)
// then one line per message: a lone symbol's bytes, or a whole sequence's bytes joined in index order
//   message HEX                             (or "incomplete ID" when a part is missing)
// Exit status: 0 when every file was read, 1 otherwise.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "iso7816/apdu.hpp"
#include "scanner/image_file.hpp"
#include "scanner/qr_image.hpp"

int main(int argc, char** argv) {
  int status = 0;
  std::map<std::string, std::map<int, std::string>> sequences;
  std::map<std::string, int> sizes;
  std::vector<std::string> messages;
  for (int i = 1; i < argc; ++i) {
    auto image = kofu::scanner::load_image(argv[i]);
    if (!image) {
      std::fprintf(stderr, "qr_probe: %s\n", image.error().message().c_str());
      status = 1;
      continue;
    }
    for (const auto& symbol : kofu::scanner::read_qr_symbols(*image)) {
      const std::string hex = kofu::iso7816::to_hex(symbol.bytes);
      std::printf("symbol %s %d %d %s %s\n", argv[i], symbol.sequence_index, symbol.sequence_size,
                  symbol.sequence_id.empty() ? "-" : symbol.sequence_id.c_str(), hex.c_str());
      if (symbol.sequence_size > 0) {
        sequences[symbol.sequence_id][symbol.sequence_index] = symbol.bytes;
        sizes[symbol.sequence_id] = symbol.sequence_size;
      } else {
        messages.push_back(hex);
      }
    }
  }
  for (const auto& [id, parts] : sequences) {
    if (static_cast<int>(parts.size()) != sizes[id]) {
      std::printf("incomplete %s\n", id.c_str());
      continue;
    }
    std::string joined;
    for (const auto& [index, bytes] : parts) joined += bytes;
    messages.push_back(kofu::iso7816::to_hex(joined));
  }
  for (const std::string& message : messages) std::printf("message %s\n", message.c_str());
  return status;
}
