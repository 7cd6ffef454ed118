// The options of `frnorm train` as one value: what config.json records, what --resume reads
// back, and what a sweep (frnorm sweep) sets from its grid file before it starts any run.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "frnorm/nn/network.h"
#include "frnorm/train/trainer.h"

namespace frnorm::cli {

// Every option of `frnorm train`; config.json holds them resolved, and --resume reads them back.
struct TrainCommandOptions {
  std::string data;
  std::string test_data;  // empty: the matching test split of a named data set, if any
  Eigen::Index limit = -1;
  std::string arch;
  bool bias = false;
  bool homogeneous = false;
  std::string activation = "relu";
  double leaky_slope = 0.01;
  std::string loss = "auto";
  int epochs = 10;
  Eigen::Index batch_size = 128;
  double lr = 0.05;
  double momentum = 0.0;
  bool nesterov = false;
  double weight_decay = 0.0;
  std::string lr_schedule = "constant";
  double label_noise = 0.0;
  std::int64_t label_seed = -1;  // < 0: the --seed
  double fr_reg = 0.0;
  std::string fr_reg_form = "model";
  std::uint64_t seed = 0;
  int threads = 0;
  int measure_every = 1;
  Eigen::Index measure_limit = 10000;
  std::string out;
  bool resume = false;
  bool quiet = false;
  bool epochs_given = false;  // --epochs on the command line: with --resume it extends the run
};

// to_json / from_json of the options config.json records (not --out, --resume, --quiet).
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TrainCommandOptions, data, test_data, limit, arch, bias,
                                   homogeneous, activation, leaky_slope, loss, epochs, batch_size,
                                   lr, momentum, nesterov, weight_decay, lr_schedule, label_noise,
                                   label_seed, fr_reg, fr_reg_form, seed, threads, measure_every,
                                   measure_limit)

struct Resolved {
  NetworkSpec spec;
  TrainOptions train;
};

// Parses and validates every option before any work starts; throws frnorm::Error naming the flag.
Resolved resolve(const TrainCommandOptions& o);

}  // namespace frnorm::cli
