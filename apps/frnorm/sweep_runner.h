// frnorm sweep's runner: each run is a `frnorm train` child process (this same binary) writing
// its own run directory; up to --jobs run at once; each finished run becomes one row of the
// results database. A run directory left with a checkpoint by an interrupted sweep is resumed.
#pragma once

#include <string>

#include "frnorm/experiment/grid.h"

namespace frnorm::cli {

struct SweepOptions {
  std::string grid;
  std::string out;
  int jobs = 1;
  std::string shard = "0/1";
  int threads_per_job = 0;  // 0: the machine's cores divided by --jobs
};

// Throws frnorm::Error (a bad grid, a run whose options `frnorm train` would refuse) before any
// run starts. Returns the number of failed runs; throws ExitWith(130) when interrupted.
int run_sweep(const SweepOptions& options);

// The `frnorm train` arguments for one run's configuration (without --out).
std::vector<std::string> train_arguments(const OrderedJson& config);

// Throws frnorm::Error naming `where` if `config` has a key `frnorm train` does not know or a
// value it would refuse.
void check_train_config(const OrderedJson& config, const std::string& where);

}  // namespace frnorm::cli
