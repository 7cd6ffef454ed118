// Every derivative frnorm computes against central finite differences (double, away from kinks),
// and the two modes against each other.
#include <gtest/gtest.h>

#include <cmath>

#include "frnorm/core/error.h"
#include "frnorm/nn/backward.h"
#include "frnorm/nn/forward.h"
#include "frnorm/nn/jvp.h"
#include "frnorm/nn/params.h"
#include "frnorm/testing/random_network.h"

namespace frnorm {
namespace {

using testing::central_difference;
using testing::random_direction;
using testing::random_inputs;
using testing::random_network;
using testing::RandomNetworkOptions;

constexpr double kStep = 1e-6;
// Central differences of a piecewise polynomial: O(h²) truncation plus eps/h round-off.
constexpr double kFiniteDifferenceTolerance = 1e-7;
// Perturbations of size ~kStep must not move any pre-activation across 0.
constexpr double kKinkMargin = 1e-4;

struct Case {
  const char* name;
  RandomNetworkOptions options;
};

std::vector<Case> cases() {
  std::vector<Case> all;
  RandomNetworkOptions relu;
  all.push_back({"relu_bias_free", relu});
  relu.bias = BiasMode::kWith;
  all.push_back({"relu_bias", relu});
  RandomNetworkOptions leaky;
  leaky.activation = ActivationKind::kLeakyRelu;
  leaky.bias = BiasMode::kWith;
  leaky.widths = {4, 6, 6, 6, 3};
  all.push_back({"leaky_bias_deep", leaky});
  RandomNetworkOptions homogeneous;
  homogeneous.coordinates = InputCoordinates::kHomogeneous;
  homogeneous.widths = {2, 7, 1};
  all.push_back({"relu_homogeneous", homogeneous});
  RandomNetworkOptions linear;
  linear.activation = ActivationKind::kIdentity;
  linear.bias = BiasMode::kWith;
  all.push_back({"identity_bias", linear});
  return all;
}

class Derivatives : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    network_ = random_network(GetParam().options, 11);
    x_ = random_inputs(network_.input_dim(), 6, 12);
    // Random weights for the outputs: the objective is g = Σ_i <r_i, f(x_i)>.
    r_ = random_inputs(network_.output_dim(), 6, 13);
    ASSERT_GT(testing::min_abs_preactivation(network_, x_), kKinkMargin);
  }
  double objective(const Network& network, const MatrixD& x) const {
    return r_.cwiseProduct(forward(network, x)).sum();
  }
  Network network_;
  MatrixD x_;
  MatrixD r_;
};

TEST_P(Derivatives, BackwardMatchesFiniteDifferencesForEveryParameter) {
  const ForwardTape<double> tape = forward_pass(network_, x_);
  const VectorD gradient = flatten(backward(network_, tape, r_).params);
  const VectorD theta = flatten(network_.layers);
  double worst = 0.0;
  for (Eigen::Index p = 0; p < theta.size(); ++p) {
    const double numeric = central_difference(
        [&](double t) {
          VectorD moved = theta;
          moved(p) += t;
          Network network = network_;
          network.layers = unflatten(moved, network_.layers);
          return objective(network, x_);
        },
        kStep);
    worst = std::max(worst, std::abs(numeric - gradient(p)) / std::max(1.0, std::abs(numeric)));
  }
  EXPECT_LT(worst, kFiniteDifferenceTolerance) << "worst relative difference " << worst;
}

TEST_P(Derivatives, InputGradientMatchesFiniteDifferences) {
  const ForwardTape<double> tape = forward_pass(network_, x_);
  const MatrixD gradient = backward(network_, tape, r_, InputGradient::kCompute).input;
  ASSERT_EQ(gradient.rows(), network_.network_input_dim());
  ASSERT_EQ(gradient.cols(), x_.cols());
  // The extended input x̃ is perturbed directly: the same weights read as a plain network with
  // d̃ inputs compute f from x̃.
  Network plain = network_;
  plain.coordinates = InputCoordinates::kPlain;
  const MatrixD x_tilde = network_input(network_, x_);
  double worst = 0.0;
  for (Eigen::Index i = 0; i < x_tilde.cols(); ++i) {
    for (Eigen::Index j = 0; j < x_tilde.rows(); ++j) {
      const double numeric = central_difference(
          [&](double t) {
            MatrixD moved = x_tilde;
            moved(j, i) += t;
            return objective(plain, moved);
          },
          kStep);
      worst = std::max(worst, std::abs(numeric - gradient(j, i)));
    }
  }
  EXPECT_LT(worst, kFiniteDifferenceTolerance) << "worst difference " << worst;
}

TEST_P(Derivatives, JvpMatchesFiniteDifferencesOfEveryOutput) {
  const Params<double> v = random_direction(network_, 21);
  const MatrixD x_dot = random_inputs(network_.network_input_dim(), x_.cols(), 22);
  const JvpResult<double> result = jvp(network_, x_, v, x_dot);
  Network plain = network_;
  plain.coordinates = InputCoordinates::kPlain;
  const MatrixD x_tilde = network_input(network_, x_);
  const auto f_at = [&](double t) {
    return forward(testing::perturbed(plain, v, t), MatrixD(x_tilde + t * x_dot));
  };
  const MatrixD numeric = (f_at(kStep) - f_at(-kStep)) / (2 * kStep);
  const double worst = (numeric - result.tangent).cwiseAbs().maxCoeff();
  EXPECT_LT(worst, kFiniteDifferenceTolerance) << "worst difference " << worst;
  EXPECT_EQ(result.output, forward(network_, x_));
}

TEST_P(Derivatives, JvpAlongThetaEqualsJvpWithThetaAsDirection) {
  const MatrixD shortcut = jvp_along_theta(network_, x_).tangent;
  const MatrixD general = jvp(network_, x_, network_.layers).tangent;
  EXPECT_LT((shortcut - general).cwiseAbs().maxCoeff(), 1e-12 * general.cwiseAbs().maxCoeff());
}

TEST_P(Derivatives, ForwardAndReverseModeAreAdjoint) {
  // Σ_i <r_i, J_θ f(x_i) v> = <∇_θ Σ_i <r_i, f(x_i)>, v>: two independent derivative codes.
  const Params<double> v = random_direction(network_, 31);
  const double forward_mode = r_.cwiseProduct(jvp(network_, x_, v).tangent).sum();
  const double reverse_mode = dot(backward(network_, forward_pass(network_, x_), r_).params, v);
  EXPECT_NEAR(forward_mode, reverse_mode, 1e-12 * std::max(1.0, std::abs(reverse_mode)));
}

TEST_P(Derivatives, FloatForwardAgreesWithDouble) {
  const MatrixD f = forward(network_, x_);
  const MatrixF f_single = forward(cast_network<float>(network_), MatrixF(x_.cast<float>()));
  const double scale = std::max(1.0, f.cwiseAbs().maxCoeff());
  EXPECT_LT((f_single.cast<double>() - f).cwiseAbs().maxCoeff(), 1e-5 * scale);
  EXPECT_EQ(forward_pass(network_, x_).output, f);
}

INSTANTIATE_TEST_SUITE_P(Networks, Derivatives, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Forward, RefusesInputsOfTheWrongWidth) {
  const Network network = random_network({}, 0);
  try {
    forward(network, random_inputs(4, 2, 0));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "input has 4 features per sample but the network takes 3");
  }
}

}  // namespace
}  // namespace frnorm
