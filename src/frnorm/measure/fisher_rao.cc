#include "frnorm/measure/fisher_rao.h"

#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <vector>

#include "frnorm/core/error.h"
#include "frnorm/measure/batches.h"
#include "frnorm/nn/backward.h"
#include "frnorm/nn/forward.h"
#include "frnorm/nn/jvp.h"
#include "frnorm/nn/params.h"

namespace frnorm {

namespace {

// Legend: f, u = J_θ f θ, ü = d²f/dt² along θ, all K × n; g = ∂ℓ/∂f; a_i = <g_i, u_i> = θ·∇_θ ℓ_i.
// Per-block sums; their totals divided by n are the summary's means.
struct Sums {
  double empirical = 0.0;  // Σ a_i²
  double model = 0.0;      // Σ u_iᵀ F_i u_i
  double slope = 0.0;      // Σ a_i
  double curvature = 0.0;  // Σ <g_i, ü_i>
  double loss = 0.0;       // Σ ℓ_i

  void add(const Sums& other) {
    empirical += other.empirical;
    model += other.model;
    slope += other.slope;
    curvature += other.curvature;
    loss += other.loss;
  }
};

Sums sums_from_tangents(LossKind kind, const MatrixD& f, const MatrixD& u, const MatrixD& u_ddot,
                        const TargetBatch& targets) {
  const LossBatch loss = evaluate_loss(kind, f, targets);
  const VectorD a = loss.grad.cwiseProduct(u).colwise().sum().transpose();
  Sums sums;
  sums.empirical = a.squaredNorm();
  sums.slope = a.sum();
  sums.model = model_expectation(kind, f, u).sum();
  sums.curvature = loss.grad.cwiseProduct(u_ddot).sum();
  sums.loss = loss.value.sum();
  return sums;
}

// Method 1: by (I3), u = (L+1) f and ü = L(L+1) f, from one forward pass.
Sums closed_form_sums(const Network& network, LossKind kind, const Batch& batch) {
  const MatrixD f = forward(network, batch.x);
  const double depth = network.num_hidden_layers() + 1.0;
  return sums_from_tangents(kind, f, depth * f, (depth - 1.0) * depth * f, batch.targets);
}

// Method 2: the tangents in forward mode.
Sums jvp_sums(const Network& network, LossKind kind, const Batch& batch) {
  const SecondOrderJvp<double> tangents = jvp2_along_theta(network, batch.x);
  return sums_from_tangents(kind, tangents.output, tangents.first, tangents.second, batch.targets);
}

// The gradient of output f_k for each sample into `gradients`, num_params × n.
void output_gradient(const Network& network, const ForwardTape<double>& tape, Eigen::Index k,
                     MatrixD& gradients) {
  MatrixD unit = MatrixD::Zero(network.output_dim(), tape.output.cols());
  unit.row(k).setOnes();
  per_sample_gradients(network, tape, unit, gradients);
}

// Methods 3 and 4 share this: the per-sample loss gradients g_i = ∇_θ ℓ_i (columns of
// `gradients`, a buffer reused across chunks). The curvature term <∂ℓ/∂f, ü> comes from forward
// mode, as no per-sample gradient carries second derivatives.
struct PerSampleBlock {
  ForwardTape<double> tape;
  LossBatch loss;
  Sums sums;  // slope, curvature and loss filled in; empirical and model left to the method
};

PerSampleBlock per_sample_block(const Network& network, const VectorD& theta, LossKind kind,
                                const Batch& batch, MatrixD& gradients) {
  PerSampleBlock block;
  block.tape = forward_pass(network, batch.x);
  block.loss = evaluate_loss(kind, block.tape.output, batch.targets);
  per_sample_gradients(network, block.tape, block.loss.grad, gradients);
  block.sums.slope = (gradients.transpose() * theta).sum();
  block.sums.loss = block.loss.value.sum();
  block.sums.curvature =
      block.loss.grad.cwiseProduct(jvp2_along_theta(network, batch.x).second).sum();
  return block;
}

// Method 3: a_i = g_i · θ and u_ik = ∇_θ f_k(x_i) · θ from explicit per-sample gradients, one
// output at a time so that memory holds two gradient blocks.
Sums per_sample_sums(const Network& network, const VectorD& theta, LossKind kind,
                     const Batch& batch, MatrixD& gradients) {
  PerSampleBlock block = per_sample_block(network, theta, kind, batch, gradients);
  const VectorD a = gradients.transpose() * theta;
  MatrixD u(network.output_dim(), batch.x.cols());
  for (Eigen::Index k = 0; k < u.rows(); ++k) {
    output_gradient(network, block.tape, k, gradients);
    u.row(k) = (gradients.transpose() * theta).transpose();
  }
  block.sums.empirical = a.squaredNorm();
  block.sums.model = model_expectation(kind, block.tape.output, u).sum();
  return block.sums;
}

// Method 4 accumulates I_emp = Σ g_i g_iᵀ and I_model = Σ_i J_iᵀ F_i J_i (lower triangles),
// writing F_i = Q Λ Qᵀ so that J_iᵀ F_i J_i = Σ_j w_j w_jᵀ with w_j = J_iᵀ q_j √λ_j.
Sums matrix_accumulate(const Network& network, const VectorD& theta, LossKind kind,
                       const Batch& batch, MatrixD& empirical, MatrixD& model) {
  MatrixD loss_gradients;
  PerSampleBlock block = per_sample_block(network, theta, kind, batch, loss_gradients);
  empirical.selfadjointView<Eigen::Lower>().rankUpdate(loss_gradients);
  const Eigen::Index K = network.output_dim();
  const Eigen::Index n = batch.x.cols();
  std::vector<MatrixD> jacobian;  // element k: ∇_θ f_k for each sample
  for (Eigen::Index k = 0; k < K; ++k) {
    output_gradient(network, block.tape, k, jacobian.emplace_back());
  }
  MatrixD w = MatrixD::Zero(theta.size(), n * K);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::SelfAdjointEigenSolver<MatrixD> eigen(
        output_fisher(kind, block.tape.output.col(i)));
    for (Eigen::Index j = 0; j < K; ++j) {
      const double scale = std::sqrt(std::max(0.0, eigen.eigenvalues()(j)));
      for (Eigen::Index k = 0; k < K; ++k) {
        w.col(i * K + j) += (scale * eigen.eigenvectors()(k, j)) * jacobian[k].col(i);
      }
    }
  }
  model.selfadjointView<Eigen::Lower>().rankUpdate(w);
  return block.sums;
}

double quadratic_form(const MatrixD& lower, const VectorD& theta) {
  return theta.dot(lower.selfadjointView<Eigen::Lower>() * theta);
}

FisherRaoMethod resolve(FisherRaoMethod method, const Network& network,
                        const FisherRaoOptions& options) {
  if (method == FisherRaoMethod::kAuto) {
    return network.has_bias() ? FisherRaoMethod::kJvp : FisherRaoMethod::kClosedForm;
  }
  if (method == FisherRaoMethod::kClosedForm && network.has_bias()) {
    throw Error(
        "--method closed needs a bias-free network: the closed form rests on (I3), "
        "which biases break; use --method jvp (or auto), exact with biases");
  }
  if (method == FisherRaoMethod::kMatrix && network.num_params() > options.max_matrix_params) {
    const double gigabytes = 2.0 * 8.0 * std::pow(double(network.num_params()), 2) / 1e9;
    throw Error(fmt::format(
        "--method matrix: the network has {} parameters, above the limit of {} (the two "
        "Fisher matrices take {:.1f} GB); raise --max-matrix-params or use --method jvp",
        network.num_params(), options.max_matrix_params, gigabytes));
  }
  return method;
}

}  // namespace

