#include "frnorm/nn/network.h"

#include <gtest/gtest.h>

#include <cmath>

#include "frnorm/nn/params.h"
#include "frnorm/testing/expect_error.h"

namespace frnorm {
namespace {

NetworkSpec spec_of(std::vector<int> widths, BiasMode bias = BiasMode::kWithout,
                    InputCoordinates coordinates = InputCoordinates::kPlain) {
  NetworkSpec spec;
  spec.widths = std::move(widths);
  spec.bias = bias;
  spec.coordinates = coordinates;
  return spec;
}

TEST(InitNetwork, ShapesFollowNnLinear) {
  const Network network = init_network(spec_of({4, 7, 5, 3}, BiasMode::kWith), 1);
  ASSERT_EQ(network.layers.size(), 3U);
  EXPECT_EQ(network.num_hidden_layers(), 2);
  EXPECT_EQ(network.layers[0].weight.rows(), 7);
  EXPECT_EQ(network.layers[0].weight.cols(), 4);
  EXPECT_EQ(network.layers[2].weight.rows(), 3);
  EXPECT_EQ(network.layers[2].bias.size(), 3);
  EXPECT_EQ(network.num_params(), 4 * 7 + 7 + 7 * 5 + 5 + 5 * 3 + 3);
  EXPECT_EQ(network.input_dim(), 4);
  EXPECT_EQ(network.output_dim(), 3);
  EXPECT_TRUE(network.has_bias());
}

TEST(InitNetwork, HomogeneousCoordinatesAddOneColumnToTheFirstWeight) {
  const Network network =
      init_network(spec_of({2, 6, 1}, BiasMode::kWithout, InputCoordinates::kHomogeneous), 1);
  EXPECT_EQ(network.layers[0].weight.cols(), 3);
  EXPECT_EQ(network.network_input_dim(), 3);
  EXPECT_EQ(network.input_dim(), 2);
  EXPECT_FALSE(network.has_bias());
}

TEST(InitNetwork, SameSeedSameWeightsOtherSeedOtherWeights) {
  const NetworkSpec spec = spec_of({5, 8, 2}, BiasMode::kWith);
  const Network a = init_network(spec, 42);
  const Network b = init_network(spec, 42);
  const Network c = init_network(spec, 43);
  EXPECT_EQ(flatten(a.layers), flatten(b.layers));
  EXPECT_NE(flatten(a.layers), flatten(c.layers));
}

TEST(InitNetwork, WeightsAreUniformWithPyTorchBound) {
  // PyTorch's nn.Linear default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases,
  // whose variance is bound²/3.
  const Network network = init_network(spec_of({400, 300, 10}, BiasMode::kWith), 5);
  const auto& layer = network.layers[0];
  const double bound = 1.0 / std::sqrt(400.0);
  EXPECT_LT(layer.weight.cwiseAbs().maxCoeff(), bound);
  EXPECT_GT(layer.weight.cwiseAbs().maxCoeff(), 0.99 * bound);
  EXPECT_LT(layer.bias.cwiseAbs().maxCoeff(), bound);
  const double mean = layer.weight.mean();
  const double variance = (layer.weight.array() - mean).square().mean();
  EXPECT_NEAR(mean, 0.0, 0.01 * bound);
  EXPECT_NEAR(variance / (bound * bound / 3.0), 1.0, 0.01);
  EXPECT_LT(network.layers[1].weight.cwiseAbs().maxCoeff(), 1.0 / std::sqrt(300.0));
}

TEST(ParseWidths, ReadsDashSeparatedWidths) {
  EXPECT_EQ(parse_widths("2-15-15-15-1", "--arch"), (std::vector<int>{2, 15, 15, 15, 1}));
  EXPECT_EQ(parse_widths("784-10", "--arch"), (std::vector<int>{784, 10}));
}

TEST(ParseWidths, RefusesMalformedText) {
  const std::string hint =
      "--arch: expected positive widths joined by '-', input first and output last "
      "(e.g. 784-256-10); got ";
  EXPECT_FRNORM_ERROR(parse_widths("10", "--arch"), hint + "'10'");
  EXPECT_FRNORM_ERROR(parse_widths("2--1", "--arch"), hint + "'2--1'");
  EXPECT_FRNORM_ERROR(parse_widths("2-0-1", "--arch"), hint + "'2-0-1'");
  EXPECT_FRNORM_ERROR(parse_widths("2-a-1", "--arch"), hint + "'2-a-1'");
  EXPECT_FRNORM_ERROR(parse_widths("2-3-", "--arch"), hint + "'2-3-'");
}

TEST(WidthsString, InvertsParseWidthsAndOmitsTheHomogeneousColumn) {
  const Network network =
      init_network(spec_of({3, 4, 2}, BiasMode::kWithout, InputCoordinates::kHomogeneous), 0);
  EXPECT_EQ(widths_string(network), "3-4-2");
}

TEST(Params, FlattenIsPyTorchStateDictOrder) {
  const Network network = init_network(spec_of({2, 3, 1}, BiasMode::kWith), 9);
  const VectorD flat = flatten(network.layers);
  ASSERT_EQ(flat.size(), network.num_params());
  // 0.weight row by row, then 0.bias, then 2.weight, 2.bias.
  EXPECT_EQ(flat(0), network.layers[0].weight(0, 0));
  EXPECT_EQ(flat(1), network.layers[0].weight(0, 1));
  EXPECT_EQ(flat(2), network.layers[0].weight(1, 0));
  EXPECT_EQ(flat(6), network.layers[0].bias(0));
  EXPECT_EQ(flat(9), network.layers[1].weight(0, 0));
  EXPECT_EQ(flat(12), network.layers[1].bias(0));
  const Params<double> back = unflatten(flat, network.layers);
  EXPECT_EQ(flatten(back), flat);
  EXPECT_DOUBLE_EQ(dot(network.layers, network.layers), flat.squaredNorm());
}

TEST(ValidateNetwork, NamesTheFault) {
  Network network = init_network(spec_of({2, 3, 1}, BiasMode::kWith), 0);
  Network mismatched = network;
  mismatched.layers[1].weight.resize(1, 4);
  mismatched.layers[1].weight.setOnes();
  EXPECT_FRNORM_ERROR(validate_network(mismatched, "net"),
                      "net: layer 2 takes 4 inputs but layer 1 has 3 outputs");
  Network partial = network;
  partial.layers[1].bias.resize(0);
  EXPECT_FRNORM_ERROR(validate_network(partial, "net"),
                      "net: bias present on some layers only: layer 1 has a bias, layer 2 has "
                      "none");
  Network wrong_length = network;
  wrong_length.layers[0].bias.resize(2);
  wrong_length.layers[0].bias.setZero();
  EXPECT_FRNORM_ERROR(validate_network(wrong_length, "net"),
                      "net: layer 1 has a bias of length 2 but 3 outputs");
  Network with_nan = network;
  with_nan.layers[1].weight(0, 0) = std::nan("");
  EXPECT_FRNORM_ERROR(validate_network(with_nan, "net", {"layer '0'", "layer '2'"}),
                      "net: layer '2' contains a NaN or infinite value");
  EXPECT_NO_THROW(validate_network(network, "net"));
}

TEST(CastNetwork, RoundsToFloatAndBack) {
  const Network network = init_network(spec_of({3, 4, 2}, BiasMode::kWith), 3);
  const NetworkF single = cast_network<float>(network);
  const Network back = cast_network<double>(single);
  EXPECT_EQ(back.layers[0].weight, network.layers[0].weight.cast<float>().cast<double>());
  EXPECT_LT((flatten(back.layers) - flatten(network.layers)).cwiseAbs().maxCoeff(), 1e-7);
}

}  // namespace
}  // namespace frnorm
