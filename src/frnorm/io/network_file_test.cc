#include "frnorm/io/network_file.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "frnorm/nn/forward.h"
#include "frnorm/nn/params.h"
#include "frnorm/testing/expect_error.h"
#include "frnorm/testing/random_network.h"

namespace frnorm {
namespace {

using testing::random_network;
using testing::RandomNetworkOptions;

const std::string kFixtures = std::string(FRNORM_SOURCE_DIR) + "/tests/fixtures/";

Tensor tensor(const std::string& name, std::vector<std::int64_t> shape, double fill = 0.5) {
  std::int64_t count = 1;
  for (auto extent : shape) {
    count *= extent;
  }
  return {name, DType::kF32, std::move(shape), std::vector<double>(count, fill)};
}

TensorFile two_layer_file() {
  TensorFile file;
  file.tensors = {tensor("0.weight", {4, 3}), tensor("0.bias", {4}), tensor("2.weight", {2, 4}),
                  tensor("2.bias", {2})};
  return file;
}

TEST(NetworkFile, ReadsTheTorchFixtureAsPyTorchComputesIt) {
  // Written in safetensors.torch's byte layout by tests/fixtures/make_torch_fixture.py, with the
  // outputs PyTorch computed for three inputs.
  const NetworkFile file = read_network(kFixtures + "torch_sequential.safetensors");
  std::ifstream stream(kFixtures + "torch_sequential_reference.json");
  const nlohmann::json reference = nlohmann::json::parse(stream);
  const Network& network = file.network;
  EXPECT_EQ(file.dtype, DType::kF32);
  EXPECT_EQ(file.metadata.at("format"), "pt");
  EXPECT_EQ(widths_string(network), "3-4-2");
  EXPECT_TRUE(network.has_bias());
  EXPECT_EQ(network.activation.kind, ActivationKind::kRelu);
  EXPECT_FALSE(network.is_homogeneous());
  const auto weight = reference["state_dict"]["0.weight"].get<std::vector<double>>();
  EXPECT_EQ(network.layers[0].weight(0, 1), weight[1]);  // row-major (out, in)
  EXPECT_EQ(network.layers[0].weight(1, 0), weight[3]);
  const auto inputs = reference["inputs"].get<std::vector<std::vector<double>>>();
  const auto outputs = reference["outputs"].get<std::vector<std::vector<double>>>();
  MatrixD x(3, static_cast<Eigen::Index>(inputs.size()));
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (std::size_t j = 0; j < 3; ++j) {
      x(j, i) = inputs[i][j];
    }
  }
  const MatrixD f = forward(network, x);
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    for (std::size_t k = 0; k < 2; ++k) {
      EXPECT_NEAR(f(k, i), outputs[i][k], 1e-15) << "sample " << i << " output " << k;
    }
  }
}

TEST(NetworkFile, RoundTripsEveryKindOfNetwork) {
  const std::string path = ::testing::TempDir() + "frnorm_roundtrip.safetensors";
  RandomNetworkOptions options;
  options.bias = BiasMode::kWith;
  options.activation = ActivationKind::kLeakyRelu;
  options.leaky_slope = 0.2;
  const Network biased = random_network(options, 1);
  options.bias = BiasMode::kWithout;
  options.activation = ActivationKind::kIdentity;
  options.coordinates = InputCoordinates::kHomogeneous;
  const Network homogeneous = random_network(options, 2);
  for (const Network& network : {biased, homogeneous}) {
    write_network(path, network, DType::kF64);
    const NetworkFile file = read_network(path);
    EXPECT_EQ(file.dtype, DType::kF64);
    EXPECT_EQ(flatten(file.network.layers), flatten(network.layers));
    EXPECT_EQ(file.network.activation.kind, network.activation.kind);
    EXPECT_EQ(file.network.activation.leaky_slope,
              network.activation.kind == ActivationKind::kLeakyRelu ? 0.2 : 0.01);
    EXPECT_EQ(file.network.coordinates, network.coordinates);

    write_network(path, network, DType::kF32);
    const NetworkFile single = read_network(path);
    EXPECT_EQ(single.dtype, DType::kF32);
    EXPECT_EQ(flatten(single.network.layers),
              flatten(network.layers).cast<float>().cast<double>().eval());
  }
  std::filesystem::remove(path);
}

