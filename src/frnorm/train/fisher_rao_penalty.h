// The Fisher-Rao regularizer (MISSION §5, question 3): for bias-free networks ‖θ‖²_fr is a
// function of the outputs alone, (L+1)² mean_i Q(f_i, y_i), so its gradient is one more term in
// ∂loss/∂f and backpropagation does the rest, at no extra pass.
#pragma once

#include <string>
#include <string_view>

#include "frnorm/core/eigen.h"
#include "frnorm/measure/loss.h"

namespace frnorm {

enum class FisherRaoForm { kModel, kEmpirical };

std::string fisher_rao_form_name(FisherRaoForm form);  // "model", "empirical"
FisherRaoForm parse_fisher_rao_form(std::string_view text, std::string_view flag);

struct PenaltyBatch {
  double value = 0.0;  // (L+1)² mean_i Q(f_i, y_i): the closed-form ‖θ‖²_fr on this batch
  MatrixD grad;        // ∂value/∂f, K × n (already divided by n)
};

// f: K × n outputs of a bias-free network with L hidden layers. Q is the per-sample closed form
// of MISSION §3: cross-entropy model Var_p(f), empirical (f̄ − f_y)²; squared model ‖f‖²,
// empirical <f − y, f>²; logistic model s(1−s) f², empirical ((s − y) f)².
PenaltyBatch fisher_rao_penalty(LossKind loss, FisherRaoForm form, int hidden_layers,
                                const MatrixD& f, const TargetBatch& targets);

}  // namespace frnorm
