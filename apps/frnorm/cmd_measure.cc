// frnorm measure: the Fisher-Rao norm (both forms) and the other capacity measures of a network
// on a data set.
#include <fmt/format.h>

#include <iostream>

#include "cli_support.h"
#include "commands.h"
#include "frnorm/io/network_file.h"
#include "frnorm/measure/measure_report.h"

namespace frnorm::cli {

namespace {

struct MeasureCommandOptions {
  std::string model;
  DataOptions data;
  std::string loss = "auto";
  std::string method = "auto";
  Eigen::Index batch_size = 1000;
  Eigen::Index max_matrix_params = 5000;
  int threads = 0;
  bool json = false;
};

void run_measure(const MeasureCommandOptions& options) {
  const Network network = read_network(options.model).network;
  MeasureOptions measure;
  measure.fisher_rao.method = parse_fisher_rao_method(options.method, "--method");
  measure.fisher_rao.batch_size = options.batch_size;
  measure.fisher_rao.max_matrix_params = options.max_matrix_params;
  const Dataset data = load_data_for(network, options.model, options.data);
  measure.loss = options.loss == "auto" ? default_loss(network.output_dim(), data)
                                        : parse_loss(options.loss, "--loss");
  const MeasureReport report = measure_network(network, data, measure);
  if (options.json) {
    Json json = measure_report_json(report);
    json["model"] = options.model;
    json["data"] = data.name;
    print_json(json);
  } else {
    fmt::print("{} on {}\n{}", options.model, data.name, measure_report_table(report));
  }
}

}  // namespace

void add_measure_command(CLI::App& app) {
  auto options = std::make_shared<MeasureCommandOptions>();
  CLI::App* command =
      app.add_subcommand("measure", "Fisher-Rao norm and capacity measures on a data set");
  command->add_option("--model", options->model, "safetensors model file")->required();
  add_data_options(*command, options->data)->required();
  command
      ->add_option("--loss", options->loss,
                   "auto | cross_entropy | squared | logistic (auto: cross_entropy for "
                   "labels and K >= 2, logistic for one output, squared for targets)")
      ->capture_default_str();
  command
      ->add_option("--method", options->method,
                   "Fisher-Rao method: auto | closed | jvp | per_sample | matrix")
      ->capture_default_str();
  command->add_option("--batch-size", options->batch_size, "Samples per streamed batch")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--max-matrix-params", options->max_matrix_params,
                   "Largest network --method matrix accepts")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  add_threads_option(*command, options->threads);
  command->add_flag("--json", options->json, "Print one JSON object");
  command->callback([options] { run_measure(*options); });
}

}  // namespace frnorm::cli
