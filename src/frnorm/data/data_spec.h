// Data sets named by a spec string, the form every command's --data flag takes, and the options
// every command that reads data shares (--limit, --label-noise, --label-seed).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "frnorm/data/dataset.h"

namespace frnorm {

// Where the Debian package dataset-fashion-mnist puts its files.
inline constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

// Specs:
//   fashion-mnist[:train|:test]     the Debian package's IDX files (default :train)
//   idx:DIR[:train|:test]           any MNIST-format directory, gzipped or not
//   cifar10:DIR[:train|:test]       CIFAR-10 binary batches
//   csv:PATH                        a CSV file (see csv_reader.h)
//   synthetic:NAME[,key=value…]     see synthetic.h
// Throws frnorm::Error naming `flag` for an unknown spec, and naming the file for a bad file.
Dataset load_dataset(std::string_view spec, std::string_view flag);

// The spec of the matching test split: "fashion-mnist" -> "fashion-mnist:test", likewise idx:
// and cifar10:; empty for data sets without a test split (csv, synthetic).
std::string test_split_spec(std::string_view spec);

struct DataOptions {
  std::string spec;
  Eigen::Index limit = -1;   // first N samples; < 0: all
  double label_noise = 0.0;  // probability of replacing each label by a random class
  std::uint64_t label_seed = 0;
};

// load_dataset, then the first `limit` samples, then label noise. Validates the options,
// naming the flags (--limit, --label-noise).
Dataset load_data(const DataOptions& options, std::string_view flag = "--data");

}  // namespace frnorm
