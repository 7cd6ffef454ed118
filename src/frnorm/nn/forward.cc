#include "frnorm/nn/forward.h"

#include <fmt/format.h>

#include "frnorm/core/error.h"

namespace frnorm {

template <typename Scalar>
Matrix<Scalar> network_input(const BasicNetwork<Scalar>& network, const Matrix<Scalar>& x) {
  if (x.rows() != network.input_dim()) {
    throw Error(fmt::format("input has {} features per sample but the network takes {}", x.rows(),
                            network.input_dim()));
  }
  if (!network.is_homogeneous()) {
    return x;
  }
  Matrix<Scalar> extended(x.rows() + 1, x.cols());
  extended.topRows(x.rows()) = x;
  extended.row(x.rows()).setOnes();
  return extended;
}

template <typename Scalar>
Matrix<Scalar> affine(const LayerParams<Scalar>& layer, const Matrix<Scalar>& h) {
  Matrix<Scalar> z(layer.weight.rows(), h.cols());
  z.noalias() = layer.weight * h;
  if (layer.bias.size() > 0) {
    z.colwise() += layer.bias;
  }
  return z;
}

template <typename Scalar>
ForwardTape<Scalar> forward_pass(const BasicNetwork<Scalar>& network, const Matrix<Scalar>& x) {
  ForwardTape<Scalar> tape;
  tape.h.reserve(network.layers.size());
  tape.h.push_back(network_input(network, x));
  const std::size_t last = network.layers.size() - 1;
  for (std::size_t k = 0; k < last; ++k) {
    Matrix<Scalar> z = affine(network.layers[k], tape.h.back());
    apply_activation(network.activation, z);
    tape.h.push_back(std::move(z));
  }
  tape.output = affine(network.layers[last], tape.h.back());
  return tape;
}

template <typename Scalar>
Matrix<Scalar> forward(const BasicNetwork<Scalar>& network, const Matrix<Scalar>& x) {
  // Without homogeneous coordinates x̃ = x: read x in place instead of copying it.
  Matrix<Scalar> h;
  const Matrix<Scalar>* input = &x;
  if (network.is_homogeneous()) {
    h = network_input(network, x);
    input = &h;
  } else if (x.rows() != network.input_dim()) {
    network_input(network, x);  // throws the shape error
  }
  const std::size_t last = network.layers.size() - 1;
  for (std::size_t k = 0; k < last; ++k) {
    Matrix<Scalar> z = affine(network.layers[k], *input);
    apply_activation(network.activation, z);
    h = std::move(z);
    input = &h;
  }
  return affine(network.layers[last], *input);
}

#define FRNORM_INSTANTIATE(Scalar)                                                           \
  template Matrix<Scalar> network_input<Scalar>(const BasicNetwork<Scalar>&,                 \
                                                const Matrix<Scalar>&);                      \
  template Matrix<Scalar> affine<Scalar>(const LayerParams<Scalar>&, const Matrix<Scalar>&); \
  template ForwardTape<Scalar> forward_pass<Scalar>(const BasicNetwork<Scalar>&,             \
                                                    const Matrix<Scalar>&);                  \
  template Matrix<Scalar> forward<Scalar>(const BasicNetwork<Scalar>&, const Matrix<Scalar>&);
FRNORM_INSTANTIATE(float)
FRNORM_INSTANTIATE(double)
#undef FRNORM_INSTANTIATE

}  // namespace frnorm
