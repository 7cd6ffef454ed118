// Forward and forward + backward of a bias-free 784-256-256-10 ReLU network, in GFLOP/s, beside
// the rate of one Eigen GEMM of the network's largest layer, measured by this same binary with
// the same threads (OMP_NUM_THREADS, default all cores). Figures go to docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include <string>

#include "frnorm/core/rng.h"
#include "frnorm/core/threads.h"
#include "frnorm/nn/backward.h"
#include "frnorm/nn/forward.h"
#include "frnorm/nn/network.h"

namespace {

using frnorm::Matrix;

const std::vector<int> kWidths = {784, 256, 256, 10};

// 2·n·Σ in·out for the forward pass; backward adds the weight gradients (2·n·Σ in·out) and the
// input gradients of every layer but the first.
double forward_flops(double n) {
  double macs = 0;
  for (std::size_t l = 1; l < kWidths.size(); ++l) {
    macs += static_cast<double>(kWidths[l - 1]) * kWidths[l];
  }
  return 2.0 * n * macs;
}
double backward_flops(double n) {
  double macs = forward_flops(n) / (2.0 * n);
  for (std::size_t l = 2; l < kWidths.size(); ++l) {
    macs += static_cast<double>(kWidths[l - 1]) * kWidths[l];
  }
  return 2.0 * n * macs;
}

template <typename Scalar>
frnorm::BasicNetwork<Scalar> make_network() {
  frnorm::NetworkSpec spec;
  spec.widths = kWidths;
  return frnorm::cast_network<Scalar>(frnorm::init_network(spec, 1));
}

template <typename Scalar>
Matrix<Scalar> make_inputs(Eigen::Index n) {
  frnorm::Rng rng(2);
  return frnorm::normal_matrix(784, n, rng).cwiseAbs().template cast<Scalar>();
}

void set_rate(benchmark::State& state, double flops) {
  state.counters["GFLOP/s"] =
      benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["threads"] = frnorm::num_threads();
}

// The reference: Z = W X for the first layer's shape (256 × 784) · (784 × n).
template <typename Scalar>
void BM_Gemm(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const Matrix<Scalar> w = make_network<Scalar>().layers[0].weight;
  const Matrix<Scalar> x = make_inputs<Scalar>(n);
  Matrix<Scalar> z(w.rows(), n);
  for (auto _ : state) {
    z.noalias() = w * x;
    benchmark::DoNotOptimize(z.data());
  }
  set_rate(state, 2.0 * static_cast<double>(w.rows()) * w.cols() * n);
}

template <typename Scalar>
void BM_Forward(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const auto network = make_network<Scalar>();
  const Matrix<Scalar> x = make_inputs<Scalar>(n);
  for (auto _ : state) {
    Matrix<Scalar> f = frnorm::forward(network, x);
    benchmark::DoNotOptimize(f.data());
  }
  set_rate(state, forward_flops(static_cast<double>(n)));
}

template <typename Scalar>
void BM_ForwardBackward(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const auto network = make_network<Scalar>();
  const Matrix<Scalar> x = make_inputs<Scalar>(n);
  const Matrix<Scalar> df = Matrix<Scalar>::Constant(10, n, Scalar(0.01));
  for (auto _ : state) {
    const frnorm::ForwardTape<Scalar> tape = frnorm::forward_pass(network, x);
    auto gradients = frnorm::backward(network, tape, df);
    benchmark::DoNotOptimize(gradients.params[0].weight.data());
  }
  set_rate(state, forward_flops(static_cast<double>(n)) + backward_flops(static_cast<double>(n)));
}

BENCHMARK(BM_Gemm<float>)->Arg(128)->Arg(1000)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_Gemm<double>)->Arg(128)->Arg(1000)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_Forward<float>)->Arg(128)->Arg(1000)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_Forward<double>)->Arg(128)->Arg(1000)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_ForwardBackward<float>)
    ->Arg(128)
    ->Arg(1000)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK(BM_ForwardBackward<double>)
    ->Arg(128)
    ->Arg(1000)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
