#include "frnorm/train/fisher_rao_penalty.h"

#include <fmt/format.h>

#include <cmath>

#include "frnorm/core/error.h"

namespace frnorm {

namespace {

// Q and ∂Q/∂f for one sample. Legend: p = softmax(f), m = Σ p_k f_k, s = Σ p_k f_k²;
// ∂m/∂f_j = p_j (1 + f_j − m).
double per_sample(LossKind loss, FisherRaoForm form, const VectorD& f, int label,
                  const double* target, Eigen::Ref<VectorD> grad) {
  switch (loss) {
    case LossKind::kCrossEntropy: {
      const VectorD p = softmax(f);
      const double m = p.dot(f);
      const VectorD dm = p.array() * (1.0 + f.array() - m);
      if (form == FisherRaoForm::kModel) {
        const double s = p.dot(f.cwiseAbs2());
        const VectorD centred = f.array() - m;
        // ∂(s − m²)/∂f_j = p_j [(f_j − m)² + 2(f_j − m) − (s − m²)].
        grad = p.array() * (centred.array().square() + 2.0 * centred.array() - (s - m * m));
        return s - m * m;
      }
      const double a = m - f(label);
      grad = 2.0 * a * dm;
      grad(label) -= 2.0 * a;
      return a * a;
    }
    case LossKind::kSquared: {
      if (form == FisherRaoForm::kModel) {
        grad = 2.0 * f;
        return f.squaredNorm();
      }
      VectorD y = VectorD::Zero(f.size());
      if (target != nullptr) {
        y = Eigen::Map<const VectorD>(target, f.size());
      } else {
        y(label) = 1.0;
      }
      const double a = (f - y).dot(f);
      grad = 2.0 * a * (2.0 * f - y);
      return a * a;
    }
    case LossKind::kLogistic: {
      const double z = f(0);
      const double s = sigmoid(z);
      const double ds = s * (1.0 - s);
      if (form == FisherRaoForm::kModel) {
        grad(0) = ds * (1.0 - 2.0 * s) * z * z + 2.0 * ds * z;
        return ds * z * z;
      }
      const double a = (s - label) * z;
      grad(0) = 2.0 * a * (ds * z + (s - label));
      return a * a;
    }
  }
  throw Error("fisher_rao_penalty: unknown loss");
}

}  // namespace

std::string fisher_rao_form_name(FisherRaoForm form) {
  return form == FisherRaoForm::kModel ? "model" : "empirical";
}

FisherRaoForm parse_fisher_rao_form(std::string_view text, std::string_view flag) {
  if (text == "model") {
    return FisherRaoForm::kModel;
  }
  if (text == "empirical") {
    return FisherRaoForm::kEmpirical;
  }
  throw Error(fmt::format("{}: unknown form '{}' (expected model or empirical)", flag, text));
}

PenaltyBatch fisher_rao_penalty(LossKind loss, FisherRaoForm form, int hidden_layers,
                                const MatrixD& f, const TargetBatch& targets) {
  const Eigen::Index n = f.cols();
  const double scale = std::pow(hidden_layers + 1.0, 2) / static_cast<double>(n);
  PenaltyBatch out;
  out.grad.resize(f.rows(), n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const int label = targets.labels != nullptr ? targets.labels[i] : 0;
    const double* target = targets.values != nullptr ? targets.values->col(i).data() : nullptr;
    VectorD grad(f.rows());
    out.value += per_sample(loss, form, f.col(i), label, target, grad);
    out.grad.col(i) = scale * grad;
  }
  out.value *= scale;
  return out;
}

}  // namespace frnorm
