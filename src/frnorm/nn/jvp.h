// Forward mode: the directional derivative u = J_θ f(x)·v (+ J_x̃ f(x)·ẋ̃) of the outputs,
// carried through the network beside the forward pass (MISSION §3, method 2).
#pragma once

#include "frnorm/core/eigen.h"
#include "frnorm/nn/network.h"

namespace frnorm {

template <typename Scalar>
struct JvpResult {
  Matrix<Scalar> output;   // f(x), K × n
  Matrix<Scalar> tangent;  // u, K × n
};

// x: d × n. direction: parameter tangent v with the network's shapes; an empty weight or bias
// in it means zero (a direction may be empty altogether: v = 0). input_tangent: ẋ̃, d̃ × n in the
// extended input; empty means zero. Cost: two GEMMs per layer besides the forward pass.
template <typename Scalar>
JvpResult<Scalar> jvp(const BasicNetwork<Scalar>& network, const Matrix<Scalar>& x,
                      const Params<Scalar>& direction, const Matrix<Scalar>& input_tangent = {});

// u = J_θ f(x)·θ, the tangent along the parameters themselves. Uses V_l h = W_l h = z_l − b_l,
// so it costs one GEMM per layer after the first beside the forward pass: about one extra
// forward pass. For bias-free networks u = (L+1) f, by (I3).
template <typename Scalar>
JvpResult<Scalar> jvp_along_theta(const BasicNetwork<Scalar>& network, const Matrix<Scalar>& x);

// The first and second derivatives of t ↦ f_{θ+tθ}(x) at t = 0.
template <typename Scalar>
struct SecondOrderJvp {
  Matrix<Scalar> output;  // f, K × n
  Matrix<Scalar> first;   // u = J_θ f · θ, K × n
  Matrix<Scalar> second;  // ü = d²f/dt², K × n
};

// Second-order forward mode along θ: ż_l = z_l + W_l ḣ_{l-1}, z̈_l = W_l (2 ḣ_{l-1} + ḧ_{l-1}),
// with ḣ = σ'(z) ⊙ ż and ḧ = σ'(z) ⊙ z̈ (σ'' = 0 away from kinks). Exact with biases; for
// bias-free networks u = (L+1) f and ü = L(L+1) f.
template <typename Scalar>
SecondOrderJvp<Scalar> jvp2_along_theta(const BasicNetwork<Scalar>& network,
                                        const Matrix<Scalar>& x);

}  // namespace frnorm
