// The positively homogeneous activations σ (σ(z) = σ'(z) z, MISSION §1) and their derivatives.
#pragma once

#include <string>
#include <string_view>

#include "frnorm/core/eigen.h"

namespace frnorm {

enum class ActivationKind { kRelu, kLeakyRelu, kIdentity };

struct Activation {
  ActivationKind kind = ActivationKind::kRelu;
  double leaky_slope = 0.01;  // used by kLeakyRelu only: σ(z) = z for z > 0, slope·z otherwise
};

// "relu", "leaky_relu", "identity".
std::string activation_name(ActivationKind kind);
// Inverse of activation_name; throws frnorm::Error naming `what` (a flag or file) on other text.
ActivationKind parse_activation(std::string_view text, std::string_view what);

// h = σ(z), elementwise, in place.
template <typename Scalar>
void apply_activation(const Activation& activation, Matrix<Scalar>& z);

// delta ⊙= σ'(z), where h = σ(z) is the stored output of the activation. The derivative is
// recovered from h alone because sign(h) = sign(z) for all three activations; at z = 0 it is 0
// for ReLU and the slope for leaky ReLU, as in PyTorch.
template <typename Scalar>
void multiply_by_derivative(const Activation& activation, const Matrix<Scalar>& h,
                            Matrix<Scalar>& delta);

}  // namespace frnorm
