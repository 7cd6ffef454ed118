#include "frnorm/nn/backward.h"

#include "frnorm/core/error.h"

namespace frnorm {

// Legend: delta = ∂/∂z_l of Σ_i <df_i, f_i>, out_l × n; h[l-1] is the layer's input.
template <typename Scalar>
BackwardResult<Scalar> backward(const BasicNetwork<Scalar>& network,
                                const ForwardTape<Scalar>& tape, const Matrix<Scalar>& df,
                                InputGradient input_gradient) {
  FRNORM_CHECK(tape.h.size() == network.layers.size(), "backward: tape from another network");
  FRNORM_CHECK(df.rows() == tape.output.rows() && df.cols() == tape.output.cols(),
               "backward: df must have the shape of the outputs (K × n)");
  const bool want_input = input_gradient == InputGradient::kCompute;
  BackwardResult<Scalar> result;
  result.params.resize(network.layers.size());
  Matrix<Scalar> delta = df;
  for (std::size_t k = network.layers.size(); k-- > 0;) {
    const auto& layer = network.layers[k];
    const Matrix<Scalar>& h_in = tape.h[k];
    auto& grad = result.params[k];
    grad.weight.noalias() = delta * h_in.transpose();
    if (layer.bias.size() > 0) {
      grad.bias = delta.rowwise().sum();
    }
    if (k == 0 && !want_input) {
      break;
    }
    Matrix<Scalar> delta_in(h_in.rows(), h_in.cols());
    delta_in.noalias() = layer.weight.transpose() * delta;
    if (k > 0) {
      multiply_by_derivative(network.activation, h_in, delta_in);
    }
    delta = std::move(delta_in);
  }
  if (want_input) {
    result.input = std::move(delta);
  }
  return result;
}

template BackwardResult<float> backward<float>(const BasicNetwork<float>&,
                                               const ForwardTape<float>&, const Matrix<float>&,
                                               InputGradient);
template BackwardResult<double> backward<double>(const BasicNetwork<double>&,
                                                 const ForwardTape<double>&, const Matrix<double>&,
                                                 InputGradient);

}  // namespace frnorm
