#include "frnorm/experiment/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "frnorm/core/atomic_file.h"
#include "frnorm/core/error.h"
#include "frnorm/core/version.h"
#include "frnorm/experiment/analysis.h"
#include "frnorm/experiment/results_db.h"
#include "frnorm/plot/gnuplot.h"
#include "frnorm/train/run_directory.h"

namespace frnorm {
namespace {

namespace fs = std::filesystem;

struct Quantity {
  const char* key;
  const char* title;  // gnuplot enhanced text
  const char* words;  // for sentences and table headers
  bool log_scale;
};

constexpr std::array<Quantity, 6> kPanels = {{
    {"test_acc", "test accuracy", "test accuracy", false},
    {"gap_acc", "gap: train − test accuracy", "accuracy gap", false},
    {"fr_model_squared_train", "model ‖θ‖^2_{fr} (train)", "model FR norm²", true},
    {"fr_empirical_squared_train", "empirical ‖θ‖^2_{fr} (train)", "empirical FR norm²", true},
    {"spectral_product", "Π ‖W‖_σ", "spectral product", true},
    {"path_norm", "path norm", "path norm", true},
}};

std::string describe(const OrderedJson& swept) {
  return swept.empty() ? "all runs" : describe_swept(swept, ", ");
}

OrderedJson without(OrderedJson swept, std::initializer_list<std::string> keys) {
  for (const std::string& key : keys) {
    swept.erase(key);
  }
  return swept;
}

struct Stats {
  double mean = std::nan("");
  double sd = std::nan("");
  int n = 0;
};

Stats stats(const std::vector<double>& v) {
  Stats s;
  s.n = static_cast<int>(v.size());
  if (v.empty()) {
    return s;
  }
  double sum = 0.0;
  for (const double x : v) {
    sum += x;
  }
  s.mean = sum / static_cast<double>(v.size());
  if (v.size() > 1) {
    double squares = 0.0;
    for (const double x : v) {
      squares += (x - s.mean) * (x - s.mean);
    }
    s.sd = std::sqrt(squares / static_cast<double>(v.size() - 1));
  }
  return s;
}

std::string number(double x) { return std::isnan(x) ? "?" : fmt::format("{:.6g}", x); }
std::string cell(double x, const char* format = "{:.4g}") {
  return std::isnan(x) ? "–" : fmt::format(fmt::runtime(format), x);
}

// Runs grouped by their swept values less `keys`, groups in order of first appearance.
std::vector<std::pair<OrderedJson, std::vector<const RunRecord*>>> group_by(
    const std::vector<RunRecord>& runs, std::initializer_list<std::string> keys) {
  std::vector<std::pair<OrderedJson, std::vector<const RunRecord*>>> groups;
  for (const RunRecord& run : runs) {
    const OrderedJson key = without(run.swept, keys);
    const auto it =
        std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == key; });
    if (it == groups.end()) {
      groups.push_back({key, {&run}});
    } else {
      it->second.push_back(&run);
    }
  }
  return groups;
}

Stats over(const std::vector<const RunRecord*>& runs, const std::string& key) {
  std::vector<double> v;
  for (const RunRecord* run : runs) {
    const auto it = run->values.find(key);
    if (it != run->values.end() && it->second && std::isfinite(*it->second)) {
      v.push_back(*it->second);
    }
  }
  return stats(v);
}

// The panels of one quantity per panel, series i drawn from data block i.
// A quantity with no value at all gets a note instead of a plot.
std::string panels_for(const std::vector<Quantity>& quantities, int first_column, int series,
                       const std::vector<bool>& log_ok, const std::vector<bool>& present,
                       const std::string& xlabel) {
  std::string out;
  for (std::size_t q = 0; q < quantities.size(); ++q) {
    const bool log = quantities[q].log_scale && log_ok[q];
    out += fmt::format("  set title {}; set xlabel {} noenhanced\n",
                       gnuplot_quote(quantities[q].title), gnuplot_quote(xlabel));
    if (!present[q]) {
      out += empty_panel("not measured");
      continue;
    }
    out += q == 0 ? "  set key outside bottom center horizontal noenhanced\n" : "  unset key\n";
    out += log ? "  set logscale y\n" : "  unset logscale y\n";
    out += fmt::format(
        "  plot for [i=1:{}] data index (i-1) using 1:{} with linespoints linestyle i "
        "title titles[i]\n",
        series, first_column + static_cast<int>(q));
  }
  return out;
}

