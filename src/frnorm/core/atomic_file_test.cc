#include "frnorm/core/atomic_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "frnorm/testing/expect_error.h"
#include "frnorm/testing/temp_dir.h"

namespace frnorm {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

using AtomicFile = testing::TempDirTest;

TEST_F(AtomicFile, WritesTheContent) {
  const std::string path = (dir_ / "out.txt").string();
  write_file_atomically(path, "hello\n");
  EXPECT_EQ(read_all(path), "hello\n");
  write_file_atomically(path, "replaced");
  EXPECT_EQ(read_all(path), "replaced");
}

TEST_F(AtomicFile, AFailedWriteLeavesTheOldFileAndNoTemporary) {
  const std::string path = (dir_ / "out.txt").string();
  write_file_atomically(path, "old");
  EXPECT_THROW(write_file_atomically(path,
                                     [](std::ostream& stream) {
                                       stream << "partial";
                                       throw std::runtime_error("interrupted");
                                     }),
               std::runtime_error);
  EXPECT_EQ(read_all(path), "old");
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) {
    ++entries;
  }
  EXPECT_EQ(entries, 1);
}

TEST_F(AtomicFile, AMissingDirectoryIsNamed) {
  const std::string path = (dir_ / "no_such_dir" / "out.txt").string();
  EXPECT_FRNORM_ERROR(write_file_atomically(path, "x"),
                      "cannot write '" + path + "': No such file or directory");
}

}  // namespace
}  // namespace frnorm
