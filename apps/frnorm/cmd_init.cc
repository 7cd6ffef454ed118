// frnorm init: a new network with PyTorch's default initialisation, saved as safetensors.
#include <fmt/format.h>

#include "cli_support.h"
#include "commands.h"
#include "frnorm/io/network_file.h"
#include "frnorm/nn/network.h"

namespace frnorm::cli {

namespace {

struct InitOptions {
  std::string arch;
  bool bias = false;
  bool homogeneous = false;
  std::string activation = "relu";
  double leaky_slope = 0.01;
  std::uint64_t seed = 0;
  std::string dtype = "f32";
  std::string out;
};

void run_init(const InitOptions& options) {
  NetworkSpec spec;
  spec.widths = parse_widths(options.arch, "--arch");
  spec.bias = options.bias ? BiasMode::kWith : BiasMode::kWithout;
  spec.coordinates =
      options.homogeneous ? InputCoordinates::kHomogeneous : InputCoordinates::kPlain;
  spec.activation.kind = parse_activation(options.activation, "--activation");
  spec.activation.leaky_slope = options.leaky_slope;
  const DType dtype = parse_dtype_flag(options.dtype, "--dtype");
  const Network network = init_network(spec, options.seed);
  write_network(options.out, network, dtype);
  fmt::print("wrote {}: {} ({} parameters, {}{}{}, {})\n", options.out, widths_string(network),
             network.num_params(), options.activation, options.bias ? ", bias" : ", no bias",
             options.homogeneous ? ", homogeneous" : "", dtype_name(dtype));
}

}  // namespace

void add_init_command(CLI::App& app) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* command = app.add_subcommand("init", "Create a network with PyTorch-default weights");
  command
      ->add_option("--arch", options->arch,
                   "Widths joined by '-': input, hidden..., output (e.g. 2-15-15-15-1)")
      ->required();
  command->add_flag("--bias", options->bias, "Give every layer a bias (default: bias-free)");
  command->add_flag("--homogeneous", options->homogeneous,
                    "Append a constant 1 to every input (W_1 gets one more column)");
  command->add_option("--activation", options->activation, "relu | leaky_relu | identity")
      ->capture_default_str();
  command->add_option("--leaky-slope", options->leaky_slope, "Negative slope of leaky_relu")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  command->add_option("--dtype", options->dtype, "Stored precision: f32 | f64")
      ->capture_default_str();
  command->add_option("--out", options->out, "Output safetensors file")->required();
  command->callback([options] { run_init(*options); });
}

}  // namespace frnorm::cli
