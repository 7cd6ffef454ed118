#include "frnorm/train/sgd.h"

#include <gtest/gtest.h>

#include "frnorm/testing/expect_error.h"

namespace frnorm {
namespace {

// A one-parameter network, so that the updates can be written out by hand.
NetworkF scalar_network(float theta) {
  NetworkF network;
  network.layers.push_back({Matrix<float>::Constant(1, 1, theta), Vector<float>()});
  return network;
}

Params<float> scalar_gradient(float g) {
  return {{Matrix<float>::Constant(1, 1, g), Vector<float>()}};
}

TEST(Sgd, FollowsTorchOptimSgd) {
  // torch.optim.SGD([θ], lr=0.1, momentum=0.9, weight_decay=0.01, nesterov=...), θ = 1,
  // gradients 1, 2, -1.
  for (Momentum kind : {Momentum::kClassical, Momentum::kNesterov}) {
    NetworkF network = scalar_network(1.0f);
    Params<float> velocity;
    const SgdOptions options{0.9, kind, 0.01};
    double theta = 1.0;
    double v = 0.0;
    for (float g : {1.0f, 2.0f, -1.0f}) {
      const double d_p = g + 0.01 * theta;
      v = 0.9 * v + d_p;
      const double step = kind == Momentum::kNesterov ? d_p + 0.9 * v : v;
      theta -= 0.1 * step;
      sgd_step(network, scalar_gradient(g), velocity, options, 0.1f);
      EXPECT_NEAR(network.layers[0].weight(0, 0), theta, 1e-6);
    }
  }
  NetworkF plain = scalar_network(1.0f);
  Params<float> none;
  sgd_step(plain, scalar_gradient(2.0f), none, SgdOptions{}, 0.25f);
  EXPECT_FLOAT_EQ(plain.layers[0].weight(0, 0), 0.5f);
  EXPECT_TRUE(none.empty());
}

TEST(LrSchedule, StepAndCosine) {
  const LrSchedule step = parse_lr_schedule("step:3,5", "--lr-schedule");
  EXPECT_DOUBLE_EQ(step.rate(1.0, 2, 0, 100), 1.0);
  EXPECT_NEAR(step.rate(1.0, 3, 0, 100), 0.1, 1e-15);
  EXPECT_NEAR(step.rate(1.0, 6, 0, 100), 0.01, 1e-15);
  const LrSchedule cosine = parse_lr_schedule("cosine", "--lr-schedule");
  EXPECT_DOUBLE_EQ(cosine.rate(2.0, 1, 0, 100), 2.0);
  EXPECT_NEAR(cosine.rate(2.0, 1, 50, 100), 1.0, 1e-15);
  EXPECT_NEAR(cosine.rate(2.0, 1, 100, 100), 0.0, 1e-15);
  EXPECT_EQ(lr_schedule_string(step), "step:3,5");
  EXPECT_FRNORM_ERROR(parse_lr_schedule("step:5,3", "--lr-schedule"),
                      "--lr-schedule: expected constant, cosine or step:E1,E2,... (increasing "
                      "epochs, e.g. step:5,8); got 'step:5,3'");
  EXPECT_FRNORM_ERROR(parse_lr_schedule("linear", "--lr-schedule"),
                      "--lr-schedule: expected constant, cosine or step:E1,E2,... (increasing "
                      "epochs, e.g. step:5,8); got 'linear'");
}

}  // namespace
}  // namespace frnorm
