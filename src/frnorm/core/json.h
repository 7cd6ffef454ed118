// JSON helpers shared by every writer of results: numbers that may be absent or non-finite.
#pragma once

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

namespace frnorm {

// The number, or null when it is not finite (JSON has no NaN or infinity).
inline nlohmann::ordered_json json_number(double value) {
  return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

// The number, or null when absent or not finite.
inline nlohmann::ordered_json json_number(const std::optional<double>& value) {
  return value ? json_number(*value) : nlohmann::ordered_json(nullptr);
}

}  // namespace frnorm
