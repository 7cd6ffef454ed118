#include "frnorm/testing/random_network.h"

#include <limits>

#include "frnorm/core/rng.h"
#include "frnorm/nn/forward.h"

namespace frnorm::testing {

Network random_network(const RandomNetworkOptions& options, std::uint64_t seed) {
  NetworkSpec spec;
  spec.widths = options.widths;
  spec.bias = options.bias;
  spec.coordinates = options.coordinates;
  spec.activation = {options.activation, options.leaky_slope};
  Network network = init_network(spec, seed);
  for (auto& layer : network.layers) {
    layer.weight *= options.weight_scale;
  }
  return network;
}

MatrixD random_inputs(Eigen::Index d, Eigen::Index n, std::uint64_t seed) {
  Rng rng(seed);
  return normal_matrix(d, n, rng);
}

Params<double> random_direction(const Network& network, std::uint64_t seed) {
  Rng rng(seed);
  Params<double> direction;
  for (const auto& layer : network.layers) {
    direction.push_back({normal_matrix(layer.weight.rows(), layer.weight.cols(), rng),
                         normal_matrix(layer.bias.size(), 1, rng)});
  }
  return direction;
}

Network perturbed(const Network& network, const Params<double>& direction, double t) {
  Network result = network;
  for (std::size_t k = 0; k < result.layers.size(); ++k) {
    result.layers[k].weight += t * direction[k].weight;
    result.layers[k].bias += t * direction[k].bias;
  }
  return result;
}

double central_difference(const std::function<double(double)>& g, double h) {
  return (g(h) - g(-h)) / (2.0 * h);
}

double min_abs_preactivation(const Network& network, const MatrixD& x) {
  double smallest = std::numeric_limits<double>::infinity();
  MatrixD h = network_input(network, x);
  for (int k = 0; k < network.num_hidden_layers(); ++k) {
    MatrixD z = affine(network.layers[k], h);
    smallest = std::min(smallest, z.cwiseAbs().minCoeff());
    apply_activation(network.activation, z);
    h = std::move(z);
  }
  return smallest;
}

}  // namespace frnorm::testing
