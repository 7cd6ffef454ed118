// The training loop: minibatch SGD in float, with the Fisher-Rao regularizer, measuring in double
// at chosen epochs. One entry point, train(), over a TrainState that a checkpoint holds whole,
// so a resumed run ends with the same weights, bit for bit, as an uninterrupted one.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "frnorm/core/rng.h"
#include "frnorm/data/dataset.h"
#include "frnorm/measure/loss.h"
#include "frnorm/nn/network.h"
#include "frnorm/train/fisher_rao_penalty.h"
#include "frnorm/train/sgd.h"

namespace frnorm {

struct TrainOptions {
  LossKind loss = LossKind::kCrossEntropy;
  int epochs = 10;
  Eigen::Index batch_size = 128;
  double learning_rate = 0.05;
  SgdOptions sgd;
  LrSchedule schedule;
  double fr_reg = 0.0;  // λ of λ·‖θ‖²_fr; 0: no regularizer
  FisherRaoForm fr_form = FisherRaoForm::kModel;
  int measure_every = 1;               // measure every K epochs (and always at 0 and the end)
  Eigen::Index measure_limit = 10000;  // samples of each split the measures use

  // False, with the reason in *error (naming the flag), when a field is out of range.
  bool is_valid(std::string* error) const;
};

// Everything a checkpoint holds.
struct TrainState {
  NetworkF network;
  Params<float> velocity;  // empty until the first step with momentum
  Rng rng{0};              // shuffles the data, one permutation per epoch
  int epoch = 0;           // epochs completed
  long step = 0;           // minibatch steps completed
};

// The measures of one epoch (epoch 0: the initialisation), as metrics.jsonl holds them.
struct EpochMetrics {
  int epoch = 0;
  long step = 0;
  double lr = 0.0;
  double train_loss = 0.0;
  std::optional<double> train_acc;
  std::optional<double> test_loss;
  std::optional<double> test_acc;
  double fr_empirical_squared_train = 0.0;
  double fr_model_squared_train = 0.0;
  std::optional<double> fr_empirical_squared_test;
  std::optional<double> fr_model_squared_test;
  double l2 = 0.0;
  double spectral_product = 0.0;
  double path_norm = 0.0;
  std::optional<double> margin_p10;
  double wall_s = 0.0;         // training time of the epoch (not the measuring)
  double samples_per_s = 0.0;  // training samples per second in the epoch
};

struct StepProgress {
  int epoch = 0;  // 1-based epoch being trained
  Eigen::Index batch = 0;
  Eigen::Index batches_per_epoch = 0;
  double loss = 0.0;  // this minibatch's objective
  double samples_per_s = 0.0;
  double epoch_elapsed_s = 0.0;
};

enum class TrainStatus { kFinished, kInterrupted, kDiverged };

struct TrainSummary {
  TrainStatus status = TrainStatus::kFinished;
  std::string message;  // for kDiverged: the epoch, step and value that stopped the run
};

struct TrainCallbacks {
  // After every step; returning false stops the run (kInterrupted) before the next step.
  std::function<bool(const StepProgress&)> on_step;
  // After every completed epoch, with its metrics when it was measured. Checkpoints go here.
  std::function<void(const TrainState&, const EpochMetrics*)> on_epoch;
};

// Trains from `state` (a new network at epoch 0, or a restored checkpoint) until
// options.epochs. test may be null. Measures epoch 0 first when state.epoch == 0. Throws
// frnorm::Error for invalid options, a loss that does not fit the data, or --fr-reg on a network
// with biases.
TrainSummary train(TrainState& state, const Dataset& train_data, const Dataset* test_data,
                   const TrainOptions& options, const TrainCallbacks& callbacks);

// The measures of one network on the two measured splits (train() passes the first
// options.measure_limit samples of each, cut once per run).
EpochMetrics measure_epoch(const NetworkF& network, const Dataset& train_part,
                           const Dataset* test_part, const TrainOptions& options);

}  // namespace frnorm
