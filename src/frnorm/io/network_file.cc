#include "frnorm/io/network_file.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <optional>
#include <regex>

#include "frnorm/core/error.h"
#include "frnorm/core/version.h"

namespace frnorm {

namespace {

struct LayerTensors {
  const Tensor* weight = nullptr;
  const Tensor* bias = nullptr;
};

MatrixD weight_from(const Tensor& tensor, const std::string& name) {
  if (tensor.shape.size() != 2) {
    throw Error(fmt::format("{}: tensor '{}' has {} dimensions; a weight is 2-D (out, in)", name,
                            tensor.name, tensor.shape.size()));
  }
  // The stored data is row-major (out, in).
  return Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      tensor.values.data(), tensor.shape[0], tensor.shape[1]);
}

VectorD bias_from(const Tensor& tensor, const std::string& name) {
  if (tensor.shape.size() != 1) {
    throw Error(fmt::format("{}: tensor '{}' has {} dimensions; a bias is 1-D (out)", name,
                            tensor.name, tensor.shape.size()));
  }
  return Eigen::Map<const VectorD>(tensor.values.data(), tensor.shape[0]);
}

std::string metadata_or(const std::map<std::string, std::string>& metadata, const std::string& key,
                        const std::string& fallback) {
  const auto found = metadata.find(key);
  return found == metadata.end() ? fallback : found->second;
}

void read_metadata(const std::map<std::string, std::string>& metadata, const std::string& name,
                   Network& network) {
  network.activation.kind = parse_activation(metadata_or(metadata, "activation", "relu"),
                                             name + ": __metadata__ 'activation'");
  const std::string slope = metadata_or(metadata, "leaky_slope", "0.01");
  double value = 0.0;
  const auto [ptr, error] = std::from_chars(slope.data(), slope.data() + slope.size(), value);
  if (error != std::errc() || ptr != slope.data() + slope.size() || !std::isfinite(value)) {
    throw Error(
        fmt::format("{}: __metadata__ 'leaky_slope' is '{}'; expected a number", name, slope));
  }
  network.activation.leaky_slope = value;
  const std::string homogeneous = metadata_or(metadata, "homogeneous", "false");
  if (homogeneous != "true" && homogeneous != "false") {
    throw Error(fmt::format("{}: __metadata__ 'homogeneous' is '{}'; expected true or false", name,
                            homogeneous));
  }
  network.coordinates =
      homogeneous == "true" ? InputCoordinates::kHomogeneous : InputCoordinates::kPlain;
}

}  // namespace

NetworkFile network_from_tensors(const TensorFile& file, const std::string& name) {
  static const std::regex kPattern(R"(^(?:(.+)\.)?(\d+)\.(weight|bias)$)");
  std::map<long, LayerTensors> layers;
  std::optional<std::string> prefix;
  for (const Tensor& tensor : file.tensors) {
    std::smatch match;
    if (!std::regex_match(tensor.name, match, kPattern)) {
      throw Error(
          fmt::format("{}: unexpected tensor name '{}'; expected [prefix.]N.weight or "
                      "[prefix.]N.bias as in a PyTorch nn.Sequential state dict",
                      name, tensor.name));
    }
    if (prefix && *prefix != match[1].str()) {
      throw Error(
          fmt::format("{}: unexpected tensor name '{}': other tensors use the prefix "
                      "'{}'; a file holds one nn.Sequential",
                      name, tensor.name, *prefix));
    }
    prefix = match[1].str();
    auto& slot = layers[std::stol(match[2].str())];
    (match[3] == "weight" ? slot.weight : slot.bias) = &tensor;
  }
  if (layers.empty()) {
    throw Error(
        fmt::format("{}: no layer tensors (expected names like 0.weight, 0.bias, "
                    "2.weight)",
                    name));
  }
  NetworkFile result;
  result.metadata = file.metadata;
  read_metadata(file.metadata, name, result.network);
  std::vector<std::string> labels;
  for (const auto& [index, tensors] : layers) {
    const std::string stem = (prefix->empty() ? "" : *prefix + ".") + std::to_string(index);
    if (tensors.weight == nullptr) {
      throw Error(
          fmt::format("{}: '{}.bias' has no matching weight '{}.weight'", name, stem, stem));
    }
    LayerParams<double> layer{weight_from(*tensors.weight, name), VectorD()};
    if (tensors.bias != nullptr) {
      layer.bias = bias_from(*tensors.bias, name);
    }
    result.network.layers.push_back(std::move(layer));
    labels.push_back(fmt::format("layer '{}'", stem));
  }
  result.dtype = layers.begin()->second.weight->dtype;
  validate_network(result.network, name, labels);
  return result;
}

NetworkFile read_network(const std::string& path) {
  return network_from_tensors(read_safetensors(path), path);
}

TensorFile network_to_tensors(const Network& network, DType dtype) {
  TensorFile file;
  file.metadata = {{"format", "pt"},
                   {"activation", activation_name(network.activation.kind)},
                   {"homogeneous", network.is_homogeneous() ? "true" : "false"},
                   {"frnorm_version", kVersion}};
  if (network.activation.kind == ActivationKind::kLeakyRelu) {
    file.metadata["leaky_slope"] = fmt::format("{}", network.activation.leaky_slope);
  }
  for (std::size_t k = 0; k < network.layers.size(); ++k) {
    const auto& layer = network.layers[k];
    const std::string stem = std::to_string(2 * k);  // nn.Sequential(Linear, act, Linear, ...)
    Tensor weight{stem + ".weight", dtype, {layer.weight.rows(), layer.weight.cols()}, {}};
    weight.values.resize(layer.weight.size());
    Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        weight.values.data(), layer.weight.rows(), layer.weight.cols()) = layer.weight;
    file.tensors.push_back(std::move(weight));
    if (layer.bias.size() > 0) {
      file.tensors.push_back({stem + ".bias",
                              dtype,
                              {layer.bias.size()},
                              std::vector<double>(layer.bias.begin(), layer.bias.end())});
    }
  }
  return file;
}

void write_network(const std::string& path, const Network& network, DType dtype) {
  write_safetensors(path, network_to_tensors(network, dtype));
}

}  // namespace frnorm
