// The losses of MISSION §3, as negative log-likelihoods of an output distribution p(y|f): each
// gives its value, ∂ℓ/∂f, and the exact model expectation E_{y~p(·|f)} <∂ℓ/∂f, u>² = uᵀ F u,
// where F is the output-space Fisher (which, for these canonical losses, is also ∇²_f ℓ).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "frnorm/core/eigen.h"
#include "frnorm/data/dataset.h"

namespace frnorm {

enum class LossKind {
  kCrossEntropy,  // softmax cross-entropy, K ≥ 2 logits, labels
  kSquared,       // ½‖f − y‖², Gaussian with unit variance; targets, or one-hot labels
  kLogistic,      // binary logistic on one logit, labels in {0, 1}
};

// softmax(f) of one column, stable for large logits; sigmoid(z), stable for large |z|.
VectorD softmax(const VectorD& f);
double sigmoid(double z);

std::string loss_name(LossKind kind);  // "cross_entropy", "squared", "logistic"
LossKind parse_loss(std::string_view text, std::string_view flag);

// The targets of one batch: class labels (n) or regression targets (K × n).
struct TargetBatch {
  const int* labels = nullptr;      // n entries, or null
  const MatrixD* values = nullptr;  // K × n, or null; used by kSquared when given
};

struct LossBatch {
  VectorD value;  // ℓ_i, n
  MatrixD grad;   // ∂ℓ_i/∂f_i, K × n
};

// f: K × n. Precondition: check_loss_applies passed for these shapes.
LossBatch evaluate_loss(LossKind kind, const MatrixD& f, const TargetBatch& targets);

// E_{y~p(·|f_i)} <∂ℓ/∂f(f_i, y), u_i>² = u_iᵀ F(f_i) u_i for each sample: f, u: K × n.
// cross-entropy Var_{y~p}(u_y); squared ‖u‖²; logistic s(1−s) u².
VectorD model_expectation(LossKind kind, const MatrixD& f, const MatrixD& u);

// The output-space Fisher F(f) = E_{y~p(·|f)} ∂ℓ/∂f ∂ℓ/∂fᵀ of one sample, K × K:
// cross-entropy diag(p) − ppᵀ; squared the identity; logistic s(1−s). f: K.
MatrixD output_fisher(LossKind kind, const VectorD& f);

// Throws frnorm::Error (naming the data set) unless the loss fits a network with K outputs on
// this data: cross-entropy needs labels below K and K ≥ 2; logistic needs K = 1 and labels in
// {0, 1}; squared needs targets with K rows, or labels below K.
void check_loss_applies(LossKind kind, Eigen::Index num_outputs, const Dataset& data);

}  // namespace frnorm
