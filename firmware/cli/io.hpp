// File input and output for the kofu CLI: "-" is stdin/stdout; failures name the file and the reason.
#pragma once

#include <string>
#include <string_view>

#include "error/expected.hpp"

namespace kofu::cli {

Expected<std::string, std::string> read_input(const std::string& path);
Expected<void, std::string> write_output(const std::string& path, std::string_view bytes);
// For private keys: a new file is created with mode 0600, an existing one is refused (never overwrite a key).
Expected<void, std::string> write_secret_output(const std::string& path, std::string_view bytes);

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;  // the input was read but is not valid
inline constexpr int kExitUsage = 2;    // bad arguments, or a file that cannot be read or written

}  // namespace kofu::cli