std::string styles() {
  return "set style line 1 lc '#1f77b4' lw 2 pt 7\nset style line 2 lc '#d62728' lw 2 pt 5\n"
         "set style line 3 lc '#2ca02c' lw 2 pt 9\nset style line 4 lc '#9467bd' lw 2 pt 11\n"
         "set style line 5 lc '#ff7f0e' lw 2 pt 13\nset style line 6 lc '#8c564b' lw 2 pt 4\n"
         "set style line 7 lc '#e377c2' lw 2 pt 6\nset style line 8 lc '#7f7f7f' lw 2 pt 8\n"
         "set style increment user\nset grid; set tics out; set datafile missing '?'\n";
}

std::string titles_array(const std::vector<std::string>& titles) {
  std::string out = fmt::format("array titles[{}]\n", titles.size());
  for (std::size_t i = 0; i < titles.size(); ++i) {
    out += fmt::format("titles[{}] = {}\n", i + 1, gnuplot_quote(titles[i]));
  }
  return out;
}

// One figure: every panel quantity against hyperparameter h, one line per other combination.
FigureFiles against(const std::vector<RunRecord>& runs, const std::string& h,
                    const std::string& prefix, const FigureSize& size) {
  // The values of h in order of first appearance; numeric ones are drawn at their value.
  std::vector<OrderedJson> values;
  bool numeric = true;
  for (const RunRecord& run : runs) {
    const OrderedJson& v = run.swept[h];
    if (std::find(values.begin(), values.end(), v) == values.end()) {
      values.push_back(v);
    }
    numeric = numeric && v.is_number();
  }
  bool positive = numeric;
  double lo = INFINITY;
  double hi = -INFINITY;
  for (const OrderedJson& v : values) {
    if (numeric) {
      lo = std::min(lo, v.get<double>());
      hi = std::max(hi, v.get<double>());
      positive = positive && v.get<double>() > 0;
    }
  }
  const bool log_x = numeric && positive && hi / lo >= 10.0;
  std::vector<std::string> titles;
  std::vector<bool> log_ok(kPanels.size(), true);
  std::vector<bool> present(kPanels.size(), false);
  std::string data = fmt::format("# {} (x), then per panel the mean over seeds: ", h);
  for (const Quantity& q : kPanels) {
    data += fmt::format("{} ", q.key);
  }
  data += "\n";
  for (const auto& [series, members] : group_by(runs, {h, "seed"})) {
    titles.push_back(describe(series));
    data += fmt::format("# {}\n", describe(series));
    for (std::size_t k = 0; k < values.size(); ++k) {
      std::vector<const RunRecord*> at;
      for (const RunRecord* run : members) {
        if (run->swept[h] == values[k]) {
          at.push_back(run);
        }
      }
      if (at.empty()) {
        continue;
      }
      data += numeric ? number(values[k].get<double>()) : std::to_string(k);
      for (std::size_t q = 0; q < kPanels.size(); ++q) {
        const double mean = over(at, kPanels[q].key).mean;
        log_ok[q] = log_ok[q] && !(mean <= 0.0);
        present[q] = present[q] || !std::isnan(mean);
        data += fmt::format(" {}", number(mean));
      }
      data += "\n";
    }
    data += "\n\n";
  }
  std::string xtics;
  if (!numeric) {
    xtics = "set xtics (";
    for (std::size_t k = 0; k < values.size(); ++k) {
      xtics +=
          fmt::format("{}{} {}", k == 0 ? "" : ", ", gnuplot_quote(swept_value_text(values[k])), k);
    }
    xtics += ") rotate by -30 noenhanced\n";
    xtics += fmt::format("set xrange [-0.5:{}]\n", static_cast<double>(values.size()) - 0.5);
  } else {
    // Tics at the swept values themselves.
    xtics = "set xtics (";
    for (std::size_t k = 0; k < values.size(); ++k) {
      xtics +=
          fmt::format("{}{} {}", k == 0 ? "" : ", ", gnuplot_quote(swept_value_text(values[k])),
                      number(values[k].get<double>()));
    }
    xtics += ")\n";
    if (log_x) {
      xtics +=
          fmt::format("set logscale x; set xrange [{}:{}]\n", number(lo / 1.25), number(hi * 1.25));
    }
  }
  const std::string name = fs::path(prefix).filename().string();
  const std::string script = fmt::format(
      R"(# Each measure against {h}: means over seeds, one line per combination of the other swept
# hyperparameters. Drawn by frnorm {version}; re-render in this directory with  gnuplot {name}.gp
if (!exists("out")) out = {q_name}
data = {q_data}
set encoding utf8
{styles}{titles}{xtics}{loop})",
      fmt::arg("h", h), fmt::arg("version", kVersion), fmt::arg("name", name),
      fmt::arg("q_name", gnuplot_quote(name)),
      fmt::arg("q_data", gnuplot_quote(figure_data_name(prefix))), fmt::arg("styles", styles()),
      fmt::arg("titles", titles_array(titles)), fmt::arg("xtics", xtics),
      fmt::arg("loop", multiplot_for_png_and_svg(
                           size,
                           fmt::format("title {} noenhanced font ',14'",
                                       gnuplot_quote(fmt::format("against {}", h))),
                           panels_for(std::vector<Quantity>(kPanels.begin(), kPanels.end()), 2,
                                      static_cast<int>(titles.size()), log_ok, present, h),
                           2, 3)));
  return write_figure(prefix, data, script, size);
}

