#include "frnorm/measure/output_measures.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "frnorm/core/error.h"
#include "frnorm/measure/batches.h"
#include "frnorm/nn/activation_pattern.h"
#include "frnorm/nn/forward.h"

namespace frnorm {

VectorD margins(const MatrixD& f, const std::vector<int>& labels) {
  FRNORM_CHECK(static_cast<Eigen::Index>(labels.size()) == f.cols(), "margins: one label each");
  VectorD out(f.cols());
  for (Eigen::Index i = 0; i < f.cols(); ++i) {
    const int y = labels[i];
    if (f.rows() == 1) {
      out(i) = (2.0 * y - 1.0) * f(0, i);
      continue;
    }
    double best_other = -std::numeric_limits<double>::infinity();
    for (Eigen::Index k = 0; k < f.rows(); ++k) {
      if (k != y) {
        best_other = std::max(best_other, f(k, i));
      }
    }
    out(i) = f(y, i) - best_other;
  }
  return out;
}

double percentile(VectorD values, double q) {
  FRNORM_CHECK(values.size() > 0, "percentile of nothing");
  std::sort(values.begin(), values.end());
  const double position = q / 100.0 * static_cast<double>(values.size() - 1);
  const auto below = static_cast<Eigen::Index>(std::floor(position));
  const Eigen::Index above = std::min<Eigen::Index>(below + 1, values.size() - 1);
  const double weight = position - static_cast<double>(below);
  return values(below) + weight * (values(above) - values(below));
}

OutputMeasures output_measures(const Network& network, const Dataset& data,
                               Eigen::Index batch_size) {
  OutputMeasures result;
  if (!data.has_labels()) {
    return result;
  }
  VectorD all_margins(data.size());
  Eigen::Index correct = 0;
  for_each_batch(data, batch_size, [&](const Batch& batch) {
    const MatrixD f = forward(network, batch.x);
    for (Eigen::Index i = 0; i < f.cols(); ++i) {
      const int y = batch.targets.labels[i];
      Eigen::Index predicted = 0;
      if (f.rows() == 1) {
        predicted = f(0, i) > 0 ? 1 : 0;
      } else {
        f.col(i).maxCoeff(&predicted);
      }
      correct += predicted == y ? 1 : 0;
    }
    const std::vector<int> labels(batch.targets.labels, batch.targets.labels + f.cols());
    all_margins.segment(batch.start, f.cols()) = margins(f, labels);
  });
  result.accuracy = static_cast<double>(correct) / static_cast<double>(data.size());
  result.margin_p10 = percentile(all_margins, 10.0);
  return result;
}

double unique_activation_fraction(const Network& network, const Dataset& data,
                                  Eigen::Index batch_size) {
  std::unordered_map<std::string, Eigen::Index> counts;
  std::vector<std::string> keys;
  keys.reserve(static_cast<std::size_t>(data.size()));
  for_each_batch(data, batch_size, [&](const Batch& batch) {
    const ActivationPatterns patterns = activation_patterns(network, batch.x);
    for (Eigen::Index i = 0; i < patterns.num_samples; ++i) {
      const auto words = patterns.pattern(i);
      std::string key(reinterpret_cast<const char*>(words.data()), words.size_bytes());
      ++counts[key];
      keys.push_back(std::move(key));
    }
  });
  Eigen::Index unique = 0;
  for (const std::string& key : keys) {
    unique += counts[key] == 1 ? 1 : 0;
  }
  return static_cast<double>(unique) / static_cast<double>(data.size());
}

}  // namespace frnorm
