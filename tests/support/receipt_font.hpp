// The receipt font for tests (Debian's fonts-noto-cjk through Font::open_default), opened once: opening parses a
// 19 MB collection's tables. nullptr, with a message, on a machine without it; tests that need it then skip.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <utility>

#include "printer/font.hpp"

namespace kofu::testing {

inline const printer::Font* receipt_font() {
  static const std::optional<printer::Font> font = []() -> std::optional<printer::Font> {
    auto opened = printer::Font::open_default();
    if (!opened) return std::nullopt;
    return std::move(opened).value();
  }();
  if (!font) MESSAGE("fonts-noto-cjk is not installed (or KOFU_FONT is unusable): font-dependent checks skipped");
  return font ? &*font : nullptr;
}

}  // namespace kofu::testing
