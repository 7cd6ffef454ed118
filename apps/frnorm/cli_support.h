// Helpers the subcommands share: output to a file or stdout, flag parsing, JSON numbers.
#pragma once

#include <functional>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

#include "frnorm/io/safetensors.h"

namespace frnorm::cli {

// Objects keep the order their keys were written in.
using Json = nlohmann::ordered_json;

// Writes through `write` to `path` atomically, or to stdout when `path` is empty or "-".
void write_output(const std::string& path, const std::function<void(std::ostream&)>& write);

// "f32" | "f64" (case-insensitive) -> DType; throws frnorm::Error naming `flag` otherwise.
DType parse_dtype_flag(const std::string& text, const std::string& flag);

// A double as JSON: the number itself, or null when it is not finite (JSON has no NaN).
Json json_number(double value);

// Prints `value` on stdout with two-space indentation and a final newline.
void print_json(const Json& value);

}  // namespace frnorm::cli
