#include "frnorm/plot/surface_figure.h"

#include <fmt/format.h>

#include <filesystem>

#include "frnorm/core/version.h"
#include "frnorm/plot/gnuplot.h"

namespace frnorm {
namespace {

// max |m|, or 1 where m is 0 everywhere (a colour range must not be empty).
double symmetric_limit(const MatrixD& m) {
  const double limit = m.size() > 0 ? m.cwiseAbs().maxCoeff() : 0.0;
  return limit > 0.0 && std::isfinite(limit) ? limit : 1.0;
}

}  // namespace

std::string surface_data(const Surface& surface) {
  std::string out;
  out.reserve(static_cast<std::size_t>(surface.value.size()) * 80);
  for (int i = 0; i < surface.axis1.points; ++i) {
    for (int j = 0; j < surface.axis2.points; ++j) {
      fmt::format_to(std::back_inserter(out), "{:.10g} {:.10g} {:.10g} {:.10g} {:.10g}\n",
                     surface.axis1.at(i), surface.axis2.at(j), surface.value(i, j),
                     surface.d1(i, j), surface.d2(i, j));
    }
    out += '\n';
  }
  return out;
}

std::string surface_script(const Surface& surface, const SurfaceLabels& labels,
                           const std::string& data_name, const std::string& prefix_name,
                           const FigureSize& size) {
  const auto q = [](const std::string& text) { return gnuplot_quote(text); };
  const std::string panels = fmt::format(
      R"(  set title {q_value}; set cbrange [-gmax:gmax]
  plot data using 1:2:3 with image
  set title {q_d1}; set cbrange [-d1max:d1max]
  plot data using 1:2:4 with image
  set title {q_d2}; set cbrange [-d2max:d2max]
  plot data using 1:2:5 with image
  set title {q_overlay}; set cbrange [-gmax:gmax]
  plot data using 1:2:3 with image, \
       $contours1 using 1:2 with lines linecolor 'black' linewidth 0.8, \
       $contours2 using 1:2 with lines linecolor 'black' linewidth 0.8
)",
      fmt::arg("q_value", q(labels.value)), fmt::arg("q_d1", q(labels.d1)),
      fmt::arg("q_d2", q(labels.d2)), fmt::arg("q_overlay", q(labels.overlay)));
  return fmt::format(
      R"(# {title}
# Drawn by frnorm {version}. Data: {data} (columns: {axis1}, {axis2}, g, dg/d1, dg/d2; one block
# per value of the first coordinate). Restyle freely, then re-render in this directory with
#   gnuplot {prefix}.gp
# which writes {prefix}.png and {prefix}.svg.
if (!exists("out")) out = {q_prefix}
data = {q_data}
set encoding utf8

# Each colour range is symmetric about 0 (white), from the largest |value| of its column.
gmax = {gmax:.10g}; d1max = {d1max:.10g}; d2max = {d2max:.10g}

# The derivatives' contour lines, for the fourth panel.
set contour base; unset surface; set cntrparam levels auto 15
set table $contours1
splot data using 1:2:4 with lines
unset table
set table $contours2
splot data using 1:2:5 with lines
unset table
unset contour; set surface

# Filled contours: 24 bands of a diverging palette (ColorBrewer RdBu).
set palette defined (0 '#2166ac', 0.25 '#92c5de', 0.5 '#f7f7f7', 0.75 '#f4a582', 1 '#b2182b')
set palette maxcolors 24
set size ratio -1
set xrange [{lo1:.10g}:{hi1:.10g}]; set yrange [{lo2:.10g}:{hi2:.10g}]
set xlabel {q_axis1}; set ylabel {q_axis2}
set tics out; set key off; set cbtics format '%.2g'

{loop})",
      fmt::arg("title", labels.title), fmt::arg("version", kVersion), fmt::arg("data", data_name),
      fmt::arg("axis1", labels.axis1), fmt::arg("axis2", labels.axis2),
      fmt::arg("prefix", prefix_name), fmt::arg("q_prefix", q(prefix_name)),
      fmt::arg("q_data", q(data_name)), fmt::arg("gmax", symmetric_limit(surface.value)),
      fmt::arg("d1max", symmetric_limit(surface.d1)),
      fmt::arg("d2max", symmetric_limit(surface.d2)), fmt::arg("lo1", surface.axis1.lo),
      fmt::arg("hi1", surface.axis1.hi), fmt::arg("lo2", surface.axis2.lo),
      fmt::arg("hi2", surface.axis2.hi), fmt::arg("q_axis1", q(labels.axis1)),
      fmt::arg("q_axis2", q(labels.axis2)),
      fmt::arg("loop", multiplot_for_png_and_svg(
                           size, fmt::format("title {} font ',14'", q(labels.title)), panels)));
}

FigureFiles draw_surface(const Surface& surface, const SurfaceLabels& labels,
                         const std::string& prefix, const FigureSize& size) {
  const std::string name = std::filesystem::path(prefix).filename().string();
  return write_figure(prefix, surface_data(surface),
                      surface_script(surface, labels, figure_data_name(prefix), name, size), size);
}

}  // namespace frnorm
