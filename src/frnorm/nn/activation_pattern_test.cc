#include "frnorm/nn/activation_pattern.h"

#include <gtest/gtest.h>

#include "frnorm/nn/forward.h"
#include "frnorm/testing/random_network.h"

namespace frnorm {
namespace {

using testing::random_inputs;
using testing::random_network;
using testing::RandomNetworkOptions;

TEST(ActivationPatterns, BitsAreThePreActivationSigns) {
  RandomNetworkOptions options;
  options.widths = {3, 40, 30, 2};  // 70 units: two words per sample
  options.bias = BiasMode::kWith;
  const Network network = random_network(options, 1);
  const MatrixD x = random_inputs(3, 20, 2);
  const ActivationPatterns patterns = activation_patterns(network, x);
  ASSERT_EQ(patterns.num_units, 70);
  ASSERT_EQ(patterns.words_per_sample, 2);
  // Recompute z layer by layer, independently of the tape.
  const MatrixD z1 = network.layers[0].weight * x + network.layers[0].bias.replicate(1, 20);
  const MatrixD h1 = z1.cwiseMax(0.0);
  const MatrixD z2 = network.layers[1].weight * h1 + network.layers[1].bias.replicate(1, 20);
  for (Eigen::Index i = 0; i < 20; ++i) {
    for (Eigen::Index u = 0; u < 40; ++u) {
      EXPECT_EQ(patterns.unit_active(i, u), z1(u, i) > 0);
    }
    for (Eigen::Index u = 0; u < 30; ++u) {
      EXPECT_EQ(patterns.unit_active(i, 40 + u), z2(u, i) > 0);
    }
  }
}

TEST(ActivationPatterns, BiasFreeRegionsAreCones) {
  // Without biases every linear region is a cone with apex 0: x and c·x (c > 0) share it.
  const Network network = random_network({}, 3);
  const MatrixD x = random_inputs(3, 10, 4);
  const ActivationPatterns a = activation_patterns(network, x);
  const ActivationPatterns b = activation_patterns(network, MatrixD(3.7 * x));
  EXPECT_EQ(a.words, b.words);
  const ActivationPatterns flipped = activation_patterns(network, MatrixD(-x));
  EXPECT_NE(a.words, flipped.words);
}

TEST(ActivationPatterns, IdentityActivationHasOneRegion) {
  RandomNetworkOptions options;
  options.activation = ActivationKind::kIdentity;
  const ActivationPatterns patterns =
      activation_patterns(random_network(options, 0), random_inputs(3, 5, 0));
  EXPECT_EQ(patterns.num_units, 0);
  EXPECT_EQ(patterns.num_samples, 5);
}

}  // namespace
}  // namespace frnorm
