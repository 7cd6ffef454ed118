// frnorm: the command-line tool. Each subcommand lives in its own cmd_*.cc; errors from the
// library arrive as frnorm::Error and are printed as "frnorm: error: ..." with exit status 1.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli_support.h"
#include "commands.h"
#include "frnorm/core/error.h"
#include "frnorm/core/version.h"

namespace {

int run(int argc, char** argv) {
  CLI::App app{"frnorm: the Fisher-Rao norm and norm-based capacity of rectified networks"};
  app.set_version_flag("--version", std::string("frnorm ") + frnorm::kVersion);
  app.require_subcommand(1);
  frnorm::cli::add_init_command(app);
  frnorm::cli::add_info_command(app);
  frnorm::cli::add_predict_command(app);
  frnorm::cli::add_identities_command(app);
  frnorm::cli::add_measure_command(app);
  frnorm::cli::add_reparam_command(app);
  frnorm::cli::add_train_command(app);
  frnorm::cli::add_plot_command(app);
  frnorm::cli::add_figures_command(app);
  frnorm::cli::add_sweep_command(app);
  frnorm::cli::add_analyze_command(app);
  frnorm::cli::add_report_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const frnorm::cli::ExitWith& exit) {
    std::fflush(stdout);
    fmt::print(stderr, "frnorm: {}\n", exit.what());
    return exit.status();
  } catch (const std::exception& error) {
    std::fflush(stdout);
    fmt::print(stderr, "frnorm: error: {}\n", error.what());
  } catch (...) {
    std::fflush(stdout);
    std::fputs("frnorm: error: unknown exception\n", stderr);
  }
  return 1;
}
