// frnorm's one exception type, and the contract check that throws it with file:line.
#pragma once

#include <stdexcept>
#include <string>

namespace frnorm {

// Thrown for bad input (with a message naming the file or flag) and for broken contracts
// (FRNORM_CHECK, with file:line and the failing expression). The CLI prints what() and exits 1.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

namespace detail {
[[noreturn]] void throw_check_failure(const char* file, int line, const char* expression,
                                      const std::string& message);
}  // namespace detail

}  // namespace frnorm

// FRNORM_CHECK(cond, message): a precondition of the library. Failing it is a bug in the caller.
#define FRNORM_CHECK(condition, message)                                                \
  do {                                                                                  \
    if (!(condition)) {                                                                 \
      ::frnorm::detail::throw_check_failure(__FILE__, __LINE__, #condition, (message)); \
    }                                                                                   \
  } while (false)
