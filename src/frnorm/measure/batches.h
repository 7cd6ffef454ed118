// Streaming over a data set in column blocks, so that work on n samples needs memory for one
// block, not for n.
#pragma once

#include <algorithm>

#include "frnorm/core/eigen.h"
#include "frnorm/data/dataset.h"
#include "frnorm/measure/loss.h"

namespace frnorm {

// One block of a data set: x is d × count; targets point into the data set (labels) or into
// `target_values` (regression targets).
struct Batch {
  Eigen::Index start = 0;
  MatrixD x;
  MatrixD target_values;
  TargetBatch targets;
};

// Calls visit(const Batch&) for consecutive blocks of at most batch_size samples, in order.
template <typename Visit>
void for_each_batch(const Dataset& data, Eigen::Index batch_size, Visit visit) {
  for (Eigen::Index start = 0; start < data.size(); start += batch_size) {
    const Eigen::Index count = std::min(batch_size, data.size() - start);
    Batch batch;
    batch.start = start;
    batch.x = data.inputs.middleCols(start, count);
    if (data.has_labels()) {
      batch.targets.labels = data.labels.data() + start;
    }
    if (data.has_targets()) {
      batch.target_values = data.targets.middleCols(start, count);
      batch.targets.values = &batch.target_values;
    }
    visit(static_cast<const Batch&>(batch));
  }
}

}  // namespace frnorm
