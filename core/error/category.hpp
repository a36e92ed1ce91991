// kofu::ErrorCategory: a std::error_category made of a name and a function that words each value, so that each
// module writes only what its codes mean.
#pragma once

#include <string>
#include <system_error>

namespace kofu {

class ErrorCategory final : public std::error_category {
 public:
  // The sentence for a value of the module's enum, or nullptr for a value it does not know.
  using Describe = const char* (*)(int value) noexcept;

  constexpr ErrorCategory(const char* name, Describe describe) noexcept : name_(name), describe_(describe) {}

  const char* name() const noexcept override { return name_; }
  std::string message(int value) const override {
    const char* text = describe_(value);
    return text != nullptr ? std::string(text) : std::string(name_) + ": unknown error " + std::to_string(value);
  }

 private:
  const char* name_;
  Describe describe_;
};

}  // namespace kofu
