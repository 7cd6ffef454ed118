// A Surface drawn as the notes draw it (MISSION §6): filled contours of g, ∂g/∂(1) and ∂g/∂(2)
// in a diverging red-blue palette centred at 0, and a fourth panel with the contours of both
// derivatives in black over the filled contours of g.
#pragma once

#include <string>

#include "frnorm/plot/figure.h"
#include "frnorm/plot/surface.h"

namespace frnorm {

// Panel titles and axis labels, in gnuplot's enhanced text (x_1 is x with subscript 1).
struct SurfaceLabels {
  std::string title;  // over the four panels
  std::string axis1 = "x_1";
  std::string axis2 = "x_2";
  std::string value = "f(x)";
  std::string d1 = "∂f/∂x_1";
  std::string d2 = "∂f/∂x_2";
  std::string overlay = "f, with the contours of ∂f/∂x_1 and ∂f/∂x_2";
};

// PREFIX.dat: columns coordinate 1, coordinate 2, g, ∂g/∂1, ∂g/∂2; one blank-line-separated
// block per value of coordinate 1 (gnuplot's grid format).
std::string surface_data(const Surface& surface);

std::string surface_script(const Surface& surface, const SurfaceLabels& labels,
                           const std::string& data_name, const std::string& prefix_name,
                           const FigureSize& size);

FigureFiles draw_surface(const Surface& surface, const SurfaceLabels& labels,
                         const std::string& prefix, const FigureSize& size);

}  // namespace frnorm
