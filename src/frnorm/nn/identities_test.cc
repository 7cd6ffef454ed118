// The identities of MISSION §2 on random networks: to round-off where Euler's theorem applies,
// violated by far more where it does not, and their right-hand sides against reverse mode.
#include "frnorm/nn/identities.h"

#include <gtest/gtest.h>

#include "frnorm/nn/backward.h"
#include "frnorm/nn/forward.h"
#include "frnorm/nn/jvp.h"
#include "frnorm/nn/params.h"
#include "frnorm/testing/random_network.h"

namespace frnorm {
namespace {

using testing::random_inputs;
using testing::random_network;
using testing::RandomNetworkOptions;

constexpr double kRoundOff = 1e-12;
// With biases the identities fail by O(1) relative; anything above this is "far more than
// round-off".
constexpr double kViolated = 1e-3;

std::vector<int> widths_for(int depth, int width) {
  std::vector<int> widths = {4};
  widths.insert(widths.end(), depth, width);
  widths.push_back(3);
  return widths;
}

void expect_all_hold(const IdentityResiduals& r, const std::string& what) {
  EXPECT_LT(r.i1.max_rel, kRoundOff) << what << " I1";
  for (std::size_t l = 0; l < r.i2.size(); ++l) {
    EXPECT_LT(r.i2[l].max_rel, kRoundOff) << what << " I2 layer " << l + 1;
  }
  EXPECT_LT(r.i3.max_rel, kRoundOff) << what << " I3";
  EXPECT_LT(r.i3b.max_rel, kRoundOff) << what << " I3b";
}

TEST(Identities, HoldToRoundOffOnBiasFreeNetworks) {
  for (ActivationKind activation :
       {ActivationKind::kRelu, ActivationKind::kLeakyRelu, ActivationKind::kIdentity}) {
    for (int depth = 1; depth <= 5; ++depth) {
      for (int width : {3, 16, 64}) {
        for (std::uint64_t seed = 0; seed < 3; ++seed) {
          RandomNetworkOptions options;
          options.widths = widths_for(depth, width);
          options.activation = activation;
          options.weight_scale = 1.0;  // PyTorch's own initialisation
          const Network network = random_network(options, seed);
          const IdentityResiduals r = identity_residuals(network, random_inputs(4, 32, 100 + seed));
          ASSERT_EQ(r.n, 32);
          ASSERT_EQ(r.i2.size(), static_cast<std::size_t>(depth + 1));
          expect_all_hold(r, activation_name(activation) + " depth " + std::to_string(depth) +
                                 " width " + std::to_string(width) + " seed " +
                                 std::to_string(seed));
        }
      }
    }
  }
}

TEST(Identities, WithBiasesOnlyTheWeightedIdentityHolds) {
  for (int depth = 1; depth <= 5; ++depth) {
    for (std::uint64_t seed = 0; seed < 3; ++seed) {
      RandomNetworkOptions options;
      options.widths = widths_for(depth, 16);
      options.bias = BiasMode::kWith;
      options.weight_scale = 1.0;
      const Network network = random_network(options, seed);
      const IdentityResiduals r = identity_residuals(network, random_inputs(4, 32, seed));
      const std::string what = "depth " + std::to_string(depth) + " seed " + std::to_string(seed);
      EXPECT_GT(r.i1.max_rel, kViolated) << what;
      for (std::size_t l = 0; l < r.i2.size(); ++l) {
        EXPECT_GT(r.i2[l].max_rel, kViolated) << what << " layer " << l + 1;
      }
      EXPECT_GT(r.i3.max_rel, kViolated) << what;
      EXPECT_LT(r.i3b.max_rel, kRoundOff) << what;
    }
  }
}

TEST(Identities, HomogeneousCoordinatesHoldInTheExtendedInputOnly) {
  RandomNetworkOptions options;
  options.widths = {2, 15, 15, 15, 1};
  options.coordinates = InputCoordinates::kHomogeneous;
  options.weight_scale = 1.0;
  const Network network = random_network(options, 4);
  const MatrixD x = random_inputs(2, 50, 5);
  expect_all_hold(identity_residuals(network, x), "homogeneous");

  // In x alone (I1) fails by exactly ∂f/∂x̃_{d+1} (MISSION §2).
  const MatrixD x_tilde = network_input(network, x);
  MatrixD along_x = x_tilde;
  along_x.row(2).setZero();
  MatrixD along_one = MatrixD::Zero(3, x.cols());
  along_one.row(2).setOnes();
  const JvpResult<double> in_x = jvp(network, x, Params<double>{}, along_x);
  const MatrixD failure = in_x.output - in_x.tangent;
  const MatrixD derivative_forward = jvp(network, x, Params<double>{}, along_one).tangent;
  const MatrixD derivative_reverse =
      backward(network, forward_pass(network, x), MatrixD(MatrixD::Ones(1, x.cols())),
               InputGradient::kCompute)
          .input.row(2);
  const double scale = in_x.output.cwiseAbs().maxCoeff();
  EXPECT_GT(failure.cwiseAbs().maxCoeff(), kViolated * scale);
  EXPECT_LT((failure - derivative_forward).cwiseAbs().maxCoeff(), kRoundOff * scale);
  EXPECT_LT((failure - derivative_reverse).cwiseAbs().maxCoeff(), kRoundOff * scale);
}

TEST(Identities, RightHandSidesAgreeWithPerSampleGradients) {
  // <∇_θ f_k(x_i), θ> from reverse mode, one sample and one output at a time, against the
  // forward-mode tangent the identities use.
  RandomNetworkOptions options;
  options.widths = {3, 6, 5, 2};
  options.bias = BiasMode::kWith;
  const Network network = random_network(options, 8);
  const MatrixD x = random_inputs(3, 4, 9);
  const MatrixD tangent = jvp_along_theta(network, x).tangent;
  for (Eigen::Index i = 0; i < x.cols(); ++i) {
    const MatrixD xi = x.col(i);
    const ForwardTape<double> tape = forward_pass(network, xi);
    for (Eigen::Index k = 0; k < network.output_dim(); ++k) {
      MatrixD ek = MatrixD::Zero(network.output_dim(), 1);
      ek(k) = 1.0;
      const double per_sample = dot(backward(network, tape, ek).params, network.layers);
      EXPECT_NEAR(per_sample, tangent(k, i), 1e-12 * std::max(1.0, std::abs(per_sample)));
    }
  }
}

TEST(Residual, IsTheLargestAbsoluteAndRelativeDifference) {
  MatrixD lhs(1, 3);
  MatrixD rhs(1, 3);
  lhs << 1.0, 0.0, -4.0;
  rhs << 1.5, 0.0, -4.5;
  const Residual r = residual(lhs, rhs);
  EXPECT_DOUBLE_EQ(r.max_abs, 0.5);
  EXPECT_DOUBLE_EQ(r.max_rel, 0.5 / 1.5);
}

}  // namespace
}  // namespace frnorm
