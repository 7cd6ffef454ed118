#include "frnorm/measure/norms.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

namespace frnorm {

double spectral_norm(const MatrixD& weight) {
  const MatrixD gram = weight.rows() <= weight.cols() ? MatrixD(weight * weight.transpose())
                                                      : MatrixD(weight.transpose() * weight);
  const Eigen::SelfAdjointEigenSolver<MatrixD> eigen(gram, Eigen::EigenvaluesOnly);
  return std::sqrt(std::max(0.0, eigen.eigenvalues().maxCoeff()));
}

double path_norm(const Network& network) {
  VectorD v = VectorD::Ones(network.network_input_dim());
  for (const auto& layer : network.layers) {
    VectorD next = layer.weight.cwiseAbs2() * v;
    if (layer.bias.size() > 0) {
      next += layer.bias.cwiseAbs2();
    }
    v = std::move(next);
  }
  return std::sqrt(v.sum());
}

double spectral_complexity(const Network& network) {
  double lipschitz = 1.0;
  if (network.activation.kind == ActivationKind::kLeakyRelu) {
    lipschitz = std::max(1.0, std::abs(network.activation.leaky_slope));
  }
  double product = 1.0;
  double sum = 0.0;
  for (std::size_t k = 0; k < network.layers.size(); ++k) {
    const MatrixD& weight = network.layers[k].weight;
    const double sigma = spectral_norm(weight);
    // ρ multiplies the layers followed by an activation.
    product *= sigma * (k + 1 < network.layers.size() ? lipschitz : 1.0);
    const double two_one = weight.rowwise().norm().sum();
    sum += sigma > 0 ? std::pow(two_one / sigma, 2.0 / 3.0) : 0.0;
  }
  return product * std::pow(sum, 1.5);
}

NormMeasures weight_norms(const Network& network) {
  NormMeasures norms;
  norms.frobenius_product = 1.0;
  norms.spectral_product = 1.0;
  for (const auto& layer : network.layers) {
    const double frobenius = layer.weight.norm();
    norms.l2 += frobenius * frobenius;
    norms.frobenius_product *= frobenius;
    norms.spectral_norms.push_back(spectral_norm(layer.weight));
    norms.spectral_product *= norms.spectral_norms.back();
  }
  norms.path_norm = path_norm(network);
  norms.spectral_complexity = spectral_complexity(network);
  return norms;
}

}  // namespace frnorm
