#include "frnorm/experiment/analysis.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "frnorm/core/error.h"
#include "frnorm/core/json.h"

namespace frnorm {
namespace {

// The runs that have `a` and `b`: their swept values and the two columns.
struct Paired {
  std::vector<OrderedJson> swept;
  std::vector<double> a;
  std::vector<double> b;
};

std::optional<double> value_of(const RunRecord& run, const std::string& key) {
  const auto it = run.values.find(key);
  if (it != run.values.end()) {
    return it->second;
  }
  const auto swept = run.swept.find(key);
  if (swept != run.swept.end() && swept->is_number()) {
    return swept->get<double>();
  }
  return std::nullopt;
}

Paired pair_up(const std::vector<RunRecord>& runs, const std::string& a, const std::string& b) {
  Paired p;
  for (const RunRecord& run : runs) {
    const std::optional<double> x = value_of(run, a);
    const std::optional<double> y = value_of(run, b);
    if (x && y && std::isfinite(*x) && std::isfinite(*y)) {
      p.swept.push_back(run.swept);
      p.a.push_back(*x);
      p.b.push_back(*y);
    }
  }
  return p;
}

std::string cell(double tau) { return std::isnan(tau) ? "–" : fmt::format("{:+.3f}", tau); }

OrderedJson tau_json(double tau, long pairs) {
  return {{"tau", json_number(std::isnan(tau) ? std::optional<double>() : tau)}, {"pairs", pairs}};
}

}  // namespace

SweepAnalysis analyze_runs(const std::vector<RunRecord>& runs, const std::string& gap) {
  if (gap != "gap_acc" && gap != "gap_loss") {
    throw Error(fmt::format("--gap: expected gap_acc or gap_loss, got '{}'", gap));
  }
  SweepAnalysis analysis;
  analysis.runs = static_cast<int>(runs.size());
  analysis.gap = gap;
  std::vector<std::string> numeric;
  for (const std::string& key : swept_keys(runs)) {
    std::set<std::string> values;
    bool all_numeric = true;
    for (const RunRecord& run : runs) {
      const auto it = run.swept.find(key);
      values.insert(it == run.swept.end() ? "null" : it->dump());
      all_numeric = all_numeric && it != run.swept.end() && it->is_number();
    }
    if (values.size() > 1 && key != "seed") {
      analysis.hyperparameters.push_back(key);
      if (all_numeric) {
        numeric.push_back(key);
      }
    }
  }
  for (const char* measure : kRankedMeasures) {
    MeasureRanking ranking;
    ranking.measure = measure;
    const Paired acc = pair_up(runs, measure, "gap_acc");
    ranking.vs_gap_acc = kendall_tau(acc.a, acc.b);
    const Paired loss = pair_up(runs, measure, "gap_loss");
    ranking.vs_gap_loss = kendall_tau(loss.a, loss.b);
    const Paired& chosen = gap == "gap_acc" ? acc : loss;
    double sum = 0.0;
    int defined = 0;
    for (const std::string& h : analysis.hyperparameters) {
      ranking.granulated.push_back(granulated_tau(chosen.swept, chosen.a, chosen.b, h));
      if (!std::isnan(ranking.granulated.back().tau)) {
        sum += ranking.granulated.back().tau;
        ++defined;
      }
    }
    ranking.psi = defined > 0 ? sum / defined : std::nan("");
    analysis.measures.push_back(std::move(ranking));
  }
  std::vector<std::string> targets(kRankedMeasures.begin(), kRankedMeasures.end());
  targets.insert(targets.end(), {"test_acc", "gap_acc", "gap_loss"});
  for (const std::string& h : numeric) {
    for (const std::string& measure : targets) {
      const Paired p = pair_up(runs, h, measure);
      analysis.effects.push_back({h, measure, granulated_tau(p.swept, p.a, p.b, h)});
    }
  }
  return analysis;
}

OrderedJson analysis_json(const SweepAnalysis& a) {
  OrderedJson measures = OrderedJson::array();
  for (const MeasureRanking& m : a.measures) {
    OrderedJson granulated = OrderedJson::object();
    for (const GranulatedTau& g : m.granulated) {
      granulated[g.hyperparameter] = tau_json(g.tau, g.pairs);
      granulated[g.hyperparameter]["groups"] = g.groups;
    }
    measures.push_back({{"measure", m.measure},
                        {"tau_gap_acc", tau_json(m.vs_gap_acc.tau, m.vs_gap_acc.pairs)},
                        {"tau_gap_loss", tau_json(m.vs_gap_loss.tau, m.vs_gap_loss.pairs)},
                        {"granulated", granulated},
                        {"psi", json_number(std::isnan(m.psi) ? std::optional<double>() : m.psi)}});
  }
  OrderedJson effects = OrderedJson::array();
  for (const HyperparameterEffect& e : a.effects) {
    OrderedJson one = tau_json(e.tau.tau, e.tau.pairs);
    effects.push_back({{"hyperparameter", e.hyperparameter},
                       {"measure", e.measure},
                       {"tau", one["tau"]},
                       {"pairs", e.tau.pairs},
                       {"groups", e.tau.groups}});
  }
  return {{"runs", a.runs},
          {"granulated_against", a.gap},
          {"hyperparameters", a.hyperparameters},
          {"measures", measures},
          {"hyperparameter_effects", effects}};
}

std::string analysis_table(const SweepAnalysis& a) {
  std::string out = fmt::format(
      "Kendall's τ of each measure against the generalization gap over {} runs; granulated τ "
      "(against {}) per swept hyperparameter, and their mean Ψ. Pairs in brackets.\n\n",
      a.runs, a.gap);
  out += "| measure | τ vs gap_acc | τ vs gap_loss |";
  for (const std::string& h : a.hyperparameters) {
    out += fmt::format(" {} |", h);
  }
  out += " Ψ |\n|---|---:|---:|";
  for (std::size_t h = 0; h < a.hyperparameters.size(); ++h) {
    out += "---:|";
  }
  out += "---:|\n";
  for (const MeasureRanking& m : a.measures) {
    out += fmt::format("| {} | {} ({}) | {} ({}) |", m.measure, cell(m.vs_gap_acc.tau),
                       m.vs_gap_acc.pairs, cell(m.vs_gap_loss.tau), m.vs_gap_loss.pairs);
    for (const GranulatedTau& g : m.granulated) {
      out += fmt::format(" {} ({}) |", cell(g.tau), g.pairs);
    }
    out += fmt::format(" {} |\n", cell(m.psi));
  }
  if (!a.effects.empty()) {
    out +=
        "\nHow each hyperparameter moves each quantity: τ between the hyperparameter and the "
        "quantity within groups of runs that differ in it alone (+1: grows with it in every "
        "group).\n\n| quantity |";
    std::vector<std::string> hs;
    for (const HyperparameterEffect& e : a.effects) {
      if (std::find(hs.begin(), hs.end(), e.hyperparameter) == hs.end()) {
        hs.push_back(e.hyperparameter);
      }
    }
    for (const std::string& h : hs) {
      out += fmt::format(" {} |", h);
    }
    out += "\n|---|";
    for (std::size_t h = 0; h < hs.size(); ++h) {
      out += "---:|";
    }
    out += "\n";
    std::vector<std::string> measures;
    for (const HyperparameterEffect& e : a.effects) {
      if (std::find(measures.begin(), measures.end(), e.measure) == measures.end()) {
        measures.push_back(e.measure);
      }
    }
    for (const std::string& m : measures) {
      out += fmt::format("| {} |", m);
      for (const std::string& h : hs) {
        for (const HyperparameterEffect& e : a.effects) {
          if (e.hyperparameter == h && e.measure == m) {
            out += fmt::format(" {} ({}) |", cell(e.tau.tau), e.tau.pairs);
          }
        }
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace frnorm
