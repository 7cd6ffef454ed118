#include "frnorm/measure/measure_report.h"

#include <fmt/format.h>

#include <cmath>

#include "frnorm/core/json.h"
#include "frnorm/measure/output_measures.h"

namespace frnorm {

namespace {

using Json = nlohmann::ordered_json;

// The norms a margin normalises, by name, in report order.
std::vector<std::pair<std::string, double>> normalised_measures(const MeasureReport& r) {
  return {{"l2", r.norms.l2},
          {"frobenius_product", r.norms.frobenius_product},
          {"spectral_product", r.norms.spectral_product},
          {"path_norm", r.norms.path_norm},
          {"spectral_complexity", r.norms.spectral_complexity},
          {"fisher_rao_empirical", std::sqrt(r.fisher_rao.empirical_squared)},
          {"fisher_rao_model", std::sqrt(r.fisher_rao.model_squared)}};
}

bool margin_usable(const MeasureReport& r) { return r.margin_p10 && *r.margin_p10 > 0; }

}  // namespace

LossKind default_loss(Eigen::Index num_outputs, const Dataset& data) {
  if (data.has_labels() && num_outputs >= 2) {
    return LossKind::kCrossEntropy;
  }
  if (data.has_labels() && num_outputs == 1 && !data.has_targets()) {
    return LossKind::kLogistic;
  }
  return LossKind::kSquared;
}

MeasureReport measure_network(const Network& network, const Dataset& data,
                              const MeasureOptions& options) {
  MeasureReport report;
  report.n = data.size();
  report.loss = options.loss;
  report.hidden_layers = network.num_hidden_layers();
  report.num_params = network.num_params();
  report.fisher_rao = fisher_rao(network, data, options.loss, options.fisher_rao);
  report.norms = weight_norms(network);
  const OutputMeasures outputs = output_measures(network, data, options.fisher_rao.batch_size);
  report.accuracy = outputs.accuracy;
  report.margin_p10 = outputs.margin_p10;
  report.unique_activation_fraction =
      unique_activation_fraction(network, data, options.fisher_rao.batch_size);
  if (!data.has_labels()) {
    report.notes.push_back("accuracy and margin_p10: the data have no class labels");
  }
  if (report.margin_p10 && !margin_usable(report)) {
    report.notes.push_back(
        "*_over_margin: margin_p10 <= 0 (10% or more of the samples are misclassified), so no "
        "ratio is "
        "defined");
  }
  if (network.activation.kind == ActivationKind::kIdentity) {
    report.notes.push_back("unique_activation_fraction: an identity network has one linear region");
  }
  return report;
}

Json measure_report_json(const MeasureReport& r) {
  Json json;
  json["n"] = r.n;
  json["loss"] = loss_name(r.loss);
  json["mean_loss"] = json_number(r.fisher_rao.loss);
  json["accuracy"] = json_number(r.accuracy);
  json["num_params"] = r.num_params;
  json["hidden_layers"] = r.hidden_layers;
  json["fisher_rao"] = {{"empirical_squared", json_number(r.fisher_rao.empirical_squared)},
                        {"model_squared", json_number(r.fisher_rao.model_squared)},
                        {"empirical", json_number(std::sqrt(r.fisher_rao.empirical_squared))},
                        {"model", json_number(std::sqrt(r.fisher_rao.model_squared))},
                        {"method", fisher_rao_method_name(r.fisher_rao.method)}};
  json["radial_slope"] = json_number(r.fisher_rao.radial_slope);
  json["theta_hessian_theta"] = json_number(r.fisher_rao.theta_hessian_theta);
  json["l2"] = json_number(r.norms.l2);
  json["frobenius_product"] = json_number(r.norms.frobenius_product);
  json["spectral_product"] = json_number(r.norms.spectral_product);
  json["spectral_norms"] = r.norms.spectral_norms;
  json["path_norm"] = json_number(r.norms.path_norm);
  json["spectral_complexity"] = json_number(r.norms.spectral_complexity);
  json["margin_p10"] = json_number(r.margin_p10);
  json["unique_activation_fraction"] = json_number(r.unique_activation_fraction);
  Json over_margin = Json::object();
  for (const auto& [name, value] : normalised_measures(r)) {
    over_margin[name] = margin_usable(r) ? json_number(value / *r.margin_p10) : Json(nullptr);
  }
  json["over_margin"] = over_margin;
  // The paper bounds ‖θ‖_fr by (L+1) times norms of this kind (with data-dependent factors);
  // these ratios let a user check where a network sits.
  const double depth = r.hidden_layers + 1.0;
  const double model = std::sqrt(r.fisher_rao.model_squared);
  json["fisher_rao_model_over_depth_times"] = {
      {"spectral_product", json_number(model / (depth * r.norms.spectral_product))},
      {"frobenius_product", json_number(model / (depth * r.norms.frobenius_product))},
      {"path_norm", json_number(model / (depth * r.norms.path_norm))}};
  json["notes"] = r.notes;
  return json;
}

std::string measure_report_table(const MeasureReport& r) {
  std::string out;
  const auto row = [&out](const std::string& name, const std::string& value) {
    fmt::format_to(std::back_inserter(out), "{:<30} {}\n", name, value);
  };
  const auto num = [](double value) { return fmt::format("{:.6g}", value); };
  const auto opt = [&num](const std::optional<double>& value) {
    return value ? num(*value) : std::string("n/a");
  };
  row("samples", std::to_string(r.n));
  row("loss", fmt::format("{} (mean {})", loss_name(r.loss), num(r.fisher_rao.loss)));
  row("accuracy", opt(r.accuracy));
  row("parameters", std::to_string(r.num_params));
  row("Fisher-Rao method", fisher_rao_method_name(r.fisher_rao.method));
  row("Fisher-Rao empirical ‖θ‖²", num(r.fisher_rao.empirical_squared));
  row("Fisher-Rao model ‖θ‖²", num(r.fisher_rao.model_squared));
  row("radial slope θ·∇L", num(r.fisher_rao.radial_slope));
  row("θᵀ H θ", num(r.fisher_rao.theta_hessian_theta));
  row("l2 Σ‖W‖²_F", num(r.norms.l2));
  row("Π ‖W‖_F", num(r.norms.frobenius_product));
  row("Π ‖W‖_σ", num(r.norms.spectral_product));
  row("path norm", num(r.norms.path_norm));
  row("spectral complexity", num(r.norms.spectral_complexity));
  row("margin (10th percentile)", opt(r.margin_p10));
  row("unique activation fraction", num(r.unique_activation_fraction));
  if (margin_usable(r)) {
    for (const auto& [name, value] : normalised_measures(r)) {
      row(name + " / margin", num(value / *r.margin_p10));
    }
  }
  for (const std::string& note : r.notes) {
    out += "note: " + note + "\n";
  }
  return out;
}

}  // namespace frnorm
