// Where the public conformance vectors are (../shared/testdata beside the checkout), for tests that use
// them when present and skip with a message when absent.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

namespace kofu::test {

// KOFU_TESTDATA in the environment wins over the path configured at build time.
inline std::optional<std::filesystem::path> shared_testdata() {
  const char* env = std::getenv("KOFU_TESTDATA");  // NOLINT(concurrency-mt-unsafe): read before any thread
  std::filesystem::path dir = env && *env ? env : KOFU_SHARED_TESTDATA;
  if (std::filesystem::is_directory(dir)) return dir;
  return std::nullopt;
}

// The same, and when there are none, a doctest message that the calling test skipped them.
inline std::optional<std::filesystem::path> shared_testdata_or_skip() {
  auto dir = shared_testdata();
  if (!dir) MESSAGE("skipped: ../shared/testdata not found (set KOFU_TESTDATA to use the conformance vectors)");
  return dir;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace kofu::test
