// The Fisher-Rao regularizer: its value is the closed-form norm that `frnorm measure` computes,
// its output gradient matches finite differences, and backpropagating it gives the gradient of
// the total objective in θ.
#include "frnorm/train/fisher_rao_penalty.h"

#include <gtest/gtest.h>

#include "frnorm/data/synthetic.h"
#include "frnorm/measure/fisher_rao.h"
#include "frnorm/nn/backward.h"
#include "frnorm/nn/forward.h"
#include "frnorm/nn/params.h"
#include "frnorm/testing/expect_error.h"
#include "frnorm/testing/random_network.h"

namespace frnorm {
namespace {

struct Case {
  LossKind loss;
  int outputs;
  bool regression;
};

Dataset data_for(const Case& c) {
  SyntheticOptions options;
  options.kind = SyntheticKind::kLinearTeacher;
  options.n = 12;
  options.dim = 3;
  options.classes = c.outputs == 1 ? 2 : c.outputs;
  options.noise = 0.2;
  options.seed = 3;
  Dataset data = make_synthetic(options);
  if (c.regression) {
    data.labels.clear();
  } else {
    data.targets.resize(0, 0);
  }
  return data;
}

const Case kCases[] = {{LossKind::kCrossEntropy, 3, false},
                       {LossKind::kSquared, 3, true},
                       {LossKind::kSquared, 3, false},
                       {LossKind::kLogistic, 1, false}};

TEST(FisherRaoPenalty, EqualsTheMeasuredClosedFormAndItsGradientMatchesDifferences) {
  for (const Case& c : kCases) {
    for (FisherRaoForm form : {FisherRaoForm::kModel, FisherRaoForm::kEmpirical}) {
      const Dataset data = data_for(c);
      testing::RandomNetworkOptions options;
      options.widths = {3, 7, 6, c.outputs};
      const Network network = testing::random_network(options, 5);
      const MatrixD f = forward(network, data.inputs);
      const TargetBatch targets{data.has_labels() ? data.labels.data() : nullptr,
                                data.has_targets() ? &data.targets : nullptr};
      const PenaltyBatch penalty = fisher_rao_penalty(c.loss, form, 2, f, targets);
      FisherRaoOptions measure;
      measure.method = FisherRaoMethod::kJvp;  // independent of the closed form
      const FisherRaoSummary summary = fisher_rao(network, data, c.loss, measure);
      const double expected =
          form == FisherRaoForm::kModel ? summary.model_squared : summary.empirical_squared;
      const std::string what = loss_name(c.loss) + " " + fisher_rao_form_name(form);
      EXPECT_NEAR(penalty.value, expected, 1e-10 * expected) << what;
      for (Eigen::Index i = 0; i < f.cols(); ++i) {
        for (Eigen::Index k = 0; k < f.rows(); ++k) {
          const double numeric = testing::central_difference(
              [&](double t) {
                MatrixD moved = f;
                moved(k, i) += t;
                return fisher_rao_penalty(c.loss, form, 2, moved, targets).value;
              },
              1e-5);
          // Round-off of the difference quotient scales with the value (eps·|Q|/h).
          EXPECT_NEAR(penalty.grad(k, i), numeric, 1e-8 * std::max(1.0, penalty.value)) << what;
        }
      }
    }
  }
}

// ∇_θ [L(θ) + λ ‖θ‖²_fr] by backpropagating ∂/∂f of both terms, against central differences of
// the objective as `frnorm measure` evaluates it.
TEST(FisherRaoPenalty, BackpropagationGivesTheGradientOfTheRegularizedObjective) {
  const Case c = kCases[0];
  const Dataset data = data_for(c);
  testing::RandomNetworkOptions options;
  options.widths = {3, 7, 6, 3};
  const Network network = testing::random_network(options, 6);
  ASSERT_GT(testing::min_abs_preactivation(network, data.inputs), 1e-4);
  const double lambda = 0.3;
  const TargetBatch targets{data.labels.data(), nullptr};
  const auto objective = [&](const Network& net) {
    FisherRaoOptions measure;
    measure.method = FisherRaoMethod::kJvp;
    const FisherRaoSummary s = fisher_rao(net, data, c.loss, measure);
    return s.loss + lambda * s.model_squared;
  };
  const ForwardTape<double> tape = forward_pass(network, data.inputs);
  const double n = static_cast<double>(data.size());
  MatrixD df = evaluate_loss(c.loss, tape.output, targets).grad / n;
  df += lambda * fisher_rao_penalty(c.loss, FisherRaoForm::kModel, 2, tape.output, targets).grad;
  const Params<double> gradient = backward(network, tape, df).params;
  const Params<double> v = testing::random_direction(network, 7);
  const double numeric = testing::central_difference(
      [&](double t) { return objective(testing::perturbed(network, v, t)); }, 1e-6);
  EXPECT_NEAR(dot(gradient, v), numeric, 1e-7 * std::max(1.0, std::abs(numeric)));
}

TEST(FisherRaoPenalty, ParsesItsForm) {
  EXPECT_EQ(parse_fisher_rao_form("empirical", "--fr-reg-form"), FisherRaoForm::kEmpirical);
  EXPECT_FRNORM_ERROR(parse_fisher_rao_form("both", "--fr-reg-form"),
                      "--fr-reg-form: unknown form 'both' (expected model or empirical)");
}

}  // namespace
}  // namespace frnorm
