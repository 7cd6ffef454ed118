// Numbers from command-line text: the whole text must be the number (std::from_chars).
#pragma once

#include <charconv>
#include <optional>
#include <string_view>
#include <utility>

namespace frnorm {

// `text` as a T, or nullopt if it is not exactly one (empty, trailing characters, overflow).
template <typename T>
std::optional<T> parse_number(std::string_view text) {
  T value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// "A<separator>B" (e.g. 1200x1000, 0/4, -2:2), split at the first separator.
template <typename T>
std::optional<std::pair<T, T>> parse_number_pair(std::string_view text, char separator) {
  const std::size_t at = text.find(separator);
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  const std::optional<T> first = parse_number<T>(text.substr(0, at));
  const std::optional<T> second = parse_number<T>(text.substr(at + 1));
  if (!first || !second) {
    return std::nullopt;
  }
  return std::pair<T, T>{*first, *second};
}

}  // namespace frnorm
