#include "secure/secret.hpp"

#include <mbedtls/platform_util.h>

namespace kofu {

void wipe(std::string& text) noexcept {
  mbedtls_platform_zeroize(text.data(), text.capacity());
  text.clear();
}

Secret Secret::take(std::string& text) {
  Secret secret;
  for (const char c : text) {
    if (!secret.push_back(c)) break;
  }
  wipe(text);
  return secret;
}

Secret::Secret(Secret&& other) noexcept {
  text_.reserve(kCapacity);
  text_.assign(other.text_);
  wipe(other.text_);
}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    wipe(text_);
    text_.reserve(kCapacity);
    text_.assign(other.text_);
    wipe(other.text_);
  }
  return *this;
}

bool Secret::push_back(char c) {
  if (text_.size() >= kCapacity) return false;
  text_.push_back(c);
  return true;
}

}  // namespace kofu
