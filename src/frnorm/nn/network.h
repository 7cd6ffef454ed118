// The network value: L hidden layers and one output layer, each affine, with a positively
// homogeneous activation between them (MISSION §1). Plain data: copy it, compare it, save it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "frnorm/core/eigen.h"
#include "frnorm/nn/activation.h"

namespace frnorm {

// One affine layer z = W h + b, in PyTorch nn.Linear's layout.
template <typename Scalar>
struct LayerParams {
  Matrix<Scalar> weight;  // out × in
  Vector<Scalar> bias;    // out, or empty for a bias-free layer
};

// All parameters θ, layer by layer: element l-1 holds (W_l, b_l) for l = 1..L+1. Gradients and
// parameter directions use the same type and shapes.
template <typename Scalar>
using Params = std::vector<LayerParams<Scalar>>;

enum class BiasMode { kWithout, kWith };
// kHomogeneous appends a constant 1 to every input, so W_1 has d+1 columns (MISSION §1).
enum class InputCoordinates { kPlain, kHomogeneous };

template <typename Scalar>
struct BasicNetwork {
  Params<Scalar> layers;
  Activation activation;
  InputCoordinates coordinates = InputCoordinates::kPlain;

  // d, the width of the data the network takes (without the homogeneous 1).
  Eigen::Index input_dim() const;
  // Columns of W_1: d, or d+1 with homogeneous coordinates.
  Eigen::Index network_input_dim() const { return layers.front().weight.cols(); }
  // K.
  Eigen::Index output_dim() const { return layers.back().weight.rows(); }
  // L, the number of hidden layers (the network has L+1 weight matrices).
  int num_hidden_layers() const { return static_cast<int>(layers.size()) - 1; }
  bool has_bias() const { return layers.front().bias.size() > 0; }
  bool is_homogeneous() const { return coordinates == InputCoordinates::kHomogeneous; }
  Eigen::Index num_params() const;
};

using Network = BasicNetwork<double>;
using NetworkF = BasicNetwork<float>;

// The same network in another precision.
template <typename To, typename From>
BasicNetwork<To> cast_network(const BasicNetwork<From>& network);

// What `frnorm init` builds.
struct NetworkSpec {
  std::vector<int> widths;  // d, hidden widths..., K; at least two entries
  BiasMode bias = BiasMode::kWithout;
  InputCoordinates coordinates = InputCoordinates::kPlain;
  Activation activation;
};

// PyTorch nn.Linear's default initialisation: every weight and bias uniform in
// (-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = columns of W. The same seed gives the same
// network on every machine.
Network init_network(const NetworkSpec& spec, std::uint64_t seed);

// Throws frnorm::Error (prefixed by `what`) unless the layer shapes chain, biases are on all
// layers or none, each bias has its layer's output width, and every value is finite. Messages
// call layer k+1 `layer_labels[k]` when given (a file names its tensors), else "layer k+1".
void validate_network(const Network& network, std::string_view what,
                      const std::vector<std::string>& layer_labels = {});

// "784-256-10" -> {784, 256, 10}; throws frnorm::Error naming `what` on malformed text.
std::vector<int> parse_widths(std::string_view text, std::string_view what);
// The inverse: the data width d, the hidden widths and K, joined by '-'.
std::string widths_string(const Network& network);

}  // namespace frnorm
