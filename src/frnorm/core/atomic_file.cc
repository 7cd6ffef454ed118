#include "frnorm/core/atomic_file.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "frnorm/core/error.h"

namespace frnorm {

namespace {

// A unique temporary name in the target's directory: rename() is only atomic within one file
// system, so the temporary must not live in /tmp.
std::string temporary_name(const std::string& path) {
  static std::atomic<int> counter{0};
  return fmt::format("{}.tmp.{}.{}", path, ::getpid(), counter++);
}

void flush_to_disk(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file != nullptr) {
    ::fsync(::fileno(file));
    std::fclose(file);
  }
}

}  // namespace

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
  const std::string temporary = temporary_name(path);
  try {
    std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
    if (!stream) {
      throw Error(fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
    }
    write(stream);
    stream.flush();
    if (!stream) {
      throw Error(fmt::format("cannot write '{}': write failed (disk full?)", path));
    }
    stream.close();
    flush_to_disk(temporary);
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
      throw Error(fmt::format("cannot write '{}': rename failed: {}", path, error.message()));
    }
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
}

void write_file_atomically(const std::string& path, std::string_view content) {
  write_file_atomically(path, [content](std::ostream& stream) {
    stream.write(content.data(), static_cast<std::streamsize>(content.size()));
  });
}

}  // namespace frnorm
