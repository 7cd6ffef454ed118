// One training epoch (12,800 Fashion-MNIST images, bias-free 784-256-256-10, SGD lr 0.05,
// momentum 0.9, batch 128, float), with and without the Fisher-Rao regularizer, as train() runs
// it; the time is that of the training steps alone (train()'s own epoch clock, as wall_s in
// metrics.jsonl), not of its per-epoch measures or set-up. Run with
// --benchmark_enable_random_interleaving=true so that the two variants alternate and drift on a
// shared machine hits both alike (bench/compare_train.sh does).
#include <benchmark/benchmark.h>

#include "frnorm/core/threads.h"
#include "frnorm/data/data_spec.h"
#include "frnorm/train/trainer.h"

namespace {

const frnorm::Dataset& images() {
  static const frnorm::Dataset data =
      frnorm::first_samples(frnorm::load_dataset("fashion-mnist:train", "bench"), 12800);
  return data;
}

void epoch(benchmark::State& state, double fr_reg) {
  frnorm::NetworkSpec spec;
  spec.widths = {784, 256, 256, 10};
  const frnorm::NetworkF initial = frnorm::cast_network<float>(frnorm::init_network(spec, 1));
  frnorm::TrainOptions options;
  options.epochs = 1;
  options.batch_size = 128;
  options.learning_rate = 0.05;
  options.sgd.momentum = 0.9;
  options.fr_reg = fr_reg;
  options.measure_limit = 1;  // the per-epoch measures on one sample: next to nothing
  double steps_seconds = 0.0;
  frnorm::TrainCallbacks callbacks;
  callbacks.on_epoch = [](const frnorm::TrainState&, const frnorm::EpochMetrics*) {};
  callbacks.on_step = [&steps_seconds](const frnorm::StepProgress& progress) {
    steps_seconds = progress.epoch_elapsed_s;
    return true;
  };
  for (auto _ : state) {
    frnorm::TrainState run;
    run.network = initial;
    run.rng = frnorm::Rng(2);
    const auto summary = frnorm::train(run, images(), nullptr, options, callbacks);
    benchmark::DoNotOptimize(summary.status);
    state.SetIterationTime(steps_seconds);
  }
  state.counters["threads"] = frnorm::num_threads();
}

void BM_EpochPlain(benchmark::State& state) { epoch(state, 0.0); }
void BM_EpochFisherRaoRegularized(benchmark::State& state) { epoch(state, 0.01); }

BENCHMARK(BM_EpochPlain)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(3);
BENCHMARK(BM_EpochFisherRaoRegularized)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