// The Fisher-Rao norms and test accuracy through training, mean over seeds per epoch.
std::optional<FigureFiles> curves(const std::string& sweep_dir, const std::vector<RunRecord>& runs,
                                  const std::string& prefix, const FigureSize& size) {
  const std::vector<Quantity> panels = {
      {"fr_model_squared_train", "model ‖θ‖^2_{fr} (train)", "", true},
      {"fr_empirical_squared_train", "empirical ‖θ‖^2_{fr} (train)", "", true},
      {"test_acc", "test accuracy", "", false},
      {"train_loss", "training loss", "", true}};
  std::vector<std::string> titles;
  std::vector<bool> log_ok(panels.size(), true);
  std::vector<bool> present(panels.size(), false);
  std::string data = "# epoch";
  for (const Quantity& q : panels) {
    data += fmt::format(" {}", q.key);
  }
  data += "  (means over seeds)\n";
  bool long_enough = false;
  for (const auto& [series, members] : group_by(runs, {"seed"})) {
    std::map<int, std::vector<std::vector<double>>> by_epoch;  // epoch -> quantity -> values
    for (const RunRecord* run : members) {
      const fs::path dir = fs::path(run->run_dir).is_relative() ? fs::path(sweep_dir) / run->run_dir
                                                                : fs::path(run->run_dir);
      const std::string metrics = (dir / "metrics.jsonl").string();
      if (!fs::exists(metrics)) {
        continue;
      }
      const std::vector<OrderedJson> lines = read_metrics(metrics);
      long_enough = long_enough || lines.size() > 3;
      for (const OrderedJson& line : lines) {
        auto& slot = by_epoch[line["epoch"].get<int>()];
        slot.resize(panels.size());
        for (std::size_t q = 0; q < panels.size(); ++q) {
          const auto it = line.find(panels[q].key);
          if (it != line.end() && it->is_number()) {
            slot[q].push_back(it->get<double>());
          }
        }
      }
    }
    titles.push_back(describe(series));
    data += fmt::format("# {}\n", describe(series));
    for (const auto& [epoch, slot] : by_epoch) {
      data += std::to_string(epoch);
      for (std::size_t q = 0; q < panels.size(); ++q) {
        const double mean = stats(slot[q]).mean;
        log_ok[q] = log_ok[q] && !(mean <= 0.0);
        present[q] = present[q] || !std::isnan(mean);
        data += fmt::format(" {}", number(mean));
      }
      data += "\n";
    }
    data += "\n\n";
  }
  if (!long_enough) {
    return std::nullopt;
  }
  const std::string name = fs::path(prefix).filename().string();
  const std::string script = fmt::format(
      R"(# Through training: means over seeds per epoch, one line per configuration.
# Drawn by frnorm {version}; re-render in this directory with  gnuplot {name}.gp
if (!exists("out")) out = {q_name}
data = {q_data}
set encoding utf8
{styles}{titles}{loop})",
      fmt::arg("version", kVersion), fmt::arg("name", name),
      fmt::arg("q_name", gnuplot_quote(name)),
      fmt::arg("q_data", gnuplot_quote(figure_data_name(prefix))), fmt::arg("styles", styles()),
      fmt::arg("titles", titles_array(titles)),
      fmt::arg("loop",
               multiplot_for_png_and_svg(
                   size, "title 'through training' font ',14'",
                   panels_for(panels, 2, static_cast<int>(titles.size()), log_ok, present, "epoch"),
                   2, 2)));
  return write_figure(prefix, data, script, size);
}

// One sentence per numeric hyperparameter and key quantity, from the granulated τ.
std::string findings(const SweepAnalysis& analysis) {
  std::string out;
  for (const HyperparameterEffect& e : analysis.effects) {
    const auto quantity = std::find_if(kPanels.begin(), kPanels.end(),
                                       [&](const Quantity& q) { return e.measure == q.key; });
    if (quantity == kPanels.end() || e.tau.pairs == 0) {
      continue;
    }
    const double t = e.tau.tau;
    const std::string direction = t >= 0.999    ? "rises in every group"
                                  : t <= -0.999 ? "falls in every group"
                                  : t >= 0.5    ? "mostly rises"
                                  : t <= -0.5   ? "mostly falls"
                                                : "shows no consistent direction";
    out += fmt::format("- As **{}** grows, the {} {} (τ = {:+.2f} over {} pairs in {} groups).\n",
                       e.hyperparameter, quantity->words, direction, t, e.tau.pairs, e.tau.groups);
  }
  return out;
}

}  // namespace

