#include "frnorm/core/read_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "frnorm/core/error.h"

namespace frnorm {

std::string read_file(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    throw Error(fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
  }
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  if (stream.bad()) {
    throw Error(fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
  }
  return buffer.str();
}

}  // namespace frnorm