TEST(NetworkFile, WritesSequentialNamesAndDefaultsMissingMetadata) {
  const TensorFile tensors = network_to_tensors(random_network({}, 0), DType::kF32);
  ASSERT_EQ(tensors.tensors.size(), 3U);
  EXPECT_EQ(tensors.tensors[0].name, "0.weight");
  EXPECT_EQ(tensors.tensors[1].name, "2.weight");
  EXPECT_EQ(tensors.tensors[2].name, "4.weight");
  EXPECT_EQ(tensors.metadata.at("activation"), "relu");
  // A bare PyTorch state dict: relu and plain coordinates.
  const NetworkFile file = network_from_tensors(two_layer_file(), "m.st");
  EXPECT_EQ(file.network.activation.kind, ActivationKind::kRelu);
  EXPECT_FALSE(file.network.is_homogeneous());
}

TEST(NetworkFile, OrdersLayersByIndexNumericallyAndAcceptsAPrefix) {
  TensorFile file;
  // Indices 10 and 2: numerically 2 < 10, though "10" < "2" as text.
  file.tensors = {tensor("model.10.weight", {2, 4}), tensor("model.2.weight", {4, 3})};
  const Network network = network_from_tensors(file, "m.st").network;
  EXPECT_EQ(widths_string(network), "3-4-2");
}

TEST(NetworkFile, RefusesLayersThatDoNotChain) {
  TensorFile file = two_layer_file();
  file.tensors[2] = tensor("2.weight", {2, 5});
  EXPECT_FRNORM_ERROR(network_from_tensors(file, "m.st"),
                      "m.st: layer '2' takes 5 inputs but layer '0' has 4 outputs");
}

TEST(NetworkFile, RefusesBiasOnSomeLayersOnly) {
  TensorFile file = two_layer_file();
  file.tensors.pop_back();
  EXPECT_FRNORM_ERROR(network_from_tensors(file, "m.st"),
                      "m.st: bias present on some layers only: layer '0' has a bias, layer '2' "
                      "has none");
}

TEST(NetworkFile, RefusesABiasOfTheWrongLength) {
  TensorFile file = two_layer_file();
  file.tensors[1] = tensor("0.bias", {3});
  EXPECT_FRNORM_ERROR(network_from_tensors(file, "m.st"),
                      "m.st: layer '0' has a bias of length 3 but 4 outputs");
}

TEST(NetworkFile, RefusesUnexpectedTensorNames) {
  TensorFile file = two_layer_file();
  file.tensors.push_back(tensor("0.running_mean", {4}));
  EXPECT_FRNORM_ERROR(network_from_tensors(file, "m.st"),
                      "m.st: unexpected tensor name '0.running_mean'; expected [prefix.]N.weight "
                      "or [prefix.]N.bias as in a PyTorch nn.Sequential state dict");
  TensorFile mixed;
  mixed.tensors = {tensor("a.0.weight", {4, 3}), tensor("b.2.weight", {2, 4})};
  EXPECT_FRNORM_ERROR(network_from_tensors(mixed, "m.st"),
                      "m.st: unexpected tensor name 'b.2.weight': other tensors use the prefix "
                      "'a'; a file holds one nn.Sequential");
  TensorFile orphan;
  orphan.tensors = {tensor("0.weight", {4, 3}), tensor("2.bias", {2})};
  EXPECT_FRNORM_ERROR(network_from_tensors(orphan, "m.st"),
                      "m.st: '2.bias' has no matching weight '2.weight'");
  EXPECT_FRNORM_ERROR(network_from_tensors(TensorFile{}, "m.st"),
                      "m.st: no layer tensors (expected names like 0.weight, 0.bias, 2.weight)");
}

TEST(NetworkFile, RefusesWrongRanksNonFiniteWeightsAndBadMetadata) {
  TensorFile file = two_layer_file();
  file.tensors[0] = tensor("0.weight", {12});
  EXPECT_FRNORM_ERROR(network_from_tensors(file, "m.st"),
                      "m.st: tensor '0.weight' has 1 dimensions; a weight is 2-D (out, in)");
  file = two_layer_file();
  file.tensors[2].values[3] = std::nan("");
  EXPECT_FRNORM_ERROR(network_from_tensors(file, "m.st"),
                      "m.st: layer '2' contains a NaN or infinite value");
  file = two_layer_file();
  file.metadata["activation"] = "tanh";
  EXPECT_FRNORM_ERROR(network_from_tensors(file, "m.st"),
                      "m.st: __metadata__ 'activation': unknown activation 'tanh' (expected "
                      "relu, leaky_relu or identity)");
  file.metadata = {{"homogeneous", "yes"}};
  EXPECT_FRNORM_ERROR(network_from_tensors(file, "m.st"),
                      "m.st: __metadata__ 'homogeneous' is 'yes'; expected true or false");
  file.metadata = {{"leaky_slope", "steep"}};
  EXPECT_FRNORM_ERROR(network_from_tensors(file, "m.st"),
                      "m.st: __metadata__ 'leaky_slope' is 'steep'; expected a number");
}

}  // namespace
}  // namespace frnorm
