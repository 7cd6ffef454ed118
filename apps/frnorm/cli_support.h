// Helpers the subcommands share: output to a file or stdout, flag parsing, JSON numbers.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "frnorm/core/json.h"
#include "frnorm/data/data_spec.h"
#include "frnorm/io/safetensors.h"
#include "frnorm/nn/network.h"
#include "frnorm/plot/figure.h"

namespace frnorm::cli {

// Objects keep the order their keys were written in.
using Json = nlohmann::ordered_json;

// Thrown by a command that must end with a particular exit status (an interrupted run: 130)
// after printing `what()` as a plain line, not as an error.
class ExitWith : public std::runtime_error {
 public:
  ExitWith(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

// Adds --data SPEC, --limit N, --label-noise P and --label-seed S, stored in `options`.
// Returns the --data option so that callers can mark it required or exclusive.
CLI::Option* add_data_options(CLI::App& command, DataOptions& options);

// Loads the data and checks that its feature count is what `network` (read from `model_path`)
// takes; throws frnorm::Error naming both otherwise.
Dataset load_data_for(const Network& network, const std::string& model_path,
                      const DataOptions& options);

// Adds --threads N (default: all cores) and applies it before the command runs.
void add_threads_option(CLI::App& command, int& threads);

// Writes through `write` to `path` atomically, or to stdout when `path` is empty or "-".
void write_output(const std::string& path, const std::function<void(std::ostream&)>& write);

// "f32" | "f64" (case-insensitive) -> DType; throws frnorm::Error naming `flag` otherwise.
DType parse_dtype_flag(const std::string& text, const std::string& flag);

// Prints `value` on stdout with two-space indentation and a final newline.
void print_json(const Json& value);

// Prints which files a figure wrote (stdout), or, where gnuplot was missing, the note (stderr).
void report_figure(const FigureFiles& files);

}  // namespace frnorm::cli
