// The batched forward pass. forward_pass keeps the tape that backward() consumes; forward()
// keeps only the outputs (memory of two layers at a time).
#pragma once

#include <vector>

#include "frnorm/core/eigen.h"
#include "frnorm/nn/network.h"

namespace frnorm {

// Legend: d = input width, d̃ = network_input_dim() (d+1 with homogeneous coordinates),
// n = batch size, K = outputs, L = hidden layers.
template <typename Scalar>
struct ForwardTape {
  // h[0] = x̃ (d̃ × n); h[l] = σ(z_l) for l = 1..L.
  std::vector<Matrix<Scalar>> h;
  // f = z_{L+1}, K × n.
  Matrix<Scalar> output;
};

// x: d × n. Returns x̃: x itself, or x with a row of ones appended (homogeneous coordinates).
// Throws frnorm::Error if x does not have d rows.
template <typename Scalar>
Matrix<Scalar> network_input(const BasicNetwork<Scalar>& network, const Matrix<Scalar>& x);

// z = W h + b for one layer; h: in × n, returns out × n.
template <typename Scalar>
Matrix<Scalar> affine(const LayerParams<Scalar>& layer, const Matrix<Scalar>& h);

// x: d × n. Returns the tape (outputs in tape.output, K × n).
template <typename Scalar>
ForwardTape<Scalar> forward_pass(const BasicNetwork<Scalar>& network, const Matrix<Scalar>& x);

// x: d × n. Returns f(x), K × n, without keeping the hidden activations.
template <typename Scalar>
Matrix<Scalar> forward(const BasicNetwork<Scalar>& network, const Matrix<Scalar>& x);

}  // namespace frnorm
