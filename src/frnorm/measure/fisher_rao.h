// The Fisher-Rao norm ‖θ‖²_fr = θᵀ I(θ) θ in its empirical and model forms (MISSION §3), by each
// of the four methods, streamed over the data; with the radial slope θ·∇_θ L and the curvature
// θᵀ ∇²_θ L θ along θ ("Flatness, exactly").
#pragma once

#include <string>
#include <string_view>

#include "frnorm/data/dataset.h"
#include "frnorm/measure/loss.h"
#include "frnorm/nn/network.h"

namespace frnorm {

enum class FisherRaoMethod {
  kAuto,        // kClosedForm for bias-free networks, kJvp otherwise
  kClosedForm,  // u_i = (L+1) f_i by (I3): one forward pass; bias-free networks only
  kJvp,         // u_i = J_θ f(x_i) θ in forward mode: any network
  kPerSample,   // explicit per-sample gradients g_i, then (g_i · θ)²
  kMatrix,      // the explicit p × p Fisher matrix, then θᵀ I θ; small networks only
};

std::string fisher_rao_method_name(FisherRaoMethod method);  // "auto", "closed", "jvp", ...
FisherRaoMethod parse_fisher_rao_method(std::string_view text, std::string_view flag);

struct FisherRaoOptions {
  FisherRaoMethod method = FisherRaoMethod::kAuto;
  // Samples per streamed block for closed and jvp (memory O(batch_size · width)).
  Eigen::Index batch_size = 1000;
  // Samples whose per-sample gradients are held at once (per_sample and matrix): memory
  // 2 · num_params · gradient_chunk doubles for per_sample, (2K+1) times that for matrix.
  Eigen::Index gradient_chunk = 16;
  // kMatrix is refused above this many parameters (it holds two p × p matrices).
  Eigen::Index max_matrix_params = 5000;

  // False, with the reason in *error, when a field is out of range.
  bool is_valid(std::string* error) const;
};

struct FisherRaoSummary {
  FisherRaoMethod method = FisherRaoMethod::kAuto;  // the method used (never kAuto)
  Eigen::Index n = 0;
  double empirical_squared = 0.0;    // mean_i (θ · ∇_θ ℓ(f(x_i), y_i))²
  double model_squared = 0.0;        // mean_i E_{y~p(·|x_i)} (θ · ∇_θ ℓ(f(x_i), y))²
  double radial_slope = 0.0;         // θ · ∇_θ L(θ), L the mean loss
  double theta_hessian_theta = 0.0;  // θᵀ ∇²_θ L(θ) θ
  double loss = 0.0;                 // L(θ)
};

// Throws frnorm::Error when the options are invalid, when kClosedForm meets a network with
// biases, when kMatrix meets more than max_matrix_params parameters, or when the loss does not
// fit the data (check_loss_applies). Sums are taken block by block in sample order, so the
// result does not depend on the thread count beyond GEMM round-off.
FisherRaoSummary fisher_rao(const Network& network, const Dataset& data, LossKind loss,
                            const FisherRaoOptions& options);

}  // namespace frnorm
