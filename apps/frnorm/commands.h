// The subcommands of the frnorm tool, one file each; main.cc registers them.
#pragma once

#include <CLI/CLI.hpp>

namespace frnorm::cli {

void add_init_command(CLI::App& app);
void add_info_command(CLI::App& app);
void add_predict_command(CLI::App& app);
void add_identities_command(CLI::App& app);
void add_measure_command(CLI::App& app);
void add_reparam_command(CLI::App& app);
void add_train_command(CLI::App& app);
void add_plot_command(CLI::App& app);
void add_figures_command(CLI::App& app);
void add_sweep_command(CLI::App& app);
void add_analyze_command(CLI::App& app);
void add_report_command(CLI::App& app);

}  // namespace frnorm::cli
