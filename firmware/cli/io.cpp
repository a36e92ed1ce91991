#include "io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>

namespace kofu::cli {

Expected<std::string, std::string> read_input(const std::string& path) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    if (std::cin.bad()) return unexpected(std::string("cannot read standard input"));
    return buffer.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return unexpected(path + ": cannot open: " + std::generic_category().message(errno));
  std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return unexpected(path + ": cannot read: " + std::generic_category().message(errno));
  return data;
}

Expected<void, std::string> write_output(const std::string& path, std::string_view bytes) {
  if (path == "-") {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::cout.flush();
    if (!std::cout) return unexpected(std::string("cannot write standard output"));
    return {};
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return unexpected(path + ": cannot create: " + std::generic_category().message(errno));
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return unexpected(path + ": cannot write: " + std::generic_category().message(errno));
  return {};
}

Expected<void, std::string> write_secret_output(const std::string& path, std::string_view bytes) {
  if (path == "-") return write_output(path, bytes);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return unexpected(path + ": cannot create: " + std::generic_category().message(errno));
  std::string_view rest = bytes;
  while (!rest.empty()) {
    const ssize_t written = ::write(fd, rest.data(), rest.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      const std::string reason = std::generic_category().message(errno);
      ::close(fd);
      return unexpected(path + ": cannot write: " + reason);
    }
    rest.remove_prefix(static_cast<std::size_t>(written));
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    return unexpected(path + ": cannot write: " + std::generic_category().message(errno));
  }
  return {};
}

}  // namespace kofu::cli
