#include "frnorm/measure/output_measures.h"

#include <gtest/gtest.h>

#include "frnorm/testing/random_network.h"

namespace frnorm {
namespace {

TEST(OutputMeasures, MarginsOfMulticlassAndBinaryOutputs) {
  MatrixD f(3, 2);
  f << 2.0, 0.0,  //
      1.5, 4.0,   //
      -1.0, 1.0;
  EXPECT_EQ(margins(f, {0, 2}), (VectorD(2) << 0.5, -3.0).finished());
  MatrixD logit(1, 2);
  logit << 0.7, 0.7;
  EXPECT_EQ(margins(logit, {1, 0}), (VectorD(2) << 0.7, -0.7).finished());
}

TEST(OutputMeasures, PercentileInterpolatesLikeNumpy) {
  VectorD values(10);
  values << 10, 9, 8, 7, 6, 5, 4, 3, 2, 1;
  // numpy.percentile(range(1, 11), 10) = 1.9; (.., 50) = 5.5.
  EXPECT_DOUBLE_EQ(percentile(values, 10), 1.9);
  EXPECT_DOUBLE_EQ(percentile(values, 50), 5.5);
  EXPECT_DOUBLE_EQ(percentile(values, 100), 10.0);
}

TEST(OutputMeasures, AccuracyAndMarginOverBatches) {
  testing::RandomNetworkOptions options;
  options.widths = {2, 5, 3};
  const Network network = testing::random_network(options, 1);
  Dataset data;
  data.inputs = testing::random_inputs(2, 23, 2);
  data.num_classes = 3;
  const MatrixD f =
      network.layers[1].weight * (network.layers[0].weight * data.inputs).cwiseMax(0.0);
  Eigen::Index correct = 0;
  for (Eigen::Index i = 0; i < 23; ++i) {
    data.labels.push_back(static_cast<int>(i % 3));
    Eigen::Index best = 0;
    f.col(i).maxCoeff(&best);
    correct += best == i % 3 ? 1 : 0;
  }
  const OutputMeasures measures = output_measures(network, data, 5);
  ASSERT_TRUE(measures.accuracy.has_value());
  EXPECT_DOUBLE_EQ(*measures.accuracy, correct / 23.0);
  EXPECT_DOUBLE_EQ(*measures.margin_p10, percentile(margins(f, data.labels), 10));
}

TEST(OutputMeasures, UniqueActivationFractionCountsSamplesAloneInTheirRegion) {
  testing::RandomNetworkOptions options;
  options.widths = {3, 30, 30, 2};  // 60 units: random inputs share no region by chance
  const Network network = testing::random_network(options, 4);
  Dataset data;
  MatrixD x = testing::random_inputs(3, 6, 5);
  x.col(1) = 2.0 * x.col(0);  // a bias-free net puts x and 2x in one region
  data.inputs = x;
  EXPECT_DOUBLE_EQ(unique_activation_fraction(network, data, 4), 4.0 / 6.0);
}

}  // namespace
}  // namespace frnorm
