#include "frnorm/plot/run_figure.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <filesystem>

#include "frnorm/core/error.h"
#include "frnorm/core/version.h"
#include "frnorm/plot/gnuplot.h"
#include "frnorm/train/run_directory.h"

namespace frnorm {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<const char*, 8> kColumns = {"train_loss",
                                                 "test_loss",
                                                 "train_acc",
                                                 "test_acc",
                                                 "fr_empirical_squared_train",
                                                 "fr_empirical_squared_test",
                                                 "fr_model_squared_train",
                                                 "fr_model_squared_test"};

struct Panel {
  const char* title;
  const char* key;   // where the legend goes
  int train_column;  // in PREFIX.dat, 1-based; test is the next one
  bool log_scale;
};

constexpr std::array<Panel, 4> kPanels = {{{"loss", "top right", 2, false},
                                           {"accuracy", "bottom right", 4, false},
                                           {"empirical ‖θ‖^2_{fr}", "bottom right", 6, true},
                                           {"model ‖θ‖^2_{fr}", "bottom right", 8, true}}};

// One panel's plot command: the columns with values, or a note where none has any.
std::string panel_commands(const Panel& panel, const std::array<bool, 8>& present, bool positive) {
  std::string out =
      fmt::format("  set title {}; set key {}\n", gnuplot_quote(panel.title), panel.key);
  const bool train = present[static_cast<std::size_t>(panel.train_column - 2)];
  const bool test = present[static_cast<std::size_t>(panel.train_column - 1)];
  if (!train && !test) {
    return out + empty_panel("not measured in this run");
  }
  const bool log = panel.log_scale && positive;
  out += log ? "  set logscale y\n" : "";
  std::string plots;
  if (train) {
    plots += fmt::format("data using 1:{} with linespoints linestyle 1 title 'train'",
                         panel.train_column);
  }
  if (test) {
    plots += fmt::format("{}data using 1:{} with linespoints linestyle 2 title 'test'",
                         train ? ", " : "", panel.train_column + 1);
  }
  return out + "  plot " + plots + "\n" + (log ? "  unset logscale y\n" : "");
}

}  // namespace

FigureFiles draw_run(const std::string& run_dir, const std::string& prefix,
                     const FigureSize& size) {
  const std::string metrics_path = (std::filesystem::path(run_dir) / "metrics.jsonl").string();
  if (!std::filesystem::exists(metrics_path)) {
    throw Error(fmt::format("{}: no such file ({} is not a run directory of frnorm train)",
                            metrics_path, run_dir));
  }
  const std::vector<Json> lines = read_metrics(metrics_path);
  if (lines.empty()) {
    throw Error(fmt::format("{}: no measured epoch yet", metrics_path));
  }
  std::array<bool, 8> present{};
  std::array<bool, 8> positive{};
  positive.fill(true);
  std::string data = "# epoch";
  for (const char* column : kColumns) {
    data += fmt::format(" {}", column);
  }
  data += '\n';
  for (const Json& line : lines) {
    data += fmt::format("{}", line["epoch"].get<int>());
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
      const auto value = line.find(kColumns[c]);
      if (value == line.end() || !value->is_number()) {
        data += " ?";
        continue;
      }
      const double x = value->get<double>();
      present[c] = true;
      positive[c] = positive[c] && x > 0.0;
      data += fmt::format(" {:.10g}", x);
    }
    data += '\n';
  }
  std::string panels;
  for (const Panel& panel : kPanels) {
    const auto c = static_cast<std::size_t>(panel.train_column - 2);
    panels += panel_commands(panel, present, positive[c] && positive[c + 1]);
  }
  const std::string name = std::filesystem::path(prefix).filename().string();
  const std::string title_options = fmt::format(
      "title {} noenhanced font ',14'",
      gnuplot_quote(fmt::format("frnorm run {}",
                                std::filesystem::path(run_dir).lexically_normal().string())));
  const std::string script = fmt::format(
      R"(# The curves of the training run {run}.
# Drawn by frnorm {version}. Data: {data} (columns: epoch, {columns}; '?' = not measured).
# Restyle freely, then re-render in this directory with
#   gnuplot {name}.gp
if (!exists("out")) out = {q_name}
data = {q_data}
set encoding utf8
set datafile missing '?'
set style line 1 linecolor '#1f77b4' linewidth 2 pointtype 7 pointsize 0.6
set style line 2 linecolor '#d62728' linewidth 2 pointtype 5 pointsize 0.6
set xlabel 'epoch'; set grid; set tics out
{loop})",
      fmt::arg("run", run_dir), fmt::arg("version", kVersion),
      fmt::arg("data", figure_data_name(prefix)), fmt::arg("columns", fmt::join(kColumns, ", ")),
      fmt::arg("name", name), fmt::arg("q_name", gnuplot_quote(name)),
      fmt::arg("q_data", gnuplot_quote(figure_data_name(prefix))),
      fmt::arg("loop", multiplot_for_png_and_svg(size, title_options, panels)));
  return write_figure(prefix, data, script, size);
}

}  // namespace frnorm
