// frnorm sweep: run a grid of `frnorm train` runs into one directory and its results database;
// frnorm sweep merge / export: combine shards, write the results as CSV.
#include <fmt/format.h>

#include <filesystem>

#include "cli_support.h"
#include "commands.h"
#include "frnorm/core/error.h"
#include "frnorm/experiment/results_db.h"
#include "sweep_runner.h"

namespace frnorm::cli {
namespace {

struct MergeOptions {
  std::string target;
  std::vector<std::string> sources;
};

struct ExportOptions {
  std::string dir;
  bool csv = false;
  std::string out;
};

void run_merge(const MergeOptions& o) {
  for (const std::string& source : o.sources) {
    const int added = merge_sweep(o.target, source);
    fmt::print("merged {} runs from {} into {}\n", added, source,
               (std::filesystem::path(o.target) / "results.sqlite").string());
  }
}

void run_export(const ExportOptions& o) {
  if (!o.csv) {
    throw Error("sweep export: choose the format: --csv");
  }
  ResultsDb db(results_path(o.dir));
  const std::string csv = results_csv(db.runs());
  write_output(o.out, [&](std::ostream& stream) { stream << csv; });
}

}  // namespace

void add_sweep_command(CLI::App& app) {
  auto o = std::make_shared<SweepOptions>();
  CLI::App* sweep = app.add_subcommand(
      "sweep",
      "Train every configuration of a grid file into DIR/runs/ and DIR/results.sqlite; "
      "restarting skips finished runs and resumes interrupted ones");
  sweep->add_option("--grid", o->grid, "Grid file (JSON: base, grid, cases)");
  sweep->add_option("--out", o->out, "Sweep directory");
  sweep->add_option("--jobs", o->jobs, "Runs at once on this machine")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  sweep->add_option("--shard", o->shard, "Run only the runs whose index is I modulo N (I/N)")
      ->capture_default_str();
  sweep->add_option("--threads-per-job", o->threads_per_job,
                    "Threads of each run (default: cores / jobs)");

  auto m = std::make_shared<MergeOptions>();
  CLI::App* merge = sweep->add_subcommand(
      "merge", "Merge the results of other sweep directories (shards) into TARGET");
  merge->add_option("target", m->target, "Sweep directory receiving the rows")->required();
  merge->add_option("sources", m->sources, "Sweep directories to merge from")->required();
  merge->callback([m] { run_merge(*m); });

  auto e = std::make_shared<ExportOptions>();
  CLI::App* exported = sweep->add_subcommand("export", "Write a sweep's results as CSV");
  exported->add_option("dir", e->dir, "Sweep directory")->required();
  exported->add_flag("--csv", e->csv, "CSV (pandas.read_csv reads it)");
  exported->add_option("--out", e->out, "Output file (default: stdout)");
  exported->callback([e] { run_export(*e); });

  sweep->callback([o, sweep] {
    if (!sweep->get_subcommands().empty()) {
      return;
    }
    if (o->grid.empty() || o->out.empty()) {
      throw Error("sweep: --grid FILE and --out DIR are required (or: sweep merge, sweep export)");
    }
    const int failed = run_sweep(*o);
    if (failed > 0) {
      throw ExitWith(1, fmt::format("error: {} runs failed; their train.log says why", failed));
    }
  });
}

}  // namespace frnorm::cli
