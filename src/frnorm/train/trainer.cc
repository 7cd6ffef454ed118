#include "frnorm/train/trainer.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <numeric>
#include <optional>

#include "frnorm/core/error.h"
#include "frnorm/measure/fisher_rao.h"
#include "frnorm/measure/norms.h"
#include "frnorm/measure/output_measures.h"
#include "frnorm/nn/backward.h"
#include "frnorm/nn/forward.h"

namespace frnorm {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// One minibatch, gathered in the epoch's order: inputs in float, targets as the loss reads them.
struct Minibatch {
  MatrixF x;
  std::vector<int> labels;
  MatrixD target_values;
  TargetBatch targets() const {
    return {labels.empty() ? nullptr : labels.data(),
            target_values.size() == 0 ? nullptr : &target_values};
  }
};

void gather(const Dataset& data, const MatrixF& inputs, const std::vector<Eigen::Index>& order,
            Eigen::Index start, Eigen::Index count, Minibatch& batch) {
  batch.x.resize(inputs.rows(), count);
  batch.labels.clear();
  if (data.has_targets()) {
    batch.target_values.resize(data.targets.rows(), count);
  }
  for (Eigen::Index j = 0; j < count; ++j) {
    const Eigen::Index i = order[start + j];
    batch.x.col(j) = inputs.col(i);
    if (data.has_labels()) {
      batch.labels.push_back(data.labels[i]);
    }
    if (data.has_targets()) {
      batch.target_values.col(j) = data.targets.col(i);
    }
  }
}

// The objective of one minibatch and its gradient in the outputs: mean loss, plus λ‖θ‖²_fr.
struct Objective {
  double value = 0.0;
  MatrixF grad;
};

Objective objective(const TrainOptions& options, int hidden_layers, const MatrixF& f_single,
                    const TargetBatch& targets) {
  const MatrixD f = f_single.cast<double>();
  const LossBatch loss = evaluate_loss(options.loss, f, targets);
  const double n = static_cast<double>(f.cols());
  MatrixD grad = loss.grad / n;
  Objective out;
  out.value = loss.value.sum() / n;
  if (options.fr_reg > 0.0) {
    const PenaltyBatch penalty =
        fisher_rao_penalty(options.loss, options.fr_form, hidden_layers, f, targets);
    out.value += options.fr_reg * penalty.value;
    grad += options.fr_reg * penalty.grad;
  }
  out.grad = grad.cast<float>();
  return out;
}

void shuffle(std::vector<Eigen::Index>& order, Rng& rng) {
  std::iota(order.begin(), order.end(), 0);
  for (std::size_t i = order.size(); i > 1; --i) {
    std::swap(order[i - 1], order[rng.below(i)]);
  }
}

// The first `limit` samples of `data`: `data` itself when it has no more, else a copy kept in
// `storage` (the copy of a 10,000-image slice is 63 MB; of the whole training set, 376).
const Dataset& measured_part(const Dataset& data, Eigen::Index limit,
                             std::optional<Dataset>& storage) {
  if (limit < 0 || limit >= data.size()) {
    return data;
  }
  storage = first_samples(data, limit);
  return *storage;
}

}  // namespace

bool TrainOptions::is_valid(std::string* error) const {
  if (epochs < 0) {
    *error = "--epochs must be at least 0";
  } else if (batch_size < 1) {
    *error = "--batch-size must be at least 1";
  } else if (!(learning_rate > 0.0) || !std::isfinite(learning_rate)) {
    *error = "--lr must be a positive number";
  } else if (!(sgd.momentum >= 0.0 && sgd.momentum < 1.0)) {
    *error = "--momentum must lie in [0, 1)";
  } else if (!(sgd.weight_decay >= 0.0) || !std::isfinite(sgd.weight_decay)) {
    *error = "--weight-decay must be >= 0";
  } else if (sgd.kind == Momentum::kNesterov && sgd.momentum == 0.0) {
    *error = "--nesterov needs --momentum > 0";
  } else if (!(fr_reg >= 0.0) || !std::isfinite(fr_reg)) {
    *error = "--fr-reg must be >= 0";
  } else if (measure_every < 1) {
    *error = "--measure-every must be at least 1";
  } else if (measure_limit < 1) {
    *error = "--measure-limit must be at least 1";
  } else {
    return true;
  }
  return false;
}

