// The Fisher-Rao norm on the 60,000 Fashion-MNIST training images with a bias-free
// 784-256-256-10 ReLU network, against one forward pass over the same data; per-sample gradients
// on the first 1,000 images. Figures go to docs/PERFORMANCE.md (bench/compare_measure.sh runs
// this beside the PyTorch script).
#include <benchmark/benchmark.h>

#include "frnorm/core/threads.h"
#include "frnorm/data/data_spec.h"
#include "frnorm/measure/batches.h"
#include "frnorm/measure/fisher_rao.h"
#include "frnorm/nn/forward.h"
#include "frnorm/nn/network.h"

namespace {

using frnorm::Dataset;
using frnorm::FisherRaoMethod;
using frnorm::Network;

const Dataset& train_data() {
  static const Dataset data = frnorm::load_dataset("fashion-mnist:train", "bench");
  return data;
}

const Dataset& first_thousand() {
  static const Dataset data = frnorm::first_samples(train_data(), 1000);
  return data;
}

const Network& network() {
  static const Network net = [] {
    frnorm::NetworkSpec spec;
    spec.widths = {784, 256, 256, 10};
    return frnorm::init_network(spec, 1);
  }();
  return net;
}

void BM_ForwardPass(benchmark::State& state) {
  for (auto _ : state) {
    double sink = 0.0;
    frnorm::for_each_batch(train_data(), 1000, [&](const frnorm::Batch& batch) {
      sink += frnorm::forward(network(), batch.x)(0, 0);
    });
    benchmark::DoNotOptimize(sink);
  }
  state.counters["samples"] = static_cast<double>(train_data().size());
  state.counters["threads"] = frnorm::num_threads();
}

void fisher_rao(benchmark::State& state, FisherRaoMethod method, const Dataset& data) {
  frnorm::FisherRaoOptions options;
  options.method = method;
  for (auto _ : state) {
    const auto summary =
        frnorm::fisher_rao(network(), data, frnorm::LossKind::kCrossEntropy, options);
    benchmark::DoNotOptimize(summary.model_squared);
  }
  state.counters["samples"] = static_cast<double>(data.size());
  state.counters["threads"] = frnorm::num_threads();
}

void BM_FisherRaoClosed(benchmark::State& state) {
  fisher_rao(state, FisherRaoMethod::kClosedForm, train_data());
}
void BM_FisherRaoJvp(benchmark::State& state) {
  fisher_rao(state, FisherRaoMethod::kJvp, train_data());
}
void BM_FisherRaoPerSample1000(benchmark::State& state) {
  fisher_rao(state, FisherRaoMethod::kPerSample, first_thousand());
}

BENCHMARK(BM_ForwardPass)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_FisherRaoClosed)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_FisherRaoJvp)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_FisherRaoPerSample1000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
