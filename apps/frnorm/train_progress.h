// What `frnorm train` shows while it runs: a live line on a terminal, one line per epoch
// otherwise, nothing with --quiet.
#pragma once

#include <chrono>

#include "frnorm/train/trainer.h"

namespace frnorm::cli {

enum class ProgressMode { kLive, kPerEpoch, kQuiet };

// kLive when stderr is a terminal, kPerEpoch otherwise; kQuiet when `quiet`.
ProgressMode progress_mode(bool quiet);

class TrainProgress {
 public:
  TrainProgress(ProgressMode mode, int epochs) : mode_(mode), epochs_(epochs) {}

  // The live line: epoch, batch, loss, samples/s, ETA (at most every 0.2 s).
  void step(const StepProgress& progress);
  // One line per measured epoch; epoch 0 is the initialisation.
  void epoch(const EpochMetrics& metrics);
  // Ends a live line before other output.
  void clear();

 private:
  ProgressMode mode_;
  int epochs_;
  std::chrono::steady_clock::time_point last_draw_{};
  bool line_open_ = false;
  double epoch_seconds_ = 0.0;  // the last full epoch's training time, for the ETA
};

}  // namespace frnorm::cli
