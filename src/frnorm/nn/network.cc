#include "frnorm/nn/network.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "frnorm/core/error.h"
#include "frnorm/core/rng.h"

namespace frnorm {

template <typename Scalar>
Eigen::Index BasicNetwork<Scalar>::input_dim() const {
  return network_input_dim() - (is_homogeneous() ? 1 : 0);
}

template <typename Scalar>
Eigen::Index BasicNetwork<Scalar>::num_params() const {
  Eigen::Index count = 0;
  for (const auto& layer : layers) {
    count += layer.weight.size() + layer.bias.size();
  }
  return count;
}

template <typename To, typename From>
BasicNetwork<To> cast_network(const BasicNetwork<From>& network) {
  BasicNetwork<To> result;
  result.activation = network.activation;
  result.coordinates = network.coordinates;
  result.layers.reserve(network.layers.size());
  for (const auto& layer : network.layers) {
    result.layers.push_back({layer.weight.template cast<To>(), layer.bias.template cast<To>()});
  }
  return result;
}

Network init_network(const NetworkSpec& spec, std::uint64_t seed) {
  FRNORM_CHECK(spec.widths.size() >= 2, "a network needs an input and an output width");
  Network network;
  network.activation = spec.activation;
  network.coordinates = spec.coordinates;
  Rng rng(seed);
  const int extra_input = spec.coordinates == InputCoordinates::kHomogeneous ? 1 : 0;
  for (std::size_t l = 1; l < spec.widths.size(); ++l) {
    const int fan_in = spec.widths[l - 1] + (l == 1 ? extra_input : 0);
    const int fan_out = spec.widths[l];
    FRNORM_CHECK(fan_in > 0 && fan_out > 0, "layer widths must be positive");
    const double bound = 1.0 / std::sqrt(static_cast<double>(fan_in));
    LayerParams<double> layer;
    layer.weight.resize(fan_out, fan_in);
    // Row-major draw order, as the weights are laid out in a PyTorch state dict.
    for (int i = 0; i < fan_out; ++i) {
      for (int j = 0; j < fan_in; ++j) {
        layer.weight(i, j) = rng.uniform(-bound, bound);
      }
    }
    if (spec.bias == BiasMode::kWith) {
      layer.bias.resize(fan_out);
      for (int i = 0; i < fan_out; ++i) {
        layer.bias(i) = rng.uniform(-bound, bound);
      }
    }
    network.layers.push_back(std::move(layer));
  }
  return network;
}

void validate_network(const Network& network, std::string_view what,
                      const std::vector<std::string>& layer_labels) {
  if (network.layers.empty()) {
    throw Error(fmt::format("{}: the network has no layers", what));
  }
  const auto label = [&](std::size_t k) {
    return k < layer_labels.size() ? layer_labels[k] : fmt::format("layer {}", k + 1);
  };
  const bool with_bias = network.has_bias();
  for (std::size_t k = 0; k < network.layers.size(); ++k) {
    const auto& layer = network.layers[k];
    if (layer.weight.rows() == 0 || layer.weight.cols() == 0) {
      throw Error(fmt::format("{}: {} has an empty weight matrix", what, label(k)));
    }
    if (k > 0 && layer.weight.cols() != network.layers[k - 1].weight.rows()) {
      throw Error(fmt::format("{}: {} takes {} inputs but {} has {} outputs", what, label(k),
                              layer.weight.cols(), label(k - 1),
                              network.layers[k - 1].weight.rows()));
    }
    if ((layer.bias.size() > 0) != with_bias) {
      throw Error(fmt::format("{}: bias present on some layers only: {} {} a bias, {} {}", what,
                              label(0), with_bias ? "has" : "has no", label(k),
                              with_bias ? "has none" : "has one"));
    }
    if (with_bias && layer.bias.size() != layer.weight.rows()) {
      throw Error(fmt::format("{}: {} has a bias of length {} but {} outputs", what, label(k),
                              layer.bias.size(), layer.weight.rows()));
    }
    if (!layer.weight.allFinite() || !layer.bias.allFinite()) {
      throw Error(fmt::format("{}: {} contains a NaN or infinite value", what, label(k)));
    }
  }
  if (network.is_homogeneous() && network.network_input_dim() < 2) {
    throw Error(fmt::format(
        "{}: homogeneous coordinates need at least 2 columns in the first weight", what));
  }
}

std::vector<int> parse_widths(std::string_view text, std::string_view what) {
  std::vector<int> widths;
  const auto fail = [&] {
    return Error(
        fmt::format("{}: expected positive widths joined by '-', input first and output last "
                    "(e.g. 784-256-10); got '{}'",
                    what, text));
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('-', start), text.size());
    const std::string_view piece = text.substr(start, end - start);
    int value = 0;
    const auto [ptr, error] = std::from_chars(piece.data(), piece.data() + piece.size(), value);
    if (piece.empty() || error != std::errc() || ptr != piece.data() + piece.size() || value <= 0) {
      throw fail();
    }
    widths.push_back(value);
    start = end + 1;
  }
  if (widths.size() < 2) {
    throw fail();
  }
  return widths;
}

std::string widths_string(const Network& network) {
  std::string text = fmt::format("{}", network.input_dim());
  for (const auto& layer : network.layers) {
    fmt::format_to(std::back_inserter(text), "-{}", layer.weight.rows());
  }
  return text;
}

template struct BasicNetwork<float>;
template struct BasicNetwork<double>;
template BasicNetwork<float> cast_network<float, double>(const BasicNetwork<double>&);
template BasicNetwork<double> cast_network<double, float>(const BasicNetwork<float>&);
template BasicNetwork<double> cast_network<double, double>(const BasicNetwork<double>&);

}  // namespace frnorm