std::string fisher_rao_method_name(FisherRaoMethod method) {
  switch (method) {
    case FisherRaoMethod::kAuto:
      return "auto";
    case FisherRaoMethod::kClosedForm:
      return "closed";
    case FisherRaoMethod::kJvp:
      return "jvp";
    case FisherRaoMethod::kPerSample:
      return "per_sample";
    case FisherRaoMethod::kMatrix:
      return "matrix";
  }
  throw Error("fisher_rao_method_name: unknown method");
}

FisherRaoMethod parse_fisher_rao_method(std::string_view text, std::string_view flag) {
  for (FisherRaoMethod method :
       {FisherRaoMethod::kAuto, FisherRaoMethod::kClosedForm, FisherRaoMethod::kJvp,
        FisherRaoMethod::kPerSample, FisherRaoMethod::kMatrix}) {
    if (text == fisher_rao_method_name(method)) {
      return method;
    }
  }
  throw Error(fmt::format(
      "{}: unknown method '{}' (expected auto, closed, jvp, per_sample or matrix)", flag, text));
}

bool FisherRaoOptions::is_valid(std::string* error) const {
  if (batch_size < 1) {
    *error = "--batch-size must be at least 1";
  } else if (gradient_chunk < 1) {
    *error = "the per-sample gradient chunk must be at least 1";
  } else if (max_matrix_params < 1) {
    *error = "--max-matrix-params must be at least 1";
  } else {
    return true;
  }
  return false;
}

