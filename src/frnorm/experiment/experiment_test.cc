// Sweeps: grid files expand to the product they describe, Kendall's τ and the granulated τ give
// known rank correlations, and the results database keeps every row with two processes writing.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>

#include "frnorm/experiment/analysis.h"
#include "frnorm/experiment/grid.h"
#include "frnorm/experiment/rank_correlation.h"
#include "frnorm/experiment/results_db.h"
#include "frnorm/testing/expect_error.h"
#include "frnorm/testing/temp_dir.h"

namespace frnorm {
namespace {

SweepGrid grid_of(const char* text) { return parse_grid(OrderedJson::parse(text), "g.json"); }

TEST(Grid, ExpandsTheCartesianProductLastAxisFastest) {
  const std::vector<SweepRun> runs = expand_grid(grid_of(R"({
    "base": {"data": "fashion-mnist", "arch": "784-256-256-10", "batch-size": 128},
    "grid": {"lr": [0.01, 0.1], "seed": [0, 1, 2]}})"));
  ASSERT_EQ(runs.size(), 6U);
  EXPECT_EQ(runs[0].id, "run-0000");
  EXPECT_EQ(runs[4].id, "run-0004");
  EXPECT_EQ(runs[4].swept, OrderedJson::parse(R"({"lr": 0.1, "seed": 1})"));
  EXPECT_EQ(runs[4].config["batch_size"], 128);  // dashes become underscores
  EXPECT_EQ(runs[4].config["lr"], 0.1);
  EXPECT_EQ(runs[4].config["seed"], 1);
  EXPECT_EQ(runs[4].config["arch"], "784-256-256-10");
}

TEST(Grid, WidthDepthAndCases) {
  const std::vector<SweepRun> runs = expand_grid(grid_of(R"({
    "base": {"arch": "784-256-256-10"},
    "grid": {"width": [64, 1024], "depth": [1, 3]},
    "cases": [{"name": "plain"}, {"name": "fr", "fr-reg": 0.01, "fr_reg_form": "empirical"}]})"));
  ASSERT_EQ(runs.size(), 8U);
  EXPECT_EQ(runs[0].config["arch"], "784-64-10");
  EXPECT_EQ(runs[3].config["arch"], "784-64-64-64-10");
  EXPECT_EQ(runs[7].config["arch"], "784-1024-1024-1024-10");
  EXPECT_FALSE(runs[7].config.contains("width"));
  EXPECT_EQ(runs[7].swept, OrderedJson::parse(R"({"width": 1024, "depth": 3, "case": "fr"})"));
  EXPECT_EQ(runs[7].config["fr_reg"], 0.01);
  EXPECT_EQ(runs[7].config["fr_reg_form"], "empirical");
  EXPECT_FALSE(runs[6].config.contains("fr_reg"));
}

TEST(Grid, RefusesMalformedFiles) {
  EXPECT_FRNORM_ERROR(grid_of(R"({"base": {}, "grids": {}})"),
                      "g.json: unknown key \"grids\" (expected question, note, base, grid, cases)");
  EXPECT_FRNORM_ERROR(grid_of(R"({"grid": {"lr": []}})"),
                      "g.json: grid \"lr\" must be a non-empty list of values");
  EXPECT_FRNORM_ERROR(grid_of(R"({"grid": {"lr": 0.1}})"),
                      "g.json: grid \"lr\" must be a non-empty list of values");
  EXPECT_FRNORM_ERROR(grid_of(R"({"cases": [{"lr": 1}]})"),
                      "g.json: cases[0] needs a \"name\" (a string)");
  EXPECT_FRNORM_ERROR(grid_of(R"({"cases": [{"name": "a"}, {"name": "a"}]})"),
                      "g.json: two cases are named \"a\"");
  EXPECT_FRNORM_ERROR(expand_grid(grid_of(R"({"grid": {"width": [8]}})")),
                      "grid: \"width\" and \"depth\" need an \"arch\" in the base to change");
  EXPECT_FRNORM_ERROR(
      expand_grid(grid_of(R"({"base": {"arch": "2-3-1"}, "grid": {"width": [0]}})")),
      "grid: \"width\" must be a positive integer, got 0");
}

TEST(Shard, SelectsEveryNthRun) {
  const Shard shard = parse_shard("1/3", "--shard");
  EXPECT_TRUE(shard.contains(1));
  EXPECT_TRUE(shard.contains(4));
  EXPECT_FALSE(shard.contains(3));
  for (const char* bad : {"3/3", "-1/3", "1", "a/b", "0/0", "1/3/4"}) {
    EXPECT_FRNORM_ERROR(
        parse_shard(bad, "--shard"),
        std::string("--shard: expected I/N with 0 <= I < N (e.g. 0/4), got '") + bad + "'");
  }
}

// The number of inversions of a permutation, counted directly.
long inversions(const std::vector<double>& p) {
  long count = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    for (std::size_t j = i + 1; j < p.size(); ++j) {
      count += p[i] > p[j];
    }
  }
  return count;
}

TEST(KendallTau, MatchesTheInversionFormulaOnPermutations) {
  std::vector<double> x(9);
  std::iota(x.begin(), x.end(), 0.0);
  std::vector<double> y = x;
  EXPECT_EQ(kendall_tau(x, y).tau, 1.0);
  EXPECT_EQ(kendall_tau(x, y).pairs, 36);
  std::reverse(y.begin(), y.end());
  EXPECT_EQ(kendall_tau(x, y).tau, -1.0);
  // τ = 1 − 4·(inversions)/(n(n−1)) for a permutation against the identity.
  std::vector<double> p = {3, 0, 7, 1, 8, 2, 6, 4, 5};
  for (int shuffle = 0; shuffle < 5; ++shuffle) {
    std::next_permutation(p.begin(), p.end());
    EXPECT_NEAR(kendall_tau(x, p).tau, 1.0 - 4.0 * inversions(p) / (9.0 * 8.0), 1e-15);
  }
  // Ties count 0 in the sum, 1 in the pairs: (1,1),(2,2),(3,2) has pairs +1, +1, 0.
  EXPECT_NEAR(kendall_tau({1, 2, 3}, {1, 2, 2}).tau, 2.0 / 3.0, 1e-15);
  EXPECT_TRUE(std::isnan(kendall_tau({1}, {2}).tau));
}

TEST(GranulatedTau, AveragesOverGroupsThatDifferInOneHyperparameter) {
  // Two hyperparameters a (3 values) × b (2 values). Within each b-group the measure ranks the
  // gap perfectly along a for b = 0 and exactly backwards for b = 1.
  std::vector<OrderedJson> swept;
  std::vector<double> measure;
  std::vector<double> gap;
  for (int b = 0; b < 2; ++b) {
    for (int a = 0; a < 3; ++a) {
      swept.push_back({{"a", a}, {"b", b}});
      measure.push_back(a);
      gap.push_back(b == 0 ? a : -a + 10.0 * b);
    }
  }
  const GranulatedTau along_a = granulated_tau(swept, measure, gap, "a");
  EXPECT_EQ(along_a.groups, 2);
  EXPECT_EQ(along_a.pairs, 6);
  EXPECT_DOUBLE_EQ(along_a.tau, 0.0);  // (+1 + −1) / 2
  // Along b (groups of a fixed): measure is constant within a group, so every pair ties: τ = 0.
  const GranulatedTau along_b = granulated_tau(swept, measure, gap, "b");
  EXPECT_EQ(along_b.groups, 3);
  EXPECT_EQ(along_b.pairs, 3);
  EXPECT_DOUBLE_EQ(along_b.tau, 0.0);
  // The measure equal to the gap: +1 along both.
  EXPECT_DOUBLE_EQ(granulated_tau(swept, gap, gap, "a").tau, 1.0);
  EXPECT_DOUBLE_EQ(granulated_tau(swept, gap, gap, "b").tau, 1.0);
}

RunRecord record(int index, double fr, double gap_acc) {
  RunRecord r;
  r.id = fmt::format("run-{}", index);
  r.index = index;
  r.run_dir = fmt::format("runs/{}", r.id);
  r.swept = {{"batch_size", 16 << (index % 4)}, {"seed", index / 4}};
  r.config = {{"arch", "2-3-1"}};
  r.epochs = 3;
  for (const char* key : kRunValues) {
    r.values[key] = std::nullopt;
  }
  r.values["fr_model_squared_train"] = fr;
  r.values["gap_acc"] = gap_acc;
  r.values["test_acc"] = 0.5;
  return r;
}

class Results : public testing::TempDirTest {};

TEST_F(Results, RoundTripsRowsAndMetadata) {
  ResultsDb db(path("results.sqlite"));
  EXPECT_FALSE(db.has_run("run-1"));
  db.insert(record(1, 2.5, 0.1));
  db.insert(record(0, 1.5, 0.05));
  EXPECT_TRUE(db.has_run("run-1"));
  db.set_meta("question", "why?");
  EXPECT_EQ(db.meta("question"), "why?");
  EXPECT_FALSE(db.meta("other").has_value());
  const std::vector<RunRecord> runs = db.runs();
  ASSERT_EQ(runs.size(), 2U);
  EXPECT_EQ(runs[0].id, "run-0");  // by index
  EXPECT_EQ(runs[1].values.at("fr_model_squared_train"), 2.5);
  EXPECT_FALSE(runs[1].values.at("l2").has_value());
  EXPECT_EQ(runs[1].swept, record(1, 0, 0).swept);
  db.insert(record(1, 3.5, 0.1));  // replaced, not duplicated
  EXPECT_EQ(db.runs().size(), 2U);
  EXPECT_EQ(db.runs()[1].values.at("fr_model_squared_train"), 3.5);
}

TEST_F(Results, TwoProcessesWritingOneDatabaseLoseNothing) {
  const std::string file = path("results.sqlite");
  { ResultsDb create(file); }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  const int first = child == 0 ? 0 : 1;
  {
    ResultsDb db(file);
    for (int k = 0; k < 40; ++k) {
      db.insert(record(2 * k + first, k, k));
    }
  }
  if (child == 0) {
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const std::vector<RunRecord> runs = ResultsDb(file).runs();
  ASSERT_EQ(runs.size(), 80U);
  for (int i = 0; i < 80; ++i) {
    EXPECT_EQ(runs[static_cast<std::size_t>(i)].index, i);
  }
}

TEST_F(Results, RefusesAFileThatIsNotADatabase) {
  std::ofstream(path("bad.sqlite")) << "this is not an SQLite file, not at all, not even close";
  EXPECT_FRNORM_ERROR_CONTAINS(ResultsDb(path("bad.sqlite")), path("bad.sqlite") + ": ");
}

TEST(Analysis, RanksAMeasureThatTracksTheGapAtTheTop) {
  std::vector<RunRecord> runs;
  runs.reserve(8);
  for (int i = 0; i < 8; ++i) {
    runs.push_back(record(i, /*fr=*/i, /*gap_acc=*/0.01 * i));
  }
  const SweepAnalysis a = analyze_runs(runs, "gap_acc");
  EXPECT_EQ(a.runs, 8);
  ASSERT_EQ(a.hyperparameters, std::vector<std::string>{"batch_size"});  // seed left out
  const MeasureRanking& fr = a.measures[0];
  EXPECT_EQ(fr.measure, "fr_model_squared_train");
  EXPECT_DOUBLE_EQ(fr.vs_gap_acc.tau, 1.0);
  EXPECT_EQ(fr.vs_gap_acc.pairs, 28);
  ASSERT_EQ(fr.granulated.size(), 1U);
  EXPECT_DOUBLE_EQ(fr.granulated[0].tau, 1.0);
  EXPECT_EQ(fr.granulated[0].groups, 2);  // seeds 0 and 1
  EXPECT_DOUBLE_EQ(fr.psi, 1.0);
  EXPECT_EQ(a.measures[4].vs_gap_acc.pairs, 0);  // l2 is null everywhere
  // batch_size grows with the index within each seed, and so does the measure.
  const auto effect = std::find_if(a.effects.begin(), a.effects.end(), [](const auto& e) {
    return e.measure == "fr_model_squared_train";
  });
  ASSERT_NE(effect, a.effects.end());
  EXPECT_DOUBLE_EQ(effect->tau.tau, 1.0);
  EXPECT_FRNORM_ERROR(analyze_runs(runs, "gap"), "--gap: expected gap_acc or gap_loss, got 'gap'");
}

}  // namespace
}  // namespace frnorm
