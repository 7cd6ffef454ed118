#include "cli_support.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iostream>

#include "frnorm/core/atomic_file.h"
#include "frnorm/core/error.h"
#include "frnorm/core/threads.h"

namespace frnorm::cli {

CLI::Option* add_data_options(CLI::App& command, DataOptions& options) {
  CLI::Option* data = command.add_option(
      "--data", options.spec,
      "Data spec: fashion-mnist[:train|:test], idx:DIR[:split], cifar10:DIR[:split], csv:PATH, "
      "synthetic:NAME[,key=value...]");
  command.add_option("--limit", options.limit, "Use the first N samples only")
      ->check(CLI::PositiveNumber);
  command
      .add_option("--label-noise", options.label_noise,
                  "Replace each label with probability P by a uniformly random class")
      ->check(CLI::Range(0.0, 1.0));
  command.add_option("--label-seed", options.label_seed, "Seed of the label noise")
      ->capture_default_str();
  return data;
}

Dataset load_data_for(const Network& network, const std::string& model_path,
                      const DataOptions& options) {
  Dataset data = load_data(options);
  if (data.input_dim() != network.input_dim()) {
    throw Error(fmt::format("{} has {} feature columns but the model {} takes {} inputs", data.name,
                            data.input_dim(), model_path, network.input_dim()));
  }
  return data;
}

void add_threads_option(CLI::App& command, int& threads) {
  command.add_option("--threads", threads, "Threads for the linear algebra (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  command.parse_complete_callback([&threads] { set_num_threads(threads); });
}

void write_output(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (path.empty() || path == "-") {
    write(std::cout);
    std::cout.flush();
    return;
  }
  write_file_atomically(path, write);
}

DType parse_dtype_flag(const std::string& text, const std::string& flag) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "f32") {
    return DType::kF32;
  }
  if (lower == "f64") {
    return DType::kF64;
  }
  throw Error(flag + ": unknown dtype '" + text + "' (expected f32 or f64)");
}

void print_json(const Json& value) { std::cout << value.dump(2) << '\n'; }

void report_figure(const FigureFiles& files) {
  if (files.png.empty()) {
    fmt::print(stderr, "frnorm: note: {}\n", files.note);
    fmt::print("wrote {} and {} (not rendered)\n", files.data, files.script);
    return;
  }
  fmt::print("wrote {} and {} (data {}, script {})\n", files.png, files.svg, files.data,
             files.script);
}

}  // namespace frnorm::cli
