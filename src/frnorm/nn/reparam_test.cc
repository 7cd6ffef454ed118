#include "frnorm/nn/reparam.h"

#include <gtest/gtest.h>

#include "frnorm/nn/forward.h"
#include "frnorm/nn/params.h"
#include "frnorm/testing/expect_error.h"
#include "frnorm/testing/random_network.h"

namespace frnorm {
namespace {

using testing::random_network;
using testing::RandomNetworkOptions;

TEST(Reparam, EveryReparametrizationComputesTheSameFunction) {
  for (ActivationKind activation : {ActivationKind::kRelu, ActivationKind::kLeakyRelu}) {
    for (BiasMode bias : {BiasMode::kWithout, BiasMode::kWith}) {
      RandomNetworkOptions options;
      options.widths = {3, 8, 7, 6, 2};
      options.bias = bias;
      options.activation = activation;
      const Network network = random_network(options, 1);
      const MatrixD x = testing::random_inputs(3, 50, 2);
      const MatrixD f = forward(network, x);
      for (const Network& other : {node_rescale(network, 3), layer_rescale(network, 2, 7.5),
                                   layer_rescale(network, 3, 0.01), permute_units(network, 4)}) {
        EXPECT_LT((forward(other, x) - f).cwiseAbs().maxCoeff(), 1e-12 * f.cwiseAbs().maxCoeff());
        EXPECT_GT((flatten(other.layers) - flatten(network.layers)).cwiseAbs().maxCoeff(), 1e-3);
      }
    }
  }
}

TEST(Reparam, LayerRescaleRefusesTheOutputLayerAndBadFactors) {
  const Network network = random_network({}, 0);  // L = 2
  EXPECT_FRNORM_ERROR(layer_rescale(network, 3, 2.0),
                      "--layer-rescale: layer 3 is not a hidden layer (expected 1 to 2: layer l "
                      "and l+1 change together)");
  EXPECT_FRNORM_ERROR(layer_rescale(network, 1, -1.0),
                      "--layer-rescale: the factor must be positive and finite; got -1");
}

}  // namespace
}  // namespace frnorm
