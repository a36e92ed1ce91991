#include "scanner/errors.hpp"

#include <string>

namespace kofu::scanner {
namespace {

class ScannerCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "kofu.scanner"; }
  std::string message(int value) const override {
    switch (static_cast<ScanErrc>(value)) {
      case ScanErrc::bad_image: return "the image cannot be read";
      case ScanErrc::unsupported_image: return "the image is neither PNG nor JPEG";
      case ScanErrc::image_too_large: return "the image is too large";
    }
    return "unknown scanner error";
  }
};

}  // namespace

const std::error_category& scanner_category() noexcept {
  static const ScannerCategory category;
  return category;
}

std::error_code make_error_code(ScanErrc e) noexcept {
  return {static_cast<int>(e), scanner_category()};
}

}  // namespace kofu::scanner
