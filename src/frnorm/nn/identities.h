// The structural identities of MISSION §2 (Euler's theorem for positively homogeneous f),
// evaluated on a batch as residuals lhs − rhs over every sample and output.
#pragma once

#include <vector>

#include "frnorm/core/eigen.h"
#include "frnorm/nn/network.h"

namespace frnorm {

struct Residual {
  double max_abs = 0.0;  // max |lhs − rhs|
  double max_rel = 0.0;  // max |lhs − rhs| / max(|lhs|, |rhs|, 1e-300)
};

struct IdentityResiduals {
  Eigen::Index n = 0;
  Residual i1;  // f = J_x̃ f · x̃ (in the extended input with homogeneous coordinates)
  std::vector<Residual> i2;  // per layer l = 1..L+1: f = <∇_{W_l} f, W_l>
  Residual i3;               // (L+1) f = ∇_θ f · θ
  Residual i3b;              // (L+1) f = Σ_l <∇_{W_l} f, W_l> + Σ_l l <∇_{b_l} f, b_l>
};

// Elementwise residual of two equally shaped matrices.
Residual residual(const MatrixD& lhs, const MatrixD& rhs);

// x: d × n. Each right-hand side is a directional derivative of f, computed exactly in forward
// mode (jvp) along the direction the identity names: x̃ for (I1), W_l alone for (I2), θ for
// (I3), and (W_l, l·b_l) for (I3b).
IdentityResiduals identity_residuals(const Network& network, const MatrixD& x);

}  // namespace frnorm
