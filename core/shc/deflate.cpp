#include "shc/deflate.hpp"

#include <zlib.h>

#include "shc/errors.hpp"

namespace kofu::shc {
namespace {

// RFC 1950 header: CMF 0x78 (deflate, 32 KiB window) and a FLG that makes CMF*256+FLG a multiple of 31.
bool looks_like_zlib(std::string_view data) {
  if (data.size() < 2) return false;
  const auto cmf = static_cast<unsigned char>(data[0]);
  const auto flg = static_cast<unsigned char>(data[1]);
  return (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && (cmf * 256 + flg) % 31 == 0;
}

Bytef* bytes(std::string_view data) {
  return reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));  // zlib does not write the input
}

}  // namespace

std::string deflate_raw(std::string_view data) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = bytes(data);
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);  // deflateBound guarantees room for the whole stream
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

Expected<std::string> inflate_raw(std::string_view data) {
  z_stream stream{};
  if (inflateInit2(&stream, -15) != Z_OK) return unexpected(Error(ShcErrc::bad_deflate, "cannot start zlib"));
  stream.next_in = bytes(data);
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > kMaxInflatedBytes) {
      inflateEnd(&stream);
      return unexpected(Error(ShcErrc::payload_too_large,
                              "the inflated payload is larger than " + std::to_string(kMaxInflatedBytes) + " bytes"));
    }
    if (rc == Z_BUF_ERROR && stream.avail_in == 0) break;  // input ended before the final block
  }
  const std::size_t consumed = stream.total_in;
  const std::string zlib_message = stream.msg ? std::string(": ") + stream.msg : std::string();
  inflateEnd(&stream);
  if (rc == Z_STREAM_END && consumed == data.size()) return out;
  // A raw stream can begin with bytes that look like a zlib header too: only a failed raw inflation is a wrapper.
  if (looks_like_zlib(data)) {
    return unexpected(Error(ShcErrc::zlib_wrapper,
                            "the payload is zlib-wrapped (RFC 1950) instead of raw DEFLATE "
                            "(RFC 1951): the issuer compressed with the wrong windowBits"));
  }
  if (rc == Z_STREAM_END) {
    return unexpected(Error(ShcErrc::bad_deflate, "the payload has " + std::to_string(data.size() - consumed) +
                                                      " bytes after the end of the DEFLATE stream"));
  }
  return unexpected(Error(ShcErrc::bad_deflate, "the payload is not valid raw DEFLATE" + zlib_message + " (at byte " +
                                                    std::to_string(consumed) + ")"));
}

}  // namespace kofu::shc
