// A network's output over a plane, with its two partial derivatives: over the input plane of a
// 2-input network (MISSION §6, the notes' figures 1-3) or over a plane through the origin of one
// layer's weight space with the input fixed (the figure the notes found too hard to draw).
#pragma once

#include <cstdint>

#include "frnorm/core/eigen.h"
#include "frnorm/nn/network.h"

namespace frnorm {

// `points` equally spaced values from lo to hi, both included.
struct Axis {
  double lo = -1.0;
  double hi = 1.0;
  int points = 201;

  double at(int i) const { return points == 1 ? lo : lo + (hi - lo) * i / (points - 1); }
};

// value(i, j) = g(axis1.at(i), axis2.at(j)); d1 and d2 are ∂g/∂(coordinate 1) and ∂g/∂(2)
// there, exact (reverse mode), one-sided where the grid point lies on a kink.
struct Surface {
  Axis axis1;
  Axis axis2;
  MatrixD value;
  MatrixD d1;
  MatrixD d2;
};

// Throws frnorm::Error naming `what` unless the network has 2 inputs and 1 output.
void check_planar_network(const Network& network, const char* what);

// g(x1, x2) = f([x1, x2]) for a network with 2 inputs and 1 output (homogeneous coordinates
// append their constant 1 as usual).
Surface input_surface(const Network& network, const Axis& axis1, const Axis& axis2);

// The plane {a·U + b·V} in the weight space of layer `layer` (0-based: W_{layer+1} in MISSION's
// notation), every other parameter and the input x held fixed.
struct WeightPlane {
  int layer = 0;
  MatrixD u;
  MatrixD v;
  VectorD x;
};

// U = the layer's own weights, V = a standard normal draw made orthogonal to U (Frobenius inner
// product) and scaled to ‖U‖_F, so that (a, b) = (1, 0) is the network itself and the axes
// are equally long. Throws frnorm::Error if the layer does not exist or x has the wrong width.
WeightPlane weight_plane_through(const Network& network, int layer, const VectorD& x,
                                 std::uint64_t seed);

// The network with W_layer replaced by a·U + b·V.
Network network_on_weight_plane(const Network& network, const WeightPlane& plane, double a,
                                double b);

// g(a, b) = f_{θ(a,b)}(x) for a network with 1 output. For a bias-free network f is positively
// homogeneous of degree 1 in each layer's weights (MISSION §2), so g is piecewise linear on
// wedges that meet at (0, 0), like f over the input plane.
Surface weight_plane_surface(const Network& network, const WeightPlane& plane, const Axis& a,
                             const Axis& b);

}  // namespace frnorm