ReportFiles write_report(const std::string& sweep_dir, const FigureSize& size) {
  ResultsDb db(results_path(sweep_dir));
  const std::vector<RunRecord> runs = db.runs();
  if (runs.empty()) {
    throw Error(fmt::format("{}: no finished run to report on yet", db.path()));
  }
  const SweepAnalysis analysis = analyze_runs(runs, "gap_acc");
  ReportFiles files;
  files.report = (fs::path(sweep_dir) / "REPORT.md").string();
  const fs::path figures = fs::path(sweep_dir) / "report";
  const std::string question = db.meta("question").value_or("");
  std::string md = fmt::format(
      "# {}\n\n", question.empty() ? fmt::format("Sweep report: {}", sweep_dir) : question);
  const std::string grid = db.meta("grid").value_or("{}");
  const OrderedJson grid_json = OrderedJson::parse(grid, nullptr, false);
  md += fmt::format(
      "{} finished runs (frnorm {}). Reproduce with `frnorm sweep --grid grid.json --out DIR` "
      "then `frnorm report DIR`; the data are in `results.sqlite` (`frnorm sweep export DIR "
      "--csv`).\n\n",
      runs.size(), kVersion);
  if (grid_json.is_object() && grid_json.contains("note")) {
    md += fmt::format("*Size*: {}\n\n", grid_json["note"].get<std::string>());
  }
  if (grid_json.is_object() && grid_json.contains("base")) {
    md += fmt::format("Base configuration: `{}`", grid_json["base"].dump());
    if (grid_json.contains("grid")) {
      md += fmt::format("; swept: `{}`", grid_json["grid"].dump());
    }
    if (grid_json.contains("cases")) {
      md += fmt::format("; cases: `{}`", grid_json["cases"].dump());
    }
    md += ".\n\n";
  }

  md += "## What the data show\n\n";
  const std::string sentences = findings(analysis);
  md +=
      sentences.empty() ? "No numeric hyperparameter was swept; see the table below.\n" : sentences;
  int seeds = 0;
  for (const auto& [key, members] : group_by(runs, {"seed"})) {
    seeds = std::max(seeds, static_cast<int>(members.size()));
  }
  const auto failures = db.failures();
  if (!failures.empty()) {
    md += fmt::format("\n{} run{} did not finish and {} not in the tables:\n\n", failures.size(),
                      failures.size() == 1 ? "" : "s", failures.size() == 1 ? "is" : "are");
    for (const auto& [id, why] : failures) {
      md += fmt::format("- {} ({})\n", id, why);
    }
  }
  md += fmt::format(
      "\nEach configuration has {} seed{}; a difference smaller than the seed-to-seed spread "
      "(the sd column) is not evidence. These are finite runs of the stated length, not "
      "converged networks, and one data set.\n\n",
      seeds, seeds == 1 ? "" : "s");

  md += "## Figures\n\n";
  for (const std::string& h : analysis.hyperparameters) {
    const std::string prefix = (figures / fmt::format("against_{}", h)).string();
    files.figures.push_back(against(runs, h, prefix, FigureSize{size.width, size.height}));
    md += fmt::format("![against {}](report/against_{}.png)\n\n", h, h);
  }
  if (const std::optional<FigureFiles> through =
          curves(sweep_dir, runs, (figures / "through_training").string(), size)) {
    files.figures.push_back(*through);
    md += "![through training](report/through_training.png)\n\n";
  }

  md +=
      "## Results (means over seeds; measured on the first --measure-limit samples of each split, "
      "10,000 by default)\n\n";
  md +=
      "| configuration | runs | test acc | sd | acc gap | loss gap | model FR² | empirical "
      "FR² | spectral product | path norm | l2 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
      "---:|---:|\n";
  for (const auto& [key, members] : group_by(runs, {"seed"})) {
    const Stats acc = over(members, "test_acc");
    md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", describe(key),
                      members.size(), cell(acc.mean), cell(acc.sd, "{:.2g}"),
                      cell(over(members, "gap_acc").mean), cell(over(members, "gap_loss").mean),
                      cell(over(members, "fr_model_squared_train").mean),
                      cell(over(members, "fr_empirical_squared_train").mean),
                      cell(over(members, "spectral_product").mean),
                      cell(over(members, "path_norm").mean), cell(over(members, "l2").mean));
  }
  md += fmt::format("\n## Rank correlation with the generalization gap\n\n{}",
                    analysis_table(analysis));
  write_file_atomically(files.report, md);
  return files;
}

}  // namespace frnorm
