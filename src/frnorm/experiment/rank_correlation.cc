#include "frnorm/experiment/rank_correlation.h"

#include <cmath>
#include <limits>
#include <map>

#include "frnorm/core/error.h"

namespace frnorm {
namespace {

int sign(double v) { return (v > 0.0) - (v < 0.0); }

}  // namespace

Tau kendall_tau(const std::vector<double>& x, const std::vector<double>& y) {
  FRNORM_CHECK(x.size() == y.size(), "kendall_tau needs two lists of one length");
  long sum = 0;
  long pairs = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    for (std::size_t j = i + 1; j < x.size(); ++j) {
      sum += static_cast<long>(sign(x[i] - x[j]) * sign(y[i] - y[j]));
      ++pairs;
    }
  }
  return {pairs > 0 ? static_cast<double>(sum) / static_cast<double>(pairs)
                    : std::numeric_limits<double>::quiet_NaN(),
          pairs};
}

GranulatedTau granulated_tau(const std::vector<OrderedJson>& swept, const std::vector<double>& x,
                             const std::vector<double>& y, const std::string& hyperparameter) {
  FRNORM_CHECK(swept.size() == x.size() && x.size() == y.size(),
               "granulated_tau needs one swept object per value");
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < swept.size(); ++i) {
    OrderedJson rest = swept[i];
    rest.erase(hyperparameter);
    groups[rest.dump()].push_back(i);
  }
  GranulatedTau result{hyperparameter, 0.0, 0, 0};
  double sum = 0.0;
  for (const auto& [key, members] : groups) {
    std::vector<double> gx;
    std::vector<double> gy;
    for (const std::size_t i : members) {
      gx.push_back(x[i]);
      gy.push_back(y[i]);
    }
    const Tau tau = kendall_tau(gx, gy);
    if (tau.pairs > 0) {
      sum += tau.tau;
      result.pairs += tau.pairs;
      ++result.groups;
    }
  }
  result.tau = result.groups > 0 ? sum / result.groups : std::numeric_limits<double>::quiet_NaN();
  return result;
}

}  // namespace frnorm
