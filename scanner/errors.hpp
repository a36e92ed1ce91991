// Error codes of the scanner module (kofu.scanner).
#pragma once

#include <system_error>

namespace kofu::scanner {

enum class ScanErrc {
  bad_image = 1,      // the file cannot be read or its image data is damaged
  unsupported_image,  // neither PNG nor JPEG
  image_too_large,    // more pixels than kMaxImagePixels
};

const std::error_category& scanner_category() noexcept;
std::error_code make_error_code(ScanErrc e) noexcept;

}  // namespace kofu::scanner

template <>
struct std::is_error_code_enum<kofu::scanner::ScanErrc> : std::true_type {};
