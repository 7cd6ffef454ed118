#include "frnorm/data/idx_reader.h"

#include <fmt/format.h>
#include <zlib.h>

#include <array>
#include <filesystem>
#include <memory>
#include <vector>

#include "frnorm/core/error.h"

namespace frnorm {

namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803;
constexpr std::uint32_t kLabelsMagic = 0x00000801;

// gzread reads plain files as they are, so one reader serves both.
std::vector<unsigned char> read_maybe_gzipped(const std::string& path) {
  std::unique_ptr<gzFile_s, int (*)(gzFile)> file(gzopen(path.c_str(), "rb"), gzclose);
  if (!file) {
    throw Error(fmt::format("cannot open '{}'", path));
  }
  std::vector<unsigned char> bytes;
  std::array<unsigned char, 1 << 16> buffer{};
  while (true) {
    const int count = gzread(file.get(), buffer.data(), buffer.size());
    if (count < 0) {
      int code = 0;
      throw Error(fmt::format("{}: corrupt gzip data ({})", path, gzerror(file.get(), &code)));
    }
    if (count == 0) {
      return bytes;
    }
    bytes.insert(bytes.end(), buffer.begin(), buffer.begin() + count);
  }
}

std::uint32_t big_endian_u32(const std::vector<unsigned char>& bytes, std::size_t offset) {
  return (std::uint32_t{bytes[offset]} << 24) | (std::uint32_t{bytes[offset + 1]} << 16) |
         (std::uint32_t{bytes[offset + 2]} << 8) | std::uint32_t{bytes[offset + 3]};
}

// Checks the magic number and the header size; returns the number of items.
std::uint32_t check_header(const std::vector<unsigned char>& bytes, const std::string& path,
                           std::uint32_t magic, std::size_t header_bytes, const char* kind) {
  if (bytes.size() < header_bytes) {
    throw Error(fmt::format("{}: truncated file: {} bytes, shorter than the {}-byte IDX header",
                            path, bytes.size(), header_bytes));
  }
  const std::uint32_t found = big_endian_u32(bytes, 0);
  if (found != magic) {
    throw Error(fmt::format("{}: wrong magic number 0x{:08x}; an IDX {} file starts with 0x{:08x}",
                            path, found, kind, magic));
  }
  return big_endian_u32(bytes, 4);
}

std::string find_file(const std::string& directory, const std::string& stem) {
  namespace fs = std::filesystem;
  for (const std::string& name : {stem + ".gz", stem}) {
    if (fs::exists(fs::path(directory) / name)) {
      return (fs::path(directory) / name).string();
    }
  }
  throw Error(fmt::format("{}: no {} or {}.gz", directory, stem, stem));
}

}  // namespace

Dataset read_idx_files(const std::string& images_path, const std::string& labels_path,
                       int num_classes) {
  const std::vector<unsigned char> images = read_maybe_gzipped(images_path);
  const std::vector<unsigned char> labels = read_maybe_gzipped(labels_path);
  const std::uint32_t n = check_header(images, images_path, kImagesMagic, 16, "images");
  const std::uint32_t rows = big_endian_u32(images, 8);
  const std::uint32_t cols = big_endian_u32(images, 12);
  const std::uint32_t n_labels = check_header(labels, labels_path, kLabelsMagic, 8, "labels");
  const std::size_t pixels = std::size_t{rows} * cols;
  if (images.size() - 16 != n * pixels) {
    throw Error(
        fmt::format("{}: truncated data: the header promises {} images of {}×{} ({} "
                    "bytes) but the file holds {}",
                    images_path, n, rows, cols, n * pixels, images.size() - 16));
  }
  if (labels.size() - 8 != n_labels) {
    throw Error(
        fmt::format("{}: truncated data: the header promises {} labels but the file "
                    "holds {}",
                    labels_path, n_labels, labels.size() - 8));
  }
  if (n_labels != n) {
    throw Error(fmt::format("{} holds {} images but {} holds {} labels", images_path, n,
                            labels_path, n_labels));
  }
  Dataset data;
  data.name = images_path;
  data.num_classes = num_classes;
  data.inputs.resize(static_cast<Eigen::Index>(pixels), n);
  for (std::uint32_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < pixels; ++j) {
      data.inputs(static_cast<Eigen::Index>(j), i) = images[16 + i * pixels + j] / 255.0;
    }
  }
  data.labels.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const int label = labels[8 + i];
    if (label >= num_classes) {
      throw Error(fmt::format("{}: label {} of sample {} is out of range (expected 0 to {})",
                              labels_path, label, i, num_classes - 1));
    }
    data.labels[i] = label;
  }
  return data;
}

Dataset read_idx_dataset(const std::string& directory, Split split) {
  const std::string prefix = split == Split::kTrain ? "train" : "t10k";
  // Look for the images first, so a missing data set is reported by its images file.
  const std::string images = find_file(directory, prefix + "-images-idx3-ubyte");
  const std::string labels = find_file(directory, prefix + "-labels-idx1-ubyte");
  return read_idx_files(images, labels, 10);
}

}  // namespace frnorm
