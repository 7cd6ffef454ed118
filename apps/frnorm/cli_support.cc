#include "cli_support.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iostream>

#include "frnorm/core/atomic_file.h"
#include "frnorm/core/error.h"

namespace frnorm::cli {

void write_output(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (path.empty() || path == "-") {
    write(std::cout);
    std::cout.flush();
    return;
  }
  write_file_atomically(path, write);
}

DType parse_dtype_flag(const std::string& text, const std::string& flag) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "f32") {
    return DType::kF32;
  }
  if (lower == "f64") {
    return DType::kF64;
  }
  throw Error(flag + ": unknown dtype '" + text + "' (expected f32 or f64)");
}

Json json_number(double value) { return std::isfinite(value) ? Json(value) : Json(nullptr); }

void print_json(const Json& value) { std::cout << value.dump(2) << '\n'; }

}  // namespace frnorm::cli
