#include "frnorm/core/error.h"

#include <fmt/format.h>

namespace frnorm::detail {

void throw_check_failure(const char* file, int line, const char* expression,
                         const std::string& message) {
  throw Error(fmt::format("{}:{}: check failed: {}: {}", file, line, expression, message));
}

}  // namespace frnorm::detail
