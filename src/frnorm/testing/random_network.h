// Test support: random networks, inputs and directions, and the central-difference helper that
// every derivative test uses.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "frnorm/core/eigen.h"
#include "frnorm/nn/network.h"

namespace frnorm::testing {

struct RandomNetworkOptions {
  std::vector<int> widths = {3, 5, 4, 2};
  BiasMode bias = BiasMode::kWithout;
  InputCoordinates coordinates = InputCoordinates::kPlain;
  ActivationKind activation = ActivationKind::kRelu;
  double leaky_slope = 0.1;
  // Multiplies PyTorch's default weights, so outputs are O(1) rather than shrinking with depth.
  double weight_scale = 2.0;
};

Network random_network(const RandomNetworkOptions& options, std::uint64_t seed);

// d × n standard normal inputs.
MatrixD random_inputs(Eigen::Index d, Eigen::Index n, std::uint64_t seed);

// A standard normal parameter direction with the network's shapes.
Params<double> random_direction(const Network& network, std::uint64_t seed);

// θ + t·v.
Network perturbed(const Network& network, const Params<double>& direction, double t);

// (g(+h) − g(−h)) / 2h: the central difference, error O(h²) for smooth g.
double central_difference(const std::function<double(double)>& g, double h);

// min |z| over all hidden pre-activations and samples: finite differences with step h cross no
// kink of ReLU while this is well above h times the size of the perturbation.
double min_abs_preactivation(const Network& network, const MatrixD& x);

}  // namespace frnorm::testing
