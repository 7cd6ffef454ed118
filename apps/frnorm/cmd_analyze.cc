// frnorm analyze: Kendall's τ of each capacity measure against the generalization gap over a
// sweep's runs, the granulated τ per hyperparameter, and each hyperparameter's effect.
#include <fmt/format.h>

#include "cli_support.h"
#include "commands.h"
#include "frnorm/experiment/analysis.h"

namespace frnorm::cli {
namespace {

struct AnalyzeOptions {
  std::string dir;
  bool json = false;
  std::string gap = "gap_acc";
};

void run_analyze(const AnalyzeOptions& o) {
  ResultsDb db(results_path(o.dir));
  const SweepAnalysis analysis = analyze_runs(db.runs(), o.gap);
  if (o.json) {
    print_json(analysis_json(analysis));
  } else {
    fmt::print("{}", analysis_table(analysis));
  }
}

}  // namespace

void add_analyze_command(CLI::App& app) {
  auto o = std::make_shared<AnalyzeOptions>();
  CLI::App* c = app.add_subcommand(
      "analyze", "Rank correlation (Kendall's τ, granulated τ) of each measure with the gap");
  c->add_option("dir", o->dir, "Sweep directory")->required();
  c->add_flag("--json", o->json, "JSON instead of a Markdown table");
  c->add_option("--gap", o->gap, "The gap of the granulated τ: gap_acc | gap_loss")
      ->capture_default_str();
  c->callback([o] { run_analyze(*o); });
}

}  // namespace frnorm::cli
