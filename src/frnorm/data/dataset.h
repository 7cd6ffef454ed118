// A data set in memory: inputs one sample per column, with class labels or regression targets.
#pragma once

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

  Eigen::Index size() const { return inputs.cols(); }
  Eigen::Index input_dim() const { return inputs.rows(); }
  bool has_labels() const { return !labels.empty(); }
  bool has_targets() const { return targets.size() > 0; }
};

}  // namespace frnorm
