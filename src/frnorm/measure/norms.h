// The weight-only capacity measures of MISSION §4: l2, products of Frobenius and spectral norms,
// the ℓ2 path norm, and Bartlett et al.'s spectral complexity.
#pragma once

#include <vector>

#include "frnorm/core/eigen.h"
#include "frnorm/nn/network.h"

namespace frnorm {

struct NormMeasures {
  double l2 = 0.0;                     // Σ_l ‖W_l‖²_F (weights only)
  double frobenius_product = 0.0;      // Π_l ‖W_l‖_F
  double spectral_product = 0.0;       // Π_l ‖W_l‖_σ
  double path_norm = 0.0;              // sqrt(Σ_paths Π w²), see path_norm()
  double spectral_complexity = 0.0;    // see spectral_complexity()
  std::vector<double> spectral_norms;  // ‖W_l‖_σ, l = 1..L+1
};

// The largest singular value, as sqrt(λ_max) of the smaller Gram matrix (W Wᵀ or Wᵀ W), from a
// symmetric eigensolver: exact to round-off, unlike power iteration.
double spectral_norm(const MatrixD& weight);

// sqrt(Σ over input-to-output paths of Π w²): one forward pass of the squared weights on a vector
// of ones, v_l = W_l^{∘2} v_{l-1} + b_l^{∘2}, path_norm² = Σ v_{L+1}. A bias is a path that starts
// at its layer; the homogeneous coordinate is an input like any other.
double path_norm(const Network& network);

// Bartlett, Foster, Telgarsky (2017), reference matrices zero:
// (Π_l ρ ‖W_l‖_σ) · (Σ_l ‖W_lᵀ‖_{2,1}^{2/3} / ‖W_l‖_σ^{2/3})^{3/2}, with ‖W_lᵀ‖_{2,1} the sum of
// the ℓ2 norms of the rows of W_l and ρ the activation's Lipschitz constant (max(1, slope) per
// layer; 1 for ReLU and the identity). Weights only.
double spectral_complexity(const Network& network);

NormMeasures weight_norms(const Network& network);

}  // namespace frnorm
