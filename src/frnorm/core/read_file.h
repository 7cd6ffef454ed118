// Reading a whole file into memory, with the one error message every reader gives.
#pragma once

#include <string>

namespace frnorm {

// The file's bytes. Throws frnorm::Error "cannot open '<path>': <reason>" when it cannot be read.
std::string read_file(const std::string& path);

}  // namespace frnorm
