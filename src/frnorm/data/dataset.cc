#include "frnorm/data/dataset.h"

#include <fmt/format.h>

#include "frnorm/core/error.h"
#include "frnorm/core/rng.h"

namespace frnorm {

Dataset first_samples(const Dataset& data, Eigen::Index n) {
  if (n < 0 || n >= data.size()) {
    return data;
  }
  Dataset prefix;
  prefix.name = data.name;
  prefix.feature_names = data.feature_names;
  prefix.num_classes = data.num_classes;
  prefix.inputs = data.inputs.leftCols(n);
  if (data.has_labels()) {
    prefix.labels.assign(data.labels.begin(), data.labels.begin() + n);
  }
  if (data.has_targets()) {
    prefix.targets = data.targets.leftCols(n);
  }
  return prefix;
}

Dataset first_samples(Dataset&& data, Eigen::Index n) {
  if (n < 0 || n >= data.size()) {
    return data;  // moved, not copied: the full data set may be large
  }
  data.inputs.conservativeResize(Eigen::NoChange, n);
  if (data.has_labels()) {
    data.labels.resize(static_cast<std::size_t>(n));
  }
  if (data.has_targets()) {
    data.targets.conservativeResize(Eigen::NoChange, n);
  }
  return data;
}

void apply_label_noise(Dataset& data, double p, std::uint64_t seed) {
  FRNORM_CHECK(p >= 0.0 && p <= 1.0, "label noise must be a probability");
  if (p == 0.0) {
    return;
  }
  if (!data.has_labels() || data.num_classes < 2) {
    throw Error(
        fmt::format("{}: --label-noise needs class labels, and this data set has none", data.name));
  }
  Rng rng(seed);
  for (int& label : data.labels) {
    // Two draws per sample, always, so sample i's fate depends on i alone.
    const bool replace = rng.uniform() < p;
    const auto drawn = static_cast<int>(rng.below(static_cast<std::uint64_t>(data.num_classes)));
    if (replace) {
      label = drawn;
    }
  }
}

}  // namespace frnorm
