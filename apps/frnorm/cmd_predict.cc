// frnorm predict: the network's outputs on a data set, one CSV row per sample.
#include <fmt/format.h>

#include <ostream>

#include "cli_support.h"
#include "commands.h"
#include "frnorm/core/error.h"
#include "frnorm/data/data_spec.h"
#include "frnorm/io/network_file.h"
#include "frnorm/nn/forward.h"

namespace frnorm::cli {

namespace {

struct PredictOptions {
  std::string model;
  DataOptions data;
  std::string out;
};

void run_predict(const PredictOptions& options) {
  const Network network = read_network(options.model).network;
  const Dataset data = load_data_for(network, options.model, options.data);
  const MatrixD outputs = forward(network, data.inputs);
  write_output(options.out, [&](std::ostream& stream) {
    for (Eigen::Index k = 0; k < outputs.rows(); ++k) {
      stream << (k > 0 ? "," : "") << 'f' << k;
    }
    stream << '\n';
    for (Eigen::Index i = 0; i < outputs.cols(); ++i) {
      for (Eigen::Index k = 0; k < outputs.rows(); ++k) {
        stream << (k > 0 ? "," : "") << fmt::format("{:.17g}", outputs(k, i));
      }
      stream << '\n';
    }
  });
}

}  // namespace

void add_predict_command(CLI::App& app) {
  auto options = std::make_shared<PredictOptions>();
  CLI::App* command = app.add_subcommand("predict", "Write the network's outputs f0,f1,... as CSV");
  command->add_option("--model", options->model, "safetensors model file")->required();
  add_data_options(*command, options->data)->required();
  command->add_option("--out", options->out, "Output CSV file (default: stdout)");
  command->callback([options] { run_predict(*options); });
}

}  // namespace frnorm::cli
