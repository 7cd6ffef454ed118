#include "frnorm/nn/identities.h"

#include <algorithm>
#include <cmath>

#include "frnorm/core/error.h"
#include "frnorm/nn/forward.h"
#include "frnorm/nn/jvp.h"

namespace frnorm {

Residual residual(const MatrixD& lhs, const MatrixD& rhs) {
  FRNORM_CHECK(lhs.rows() == rhs.rows() && lhs.cols() == rhs.cols(), "residual: shapes differ");
  Residual result;
  for (Eigen::Index i = 0; i < lhs.size(); ++i) {
    const double a = lhs.data()[i];
    const double b = rhs.data()[i];
    const double difference = std::abs(a - b);
    const double scale = std::max({std::abs(a), std::abs(b), 1e-300});
    result.max_abs = std::max(result.max_abs, difference);
    result.max_rel = std::max(result.max_rel, difference / scale);
  }
  return result;
}

IdentityResiduals identity_residuals(const Network& network, const MatrixD& x) {
  const int depth = network.num_hidden_layers() + 1;  // L + 1
  IdentityResiduals result;
  result.n = x.cols();

  // (I1): the tangent along the input itself.
  const JvpResult<double> along_input =
      jvp(network, x, Params<double>{}, network_input(network, x));
  const MatrixD& f = along_input.output;
  result.i1 = residual(f, along_input.tangent);

  // (I2): for each layer, the tangent along that layer's weight alone.
  for (int l = 1; l <= depth; ++l) {
    Params<double> direction(network.layers.size());
    direction[l - 1].weight = network.layers[l - 1].weight;
    result.i2.push_back(residual(f, jvp(network, x, direction).tangent));
  }

  const MatrixD scaled_f = static_cast<double>(depth) * f;
  // (I3): the tangent along θ.
  result.i3 = residual(scaled_f, jvp_along_theta(network, x).tangent);

  // (I3b): scaling {W_l, b_l, ..., b_{L+1}} by c scales f by c, so the bias of layer l is
  // counted l times.
  Params<double> weighted = network.layers;
  for (int l = 1; l <= depth; ++l) {
    weighted[l - 1].bias *= static_cast<double>(l);
  }
  result.i3b = residual(scaled_f, jvp(network, x, weighted).tangent);
  return result;
}

}  // namespace frnorm
