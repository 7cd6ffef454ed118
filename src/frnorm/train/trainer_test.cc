// The trainer: deterministic, resumable bit for bit through a checkpoint file, stopped cleanly by
// a NaN or an interruption, and refusing bad options before it starts.
#include "frnorm/train/trainer.h"

#include <gtest/gtest.h>

#include <cstring>

#include "frnorm/data/data_spec.h"
#include "frnorm/io/network_file.h"
#include "frnorm/measure/fisher_rao.h"
#include "frnorm/nn/params.h"
#include "frnorm/testing/expect_error.h"
#include "frnorm/testing/temp_dir.h"
#include "frnorm/train/checkpoint.h"

namespace frnorm {
namespace {

using Trainer = testing::TempDirTest;

Dataset moons() { return load_dataset("synthetic:blobs,n=200,classes=3,dim=4", "--data"); }

TrainState fresh_state(BiasMode bias = BiasMode::kWithout) {
  NetworkSpec spec;
  spec.widths = {4, 16, 16, 3};
  spec.bias = bias;
  TrainState state;
  state.network = cast_network<float>(init_network(spec, 3));
  state.rng = Rng(4);
  return state;
}

TrainOptions options(int epochs) {
  TrainOptions o;
  o.epochs = epochs;
  o.batch_size = 32;
  o.learning_rate = 0.05;
  o.sgd = {0.9, Momentum::kNesterov, 1e-4};
  o.fr_reg = 0.01;
  o.measure_limit = 100;
  return o;
}

struct Recorded {
  std::vector<EpochMetrics> metrics;
};

TrainCallbacks recorder(Recorded& recorded) {
  TrainCallbacks callbacks;
  callbacks.on_epoch = [&recorded](const TrainState&, const EpochMetrics* m) {
    if (m != nullptr) {
      recorded.metrics.push_back(*m);
    }
  };
  return callbacks;
}

bool same_bits(const Params<float>& a, const Params<float>& b) {
  const VectorF fa = flatten(a);
  const VectorF fb = flatten(b);
  return fa.size() == fb.size() &&
         std::memcmp(fa.data(), fb.data(), sizeof(float) * static_cast<std::size_t>(fa.size())) ==
             0;
}

TEST_F(Trainer, MeasuresTheFirstMeasureLimitSamplesOfEachSplit) {
  const Dataset data = moons();
  const Dataset test = load_dataset("synthetic:blobs,n=150,classes=3,dim=4,seed=9", "--data");
  for (const Eigen::Index limit : {Eigen::Index{60}, Eigen::Index{170}}) {
    Recorded recorded;
    TrainState state = fresh_state();
    TrainOptions o = options(1);
    o.measure_limit = limit;
    ASSERT_EQ(train(state, data, &test, o, recorder(recorded)).status, TrainStatus::kFinished);
    // The last epoch's measures, against fisher_rao by another method on the cut itself.
    FisherRaoOptions jvp;
    jvp.method = FisherRaoMethod::kJvp;
    const Network network = cast_network<double>(state.network);
    const FisherRaoSummary train_fr = fisher_rao(network, first_samples(data, limit), o.loss, jvp);
    const FisherRaoSummary test_fr = fisher_rao(network, first_samples(test, limit), o.loss, jvp);
    const EpochMetrics& m = recorded.metrics.back();
    EXPECT_NEAR(m.fr_model_squared_train, train_fr.model_squared, 1e-10 * train_fr.model_squared);
    EXPECT_NEAR(m.fr_empirical_squared_test.value(), test_fr.empirical_squared,
                1e-10 * test_fr.empirical_squared);
    EXPECT_NEAR(m.test_loss.value(), test_fr.loss, 1e-12);
  }
}

TEST_F(Trainer, LearnsAndIsDeterministic) {
  const Dataset data = moons();
  Recorded first;
  Recorded second;
  TrainState a = fresh_state();
  TrainState b = fresh_state();
  ASSERT_EQ(train(a, data, &data, options(4), recorder(first)).status, TrainStatus::kFinished);
  ASSERT_EQ(train(b, data, &data, options(4), recorder(second)).status, TrainStatus::kFinished);
  EXPECT_TRUE(same_bits(a.network.layers, b.network.layers));
  ASSERT_EQ(first.metrics.size(), 5U);  // epochs 0..4
  for (std::size_t e = 0; e < first.metrics.size(); ++e) {
    EXPECT_EQ(first.metrics[e].train_loss, second.metrics[e].train_loss);
    EXPECT_EQ(first.metrics[e].fr_model_squared_test, second.metrics[e].fr_model_squared_test);
  }
  EXPECT_LT(first.metrics.back().train_loss, 0.5 * first.metrics.front().train_loss);
  EXPECT_EQ(first.metrics.back().step, 4 * 7);  // ceil(200 / 32) steps per epoch
}

TEST_F(Trainer, ResumingFromACheckpointFileEndsWithTheSameBits) {
  const Dataset data = moons();
  Recorded ignored;
  TrainState straight = fresh_state();
  train(straight, data, nullptr, options(3), recorder(ignored));

  TrainState first_leg = fresh_state();
  train(first_leg, data, nullptr, options(1), recorder(ignored));
  write_checkpoint(path("checkpoint.safetensors"), first_leg);
  TrainState resumed = read_checkpoint(path("checkpoint.safetensors"));
  EXPECT_EQ(resumed.epoch, 1);
  EXPECT_EQ(resumed.step, 7);
  EXPECT_EQ(resumed.rng.state(), first_leg.rng.state());
  train(resumed, data, nullptr, options(3), recorder(ignored));
  EXPECT_TRUE(same_bits(resumed.network.layers, straight.network.layers));
  EXPECT_TRUE(same_bits(resumed.velocity, straight.velocity));
  EXPECT_EQ(resumed.step, straight.step);
}

TEST_F(Trainer, ANanLossStopsTheRunNamingTheEpochAndStep) {
  const Dataset data = moons();
  TrainState state = fresh_state();
  TrainOptions o = options(5);
  o.learning_rate = 1e6;
  o.fr_reg = 0.0;
  int checkpoints = 0;
  TrainCallbacks callbacks;
  callbacks.on_epoch = [&](const TrainState&, const EpochMetrics*) { ++checkpoints; };
  const TrainSummary summary = train(state, data, nullptr, o, callbacks);
  ASSERT_EQ(summary.status, TrainStatus::kDiverged);
  EXPECT_NE(summary.message.find("epoch 1 step "), std::string::npos) << summary.message;
  EXPECT_NE(summary.message.find(": the training loss is "), std::string::npos);
  EXPECT_EQ(state.epoch, 0);  // the last good epoch: the initialisation
  EXPECT_EQ(checkpoints, 1);
}

TEST_F(Trainer, AnInterruptionStopsBeforeTheNextStep) {
  const Dataset data = moons();
  TrainState state = fresh_state();
  TrainCallbacks callbacks;
  callbacks.on_epoch = [](const TrainState&, const EpochMetrics*) {};
  int steps = 0;
  callbacks.on_step = [&](const StepProgress&) { return ++steps < 10; };
  const TrainSummary summary = train(state, data, nullptr, options(5), callbacks);
  EXPECT_EQ(summary.status, TrainStatus::kInterrupted);
  EXPECT_EQ(state.step, 10);
  EXPECT_EQ(state.epoch, 1);
}

TEST_F(Trainer, RefusesBadOptionsBeforeAnyWork) {
  const Dataset data = moons();
  Recorded recorded;
  TrainState state = fresh_state();
  TrainOptions o = options(2);
  o.learning_rate = -1;
  EXPECT_FRNORM_ERROR(train(state, data, nullptr, o, recorder(recorded)),
                      "--lr must be a positive number");
  o = options(2);
  o.sgd.momentum = 1.0;
  EXPECT_FRNORM_ERROR(train(state, data, nullptr, o, recorder(recorded)),
                      "--momentum must lie in [0, 1)");
  TrainState biased = fresh_state(BiasMode::kWith);
  EXPECT_FRNORM_ERROR(train(biased, data, nullptr, options(2), recorder(recorded)),
                      "--fr-reg needs a bias-free network: the regularizer is the closed form of "
                      "‖θ‖²_fr, which rests on (I3) and biases break");
  EXPECT_TRUE(recorded.metrics.empty());
  EXPECT_FRNORM_ERROR(
      read_checkpoint(path("missing.safetensors")),
      "cannot open '" + path("missing.safetensors") + "': No such file or directory");
}

TEST_F(Trainer, RefusesAModelFileAsACheckpoint) {
  write_network(path("model.safetensors"), cast_network<double>(fresh_state().network),
                DType::kF32);
  EXPECT_FRNORM_ERROR(read_checkpoint(path("model.safetensors")),
                      path("model.safetensors") +
                          ": not a frnorm checkpoint (no 'frnorm_checkpoint' in __metadata__)");
}

}  // namespace
}  // namespace frnorm
