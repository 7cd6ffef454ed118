// frnorm plot geometry | run: a network's function over its input plane, or a training run's
// curves; data and gnuplot script beside the PNG and SVG.
#include <fmt/format.h>

#include <cmath>

#include "cli_support.h"
#include "commands.h"
#include "frnorm/core/error.h"
#include "frnorm/core/parse_number.h"
#include "frnorm/io/network_file.h"
#include "frnorm/plot/run_figure.h"
#include "frnorm/plot/surface.h"
#include "frnorm/plot/surface_figure.h"

namespace frnorm::cli {
namespace {

struct GeometryOptions {
  std::string model;
  std::string out;
  std::string range = "-2:2";
  int grid = 201;
  std::string size = "1200x1000";
};

struct RunPlotOptions {
  std::string run;
  std::string out;
  std::string size = "1200x900";
};

// "LO:HI" with LO < HI.
Axis parse_range(const std::string& text, int points, const char* what) {
  const std::optional<std::pair<double, double>> range = parse_number_pair<double>(text, ':');
  if (!range || !std::isfinite(range->first) || !std::isfinite(range->second) ||
      !(range->first < range->second)) {
    throw Error(fmt::format("{}: expected LO:HI with LO < HI (e.g. -2:2), got '{}'", what, text));
  }
  return Axis{range->first, range->second, points};
}

void run_geometry(const GeometryOptions& o) {
  const Axis axis = parse_range(o.range, o.grid, "--range");
  const FigureSize size = parse_figure_size(o.size, "--size");
  const NetworkFile file = read_network(o.model);
  check_planar_network(file.network, o.model.c_str());
  SurfaceLabels labels;
  labels.title = fmt::format("{} ({}, {})", std::filesystem::path(o.model).filename().string(),
                             widths_string(file.network),
                             file.network.has_bias() ? "with biases" : "bias-free");
  report_figure(draw_surface(input_surface(file.network, axis, axis), labels, o.out, size));
}

void run_run_plot(const RunPlotOptions& o) {
  const FigureSize size = parse_figure_size(o.size, "--size");
  const std::string prefix =
      o.out.empty() ? (std::filesystem::path(o.run) / "curves").string() : o.out;
  report_figure(draw_run(o.run, prefix, size));
}

}  // namespace

void add_plot_command(CLI::App& app) {
  CLI::App* plot = app.add_subcommand("plot", "Draw a network's geometry or a run's curves");
  plot->require_subcommand(1);

  auto g = std::make_shared<GeometryOptions>();
  CLI::App* geometry = plot->add_subcommand(
      "geometry",
      "f, ∂f/∂x1, ∂f/∂x2 of a network with 2 inputs and 1 output as filled contours, and the "
      "gradients' contours over f");
  geometry->add_option("--model", g->model, "Network (safetensors)")->required();
  geometry->add_option("--out", g->out, "Output prefix: writes PREFIX.dat .gp .png .svg")
      ->required();
  geometry->add_option("--range", g->range, "Input range LO:HI on both axes")
      ->capture_default_str();
  geometry->add_option("--grid", g->grid, "Grid points per axis")
      ->capture_default_str()
      ->check(CLI::Range(2, 2001));
  geometry->add_option("--size", g->size, "Image size WIDTHxHEIGHT in pixels")
      ->capture_default_str();
  geometry->callback([g] { run_geometry(*g); });

  auto r = std::make_shared<RunPlotOptions>();
  CLI::App* run = plot->add_subcommand(
      "run", "Loss, accuracy and both Fisher-Rao norms against the epoch, from metrics.jsonl");
  run->add_option("dir", r->run, "Run directory (of frnorm train)")->required();
  run->add_option("--out", r->out, "Output prefix (default: DIR/curves)");
  run->add_option("--size", r->size, "Image size WIDTHxHEIGHT in pixels")->capture_default_str();
  run->callback([r] { run_run_plot(*r); });
}

}  // namespace frnorm::cli
