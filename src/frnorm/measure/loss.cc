#include "frnorm/measure/loss.h"

#include <fmt/format.h>

#include <cmath>

#include "frnorm/core/error.h"

namespace frnorm {

namespace {

// Softmax of each column, stable for large logits (shifted by the column maximum).
MatrixD softmax_columns(const MatrixD& f) {
  MatrixD p(f.rows(), f.cols());
  for (Eigen::Index i = 0; i < f.cols(); ++i) {
    p.col(i) = softmax(f.col(i));
  }
  return p;
}

// log(1 + e^z), stable for large |z|.
double softplus(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

}  // namespace

VectorD softmax(const VectorD& f) {
  VectorD p = (f.array() - f.maxCoeff()).exp();
  return p / p.sum();
}

double sigmoid(double z) {
  return z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
}

std::string loss_name(LossKind kind) {
  switch (kind) {
    case LossKind::kCrossEntropy:
      return "cross_entropy";
    case LossKind::kSquared:
      return "squared";
    case LossKind::kLogistic:
      return "logistic";
  }
  throw Error("loss_name: unknown LossKind");
}

LossKind parse_loss(std::string_view text, std::string_view flag) {
  for (LossKind kind : {LossKind::kCrossEntropy, LossKind::kSquared, LossKind::kLogistic}) {
    if (text == loss_name(kind)) {
      return kind;
    }
  }
  throw Error(fmt::format("{}: unknown loss '{}' (expected cross_entropy, squared or logistic)",
                          flag, text));
}

LossBatch evaluate_loss(LossKind kind, const MatrixD& f, const TargetBatch& targets) {
  const Eigen::Index n = f.cols();
  LossBatch out;
  out.value.resize(n);
  switch (kind) {
    case LossKind::kCrossEntropy: {
      // ℓ = logsumexp(f) − f_y, ∂ℓ/∂f = p − e_y.
      out.grad = softmax_columns(f);
      for (Eigen::Index i = 0; i < n; ++i) {
        const int y = targets.labels[i];
        const double top = f.col(i).maxCoeff();
        out.value(i) = top + std::log((f.col(i).array() - top).exp().sum()) - f(y, i);
        out.grad(y, i) -= 1.0;
      }
      return out;
    }
    case LossKind::kSquared: {
      // ℓ = ½‖f − y‖², ∂ℓ/∂f = f − y; labels stand for one-hot targets.
      out.grad = f;
      if (targets.values != nullptr) {
        out.grad -= *targets.values;
      } else {
        for (Eigen::Index i = 0; i < n; ++i) {
          out.grad(targets.labels[i], i) -= 1.0;
        }
      }
      out.value = 0.5 * out.grad.colwise().squaredNorm().transpose();
      return out;
    }
    case LossKind::kLogistic: {
      // ℓ = softplus(f) − y f, ∂ℓ/∂f = s − y.
      out.grad.resize(1, n);
      for (Eigen::Index i = 0; i < n; ++i) {
        const double y = targets.labels[i];
        out.value(i) = softplus(f(0, i)) - y * f(0, i);
        out.grad(0, i) = sigmoid(f(0, i)) - y;
      }
      return out;
    }
  }
  throw Error("evaluate_loss: unknown LossKind");
}

VectorD model_expectation(LossKind kind, const MatrixD& f, const MatrixD& u) {
  FRNORM_CHECK(f.rows() == u.rows() && f.cols() == u.cols(), "model_expectation: shapes differ");
  switch (kind) {
    case LossKind::kCrossEntropy: {
      // <p − e_y, u> = ū − u_y, so the expectation over y ~ p is Σ p_k u_k² − ū².
      const MatrixD p = softmax_columns(f);
      const VectorD mean = p.cwiseProduct(u).colwise().sum().transpose();
      const VectorD second = p.cwiseProduct(u.cwiseAbs2()).colwise().sum().transpose();
      return (second - mean.cwiseAbs2()).cwiseMax(0.0);
    }
    case LossKind::kSquared:
      // y = f + ε, ε ~ N(0, I): <f − y, u> = −<ε, u>, whose second moment is ‖u‖².
      return u.colwise().squaredNorm().transpose();
    case LossKind::kLogistic: {
      VectorD out(f.cols());
      for (Eigen::Index i = 0; i < f.cols(); ++i) {
        const double s = sigmoid(f(0, i));
        out(i) = s * (1.0 - s) * u(0, i) * u(0, i);
      }
      return out;
    }
  }
  throw Error("model_expectation: unknown LossKind");
}

MatrixD output_fisher(LossKind kind, const VectorD& f) {
  switch (kind) {
    case LossKind::kCrossEntropy: {
      const VectorD p = softmax(f);
      MatrixD fisher = -p * p.transpose();
      fisher.diagonal() += p;
      return fisher;
    }
    case LossKind::kSquared:
      return MatrixD::Identity(f.size(), f.size());
    case LossKind::kLogistic: {
      const double s = sigmoid(f(0));
      return MatrixD::Constant(1, 1, s * (1.0 - s));
    }
  }
  throw Error("output_fisher: unknown LossKind");
}

void check_loss_applies(LossKind kind, Eigen::Index num_outputs, const Dataset& data) {
  const auto max_label = [&] {
    int top = -1;
    for (int label : data.labels) {
      top = std::max(top, label);
    }
    return top;
  };
  switch (kind) {
    case LossKind::kCrossEntropy:
      if (num_outputs < 2) {
        throw Error(
            "--loss cross_entropy needs a network with at least 2 outputs; for one logit "
            "use --loss logistic");
      }
      if (!data.has_labels()) {
        throw Error(fmt::format("{}: --loss cross_entropy needs class labels (a 'label' column)",
                                data.name));
      }
      if (max_label() >= num_outputs) {
        throw Error(fmt::format("{}: label {} needs at least {} outputs but the network has {}",
                                data.name, max_label(), max_label() + 1, num_outputs));
      }
      return;
    case LossKind::kSquared:
      if (data.has_targets()) {
        if (data.targets.rows() != num_outputs) {
          throw Error(fmt::format("{}: {} targets per sample but the network has {} outputs",
                                  data.name, data.targets.rows(), num_outputs));
        }
        return;
      }
      if (!data.has_labels()) {
        throw Error(fmt::format("{}: --loss squared needs targets or labels", data.name));
      }
      if (max_label() >= num_outputs) {
        throw Error(
            fmt::format("{}: label {} needs at least {} outputs (one-hot targets) but the "
                        "network has {}",
                        data.name, max_label(), max_label() + 1, num_outputs));
      }
      return;
    case LossKind::kLogistic:
      if (num_outputs != 1) {
        throw Error(fmt::format("--loss logistic needs a network with 1 output; this one has {}",
                                num_outputs));
      }
      if (!data.has_labels() || max_label() > 1) {
        throw Error(fmt::format("{}: --loss logistic needs labels 0 and 1", data.name));
      }
      return;
  }
}

}  // namespace frnorm
