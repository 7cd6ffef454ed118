// Reverse mode: the gradient of Σ_i <df_i, f(x_i)> with respect to θ and to the input, given the
// forward tape and df = ∂loss/∂f per sample (backpropagation, one pass).
#pragma once

#include "frnorm/core/eigen.h"
#include "frnorm/nn/forward.h"
#include "frnorm/nn/network.h"

namespace frnorm {

enum class InputGradient { kSkip, kCompute };

template <typename Scalar>
struct BackwardResult {
  // ∇_θ Σ_i <df_i, f(x_i)>: summed over the batch, shapes of the network's layers.
  Params<Scalar> params;
  // ∂<df_i, f(x_i)>/∂x̃_i per sample, d̃ × n (the extended input with homogeneous coordinates);
  // empty when InputGradient::kSkip.
  Matrix<Scalar> input;
};

// tape: from forward_pass(network, x). df: K × n. Backward accumulates nothing across calls.
template <typename Scalar>
BackwardResult<Scalar> backward(const BasicNetwork<Scalar>& network,
                                const ForwardTape<Scalar>& tape, const Matrix<Scalar>& df,
                                InputGradient input_gradient = InputGradient::kSkip);

// Per-sample gradients: column i is ∇_θ <df_i, f(x_i)> for sample i alone, flattened in
// state-dict order (see flatten in params.h); num_params() × n. Memory grows with n: callers
// stream the data in chunks.
template <typename Scalar>
Matrix<Scalar> per_sample_gradients(const BasicNetwork<Scalar>& network,
                                    const ForwardTape<Scalar>& tape, const Matrix<Scalar>& df);

// The same into `gradients`, which is resized only when its shape differs: a caller streaming
// chunks reuses one buffer instead of mapping fresh pages for every chunk.
template <typename Scalar>
void per_sample_gradients(const BasicNetwork<Scalar>& network, const ForwardTape<Scalar>& tape,
                          const Matrix<Scalar>& df, Matrix<Scalar>& gradients);

}  // namespace frnorm