FisherRaoSummary fisher_rao(const Network& network, const Dataset& data, LossKind loss,
                            const FisherRaoOptions& options) {
  std::string error;
  if (!options.is_valid(&error)) {
    throw Error(error);
  }
  check_loss_applies(loss, network.output_dim(), data);
  FisherRaoSummary summary;
  summary.method = resolve(options.method, network, options);
  summary.n = data.size();
  FRNORM_CHECK(summary.n > 0, "fisher_rao needs at least one sample");
  const VectorD theta = flatten(network.layers);
  Sums total;
  MatrixD empirical_matrix;
  MatrixD model_matrix;
  switch (summary.method) {
    case FisherRaoMethod::kClosedForm:
      for_each_batch(data, options.batch_size,
                     [&](const Batch& b) { total.add(closed_form_sums(network, loss, b)); });
      break;
    case FisherRaoMethod::kJvp:
      for_each_batch(data, options.batch_size,
                     [&](const Batch& b) { total.add(jvp_sums(network, loss, b)); });
      break;
    case FisherRaoMethod::kPerSample: {
      MatrixD gradients;  // one buffer for every chunk
      for_each_batch(data, options.gradient_chunk, [&](const Batch& b) {
        total.add(per_sample_sums(network, theta, loss, b, gradients));
      });
    } break;
    case FisherRaoMethod::kMatrix:
      empirical_matrix = MatrixD::Zero(theta.size(), theta.size());
      model_matrix = MatrixD::Zero(theta.size(), theta.size());
      for_each_batch(data, options.gradient_chunk, [&](const Batch& b) {
        total.add(matrix_accumulate(network, theta, loss, b, empirical_matrix, model_matrix));
      });
      total.empirical = quadratic_form(empirical_matrix, theta);
      total.model = quadratic_form(model_matrix, theta);
      break;
    case FisherRaoMethod::kAuto:
      FRNORM_CHECK(false, "resolve() returns a concrete method");
  }
  const double n = static_cast<double>(summary.n);
  summary.empirical_squared = total.empirical / n;
  summary.model_squared = total.model / n;
  summary.radial_slope = total.slope / n;
  // θᵀ∇²Lθ = mean <g, ü> + mean uᵀ ∇²_f ℓ u, and ∇²_f ℓ = F for these canonical losses.
  summary.theta_hessian_theta = total.curvature / n + summary.model_squared;
  summary.loss = total.loss / n;
  return summary;
}

}  // namespace frnorm
