#include "frnorm/nn/backward.h"

#include <vector>

#include "frnorm/core/error.h"

namespace frnorm {

namespace {

// Legend: delta = ∂/∂z_l of Σ_i <df_i, f_i>, out_l × n; h[l-1] is the layer's input.
// Runs the backward recursion and hands visit(k, delta) the delta of each layer k = L..0 (layer
// k+1 in the paper's numbering). Returns ∂/∂x̃ when `input_gradient` asks for it.
template <typename Scalar, typename Visit>
Matrix<Scalar> backpropagate(const BasicNetwork<Scalar>& network, const ForwardTape<Scalar>& tape,
                             const Matrix<Scalar>& df, InputGradient input_gradient, Visit visit) {
  FRNORM_CHECK(tape.h.size() == network.layers.size(), "backward: tape from another network");
  FRNORM_CHECK(df.rows() == tape.output.rows() && df.cols() == tape.output.cols(),
               "backward: df must have the shape of the outputs (K × n)");
  const bool want_input = input_gradient == InputGradient::kCompute;
  Matrix<Scalar> delta = df;
  for (std::size_t k = network.layers.size(); k-- > 0;) {
    visit(k, delta);
    if (k == 0 && !want_input) {
      return {};
    }
    const Matrix<Scalar>& h_in = tape.h[k];
    Matrix<Scalar> delta_in(h_in.rows(), h_in.cols());
    delta_in.noalias() = network.layers[k].weight.transpose() * delta;
    if (k > 0) {
      multiply_by_derivative(network.activation, h_in, delta_in);
    }
    delta = std::move(delta_in);
  }
  return delta;
}

}  // namespace

template <typename Scalar>
BackwardResult<Scalar> backward(const BasicNetwork<Scalar>& network,
                                const ForwardTape<Scalar>& tape, const Matrix<Scalar>& df,
                                InputGradient input_gradient) {
  BackwardResult<Scalar> result;
  result.params.resize(network.layers.size());
  result.input = backpropagate(network, tape, df, input_gradient,
                               [&](std::size_t k, const Matrix<Scalar>& delta) {
                                 auto& grad = result.params[k];
                                 grad.weight.noalias() = delta * tape.h[k].transpose();
                                 if (network.layers[k].bias.size() > 0) {
                                   grad.bias = delta.rowwise().sum();
                                 }
                               });
  return result;
}

template <typename Scalar>
Matrix<Scalar> per_sample_gradients(const BasicNetwork<Scalar>& network,
                                    const ForwardTape<Scalar>& tape, const Matrix<Scalar>& df) {
  Matrix<Scalar> gradients;
  per_sample_gradients(network, tape, df, gradients);
  return gradients;
}

template <typename Scalar>
void per_sample_gradients(const BasicNetwork<Scalar>& network, const ForwardTape<Scalar>& tape,
                          const Matrix<Scalar>& df, Matrix<Scalar>& gradients) {
  // Offsets of each layer's block in the flattened parameter vector.
  std::vector<Eigen::Index> offsets(network.layers.size() + 1, 0);
  for (std::size_t k = 0; k < network.layers.size(); ++k) {
    offsets[k + 1] = offsets[k] + network.layers[k].weight.size() + network.layers[k].bias.size();
  }
  gradients.resize(offsets.back(), df.cols());
  using RowMajor = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  backpropagate(network, tape, df, InputGradient::kSkip,
                [&](std::size_t k, const Matrix<Scalar>& delta) {
                  const Matrix<Scalar>& h_in = tape.h[k];
                  const Eigen::Index weights = delta.rows() * h_in.rows();
                  for (Eigen::Index i = 0; i < df.cols(); ++i) {
                    Scalar* column = gradients.col(i).data() + offsets[k];
                    // The outer product δ_i h_iᵀ, laid out row by row as in the state dict.
                    Eigen::Map<RowMajor>(column, delta.rows(), h_in.rows()).noalias() =
                        delta.col(i) * h_in.col(i).transpose();
                    if (network.layers[k].bias.size() > 0) {
                      Eigen::Map<Vector<Scalar>>(column + weights, delta.rows()) = delta.col(i);
                    }
                  }
                });
}

template BackwardResult<float> backward<float>(const BasicNetwork<float>&,
                                               const ForwardTape<float>&, const Matrix<float>&,
                                               InputGradient);
template BackwardResult<double> backward<double>(const BasicNetwork<double>&,
                                                 const ForwardTape<double>&, const Matrix<double>&,
                                                 InputGradient);
template Matrix<float> per_sample_gradients<float>(const BasicNetwork<float>&,
                                                   const ForwardTape<float>&, const Matrix<float>&);
template Matrix<double> per_sample_gradients<double>(const BasicNetwork<double>&,
                                                     const ForwardTape<double>&,
                                                     const Matrix<double>&);
template void per_sample_gradients<float>(const BasicNetwork<float>&, const ForwardTape<float>&,
                                          const Matrix<float>&, Matrix<float>&);
template void per_sample_gradients<double>(const BasicNetwork<double>&, const ForwardTape<double>&,
                                           const Matrix<double>&, Matrix<double>&);

}  // namespace frnorm
