// Child processes: gnuplot rendering a figure, `frnorm train` running one run of a sweep.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace frnorm {

enum class LogMode { kTruncate, kAppend };

// Starts the program at the path arguments[0] with `arguments`, stdin from /dev/null, stdout
// and stderr both into the file `log`. Returns the child's pid; throws frnorm::Error
// "cannot start PROGRAM: REASON" if it cannot start.
pid_t spawn_logged(const std::vector<std::string>& arguments, const std::string& log, LogMode mode);

}  // namespace frnorm
