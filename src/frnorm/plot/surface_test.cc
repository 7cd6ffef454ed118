// The plotted surfaces against independent computations: their derivative panels against
// central differences of f, the weight plane against a network with W_l replaced, and the
// geometric facts the figures are drawn to show.
#include "frnorm/plot/surface.h"

#include <gtest/gtest.h>

#include "frnorm/nn/forward.h"
#include "frnorm/plot/notes_figures.h"
#include "frnorm/testing/expect_error.h"
#include "frnorm/testing/random_network.h"

namespace frnorm {
namespace {

using testing::central_difference;
using testing::min_abs_preactivation;

constexpr double kStep = 1e-6;

double f_at(const Network& network, double x1, double x2) {
  return forward(network, MatrixD{{x1}, {x2}})(0, 0);
}

// Every 7th grid point whose pre-activations stay clear of 0 by far more than the step.
template <typename Check>
int for_smooth_points(const Surface& s, const std::function<bool(double, double)>& smooth,
                      Check check) {
  int checked = 0;
  for (int i = 0; i < s.axis1.points; i += 7) {
    for (int j = 0; j < s.axis2.points; j += 7) {
      if (smooth(s.axis1.at(i), s.axis2.at(j))) {
        check(i, j);
        ++checked;
      }
    }
  }
  return checked;
}

TEST(InputSurface, DerivativePanelsAreFiniteDifferencesOfF) {
  for (const Network& network : notes_networks(5)) {
    const Axis axis{-2.0, 2.0, 41};
    const Surface s = input_surface(network, axis, axis);
    ASSERT_EQ(s.value.rows(), 41);
    ASSERT_EQ(s.value.cols(), 41);
    const auto smooth = [&](double a, double b) {
      return min_abs_preactivation(network, MatrixD{{a}, {b}}) > 1e-4;
    };
    const int checked = for_smooth_points(s, smooth, [&](int i, int j) {
      const double a = s.axis1.at(i);
      const double b = s.axis2.at(j);
      EXPECT_NEAR(s.value(i, j), f_at(network, a, b), 1e-14);
      EXPECT_NEAR(s.d1(i, j),
                  central_difference([&](double t) { return f_at(network, a + t, b); }, kStep),
                  1e-8);
      EXPECT_NEAR(s.d2(i, j),
                  central_difference([&](double t) { return f_at(network, a, b + t); }, kStep),
                  1e-8);
    });
    EXPECT_GT(checked, 20);
  }
}

TEST(InputSurface, BiasFreeIsZeroAtTheOriginAndHomogeneousIsNot) {
  const std::vector<Network> networks = notes_networks(0);
  const Axis axis{-2.0, 2.0, 21};  // the middle point is exactly 0
  ASSERT_EQ(axis.at(10), 0.0);
  EXPECT_NE(input_surface(networks[0], axis, axis).value(10, 10), 0.0);
  EXPECT_EQ(input_surface(networks[1], axis, axis).value(10, 10), 0.0);
  EXPECT_GT(std::abs(input_surface(networks[2], axis, axis).value(10, 10)), 1e-6);
}

TEST(InputSurface, BiasFreeIsPositivelyHomogeneousAlongRays) {
  const Network network = notes_networks(2)[1];
  const Axis axis{-2.0, 2.0, 41};
  const Surface s = input_surface(network, axis, axis);
  // Grid point (i, j) is 2× the point (20 + (i-20)/2, 20 + (j-20)/2) for even offsets.
  for (int i = 0; i <= 40; i += 4) {
    for (int j = 0; j <= 40; j += 4) {
      EXPECT_NEAR(s.value(i, j), 2.0 * s.value(20 + (i - 20) / 2, 20 + (j - 20) / 2), 1e-14);
    }
  }
}

TEST(InputSurface, RefusesANetworkThatIsNotPlanar) {
  const Network network = testing::random_network({.widths = {3, 4, 1}}, 1);
  EXPECT_FRNORM_ERROR(input_surface(network, Axis{}, Axis{}),
                      "input_surface: the network has 3 inputs and 1 outputs; a plot over the "
                      "input plane needs 2 inputs and 1 output");
  const Network two = testing::random_network({.widths = {2, 4, 1}}, 1);
  EXPECT_FRNORM_ERROR(
      input_surface(two, Axis{1.0, 1.0, 5}, Axis{}),
      "input_surface: a grid axis needs lo < hi and at least 2 points (got 1:1, 5)");
}

TEST(WeightPlane, FrameIsOrthogonalAndAsLongAsTheLayer) {
  const Network network = notes_networks(1)[1];
  const WeightPlane plane = weight_plane_through(network, 1, notes_weight_plane_input(), 9);
  EXPECT_NEAR(plane.u.cwiseProduct(plane.v).sum(), 0.0, 1e-12 * plane.u.squaredNorm());
  EXPECT_NEAR(plane.v.norm(), plane.u.norm(), 1e-12);
  EXPECT_EQ(plane.u, network.layers[1].weight);
}

TEST(WeightPlane, SurfaceIsTheNetworkWithThatLayerReplaced) {
  for (const int layer : {0, 1, 3}) {  // first, middle and output layer
    for (const Network& network : notes_networks(3)) {
      const VectorD x{{0.7, -1.3}};
      const WeightPlane plane = weight_plane_through(network, layer, x, 4);
      const Axis axis{-1.5, 1.5, 31};
      const Surface s = weight_plane_surface(network, plane, axis, axis);
      const auto g = [&](double a, double b) {
        return forward(network_on_weight_plane(network, plane, a, b), MatrixD(x))(0, 0);
      };
      const auto smooth = [&](double a, double b) {
        return min_abs_preactivation(network_on_weight_plane(network, plane, a, b), MatrixD(x)) >
               1e-4;
      };
      const int checked = for_smooth_points(s, smooth, [&](int i, int j) {
        const double a = s.axis1.at(i);
        const double b = s.axis2.at(j);
        EXPECT_NEAR(s.value(i, j), g(a, b), 1e-14);
        EXPECT_NEAR(s.d1(i, j), central_difference([&](double t) { return g(a + t, b); }, kStep),
                    1e-8);
        EXPECT_NEAR(s.d2(i, j), central_difference([&](double t) { return g(a, b + t); }, kStep),
                    1e-8);
      });
      EXPECT_GT(checked, 10) << "layer " << layer;
    }
  }
}

TEST(WeightPlane, PointOneZeroIsTheNetworkAndBiasFreeIsHomogeneous) {
  const Network network = notes_networks(6)[1];
  const VectorD x = notes_weight_plane_input();
  const WeightPlane plane = weight_plane_through(network, 2, x, 1);
  const Axis axis{-2.0, 2.0, 41};  // a = 1 at i = 30, 0 at i = 20
  const Surface s = weight_plane_surface(network, plane, axis, axis);
  EXPECT_NEAR(s.value(30, 20), forward(network, MatrixD(x))(0, 0), 1e-15);
  EXPECT_EQ(s.value(20, 20), 0.0);
  for (int i = 0; i <= 40; i += 4) {
    for (int j = 0; j <= 40; j += 4) {
      EXPECT_NEAR(s.value(i, j), 2.0 * s.value(20 + (i - 20) / 2, 20 + (j - 20) / 2), 1e-14);
    }
  }
}

TEST(WeightPlane, RefusesBadLayersInputsAndOutputs) {
  const Network network = notes_networks(0)[1];
  EXPECT_FRNORM_ERROR(weight_plane_through(network, 4, notes_weight_plane_input(), 0),
                      "weight plane: the network has layers 0 to 3, not 4");
  EXPECT_FRNORM_ERROR(weight_plane_through(network, 1, VectorD::Zero(3), 0),
                      "weight plane: the input has 3 values; the network takes 2");
  const Network wide = testing::random_network({.widths = {2, 4, 2}}, 1);
  const WeightPlane plane = weight_plane_through(wide, 0, VectorD::Zero(2), 0);
  EXPECT_FRNORM_ERROR(weight_plane_surface(wide, plane, Axis{}, Axis{}),
                      "weight plane: the network has 2 outputs; the plot needs 1");
}

}  // namespace
}  // namespace frnorm
