// Every measure of one network on one data set (MISSION §3–4), as `frnorm measure` reports it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "frnorm/data/dataset.h"
#include "frnorm/measure/fisher_rao.h"
#include "frnorm/measure/loss.h"
#include "frnorm/measure/norms.h"
#include "frnorm/nn/network.h"

namespace frnorm {

struct MeasureOptions {
  LossKind loss = LossKind::kCrossEntropy;
  FisherRaoOptions fisher_rao;
};

struct MeasureReport {
  Eigen::Index n = 0;
  LossKind loss = LossKind::kCrossEntropy;
  int hidden_layers = 0;
  Eigen::Index num_params = 0;
  FisherRaoSummary fisher_rao;
  NormMeasures norms;
  std::optional<double> accuracy;
  std::optional<double> margin_p10;
  double unique_activation_fraction = 0.0;
  std::vector<std::string> notes;  // why a measure is absent
};

// The loss a network and data set call for when the user names none: cross-entropy for K ≥ 2
// outputs and labels, logistic for one output and labels, squared for regression targets.
LossKind default_loss(Eigen::Index num_outputs, const Dataset& data);

MeasureReport measure_network(const Network& network, const Dataset& data,
                              const MeasureOptions& options);

// The report as one JSON object; absent measures are null, with a note saying why.
nlohmann::ordered_json measure_report_json(const MeasureReport& report);

// The report as a readable two-column table.
std::string measure_report_table(const MeasureReport& report);

}  // namespace frnorm
