// Rank correlation between a measure and the generalization gap over a sweep's runs, as in
// Jiang et al., "Fantastic generalization measures and where to find them" (ICLR 2020), §2:
// Kendall's τ over all pairs, and the granulated τ of one hyperparameter: the mean of τ over the
// groups of runs that differ in that hyperparameter alone.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "frnorm/experiment/grid.h"

namespace frnorm {

struct Tau {
  double tau = 0.0;  // NaN where there is no pair
  long pairs = 0;
};

// τ = Σ_{i<j} sign(x_i − x_j)·sign(y_i − y_j) / (number of pairs): Kendall's τ_a, the form
// Jiang et al. use (a tie counts 0 in the sum and 1 in the pairs). O(n²).
Tau kendall_tau(const std::vector<double>& x, const std::vector<double>& y);

struct GranulatedTau {
  std::string hyperparameter;
  double tau = 0.0;  // the mean over groups with at least one pair; NaN if none has
  long pairs = 0;    // over all those groups
  int groups = 0;
};

// For each hyperparameter h: runs whose swept values agree on every key but h form a group;
// τ(x, y) within each group, averaged. `swept[i]` holds run i's swept values.
GranulatedTau granulated_tau(const std::vector<OrderedJson>& swept, const std::vector<double>& x,
                             const std::vector<double>& y, const std::string& hyperparameter);

}  // namespace frnorm
