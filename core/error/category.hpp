// kofu::ErrorCategory: a std::error_category made of a name and a function that words each value, so that each
// module writes only what its codes mean. A module whose codes are instances of a more general condition (a PC/SC
// "card removed" is a transport's card_removed) also gives the function that maps them.
#pragma once

#include <string>
#include <system_error>

namespace kofu {

class ErrorCategory final : public std::error_category {
 public:
  // The sentence for a value of the module's enum, or nullptr for a value it does not know.
  using Describe = const char* (*)(int value) noexcept;

  // The general condition of a value, or a default-constructed one when there is none.
  using Condition = std::error_condition (*)(int value) noexcept;

  constexpr ErrorCategory(const char* name, Describe describe, Condition condition = nullptr) noexcept
      : name_(name), describe_(describe), condition_(condition) {}

  const char* name() const noexcept override { return name_; }
  std::string message(int value) const override {
    const char* text = describe_(value);
    return text != nullptr ? std::string(text) : std::string(name_) + ": unknown error " + std::to_string(value);
  }
  std::error_condition default_error_condition(int value) const noexcept override {
    if (condition_ != nullptr) {
      const std::error_condition general = condition_(value);
      if (general) return general;
    }
    return std::error_category::default_error_condition(value);
  }

 private:
  const char* name_;
  Describe describe_;
  Condition condition_;
};

}  // namespace kofu
