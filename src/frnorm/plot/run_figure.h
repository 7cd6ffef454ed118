// A training run's curves (frnorm plot run): loss, accuracy, and the empirical and model
// Fisher-Rao norms against the epoch, train and test on the same axes, from metrics.jsonl.
#pragma once

#include <string>

#include "frnorm/plot/figure.h"

namespace frnorm {

// PREFIX.dat: one row per measured epoch, columns epoch, train_loss, test_loss, train_acc,
// test_acc, fr_empirical_squared_train, fr_empirical_squared_test, fr_model_squared_train,
// fr_model_squared_test; '?' where a value is null. Throws frnorm::Error naming the file if
// `run_dir`/metrics.jsonl is missing, malformed or empty.
FigureFiles draw_run(const std::string& run_dir, const std::string& prefix, const FigureSize& size);

}  // namespace frnorm