EpochMetrics measure_epoch(const NetworkF& network_single, const Dataset& train_part,
                           const Dataset* test_part, const TrainOptions& options) {
  const Network network = cast_network<double>(network_single);
  FisherRaoOptions fr;  // auto: the closed form for bias-free networks, jvp with biases
  EpochMetrics metrics;
  const FisherRaoSummary on_train = fisher_rao(network, train_part, options.loss, fr);
  metrics.train_loss = on_train.loss;
  metrics.fr_empirical_squared_train = on_train.empirical_squared;
  metrics.fr_model_squared_train = on_train.model_squared;
  const OutputMeasures train_outputs = output_measures(network, train_part, fr.batch_size);
  metrics.train_acc = train_outputs.accuracy;
  metrics.margin_p10 = train_outputs.margin_p10;
  if (test_part != nullptr) {
    const FisherRaoSummary on_test = fisher_rao(network, *test_part, options.loss, fr);
    metrics.test_loss = on_test.loss;
    metrics.fr_empirical_squared_test = on_test.empirical_squared;
    metrics.fr_model_squared_test = on_test.model_squared;
    metrics.test_acc = output_measures(network, *test_part, fr.batch_size).accuracy;
  }
  const NormMeasures norms = weight_norms(network);
  metrics.l2 = norms.l2;
  metrics.spectral_product = norms.spectral_product;
  metrics.path_norm = norms.path_norm;
  return metrics;
}

TrainSummary train(TrainState& state, const Dataset& train_data, const Dataset* test_data,
                   const TrainOptions& options, const TrainCallbacks& callbacks) {
  std::string error;
  if (!options.is_valid(&error)) {
    throw Error(error);
  }
  check_loss_applies(options.loss, state.network.output_dim(), train_data);
  if (options.fr_reg > 0.0 && state.network.has_bias()) {
    throw Error(
        "--fr-reg needs a bias-free network: the regularizer is the closed form of "
        "‖θ‖²_fr, which rests on (I3) and biases break");
  }
  const Eigen::Index n = train_data.size();
  const Eigen::Index batches = (n + options.batch_size - 1) / options.batch_size;
  const long total_steps = static_cast<long>(batches) * options.epochs;
  const MatrixF inputs = train_data.inputs.cast<float>();
  const int hidden_layers = state.network.num_hidden_layers();
  const auto rate_at = [&](int epoch, long step) {
    return options.schedule.rate(options.learning_rate, epoch, step, total_steps);
  };
  // The measured subsets, cut once per run.
  std::optional<Dataset> train_cut;
  std::optional<Dataset> test_cut;
  const Dataset& train_part = measured_part(train_data, options.measure_limit, train_cut);
  const Dataset* test_measured =
      test_data != nullptr ? &measured_part(*test_data, options.measure_limit, test_cut) : nullptr;
  if (state.epoch == 0) {
    EpochMetrics initial = measure_epoch(state.network, train_part, test_measured, options);
    initial.lr = rate_at(1, 0);
    callbacks.on_epoch(state, &initial);
  }
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  Minibatch batch;
  while (state.epoch < options.epochs) {
    const int epoch = state.epoch + 1;
    shuffle(order, state.rng);
    const Clock::time_point start = Clock::now();
    for (Eigen::Index b = 0; b < batches; ++b) {
      const Eigen::Index first = b * options.batch_size;
      gather(train_data, inputs, order, first, std::min(options.batch_size, n - first), batch);
      const ForwardTape<float> tape = forward_pass(state.network, batch.x);
      const Objective step = objective(options, hidden_layers, tape.output, batch.targets());
      if (!std::isfinite(step.value)) {
        return {TrainStatus::kDiverged, fmt::format("epoch {} step {}: the training loss is {}",
                                                    epoch, state.step + 1, step.value)};
      }
      const Params<float> gradient = backward(state.network, tape, step.grad).params;
      sgd_step(state.network, gradient, state.velocity, options.sgd,
               static_cast<float>(rate_at(epoch, state.step)));
      ++state.step;
      const double elapsed = seconds_since(start);
      const StepProgress progress{
          epoch,  b + 1, batches, step.value, static_cast<double>(first + batch.x.cols()) / elapsed,
          elapsed};
      if (callbacks.on_step && !callbacks.on_step(progress)) {
        return {TrainStatus::kInterrupted, fmt::format("epoch {} step {}", epoch, state.step)};
      }
    }
    const double wall = seconds_since(start);
    state.epoch = epoch;
    const bool measured = epoch % options.measure_every == 0 || epoch == options.epochs;
    if (measured) {
      EpochMetrics metrics = measure_epoch(state.network, train_part, test_measured, options);
      metrics.epoch = epoch;
      metrics.step = state.step;
      metrics.lr = rate_at(epoch, state.step - 1);
      metrics.wall_s = wall;
      metrics.samples_per_s = static_cast<double>(n) / wall;
      callbacks.on_epoch(state, &metrics);
    } else {
      callbacks.on_epoch(state, nullptr);
    }
  }
  return {};
}

}  // namespace frnorm
