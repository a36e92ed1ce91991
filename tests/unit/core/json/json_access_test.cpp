// The typed member readers of hostile JSON: ranges hold for signed and unsigned numbers alike.
#include "json/json_access.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

TEST_SUITE("json.access") {
  TEST_CASE("integer_member: both bounds apply to unsigned numbers too") {
    const auto object = nlohmann::json::parse(R"({"zero": 0, "three": 3, "minus": -1, "big": 18446744073709551615})");
    CHECK_FALSE(kofu::integer_member(object, "zero", 1, 15));
    CHECK(kofu::integer_member(object, "three", 1, 15) == 3);
    CHECK_FALSE(kofu::integer_member(object, "minus", 0, 15));
    CHECK(kofu::integer_member(object, "minus", -5, 15) == -1);
    CHECK_FALSE(kofu::integer_member(object, "big", 0, 15));
    CHECK_FALSE(kofu::integer_member(object, "absent", 0, 15));
  }
}
