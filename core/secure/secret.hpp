// kofu::Secret: a PIN or password in memory for the length of one command (DESIGN.md, personal data): move-only,
// wiped when it goes away, never printed. Its buffer is reserved up front so that growing it leaves no stray copy.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kofu {

// Overwrites the characters (the compiler may not drop the writes) and empties the string.
void wipe(std::string& text) noexcept;

class Secret {
 public:
  static constexpr std::size_t kCapacity = 64;

  Secret() { text_.reserve(kCapacity); }
  // Takes the text and wipes the caller's string.
  static Secret take(std::string& text);
  ~Secret() { wipe(text_); }
  Secret(Secret&& other) noexcept;
  Secret& operator=(Secret&& other) noexcept;
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;

  // False (and nothing kept) when the secret would outgrow kCapacity.
  bool push_back(char c);
  std::string_view view() const noexcept { return text_; }
  std::size_t size() const noexcept { return text_.size(); }
  bool empty() const noexcept { return text_.empty(); }

 private:
  std::string text_;
};

}  // namespace kofu
