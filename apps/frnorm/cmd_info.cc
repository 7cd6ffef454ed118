// frnorm info: what a model file holds.
#include <fmt/format.h>

#include "cli_support.h"
#include "commands.h"
#include "frnorm/io/network_file.h"

namespace frnorm::cli {

namespace {

struct InfoOptions {
  std::string model;
  bool json = false;
};

void run_info(const InfoOptions& options) {
  const NetworkFile file = read_network(options.model);
  const Network& network = file.network;
  Json widths = Json::array();
  widths.push_back(network.input_dim());
  for (const auto& layer : network.layers) {
    widths.push_back(layer.weight.rows());
  }
  const std::string activation = activation_name(network.activation.kind);
  if (options.json) {
    Json info = {{"file", options.model},
                 {"arch", widths_string(network)},
                 {"widths", widths},
                 {"hidden_layers", network.num_hidden_layers()},
                 {"num_params", network.num_params()},
                 {"bias", network.has_bias()},
                 {"homogeneous", network.is_homogeneous()},
                 {"activation", activation},
                 {"dtype", dtype_name(file.dtype)}};
    if (network.activation.kind == ActivationKind::kLeakyRelu) {
      info["leaky_slope"] = network.activation.leaky_slope;
    }
    print_json(info);
    return;
  }
  fmt::print("file           {}\n", options.model);
  fmt::print("architecture   {}\n", widths_string(network));
  fmt::print("hidden layers  L = {}\n", network.num_hidden_layers());
  fmt::print("parameters     {}\n", network.num_params());
  fmt::print("bias           {}\n", network.has_bias() ? "yes" : "no");
  fmt::print("homogeneous    {}\n", network.is_homogeneous() ? "yes (W_1 has d+1 columns)" : "no");
  if (network.activation.kind == ActivationKind::kLeakyRelu) {
    fmt::print("activation     {} (slope {})\n", activation, network.activation.leaky_slope);
  } else {
    fmt::print("activation     {}\n", activation);
  }
  fmt::print("dtype          {}\n", dtype_name(file.dtype));
}

}  // namespace

void add_info_command(CLI::App& app) {
  auto options = std::make_shared<InfoOptions>();
  CLI::App* command = app.add_subcommand("info", "Describe a model file");
  command->add_option("model", options->model, "safetensors model file")->required();
  command->add_flag("--json", options->json, "Print one JSON object");
  command->callback([options] { run_info(*options); });
}

}  // namespace frnorm::cli
