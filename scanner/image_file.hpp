// Image files (PNG, JPEG) as 8-bit grey pixels, for reading QR codes from photos, scans and test images.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "error/expected.hpp"

namespace kofu::scanner {

struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // row by row, 0 black .. 255 white
};

// The largest image read (a 12-megapixel photo); larger ones are refused before decoding.
inline constexpr std::int64_t kMaxImagePixels = 4096LL * 3072LL;
// The largest image file read (a 12-megapixel JPEG is well under it); a larger file is refused unread.
inline constexpr std::size_t kMaxImageFileBytes = std::size_t{64} * 1024 * 1024;

// Whether the bytes start like a PNG or a JPEG file (their signatures; the name does not count).
bool looks_like_image(std::string_view bytes) noexcept;

// Decodes a PNG or JPEG file (told apart by its signature, not its name). Errors name the file and the reason.
Expected<GrayImage> load_image(const std::filesystem::path& path);
// The same for bytes in memory.
Expected<GrayImage> decode_image(std::string_view bytes);

}  // namespace kofu::scanner
