#include "frnorm/plot/surface.h"

#include <fmt/format.h>

#include "frnorm/core/error.h"
#include "frnorm/core/rng.h"
#include "frnorm/nn/activation.h"
#include "frnorm/nn/backward.h"
#include "frnorm/nn/forward.h"

namespace frnorm {
namespace {

// The grid's points as columns, coordinate 1 varying slowest: column i·n2 + j is (a_i, b_j).
MatrixD grid_points(const Axis& axis1, const Axis& axis2) {
  MatrixD points(2, static_cast<Eigen::Index>(axis1.points) * axis2.points);
  for (int i = 0; i < axis1.points; ++i) {
    for (int j = 0; j < axis2.points; ++j) {
      const Eigen::Index column = static_cast<Eigen::Index>(i) * axis2.points + j;
      points(0, column) = axis1.at(i);
      points(1, column) = axis2.at(j);
    }
  }
  return points;
}

// A 1 × (n1·n2) row in grid_points' order, as an n1 × n2 matrix.
MatrixD as_grid(const MatrixD& row, const Axis& axis1, const Axis& axis2) {
  MatrixD grid(axis1.points, axis2.points);
  for (int i = 0; i < axis1.points; ++i) {
    for (int j = 0; j < axis2.points; ++j) {
      grid(i, j) = row(0, static_cast<Eigen::Index>(i) * axis2.points + j);
    }
  }
  return grid;
}

void check_axis(const Axis& axis, const char* what) {
  if (axis.points < 2 || !(axis.lo < axis.hi)) {
    throw Error(fmt::format("{}: a grid axis needs lo < hi and at least 2 points (got {}:{}, {})",
                            what, axis.lo, axis.hi, axis.points));
  }
}

}  // namespace

void check_planar_network(const Network& network, const char* what) {
  if (network.input_dim() != 2 || network.output_dim() != 1) {
    throw Error(fmt::format(
        "{}: the network has {} inputs and {} outputs; a plot over the input plane needs 2 "
        "inputs and 1 output",
        what, network.input_dim(), network.output_dim()));
  }
}

Surface input_surface(const Network& network, const Axis& axis1, const Axis& axis2) {
  check_planar_network(network, "input_surface");
  check_axis(axis1, "input_surface");
  check_axis(axis2, "input_surface");
  const MatrixD x = grid_points(axis1, axis2);
  const ForwardTape<double> tape = forward_pass(network, x);
  const MatrixD ones = MatrixD::Ones(1, x.cols());
  const MatrixD gradient = backward(network, tape, ones, InputGradient::kCompute).input;
  return {axis1, axis2, as_grid(tape.output, axis1, axis2), as_grid(gradient.row(0), axis1, axis2),
          as_grid(gradient.row(1), axis1, axis2)};
}

WeightPlane weight_plane_through(const Network& network, int layer, const VectorD& x,
                                 std::uint64_t seed) {
  if (layer < 0 || layer >= static_cast<int>(network.layers.size())) {
    throw Error(fmt::format("weight plane: the network has layers 0 to {}, not {}",
                            network.layers.size() - 1, layer));
  }
  if (x.size() != network.input_dim()) {
    throw Error(fmt::format("weight plane: the input has {} values; the network takes {}", x.size(),
                            network.input_dim()));
  }
  WeightPlane plane;
  plane.layer = layer;
  plane.x = x;
  plane.u = network.layers[static_cast<std::size_t>(layer)].weight;
  Rng rng(seed);
  plane.v = normal_matrix(plane.u.rows(), plane.u.cols(), rng);
  const double uu = plane.u.squaredNorm();
  if (uu > 0.0) {
    plane.v -= (plane.u.cwiseProduct(plane.v).sum() / uu) * plane.u;  // Gram-Schmidt
    plane.v *= std::sqrt(uu) / plane.v.norm();
  }
  return plane;
}

Network network_on_weight_plane(const Network& network, const WeightPlane& plane, double a,
                                double b) {
  Network moved = network;
  moved.layers[static_cast<std::size_t>(plane.layer)].weight = a * plane.u + b * plane.v;
  return moved;
}

Surface weight_plane_surface(const Network& network, const WeightPlane& plane, const Axis& a,
                             const Axis& b) {
  if (network.output_dim() != 1) {
    throw Error(fmt::format("weight plane: the network has {} outputs; the plot needs 1",
                            network.output_dim()));
  }
  check_axis(a, "weight plane");
  check_axis(b, "weight plane");
  const auto index = static_cast<std::size_t>(plane.layer);
  const LayerParams<double>& layer = network.layers.at(index);
  if (plane.u.rows() != layer.weight.rows() || plane.u.cols() != layer.weight.cols() ||
      plane.v.rows() != layer.weight.rows() || plane.v.cols() != layer.weight.cols()) {
    throw Error("weight plane: U and V must have the shape of the layer's weights");
  }
  // The layer's input does not depend on its weights: one forward pass to it, then
  // z(a, b) = a·(U h) + b·(V h) + bias for every grid point at once.
  const ForwardTape<double> tape = forward_pass(network, MatrixD(plane.x));
  const VectorD& h = tape.h[index];
  const VectorD p = plane.u * h;
  const VectorD q = plane.v * h;
  const MatrixD ab = grid_points(a, b);
  MatrixD z = p * ab.row(0) + q * ab.row(1);
  if (layer.bias.size() > 0) {
    z.colwise() += layer.bias;
  }
  MatrixD value;
  MatrixD dz;  // ∂g/∂z, one column per grid point
  if (index + 1 == network.layers.size()) {
    value = z;
    dz = MatrixD::Ones(1, z.cols());
  } else {
    // The rest of the network, fed σ(z).
    Network tail;
    tail.activation = network.activation;
    tail.layers.assign(network.layers.begin() + static_cast<std::ptrdiff_t>(index) + 1,
                       network.layers.end());
    MatrixD hidden = z;
    apply_activation(network.activation, hidden);
    const ForwardTape<double> rest = forward_pass(tail, hidden);
    const MatrixD ones = MatrixD::Ones(1, z.cols());
    dz = backward(tail, rest, ones, InputGradient::kCompute).input;
    multiply_by_derivative(network.activation, hidden, dz);
    value = rest.output;
  }
  return {a, b, as_grid(value, a, b), as_grid(p.transpose() * dz, a, b),
          as_grid(q.transpose() * dz, a, b)};
}

}  // namespace frnorm
