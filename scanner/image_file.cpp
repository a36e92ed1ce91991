#include "scanner/image_file.hpp"

// clang-format off
#include <cstdio>   // jpeglib.h needs FILE and size_t first
#include <jpeglib.h>
// clang-format on
#include <png.h>

#include <csetjmp>
#include <fstream>
#include <iterator>
#include <string>

#include "scanner/errors.hpp"

namespace kofu::scanner {
namespace {

Error fail(ScanErrc code, std::string message) {
  return Error(code, std::move(message));
}

Expected<GrayImage> decode_png(std::string_view bytes) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()) == 0) {
    return unexpected(fail(ScanErrc::bad_image, std::string("not a readable PNG: ") + image.message));
  }
  if (static_cast<std::int64_t>(image.width) * image.height > kMaxImagePixels) {
    png_image_free(&image);
    return unexpected(fail(ScanErrc::image_too_large, "the PNG is larger than 12 megapixels"));
  }
  image.format = PNG_FORMAT_GRAY;
  GrayImage out;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  out.pixels.resize(PNG_IMAGE_SIZE(image));
  if (png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr) == 0) {
    return unexpected(fail(ScanErrc::bad_image, std::string("the PNG is damaged: ") + image.message));
  }
  return out;
}

// libjpeg reports errors through a callback that must not return: it jumps back here.
struct JpegErrors {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void on_jpeg_error(j_common_ptr info) {
  auto* errors = reinterpret_cast<JpegErrors*>(info->err);
  (*info->err->format_message)(info, errors->message);
  std::longjmp(errors->jump, 1);  // NOLINT(cert-err52-cpp): libjpeg's documented error protocol
}

Expected<GrayImage> decode_jpeg(std::string_view bytes) {
  jpeg_decompress_struct info{};
  JpegErrors errors{};
  info.err = jpeg_std_error(&errors.manager);
  errors.manager.error_exit = on_jpeg_error;
  errors.manager.output_message = [](j_common_ptr) {};  // warnings are not printed
  GrayImage out;  // constructed before setjmp: nothing with a destructor is created between setjmp and longjmp
  if (setjmp(errors.jump) != 0) {  // NOLINT(cert-err52-cpp)
    jpeg_destroy_decompress(&info);
    return unexpected(fail(ScanErrc::bad_image, std::string("the JPEG is damaged: ") + errors.message));
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  if (static_cast<std::int64_t>(info.image_width) * info.image_height > kMaxImagePixels) {
    jpeg_destroy_decompress(&info);
    return unexpected(fail(ScanErrc::image_too_large, "the JPEG is larger than 12 megapixels"));
  }
  info.out_color_space = JCS_GRAYSCALE;
  jpeg_start_decompress(&info);
  out.width = static_cast<int>(info.output_width);
  out.height = static_cast<int>(info.output_height);
  out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
  while (info.output_scanline < info.output_height) {
    JSAMPROW row =
        out.pixels.data() + static_cast<std::size_t>(info.output_scanline) * static_cast<std::size_t>(out.width);
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return out;
}

constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1a\n";
constexpr std::string_view kJpegSignature = "\xFF\xD8\xFF";

}  // namespace

bool looks_like_image(std::string_view bytes) noexcept {
  return bytes.starts_with(kPngSignature) || bytes.starts_with(kJpegSignature);
}

Expected<GrayImage> decode_image(std::string_view bytes) {
  if (bytes.starts_with(kPngSignature)) return decode_png(bytes);
  if (bytes.starts_with(kJpegSignature)) return decode_jpeg(bytes);
  return unexpected(fail(ScanErrc::unsupported_image, "not a PNG or JPEG image"));
}

Expected<GrayImage> load_image(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return unexpected(fail(ScanErrc::bad_image, path.string() + ": cannot open"));
  // Read at most one byte past the limit: enough to tell a file that is too large (or a device such as /dev/zero
  // that never ends) from one that fits.
  std::string bytes(kMaxImageFileBytes + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (bytes.size() > kMaxImageFileBytes) {
    return unexpected(fail(ScanErrc::bad_image, path.string() + ": larger than " +
                                                    std::to_string(kMaxImageFileBytes / (1024 * 1024)) + " MiB"));
  }
  auto image = decode_image(bytes);
  if (!image) return unexpected(Error(image.error().code(), path.string() + ": " + image.error().message()));
  return image;
}

}  // namespace kofu::scanner
