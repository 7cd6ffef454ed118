#include "frnorm/nn/jvp.h"

#include <fmt/format.h>

#include "frnorm/core/error.h"
#include "frnorm/nn/forward.h"

namespace frnorm {

namespace {

// The tangent recursion ż_l = V_l h_{l-1} + c_l + W_l ḣ_{l-1}, ḣ_l = σ'(z_l) ⊙ ż_l, with the
// direct term V_l h_{l-1} + c_l supplied by `direct_term(k, h_in, z)` (empty = zero). Empty
// tangents stand for zero so that layers before the first nonzero direction cost nothing.
template <typename Scalar, typename DirectTerm>
JvpResult<Scalar> tangent_pass(const BasicNetwork<Scalar>& network, const Matrix<Scalar>& x,
                               const Matrix<Scalar>& input_tangent, DirectTerm direct_term) {
  Matrix<Scalar> h = network_input(network, x);
  Matrix<Scalar> h_dot = input_tangent;
  if (h_dot.size() > 0 && (h_dot.rows() != h.rows() || h_dot.cols() != h.cols())) {
    throw Error(fmt::format("jvp: input tangent is {}×{} but the extended input is {}×{}",
                            h_dot.rows(), h_dot.cols(), h.rows(), h.cols()));
  }
  const std::size_t last = network.layers.size() - 1;
  for (std::size_t k = 0;; ++k) {
    const auto& layer = network.layers[k];
    Matrix<Scalar> z = affine(layer, h);
    Matrix<Scalar> z_dot = direct_term(k, h, z);
    if (h_dot.size() > 0) {
      if (z_dot.size() == 0) {
        z_dot.noalias() = layer.weight * h_dot;
      } else {
        z_dot.noalias() += layer.weight * h_dot;
      }
    }
    if (k == last) {
      if (z_dot.size() == 0) {
        z_dot.setZero(z.rows(), z.cols());
      }
      return {std::move(z), std::move(z_dot)};
    }
    apply_activation(network.activation, z);
    if (z_dot.size() > 0) {
      multiply_by_derivative(network.activation, z, z_dot);
    }
    h = std::move(z);
    h_dot = std::move(z_dot);
  }
}

}  // namespace

template <typename Scalar>
JvpResult<Scalar> jvp(const BasicNetwork<Scalar>& network, const Matrix<Scalar>& x,
                      const Params<Scalar>& direction, const Matrix<Scalar>& input_tangent) {
  FRNORM_CHECK(direction.empty() || direction.size() == network.layers.size(),
               "jvp: direction must have one entry per layer, or none");
  const auto direct_term = [&](std::size_t k, const Matrix<Scalar>& h_in, const Matrix<Scalar>&) {
    Matrix<Scalar> term;
    if (direction.empty()) {
      return term;
    }
    const auto& v = direction[k];
    if (v.weight.size() > 0) {
      FRNORM_CHECK(v.weight.rows() == network.layers[k].weight.rows() &&
                       v.weight.cols() == network.layers[k].weight.cols(),
                   "jvp: direction weight shape differs from the layer's");
      term.noalias() = v.weight * h_in;
    }
    if (v.bias.size() > 0) {
      FRNORM_CHECK(v.bias.size() == network.layers[k].weight.rows(),
                   "jvp: direction bias length differs from the layer's outputs");
      if (term.size() == 0) {
        term = v.bias.replicate(1, h_in.cols());
      } else {
        term.colwise() += v.bias;
      }
    }
    return term;
  };
  return tangent_pass(network, x, input_tangent, direct_term);
}

template <typename Scalar>
JvpResult<Scalar> jvp_along_theta(const BasicNetwork<Scalar>& network, const Matrix<Scalar>& x) {
  // With v = θ the direct term W_l h + b_l is z_l itself: no extra product.
  const auto direct_term = [](std::size_t, const Matrix<Scalar>&, const Matrix<Scalar>& z) {
    return z;
  };
  return tangent_pass(network, x, Matrix<Scalar>(), direct_term);
}

template <typename Scalar>
SecondOrderJvp<Scalar> jvp2_along_theta(const BasicNetwork<Scalar>& network,
                                        const Matrix<Scalar>& x) {
  Matrix<Scalar> h = network_input(network, x);
  Matrix<Scalar> h_dot;   // empty: zero (the input does not move with θ)
  Matrix<Scalar> h_ddot;  // empty: zero
  const std::size_t last = network.layers.size() - 1;
  for (std::size_t k = 0;; ++k) {
    const auto& weight = network.layers[k].weight;
    Matrix<Scalar> z = affine(network.layers[k], h);
    Matrix<Scalar> z_dot = z;
    Matrix<Scalar> z_ddot = Matrix<Scalar>::Zero(z.rows(), z.cols());
    if (h_dot.size() > 0) {
      z_dot.noalias() += weight * h_dot;
      const Matrix<Scalar> inner = Scalar(2) * h_dot + h_ddot;
      z_ddot.noalias() = weight * inner;
    }
    if (k == last) {
      return {std::move(z), std::move(z_dot), std::move(z_ddot)};
    }
    apply_activation(network.activation, z);
    multiply_by_derivative(network.activation, z, z_dot);
    multiply_by_derivative(network.activation, z, z_ddot);
    h = std::move(z);
    h_dot = std::move(z_dot);
    h_ddot = std::move(z_ddot);
  }
}

#define FRNORM_INSTANTIATE(Scalar)                                                           \
  template JvpResult<Scalar> jvp<Scalar>(const BasicNetwork<Scalar>&, const Matrix<Scalar>&, \
                                         const Params<Scalar>&, const Matrix<Scalar>&);      \
  template JvpResult<Scalar> jvp_along_theta<Scalar>(const BasicNetwork<Scalar>&,            \
                                                     const Matrix<Scalar>&);                 \
  template SecondOrderJvp<Scalar> jvp2_along_theta<Scalar>(const BasicNetwork<Scalar>&,      \
                                                           const Matrix<Scalar>&);
FRNORM_INSTANTIATE(float)
FRNORM_INSTANTIATE(double)
#undef FRNORM_INSTANTIATE

}  // namespace frnorm
