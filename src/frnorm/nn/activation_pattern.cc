#include "frnorm/nn/activation_pattern.h"

#include "frnorm/nn/forward.h"

namespace frnorm {

ActivationPatterns activation_patterns(const Network& network, const MatrixD& x) {
  ActivationPatterns patterns;
  patterns.num_samples = x.cols();
  if (network.activation.kind != ActivationKind::kIdentity) {
    for (int k = 0; k < network.num_hidden_layers(); ++k) {
      patterns.num_units += network.layers[k].weight.rows();
    }
  }
  patterns.words_per_sample = (patterns.num_units + 63) / 64;
  patterns.words.assign(patterns.num_samples * patterns.words_per_sample, 0);
  if (patterns.num_units == 0) {
    return patterns;
  }
  // sign(h) = sign(z) for ReLU and leaky ReLU, so the tape's activations suffice.
  const ForwardTape<double> tape = forward_pass(network, x);
  Eigen::Index unit = 0;
  for (int l = 1; l <= network.num_hidden_layers(); ++l) {
    const MatrixD& h = tape.h[l];
    for (Eigen::Index row = 0; row < h.rows(); ++row, ++unit) {
      const std::uint64_t bit = std::uint64_t{1} << (unit % 64);
      for (Eigen::Index i = 0; i < h.cols(); ++i) {
        if (h(row, i) > 0.0) {
          patterns.words[i * patterns.words_per_sample + unit / 64] |= bit;
        }
      }
    }
  }
  return patterns;
}

}  // namespace frnorm
