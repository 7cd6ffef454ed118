// frnorm identities: the residuals of (I1), (I2), (I3), (I3b) (MISSION §2) on data or random
// inputs; with several models, side by side.
#include <fmt/format.h>

#include "cli_support.h"
#include "commands.h"
#include "frnorm/core/error.h"
#include "frnorm/core/rng.h"
#include "frnorm/data/data_spec.h"
#include "frnorm/io/network_file.h"
#include "frnorm/nn/identities.h"

namespace frnorm::cli {

namespace {

struct IdentitiesOptions {
  std::vector<std::string> models;
  DataOptions data;
  Eigen::Index random = 256;
  std::uint64_t seed = 0;
  bool json = false;
};

Json residual_json(const Residual& r) {
  return {{"max_abs", json_number(r.max_abs)}, {"max_rel", json_number(r.max_rel)}};
}

Json report_json(const IdentityResiduals& report) {
  Json i2 = Json::array();
  for (std::size_t l = 0; l < report.i2.size(); ++l) {
    Json entry = residual_json(report.i2[l]);
    entry["layer"] = l + 1;
    i2.push_back(entry);
  }
  return {{"n", report.n},
          {"I1", residual_json(report.i1)},
          {"I2", i2},
          {"I3", residual_json(report.i3)},
          {"I3b", residual_json(report.i3b)}};
}

// One row per identity, two columns (max_abs, max_rel) per model.
void print_table(const std::vector<std::string>& models,
                 const std::vector<IdentityResiduals>& reports) {
  std::size_t rows_i2 = 0;
  for (const auto& report : reports) {
    rows_i2 = std::max(rows_i2, report.i2.size());
  }
  fmt::print("{:<10}", "identity");
  for (const auto& model : models) {
    fmt::print("  {:>25}", model.size() > 25 ? "…" + model.substr(model.size() - 24) : model);
  }
  fmt::print("\n{:<10}", "");
  for (std::size_t m = 0; m < models.size(); ++m) {
    fmt::print("  {:>12} {:>12}", "max_abs", "max_rel");
  }
  fmt::print("\n");
  const auto row = [&](const std::string& name, const auto& pick) {
    fmt::print("{:<10}", name);
    for (const auto& report : reports) {
      const Residual* r = pick(report);
      if (r == nullptr) {
        fmt::print("  {:>12} {:>12}", "-", "-");
      } else {
        fmt::print("  {:>12.3e} {:>12.3e}", r->max_abs, r->max_rel);
      }
    }
    fmt::print("\n");
  };
  row("I1", [](const IdentityResiduals& r) { return &r.i1; });
  for (std::size_t l = 0; l < rows_i2; ++l) {
    row(fmt::format("I2 l={}", l + 1),
        [l](const IdentityResiduals& r) { return l < r.i2.size() ? &r.i2[l] : nullptr; });
  }
  row("I3", [](const IdentityResiduals& r) { return &r.i3; });
  row("I3b", [](const IdentityResiduals& r) { return &r.i3b; });
  fmt::print("n = {} samples; max_rel = max |lhs-rhs| / max(|lhs|, |rhs|)\n", reports.front().n);
}

void run_identities(const IdentitiesOptions& options) {
  std::vector<IdentityResiduals> reports;
  for (const std::string& path : options.models) {
    const Network network = read_network(path).network;
    MatrixD x;
    if (!options.data.spec.empty()) {
      x = load_data_for(network, path, options.data).inputs;
    } else {
      Rng rng(options.seed);
      x = normal_matrix(network.input_dim(), options.random, rng);
    }
    reports.push_back(identity_residuals(network, x));
  }
  if (options.json) {
    if (reports.size() == 1) {
      print_json(report_json(reports.front()));
    } else {
      Json all = Json::array();
      for (std::size_t m = 0; m < reports.size(); ++m) {
        Json entry = report_json(reports[m]);
        entry["model"] = options.models[m];
        all.push_back(entry);
      }
      print_json(all);
    }
    return;
  }
  print_table(options.models, reports);
}

}  // namespace

void add_identities_command(CLI::App& app) {
  auto options = std::make_shared<IdentitiesOptions>();
  CLI::App* command =
      app.add_subcommand("identities", "Residuals of the Euler identities (I1) (I2) (I3) (I3b)");
  command->add_option("--model", options->models, "safetensors model file (repeat to compare)")
      ->required();
  auto* data = add_data_options(*command, options->data);
  auto* random =
      command
          ->add_option("--random", options->random, "Use N standard normal inputs instead of data")
          ->capture_default_str()
          ->check(CLI::PositiveNumber);
  data->excludes(random);
  command->add_option("--seed", options->seed, "Seed of the random inputs")->capture_default_str();
  command->add_flag("--json", options->json, "Print JSON");
  command->callback([options] { run_identities(*options); });
}

}  // namespace frnorm::cli
