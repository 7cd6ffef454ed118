#include "frnorm/nn/reparam.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "frnorm/core/error.h"
#include "frnorm/core/rng.h"

namespace frnorm {

Network node_rescale(const Network& network, std::uint64_t seed) {
  Network result = network;
  Rng rng(seed);
  for (int k = 0; k < network.num_hidden_layers(); ++k) {
    auto& layer = result.layers[k];
    auto& next = result.layers[k + 1];
    for (Eigen::Index i = 0; i < layer.weight.rows(); ++i) {
      const double c = std::exp(rng.uniform(-1.0, 1.0));
      layer.weight.row(i) *= c;
      if (layer.bias.size() > 0) {
        layer.bias(i) *= c;
      }
      next.weight.col(i) /= c;
    }
  }
  return result;
}

Network layer_rescale(const Network& network, int layer, double c) {
  if (layer < 1 || layer > network.num_hidden_layers()) {
    throw Error(
        fmt::format("--layer-rescale: layer {} is not a hidden layer (expected 1 to {}: "
                    "layer l and l+1 change together)",
                    layer, network.num_hidden_layers()));
  }
  if (!(c > 0.0) || !std::isfinite(c)) {
    throw Error(fmt::format("--layer-rescale: the factor must be positive and finite; got {}", c));
  }
  Network result = network;
  result.layers[layer - 1].weight *= c;
  result.layers[layer - 1].bias *= c;
  result.layers[layer].weight /= c;
  return result;
}

Network permute_units(const Network& network, std::uint64_t seed) {
  Network result = network;
  Rng rng(seed);
  for (int k = 0; k < network.num_hidden_layers(); ++k) {
    // Copies of the layers as permuted so far: layer k's columns already moved with layer k-1.
    const LayerParams<double> layer = result.layers[k];
    const MatrixD next = result.layers[k + 1].weight;
    std::vector<Eigen::Index> order(static_cast<std::size_t>(layer.weight.rows()));
    std::iota(order.begin(), order.end(), 0);
    // Fisher-Yates with frnorm's own integer draws, so every machine permutes alike.
    for (std::size_t i = order.size(); i > 1; --i) {
      std::swap(order[i - 1], order[rng.below(i)]);
    }
    for (std::size_t i = 0; i < order.size(); ++i) {
      const auto to = static_cast<Eigen::Index>(i);
      result.layers[k].weight.row(to) = layer.weight.row(order[i]);
      if (layer.bias.size() > 0) {
        result.layers[k].bias(to) = layer.bias(order[i]);
      }
      result.layers[k + 1].weight.col(to) = next.col(order[i]);
    }
  }
  return result;
}

}  // namespace frnorm
