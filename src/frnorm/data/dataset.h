// A data set in memory: inputs one sample per column, with class labels or regression targets.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "frnorm/core/eigen.h"

namespace frnorm {

struct Dataset {
  std::string name;                        // where it came from, for messages
  MatrixD inputs;                          // d × n
  std::vector<int> labels;                 // n class indices, or empty
  MatrixD targets;                         // t × n regression targets, or empty
  std::vector<std::string> feature_names;  // d names, or empty
  int num_classes = 0;                     // labels lie in [0, num_classes); 0 without labels

  Eigen::Index size() const { return inputs.cols(); }
  Eigen::Index input_dim() const { return inputs.rows(); }
  bool has_labels() const { return !labels.empty(); }
  bool has_targets() const { return targets.size() > 0; }
};

// The first min(n, size()) samples. n < 0 means all. The const& form copies only those
// samples; the && form reuses the storage of a data set the caller no longer needs.
Dataset first_samples(const Dataset& data, Eigen::Index n);
Dataset first_samples(Dataset&& data, Eigen::Index n);

// Replaces each label, with probability p, by a class drawn uniformly from all num_classes
// (possibly the same one), as in Zhang et al. 2017. Sample i's draws depend only on the seed and
// i, so a prefix of the data gets the same noise whatever follows it.
void apply_label_noise(Dataset& data, double p, std::uint64_t seed);

}  // namespace frnorm
