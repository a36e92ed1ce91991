// kofu::Error: what went wrong (an error_code of the module's own category) and where, in words.
#pragma once

#include <string>
#include <system_error>
#include <utility>

namespace kofu {

class Error {
 public:
  Error() = default;
  Error(std::error_code code, std::string message) : code_(code), message_(std::move(message)) {}

  const std::error_code& code() const noexcept { return code_; }
  // The full sentence for a person: what failed, where, and what to do when that is known.
  const std::string& message() const noexcept { return message_; }

 private:
  std::error_code code_;
  std::string message_;
};

}  // namespace kofu
