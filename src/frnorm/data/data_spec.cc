#include "frnorm/data/data_spec.h"

#include <fmt/format.h>

#include <filesystem>
#include <string>

#include "frnorm/core/error.h"
#include "frnorm/data/cifar10_reader.h"
#include "frnorm/data/csv_reader.h"
#include "frnorm/data/idx_reader.h"
#include "frnorm/data/synthetic.h"

namespace frnorm {

namespace {

// "DIR[:train|:test]" -> (DIR, split); the split defaults to train.
std::pair<std::string, Split> directory_and_split(std::string_view rest) {
  if (rest.ends_with(":test")) {
    return {std::string(rest.substr(0, rest.size() - 5)), Split::kTest};
  }
  if (rest.ends_with(":train")) {
    return {std::string(rest.substr(0, rest.size() - 6)), Split::kTrain};
  }
  return {std::string(rest), Split::kTrain};
}

Dataset fashion_mnist(Split split) {
  if (!std::filesystem::exists(kFashionMnistDir)) {
    throw Error(
        fmt::format("fashion-mnist: {} does not exist; install the Debian package "
                    "dataset-fashion-mnist (bash scripts/setup.sh does)",
                    kFashionMnistDir));
  }
  Dataset data = read_idx_dataset(kFashionMnistDir, split);
  data.name = split == Split::kTrain ? "fashion-mnist:train" : "fashion-mnist:test";
  return data;
}

}  // namespace

Dataset load_dataset(std::string_view spec, std::string_view flag) {
  if (spec == "fashion-mnist" || spec == "fashion-mnist:train") {
    return fashion_mnist(Split::kTrain);
  }
  if (spec == "fashion-mnist:test") {
    return fashion_mnist(Split::kTest);
  }
  if (spec.starts_with("idx:") && spec.size() > 4) {
    const auto [directory, split] = directory_and_split(spec.substr(4));
    Dataset data = read_idx_dataset(directory, split);
    data.name = std::string(spec);
    return data;
  }
  if (spec.starts_with("cifar10:") && spec.size() > 8) {
    const auto [directory, split] = directory_and_split(spec.substr(8));
    Dataset data = read_cifar10_dataset(directory, split);
    data.name = std::string(spec);
    return data;
  }
  if (spec.starts_with("csv:") && spec.size() > 4) {
    return read_csv_dataset(std::string(spec.substr(4)));
  }
  if (spec.starts_with("synthetic:") && spec.size() > 10) {
    Dataset data =
        make_synthetic(parse_synthetic_spec(std::string(spec.substr(10)), std::string(flag)));
    data.name = std::string(spec);
    return data;
  }
  throw Error(
      fmt::format("{}: unknown data spec '{}'; expected fashion-mnist[:train|:test], "
                  "idx:DIR[:train|:test], cifar10:DIR[:train|:test], csv:PATH or "
                  "synthetic:NAME[,key=value…]",
                  flag, spec));
}

std::string test_split_spec(std::string_view spec) {
  if (spec.starts_with("fashion-mnist") || spec.starts_with("idx:") ||
      spec.starts_with("cifar10:")) {
    std::string base(spec);
    for (const char* suffix : {":train", ":test"}) {
      if (base.ends_with(suffix)) {
        base.resize(base.size() - std::string_view(suffix).size());
      }
    }
    return base + ":test";
  }
  return {};
}

Dataset load_data(const DataOptions& options, std::string_view flag) {
  if (!(options.label_noise >= 0.0 && options.label_noise <= 1.0)) {
    throw Error(fmt::format("--label-noise: {} is not a probability (expected 0 to 1)",
                            options.label_noise));
  }
  if (options.limit == 0) {
    throw Error("--limit: 0 samples leave nothing to compute; give a positive count");
  }
  Dataset data = first_samples(load_dataset(options.spec, flag), options.limit);
  apply_label_noise(data, options.label_noise, options.label_seed);
  return data;
}

}  // namespace frnorm
