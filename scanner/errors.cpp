#include "scanner/errors.hpp"

#include <string>

#include "error/category.hpp"

namespace kofu::scanner {
namespace {

// What each code means (ErrorCategory gives the unknown ones a sentence too).
const char* describe(int value) noexcept {
  switch (static_cast<ScanErrc>(value)) {
    case ScanErrc::bad_image: return "the image cannot be read";
    case ScanErrc::unsupported_image: return "the image is neither PNG nor JPEG";
    case ScanErrc::image_too_large: return "the image is too large";
  }
  return nullptr;
}

}  // namespace

const std::error_category& scanner_category() noexcept {
  static const ErrorCategory category("kofu.scanner", describe);
  return category;
}

std::error_code make_error_code(ScanErrc e) noexcept {
  return {static_cast<int>(e), scanner_category()};
}

}  // namespace kofu::scanner
