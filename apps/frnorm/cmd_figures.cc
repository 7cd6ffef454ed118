// frnorm figures: the notes' four figures (MISSION §6), data, scripts, PNG and SVG.
#include <fmt/format.h>

#include "cli_support.h"
#include "commands.h"
#include "frnorm/plot/notes_figures.h"

namespace frnorm::cli {
namespace {

struct FiguresOptions {
  std::string out;
  std::uint64_t seed = 0;
  int grid = 201;
  double range = 2.0;
  std::string size = "1200x1000";
};

void run_figures(const FiguresOptions& o) {
  NotesFigureOptions options;
  options.seed = o.seed;
  options.grid = o.grid;
  options.range = o.range;
  options.size = parse_figure_size(o.size, "--size");
  for (const FigureFiles& files : draw_notes_figures(o.out, options)) {
    report_figure(files);
  }
}

}  // namespace

void add_figures_command(CLI::App& app) {
  auto o = std::make_shared<FiguresOptions>();
  CLI::App* c = app.add_subcommand(
      "figures",
      "Draw the notes' figures: 2-15-15-15-1 ReLU nets with biases, without, with homogeneous "
      "coordinates, and f over a plane of one layer's weights");
  c->add_option("--out", o->out, "Directory for the figures (data, .gp, PNG, SVG, networks)")
      ->required();
  c->add_option("--seed", o->seed, "Seed of the networks' PyTorch-default weights")
      ->capture_default_str();
  c->add_option("--grid", o->grid, "Grid points per axis")
      ->capture_default_str()
      ->check(CLI::Range(2, 2001));
  c->add_option("--range", o->range, "Draw [-R, R] on each axis")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  c->add_option("--size", o->size, "Image size WIDTHxHEIGHT in pixels")->capture_default_str();
  c->callback([o] { run_figures(*o); });
}

}  // namespace frnorm::cli
