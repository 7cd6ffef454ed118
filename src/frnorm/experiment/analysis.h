// frnorm analyze: how well each capacity measure ranks a sweep's runs by their generalization
// gap (Kendall's τ over all runs, the granulated τ per swept hyperparameter and their mean Ψ),
// and how each hyperparameter moves each measure.
#pragma once

#include <string>
#include <vector>

#include "frnorm/experiment/rank_correlation.h"
#include "frnorm/experiment/results_db.h"

namespace frnorm {

// The measures ranked, columns of the results database.
inline constexpr std::array<const char*, 8> kRankedMeasures = {"fr_model_squared_train",
                                                               "fr_empirical_squared_train",
                                                               "fr_model_squared_test",
                                                               "fr_empirical_squared_test",
                                                               "l2",
                                                               "spectral_product",
                                                               "path_norm",
                                                               "margin_p10"};

struct MeasureRanking {
  std::string measure;
  Tau vs_gap_acc;
  Tau vs_gap_loss;
  std::vector<GranulatedTau> granulated;  // against the chosen gap, one per hyperparameter
  double psi = 0.0;                       // the mean of the granulated τ (NaN if none)
};

// τ between a hyperparameter's (numeric) values and a measure, within groups that differ in
// that hyperparameter alone: +1 means the measure grows with it in every group.
struct HyperparameterEffect {
  std::string hyperparameter;
  std::string measure;
  GranulatedTau tau;
};

struct SweepAnalysis {
  int runs = 0;
  std::string gap;                           // "gap_acc" or "gap_loss"
  std::vector<std::string> hyperparameters;  // swept keys with more than one value, but seed
  std::vector<MeasureRanking> measures;
  std::vector<HyperparameterEffect> effects;  // numeric hyperparameters × measures and gaps
};

// Runs missing a measure (null) leave that measure's τ. `gap`: "gap_acc" | "gap_loss".
SweepAnalysis analyze_runs(const std::vector<RunRecord>& runs, const std::string& gap);

OrderedJson analysis_json(const SweepAnalysis& analysis);
std::string analysis_table(const SweepAnalysis& analysis);  // Markdown

}  // namespace frnorm
