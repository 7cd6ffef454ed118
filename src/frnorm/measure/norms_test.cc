#include "frnorm/measure/norms.h"

#include <gtest/gtest.h>

#include <Eigen/SVD>
#include <cmath>
#include <functional>

#include "frnorm/testing/random_network.h"

namespace frnorm {
namespace {

using testing::random_network;
using testing::RandomNetworkOptions;

TEST(Norms, SpectralNormEqualsTheLargestSingularValue) {
  for (std::uint64_t seed = 0; seed < 5; ++seed) {
    for (const auto& [rows, cols] : {std::pair{7, 3}, std::pair{3, 7}, std::pair{40, 40}}) {
      const MatrixD w = testing::random_inputs(rows, cols, seed);
      const Eigen::JacobiSVD<MatrixD> svd(w);
      const double sigma = svd.singularValues()(0);
      EXPECT_NEAR(spectral_norm(w), sigma, 1e-10 * sigma) << rows << "x" << cols;
    }
  }
}

// Σ over every input-to-output path (and every path starting at a bias) of Π w², enumerated.
double path_norm_by_enumeration(const Network& network) {
  double total = 0.0;
  const std::function<void(std::size_t, Eigen::Index, double)> walk =
      [&](std::size_t k, Eigen::Index unit, double product) {
        if (k == network.layers.size()) {
          total += product;
          return;
        }
        const auto& layer = network.layers[k];
        for (Eigen::Index next = 0; next < layer.weight.rows(); ++next) {
          walk(k + 1, next, product * std::pow(layer.weight(next, unit), 2));
        }
      };
  for (Eigen::Index input = 0; input < network.network_input_dim(); ++input) {
    walk(0, input, 1.0);
  }
  for (std::size_t k = 0; k < network.layers.size(); ++k) {
    for (Eigen::Index unit = 0; unit < network.layers[k].bias.size(); ++unit) {
      walk(k + 1, unit, std::pow(network.layers[k].bias(unit), 2));
    }
  }
  return std::sqrt(total);
}

TEST(Norms, PathNormEqualsTheSumOverPaths) {
  for (BiasMode bias : {BiasMode::kWithout, BiasMode::kWith}) {
    RandomNetworkOptions options;
    options.widths = {3, 4, 3, 2};
    options.bias = bias;
    const Network network = random_network(options, 2);
    EXPECT_NEAR(path_norm(network), path_norm_by_enumeration(network), 1e-12 * path_norm(network));
  }
}

TEST(Norms, ProductsAndSpectralComplexityFollowTheirDefinitions) {
  RandomNetworkOptions options;
  options.widths = {4, 5, 3};
  const Network network = random_network(options, 3);
  const NormMeasures norms = weight_norms(network);
  const MatrixD& w1 = network.layers[0].weight;
  const MatrixD& w2 = network.layers[1].weight;
  EXPECT_NEAR(norms.l2, w1.squaredNorm() + w2.squaredNorm(), 1e-12);
  EXPECT_NEAR(norms.frobenius_product, w1.norm() * w2.norm(), 1e-12);
  const double s1 = Eigen::JacobiSVD<MatrixD>(w1).singularValues()(0);
  const double s2 = Eigen::JacobiSVD<MatrixD>(w2).singularValues()(0);
  EXPECT_NEAR(norms.spectral_product, s1 * s2, 1e-12);
  // Bartlett et al.: Π σ_l · (Σ (‖W_lᵀ‖_{2,1} / σ_l)^{2/3})^{3/2}, ‖Wᵀ‖_{2,1} = Σ_rows ‖row‖.
  double row_sum1 = 0.0;
  double row_sum2 = 0.0;
  for (Eigen::Index r = 0; r < w1.rows(); ++r) {
    row_sum1 += w1.row(r).norm();
  }
  for (Eigen::Index r = 0; r < w2.rows(); ++r) {
    row_sum2 += w2.row(r).norm();
  }
  const double expected =
      s1 * s2 * std::pow(std::pow(row_sum1 / s1, 2.0 / 3) + std::pow(row_sum2 / s2, 2.0 / 3), 1.5);
  EXPECT_NEAR(norms.spectral_complexity, expected, 1e-12 * expected);
}

}  // namespace
}  // namespace frnorm
