// What the outputs say on a data set: margins, accuracy, and how many samples lie alone in their
// linear region.
#pragma once

#include <optional>
#include <vector>

#include "frnorm/core/eigen.h"
#include "frnorm/data/dataset.h"
#include "frnorm/measure/loss.h"
#include "frnorm/nn/network.h"

namespace frnorm {

// The margin of each sample, f_y − max_{k≠y} f_k for K ≥ 2 outputs and (2y − 1) f for one logit.
// f: K × n; labels: n.
VectorD margins(const MatrixD& f, const std::vector<int>& labels);

// The q-th percentile (0..100) with linear interpolation between order statistics (numpy's
// default). Precondition: values non-empty.
double percentile(VectorD values, double q);

struct OutputMeasures {
  std::optional<double> accuracy;    // absent without labels
  std::optional<double> margin_p10;  // 10th percentile of the margins; absent without labels
};

// Streams the data through the network once. Accuracy: argmax f = y (K ≥ 2), f > 0 ⇔ y = 1 (K = 1).
OutputMeasures output_measures(const Network& network, const Dataset& data,
                               Eigen::Index batch_size);

// The fraction of samples whose activation pattern no other sample shares. For the identity
// activation every sample shares the one linear region: 0 when n > 1.
double unique_activation_fraction(const Network& network, const Dataset& data,
                                  Eigen::Index batch_size);

}  // namespace frnorm
