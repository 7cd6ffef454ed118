// frnorm report: DIR/REPORT.md with the tables and figures that answer a sweep's question.
#include <fmt/format.h>

#include "cli_support.h"
#include "commands.h"
#include "frnorm/experiment/report.h"

namespace frnorm::cli {
namespace {

struct ReportOptions {
  std::string dir;
  std::string size = "1500x900";
};

void run_report(const ReportOptions& o) {
  const ReportFiles files = write_report(o.dir, parse_figure_size(o.size, "--size"));
  for (const FigureFiles& figure : files.figures) {
    report_figure(figure);
  }
  fmt::print("wrote {}\n", files.report);
}

}  // namespace

void add_report_command(CLI::App& app) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* c = app.add_subcommand(
      "report", "Write DIR/REPORT.md: what a sweep shows, with tables and figures");
  c->add_option("dir", o->dir, "Sweep directory")->required();
  c->add_option("--size", o->size, "Figure size WIDTHxHEIGHT in pixels")->capture_default_str();
  c->callback([o] { run_report(*o); });
}

}  // namespace frnorm::cli
