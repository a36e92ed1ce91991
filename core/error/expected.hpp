// kofu::Expected: a value or an error, for module boundaries (g++ 12 has no <expected>).
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "error/error.hpp"

namespace kofu {

template <class E>
class Unexpected {
 public:
  explicit Unexpected(E error) : error_(std::move(error)) {}
  E& error() & { return error_; }
  E&& error() && { return std::move(error_); }

 private:
  E error_;
};

template <class E>
Unexpected<std::decay_t<E>> unexpected(E&& error) {
  return Unexpected<std::decay_t<E>>(std::forward<E>(error));
}

template <class T, class E = Error>
class [[nodiscard]] Expected {
 public:
  using value_type = T;
  using error_type = E;

  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
  template <class G>
  Expected(Unexpected<G> error)  // NOLINT(google-explicit-constructor)
      : state_(std::in_place_index<1>, std::move(error).error()) {}

  bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & { return *std::get_if<0>(&checked()); }
  const T& value() const& { return *std::get_if<0>(&checked()); }
  T&& value() && { return std::move(*std::get_if<0>(&checked())); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const& {
    assert(!has_value());
    return *std::get_if<1>(&state_);
  }
  E&& error() && {
    assert(!has_value());
    return std::move(*std::get_if<1>(&state_));
  }

 private:
  std::variant<T, E>& checked() {
    assert(has_value());
    return state_;
  }
  const std::variant<T, E>& checked() const {
    assert(has_value());
    return state_;
  }
  std::variant<T, E> state_;
};

template <class E>
class [[nodiscard]] Expected<void, E> {
 public:
  Expected() = default;
  template <class G>
  Expected(Unexpected<G> error)  // NOLINT(google-explicit-constructor)
      : error_(std::move(error).error()), failed_(true) {}

  bool has_value() const noexcept { return !failed_; }
  explicit operator bool() const noexcept { return has_value(); }
  const E& error() const& {
    assert(failed_);
    return error_;
  }

 private:
  E error_{};
  bool failed_ = false;
};

}  // namespace kofu
