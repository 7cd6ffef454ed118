// frnorm reparam: a network computing the same function with other parameters (node rescaling,
// layer rescaling, permutation of hidden units).
#include <fmt/format.h>

#include <charconv>

#include "cli_support.h"
#include "commands.h"
#include "frnorm/core/error.h"
#include "frnorm/io/network_file.h"
#include "frnorm/nn/reparam.h"

namespace frnorm::cli {

namespace {

struct ReparamOptions {
  std::string model;
  std::string out;
  std::optional<std::uint64_t> node_rescale;
  std::string layer_rescale;
  std::optional<std::uint64_t> permute;
  std::string dtype = "f64";
};

// "L:C" -> (L, C).
std::pair<int, double> parse_layer_factor(const std::string& text) {
  const std::size_t colon = text.find(':');
  int layer = 0;
  double factor = 0.0;
  const char* end = text.data() + text.size();
  const bool ok =
      colon != std::string::npos &&
      std::from_chars(text.data(), text.data() + colon, layer).ptr == text.data() + colon &&
      std::from_chars(text.data() + colon + 1, end, factor).ptr == end && colon + 1 < text.size();
  if (!ok) {
    throw Error(
        fmt::format("--layer-rescale: expected L:C, a hidden layer and a positive factor "
                    "(e.g. 1:2.5); got '{}'",
                    text));
  }
  return {layer, factor};
}

void run_reparam(const ReparamOptions& options) {
  const Network network = read_network(options.model).network;
  const DType dtype = parse_dtype_flag(options.dtype, "--dtype");
  Network result;
  std::string what;
  if (options.node_rescale) {
    result = node_rescale(network, *options.node_rescale);
    what = fmt::format("node rescaling (seed {})", *options.node_rescale);
  } else if (!options.layer_rescale.empty()) {
    const auto [layer, factor] = parse_layer_factor(options.layer_rescale);
    result = layer_rescale(network, layer, factor);
    what = fmt::format("layer {} times {}, layer {} divided by it", layer, factor, layer + 1);
  } else {
    result = permute_units(network, *options.permute);
    what = fmt::format("permuted hidden units (seed {})", *options.permute);
  }
  write_network(options.out, result, dtype);
  fmt::print("wrote {}: {} of {}\n", options.out, what, options.model);
}

}  // namespace

void add_reparam_command(CLI::App& app) {
  auto options = std::make_shared<ReparamOptions>();
  CLI::App* command =
      app.add_subcommand("reparam", "Write a network that computes the same function");
  command->add_option("--model", options->model, "Input safetensors model file")->required();
  command->add_option("--out", options->out, "Output safetensors file")->required();
  auto* node = command->add_option("--node-rescale", options->node_rescale,
                                   "Rescale every hidden unit by a random c > 0 (seed)");
  auto* layer = command->add_option("--layer-rescale", options->layer_rescale,
                                    "L:C: multiply layer L by C and divide layer L+1 by C");
  auto* permute = command->add_option("--permute", options->permute, "Permute hidden units (seed)");
  node->excludes(layer)->excludes(permute);
  layer->excludes(permute);
  command->add_option("--dtype", options->dtype, "Stored precision: f32 | f64")
      ->capture_default_str();
  command->callback([options, node, layer, permute] {
    if (node->count() + layer->count() + permute->count() != 1) {
      throw Error("reparam: give one of --node-rescale SEED, --layer-rescale L:C, --permute SEED");
    }
    run_reparam(*options);
  });
}

}  // namespace frnorm::cli
