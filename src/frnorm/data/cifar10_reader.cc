#include "frnorm/data/cifar10_reader.h"

#include <fmt/format.h>

#include <filesystem>

#include "frnorm/core/error.h"
#include "frnorm/core/read_file.h"

namespace frnorm {

namespace {

constexpr std::size_t kPixels = 3072;
constexpr std::size_t kRecord = 1 + kPixels;

}  // namespace

std::vector<std::string> cifar10_files(Split split) {
  if (split == Split::kTest) {
    return {"test_batch.bin"};
  }
  return {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
          "data_batch_5.bin"};
}

Dataset read_cifar10_dataset(const std::string& directory, Split split) {
  std::vector<std::string> files;
  std::size_t total = 0;
  for (const std::string& name : cifar10_files(split)) {
    const std::string path = (std::filesystem::path(directory) / name).string();
    files.push_back(read_file(path));
    if (files.back().size() % kRecord != 0) {
      throw Error(
          fmt::format("{}: truncated data: {} bytes is not a whole number of {}-byte "
                      "records",
                      path, files.back().size(), kRecord));
    }
    total += files.back().size() / kRecord;
  }
  Dataset data;
  data.name = directory;
  data.num_classes = 10;
  data.inputs.resize(kPixels, static_cast<Eigen::Index>(total));
  data.labels.reserve(total);
  Eigen::Index sample = 0;
  for (std::size_t f = 0; f < files.size(); ++f) {
    const auto& bytes = files[f];
    for (std::size_t r = 0; r < bytes.size() / kRecord; ++r, ++sample) {
      const auto* record = reinterpret_cast<const unsigned char*>(bytes.data()) + r * kRecord;
      if (record[0] > 9) {
        throw Error(fmt::format("{}/{}: label {} of record {} is out of range (expected 0 to 9)",
                                directory, cifar10_files(split)[f], int{record[0]}, r));
      }
      data.labels.push_back(record[0]);
      for (std::size_t j = 0; j < kPixels; ++j) {
        data.inputs(static_cast<Eigen::Index>(j), sample) = record[1 + j] / 255.0;
      }
    }
  }
  return data;
}

}  // namespace frnorm
