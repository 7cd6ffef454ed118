#include "frnorm/measure/loss.h"

#include <gtest/gtest.h>

#include <cmath>

#include "frnorm/testing/expect_error.h"
#include "frnorm/testing/random_network.h"

namespace frnorm {
namespace {

using testing::central_difference;

constexpr double kTolerance = 1e-12;

MatrixD column(std::initializer_list<double> values) {
  MatrixD m(static_cast<Eigen::Index>(values.size()), 1);
  Eigen::Index i = 0;
  for (double v : values) {
    m(i++, 0) = v;
  }
  return m;
}

TEST(Loss, CrossEntropyIsStableForLargeLogits) {
  const MatrixD f = column({1000.0, 0.0, -1000.0});
  const int labels[] = {1};
  const LossBatch loss = evaluate_loss(LossKind::kCrossEntropy, f, {labels, nullptr});
  EXPECT_DOUBLE_EQ(loss.value(0), 1000.0);
  EXPECT_NEAR(loss.grad(0, 0), 1.0, kTolerance);
  EXPECT_NEAR(loss.grad(1, 0), -1.0, kTolerance);
  const LossBatch logistic =
      evaluate_loss(LossKind::kLogistic, column({-800.0}), {labels, nullptr});
  EXPECT_DOUBLE_EQ(logistic.value(0), 800.0);
  EXPECT_NEAR(logistic.grad(0, 0), -1.0, kTolerance);
}

// ∂ℓ/∂f against central differences of ℓ, for each loss.
TEST(Loss, GradientsMatchFiniteDifferences) {
  const MatrixD f3 = testing::random_inputs(3, 5, 1);
  const MatrixD f1 = testing::random_inputs(1, 5, 2);
  const MatrixD targets = testing::random_inputs(3, 5, 3);
  const int labels3[] = {0, 2, 1, 1, 0};
  const int labels1[] = {1, 0, 0, 1, 1};
  struct Case {
    LossKind kind;
    const MatrixD* f;
    TargetBatch targets;
  };
  for (const Case& c : {Case{LossKind::kCrossEntropy, &f3, {labels3, nullptr}},
                        Case{LossKind::kSquared, &f3, {nullptr, &targets}},
                        Case{LossKind::kSquared, &f3, {labels3, nullptr}},
                        Case{LossKind::kLogistic, &f1, {labels1, nullptr}}}) {
    const LossBatch loss = evaluate_loss(c.kind, *c.f, c.targets);
    for (Eigen::Index i = 0; i < c.f->cols(); ++i) {
      for (Eigen::Index k = 0; k < c.f->rows(); ++k) {
        const double numeric = central_difference(
            [&](double t) {
              MatrixD moved = *c.f;
              moved(k, i) += t;
              return evaluate_loss(c.kind, moved, c.targets).value(i);
            },
            1e-6);
        EXPECT_NEAR(loss.grad(k, i), numeric, 1e-8) << loss_name(c.kind);
      }
    }
  }
}

// E_{y~p} <∂ℓ/∂f(y), u>² as the explicit sum over the classes, against model_expectation, and
// the output Fisher against Σ_y p_y g_y g_yᵀ.
TEST(Loss, ModelExpectationIsTheExactSumOverClasses) {
  const MatrixD f = testing::random_inputs(4, 6, 4);
  const MatrixD u = testing::random_inputs(4, 6, 5);
  const VectorD expected = model_expectation(LossKind::kCrossEntropy, f, u);
  for (Eigen::Index i = 0; i < f.cols(); ++i) {
    const VectorD p = (f.col(i).array() - f.col(i).maxCoeff()).exp().matrix();
    const VectorD probabilities = p.array() / p.sum();
    double sum = 0.0;
    MatrixD fisher = MatrixD::Zero(4, 4);
    for (int y = 0; y < 4; ++y) {
      const int label[] = {y};
      const MatrixD g =
          evaluate_loss(LossKind::kCrossEntropy, MatrixD(f.col(i)), {label, nullptr}).grad;
      sum += probabilities(y) * std::pow(g.col(0).dot(u.col(i)), 2);
      fisher += probabilities(y) * g * g.transpose();
    }
    EXPECT_NEAR(expected(i), sum, kTolerance);
    EXPECT_LT((output_fisher(LossKind::kCrossEntropy, f.col(i)) - fisher).cwiseAbs().maxCoeff(),
              kTolerance);
  }
  // Logistic: y ∈ {0, 1} with P(y = 1) = sigmoid(f).
  const MatrixD f1 = testing::random_inputs(1, 6, 6);
  const MatrixD u1 = testing::random_inputs(1, 6, 7);
  const VectorD logistic = model_expectation(LossKind::kLogistic, f1, u1);
  for (Eigen::Index i = 0; i < f1.cols(); ++i) {
    const double s = 1.0 / (1.0 + std::exp(-f1(0, i)));
    const double sum = s * std::pow((s - 1.0) * u1(0, i), 2) + (1 - s) * std::pow(s * u1(0, i), 2);
    EXPECT_NEAR(logistic(i), sum, kTolerance);
  }
  // Squared: y = f + ε, so <f − y, u> = −<ε, u> has variance ‖u‖².
  EXPECT_LT((model_expectation(LossKind::kSquared, f, u) - u.colwise().squaredNorm().transpose())
                .cwiseAbs()
                .maxCoeff(),
            kTolerance);
}

// ∇²_f ℓ = F for the three losses (what θᵀHθ's formula uses), by differences of the gradient.
TEST(Loss, HessianInTheOutputsIsTheOutputFisher) {
  const VectorD f3 = testing::random_inputs(3, 1, 8);
  const VectorD f1 = testing::random_inputs(1, 1, 9);
  const int label[] = {2};
  const int binary[] = {1};
  const MatrixD target = testing::random_inputs(3, 1, 10);
  struct Case {
    LossKind kind;
    VectorD f;
    TargetBatch targets;
  };
  for (const Case& c : {Case{LossKind::kCrossEntropy, f3, {label, nullptr}},
                        Case{LossKind::kSquared, f3, {nullptr, &target}},
                        Case{LossKind::kLogistic, f1, {binary, nullptr}}}) {
    const Eigen::Index K = c.f.size();
    MatrixD hessian(K, K);
    for (Eigen::Index j = 0; j < K; ++j) {
      const auto grad_at = [&](double t) {
        MatrixD moved = c.f;
        moved(j, 0) += t;
        return evaluate_loss(c.kind, moved, c.targets).grad;
      };
      hessian.col(j) = (grad_at(1e-6) - grad_at(-1e-6)) / 2e-6;
    }
    EXPECT_LT((hessian - output_fisher(c.kind, c.f)).cwiseAbs().maxCoeff(), 1e-8)
        << loss_name(c.kind);
  }
}

TEST(Loss, RefusesLossesThatDoNotFit) {
  Dataset data;
  data.name = "d.csv";
  data.inputs = MatrixD::Zero(2, 2);
  data.labels = {0, 3};
  data.num_classes = 4;
  EXPECT_FRNORM_ERROR(check_loss_applies(LossKind::kCrossEntropy, 3, data),
                      "d.csv: label 3 needs at least 4 outputs but the network has 3");
  EXPECT_FRNORM_ERROR(check_loss_applies(LossKind::kCrossEntropy, 1, data),
                      "--loss cross_entropy needs a network with at least 2 outputs; for one "
                      "logit use --loss logistic");
  EXPECT_FRNORM_ERROR(check_loss_applies(LossKind::kLogistic, 2, data),
                      "--loss logistic needs a network with 1 output; this one has 2");
  EXPECT_FRNORM_ERROR(check_loss_applies(LossKind::kLogistic, 1, data),
                      "d.csv: --loss logistic needs labels 0 and 1");
  EXPECT_FRNORM_ERROR(parse_loss("hinge", "--loss"),
                      "--loss: unknown loss 'hinge' (expected cross_entropy, squared or logistic)");
  EXPECT_NO_THROW(check_loss_applies(LossKind::kSquared, 4, data));
}

}  // namespace
}  // namespace frnorm
