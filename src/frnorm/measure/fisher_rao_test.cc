// The Fisher-Rao norm: four independent methods agree, the closed forms of MISSION §3 hold, the
// norm is invariant under reparametrization, and the flatness quantities match finite
// differences of the loss along θ.
#include "frnorm/measure/fisher_rao.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "frnorm/core/threads.h"
#include "frnorm/data/synthetic.h"
#include "frnorm/io/network_file.h"
#include "frnorm/measure/norms.h"
#include "frnorm/nn/forward.h"
#include "frnorm/nn/reparam.h"
#include "frnorm/testing/expect_error.h"
#include "frnorm/testing/random_network.h"

namespace frnorm {
namespace {

using testing::random_network;
using testing::RandomNetworkOptions;

constexpr double kAgreement = 1e-10;

double relative(double a, double b) {
  return std::abs(a - b) / std::max({std::abs(a), std::abs(b), 1e-300});
}

// A data set and loss for each loss kind: d = 3 inputs.
struct Problem {
  const char* name;
  LossKind loss;
  int outputs;
  Dataset data;
};

std::vector<Problem> problems() {
  SyntheticOptions teacher;
  teacher.kind = SyntheticKind::kLinearTeacher;
  teacher.n = 40;
  teacher.dim = 3;
  teacher.classes = 3;
  teacher.noise = 0.3;
  teacher.seed = 5;
  Dataset three = make_synthetic(teacher);
  Dataset regression = three;
  regression.labels.clear();
  teacher.classes = 2;
  Dataset binary = make_synthetic(teacher);
  binary.targets.resize(0, 0);
  return {{"cross_entropy", LossKind::kCrossEntropy, 3, three},
          {"squared", LossKind::kSquared, 3, regression},
          {"squared_one_hot", LossKind::kSquared, 3,
           [&] {
             Dataset d = three;
             d.targets.resize(0, 0);
             return d;
           }()},
          {"logistic", LossKind::kLogistic, 1, binary}};
}

Network network_for(const Problem& problem, BiasMode bias, int depth, std::uint64_t seed) {
  RandomNetworkOptions options;
  options.widths = {3};
  options.widths.insert(options.widths.end(), depth, 6);
  options.widths.push_back(problem.outputs);
  options.bias = bias;
  options.weight_scale = 1.5;
  return random_network(options, seed);
}

FisherRaoSummary run(const Network& network, const Problem& problem, FisherRaoMethod method,
                     Eigen::Index batch = 1000) {
  FisherRaoOptions options;
  options.method = method;
  options.batch_size = batch;
  options.gradient_chunk = 7;  // several chunks, one of them partial
  return fisher_rao(network, problem.data, problem.loss, options);
}

void expect_agree(const FisherRaoSummary& a, const FisherRaoSummary& b, const std::string& what) {
  EXPECT_LT(relative(a.empirical_squared, b.empirical_squared), kAgreement) << what;
  EXPECT_LT(relative(a.model_squared, b.model_squared), kAgreement) << what;
  EXPECT_LT(relative(a.radial_slope, b.radial_slope), kAgreement) << what;
  EXPECT_LT(relative(a.theta_hessian_theta, b.theta_hessian_theta), kAgreement) << what;
  EXPECT_LT(relative(a.loss, b.loss), kAgreement) << what;
}

TEST(FisherRao, AllMethodsAgreeOnBiasFreeNetworks) {
  for (const Problem& problem : problems()) {
    for (int depth = 1; depth <= 3; ++depth) {
      const Network network = network_for(problem, BiasMode::kWithout, depth, depth);
      const FisherRaoSummary closed = run(network, problem, FisherRaoMethod::kClosedForm);
      EXPECT_GT(closed.empirical_squared, 1e-6);
      EXPECT_GT(closed.model_squared, 1e-6);
      for (FisherRaoMethod method : {FisherRaoMethod::kJvp, FisherRaoMethod::kPerSample,
                                     FisherRaoMethod::kMatrix, FisherRaoMethod::kAuto}) {
        const FisherRaoSummary other = run(network, problem, method);
        expect_agree(closed, other,
                     std::string(problem.name) + " depth " + std::to_string(depth) + " " +
                         fisher_rao_method_name(method));
      }
      EXPECT_EQ(run(network, problem, FisherRaoMethod::kAuto).method, FisherRaoMethod::kClosedForm);
    }
  }
}

TEST(FisherRao, WithBiasesJvpPerSampleAndMatrixAgreeAndClosedIsRefused) {
  for (const Problem& problem : problems()) {
    const Network network = network_for(problem, BiasMode::kWith, 2, 3);
    const FisherRaoSummary jvp = run(network, problem, FisherRaoMethod::kJvp);
    expect_agree(jvp, run(network, problem, FisherRaoMethod::kPerSample), problem.name);
    expect_agree(jvp, run(network, problem, FisherRaoMethod::kMatrix), problem.name);
    EXPECT_EQ(run(network, problem, FisherRaoMethod::kAuto).method, FisherRaoMethod::kJvp);
    EXPECT_FRNORM_ERROR(run(network, problem, FisherRaoMethod::kClosedForm),
                        "--method closed needs a bias-free network: the closed form rests on "
                        "(I3), which biases break; use --method jvp (or auto), exact with biases");
  }
}

// The table of MISSION §3, written out from the outputs alone.
TEST(FisherRao, ClosedFormsOfTheMissionTable) {
  for (const Problem& problem : problems()) {
    const Network network = network_for(problem, BiasMode::kWithout, 2, 9);
    const MatrixD f = forward(network, problem.data.inputs);
    const double depth2 = 9.0;  // (L+1)² with L = 2
    double empirical = 0.0;
    double model = 0.0;
    for (Eigen::Index i = 0; i < f.cols(); ++i) {
      const VectorD fi = f.col(i);
      if (problem.loss == LossKind::kCrossEntropy) {
        const VectorD p = (fi.array() - fi.maxCoeff()).exp().matrix();
        const VectorD q = p / p.sum();
        const double mean = q.dot(fi);
        empirical += std::pow(mean - fi(problem.data.labels[i]), 2);
        model += q.dot(fi.cwiseAbs2()) - mean * mean;
      } else if (problem.loss == LossKind::kSquared) {
        VectorD y = VectorD::Zero(fi.size());
        if (problem.data.has_targets()) {
          y = problem.data.targets.col(i);
        } else {
          y(problem.data.labels[i]) = 1.0;
        }
        empirical += std::pow((fi - y).dot(fi), 2);
        model += fi.squaredNorm();
      } else {
        const double s = 1.0 / (1.0 + std::exp(-fi(0)));
        empirical += std::pow((s - problem.data.labels[i]) * fi(0), 2);
        model += s * (1 - s) * fi(0) * fi(0);
      }
    }
    const double n = static_cast<double>(f.cols());
    const FisherRaoSummary closed = run(network, problem, FisherRaoMethod::kClosedForm);
    EXPECT_LT(relative(closed.empirical_squared, depth2 * empirical / n), kAgreement)
        << problem.name;
    EXPECT_LT(relative(closed.model_squared, depth2 * model / n), kAgreement) << problem.name;
  }
}

// θ·∇L and θᵀ∇²Lθ are the first and second derivatives of t ↦ L(θ + tθ) at 0.
TEST(FisherRao, FlatnessMatchesFiniteDifferencesAlongTheta) {
  for (const Problem& problem : problems()) {
    for (BiasMode bias : {BiasMode::kWithout, BiasMode::kWith}) {
      // Seed 14 keeps every |z| above 2e-3 on these data, so steps of 3e-5 along θ cross no kink.
      const Network network = network_for(problem, bias, 2, 14);
      ASSERT_GT(testing::min_abs_preactivation(network, problem.data.inputs), 2e-3);
      const FisherRaoSummary summary = run(network, problem, FisherRaoMethod::kJvp);
      const auto loss_at = [&](double t) {
        Network moved = testing::perturbed(network, network.layers, t);
        return run(moved, problem, FisherRaoMethod::kJvp).loss;
      };
      const double h = 3e-5;
      const double slope = (loss_at(h) - loss_at(-h)) / (2 * h);
      const double curvature = (loss_at(h) - 2 * loss_at(0) + loss_at(-h)) / (h * h);
      const std::string what =
          std::string(problem.name) + (bias == BiasMode::kWith ? " bias" : " bias-free");
      EXPECT_NEAR(summary.radial_slope, slope, 1e-7 * std::max(1.0, std::abs(slope))) << what;
      EXPECT_NEAR(summary.theta_hessian_theta, curvature, 1e-5 * std::max(1.0, std::abs(curvature)))
          << what;
    }
  }
}

TEST(FisherRao, ModelFormOfSquaredLossScalesAsCToTheTwoLPlusTwo) {
  const Problem problem = problems()[1];
  const int depth = 3;  // L = 3
  const Network network = network_for(problem, BiasMode::kWithout, depth, 6);
  const double c = 1.3;
  Network scaled = network;
  for (auto& layer : scaled.layers) {
    layer.weight *= c;
  }
  const double base = run(network, problem, FisherRaoMethod::kClosedForm).model_squared;
  const double moved = run(scaled, problem, FisherRaoMethod::kClosedForm).model_squared;
  EXPECT_LT(relative(moved, std::pow(c, 2 * (depth + 1)) * base), kAgreement);
}

TEST(FisherRao, InvariantUnderReparametrizationUnlikeL2) {
  const Problem problem = problems()[0];
  const Network network = network_for(problem, BiasMode::kWithout, 2, 7);
  const Network node = node_rescale(network, 1);
  const Network layer = layer_rescale(network, 1, 3.0);
  const Network permuted = permute_units(network, 2);
  const FisherRaoSummary base = run(network, problem, FisherRaoMethod::kJvp);
  const NormMeasures norms = weight_norms(network);
  for (const Network* other : {&node, &layer, &permuted}) {
    expect_agree(base, run(*other, problem, FisherRaoMethod::kJvp), "reparametrized");
  }
  const NormMeasures node_norms = weight_norms(node);
  const NormMeasures layer_norms = weight_norms(layer);
  const NormMeasures permuted_norms = weight_norms(permuted);
  EXPECT_GT(relative(node_norms.l2, norms.l2), 1e-3);
  EXPECT_GT(relative(layer_norms.l2, norms.l2), 1e-3);
  // The spectral product survives layer rescaling, not node rescaling.
  EXPECT_LT(relative(layer_norms.spectral_product, norms.spectral_product), kAgreement);
  EXPECT_GT(relative(node_norms.spectral_product, norms.spectral_product), 1e-3);
  // The path norm survives both.
  EXPECT_LT(relative(layer_norms.path_norm, norms.path_norm), kAgreement);
  EXPECT_LT(relative(node_norms.path_norm, norms.path_norm), kAgreement);
  // Permutation changes no norm.
  EXPECT_LT(relative(permuted_norms.l2, norms.l2), kAgreement);
  EXPECT_LT(relative(permuted_norms.spectral_product, norms.spectral_product), kAgreement);
}

TEST(FisherRao, InvariantUnderNodeRescalingWithBiases) {
  const Problem problem = problems()[0];
  const Network network = network_for(problem, BiasMode::kWith, 3, 8);
  expect_agree(run(network, problem, FisherRaoMethod::kJvp),
               run(node_rescale(network, 3), problem, FisherRaoMethod::kJvp), "bias node");
  expect_agree(run(network, problem, FisherRaoMethod::kJvp),
               run(layer_rescale(network, 2, 0.25), problem, FisherRaoMethod::kJvp), "bias layer");
}

TEST(FisherRao, BatchSizeAndThreadCountDoNotChangeTheResult) {
  const Problem problem = problems()[0];
  const Network network = network_for(problem, BiasMode::kWith, 2, 10);
  const int threads = num_threads();
  set_num_threads(1);
  const FisherRaoSummary one = run(network, problem, FisherRaoMethod::kJvp, 1000);
  set_num_threads(2);
  const FisherRaoSummary two = run(network, problem, FisherRaoMethod::kJvp, 1000);
  const FisherRaoSummary small = run(network, problem, FisherRaoMethod::kJvp, 3);
  set_num_threads(threads);
  EXPECT_LT(relative(one.empirical_squared, two.empirical_squared), 1e-12);
  EXPECT_LT(relative(one.model_squared, two.model_squared), 1e-12);
  EXPECT_LT(relative(one.theta_hessian_theta, two.theta_hessian_theta), 1e-12);
  expect_agree(one, small, "batch 3");
}

// PyTorch's autograd on the committed fixture (tests/fixtures/make_torch_fixture.py): per-sample
// gradients for both forms and double backward for θᵀHθ, a network with biases.
TEST(FisherRao, AgreesWithPyTorchAutogradOnTheFixture) {
  const std::string fixtures = std::string(FRNORM_SOURCE_DIR) + "/tests/fixtures/";
  const Network network = read_network(fixtures + "torch_sequential.safetensors").network;
  std::ifstream stream(fixtures + "torch_sequential_reference.json");
  const nlohmann::json reference = nlohmann::json::parse(stream);
  Dataset data;
  data.name = "fixture";
  const auto inputs = reference["inputs"].get<std::vector<std::vector<double>>>();
  data.inputs.resize(3, static_cast<Eigen::Index>(inputs.size()));
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (std::size_t j = 0; j < 3; ++j) {
      data.inputs(j, i) = inputs[i][j];
    }
  }
  data.labels = reference["labels"].get<std::vector<int>>();
  data.num_classes = 2;
  const Problem problem{"fixture", LossKind::kCrossEntropy, 2, data};
  const auto& torch = reference["cross_entropy"];
  for (FisherRaoMethod method :
       {FisherRaoMethod::kJvp, FisherRaoMethod::kPerSample, FisherRaoMethod::kMatrix}) {
    const FisherRaoSummary ours = run(network, problem, method);
    const std::string what = fisher_rao_method_name(method);
    EXPECT_LT(relative(ours.empirical_squared, torch["empirical_squared"]), 1e-12) << what;
    EXPECT_LT(relative(ours.model_squared, torch["model_squared"]), 1e-12) << what;
    EXPECT_LT(relative(ours.radial_slope, torch["radial_slope"]), 1e-12) << what;
    EXPECT_LT(relative(ours.theta_hessian_theta, torch["theta_hessian_theta"]), 1e-12) << what;
    EXPECT_LT(relative(ours.loss, torch["mean_loss"]), 1e-12) << what;
  }
}

TEST(FisherRao, RefusesTheMatrixAboveItsLimitAndBadOptions) {
  const Problem problem = problems()[0];
  const Network network = network_for(problem, BiasMode::kWithout, 1, 0);
  FisherRaoOptions options;
  options.method = FisherRaoMethod::kMatrix;
  options.max_matrix_params = 10;
  EXPECT_FRNORM_ERROR(fisher_rao(network, problem.data, problem.loss, options),
                      "--method matrix: the network has 36 parameters, above the limit of 10 "
                      "(the two Fisher matrices take 0.0 GB); raise --max-matrix-params or use "
                      "--method jvp");
  options.batch_size = 0;
  EXPECT_FRNORM_ERROR(fisher_rao(network, problem.data, problem.loss, options),
                      "--batch-size must be at least 1");
  EXPECT_FRNORM_ERROR(parse_fisher_rao_method("kfac", "--method"),
                      "--method: unknown method 'kfac' (expected auto, closed, jvp, per_sample or "
                      "matrix)");
}

}  // namespace
}  // namespace frnorm
