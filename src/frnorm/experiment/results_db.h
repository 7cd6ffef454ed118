// A sweep's results database, DIR/results.sqlite: one row per finished run (its swept values,
// its resolved configuration, its final measures, its generalization gaps, where its run
// directory is). WAL mode and a busy timeout let several processes (shards, --jobs) write one
// file at once; each row is written in one transaction.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "frnorm/experiment/grid.h"

struct sqlite3;

namespace frnorm {

// The final measures a row keeps, named as in metrics.jsonl, then the two gaps:
// gap_loss = test_loss - train_loss, gap_acc = train_acc - test_acc.
inline constexpr std::array<const char*, 14> kRunValues = {"train_loss",
                                                           "test_loss",
                                                           "train_acc",
                                                           "test_acc",
                                                           "fr_empirical_squared_train",
                                                           "fr_model_squared_train",
                                                           "fr_empirical_squared_test",
                                                           "fr_model_squared_test",
                                                           "l2",
                                                           "spectral_product",
                                                           "path_norm",
                                                           "margin_p10",
                                                           "gap_loss",
                                                           "gap_acc"};

struct RunRecord {  // NOLINT(bugprone-exception-escape): nlohmann::json members
  std::string id;
  int index = 0;
  std::string run_dir;  // relative to the sweep directory, or absolute
  OrderedJson swept;
  OrderedJson config;   // every resolved option of the run (its config.json), or the grid's
  int epochs = 0;       // of the last metrics line
  double wall_s = 0.0;  // training time, summed over measured epochs
  std::map<std::string, std::optional<double>> values;  // every kRunValues key
};

// The record of a finished run: the options of RUN/config.json, the last line of
// RUN/metrics.jsonl and the gaps. Throws
// frnorm::Error naming the file if it is missing or has no measured epoch.
RunRecord record_from_run(const SweepRun& run, const std::string& run_dir_on_disk,
                          const std::string& run_dir_stored);

class ResultsDb {
 public:
  // Opens (creating if needed) the database; throws frnorm::Error naming `path`.
  explicit ResultsDb(const std::string& path);
  ~ResultsDb();
  ResultsDb(const ResultsDb&) = delete;
  ResultsDb& operator=(const ResultsDb&) = delete;

  bool has_run(const std::string& id);
  // Inserts or replaces the row, in one transaction.
  void insert(const RunRecord& record);
  std::vector<RunRecord> runs();

  std::optional<std::string> meta(const std::string& key);
  void set_meta(const std::string& key, const std::string& value);

  // Runs that failed (a diverged loss, a bad data file): id -> why; cleared when one finishes.
  void set_failure(const std::string& id, const std::string& why);
  void clear_failure(const std::string& id);
  std::vector<std::pair<std::string, std::string>> failures();

  const std::string& path() const { return path_; }

 private:
  void exec(const std::string& sql);
  sqlite3* db_ = nullptr;
  std::string path_;
};

// The database of a sweep directory: DIR/results.sqlite. Throws frnorm::Error if DIR has none
// (and `create` is false).
std::string results_path(const std::string& sweep_dir);

// Adds the rows of SOURCE/results.sqlite that TARGET/results.sqlite lacks (by run id), with
// their run directories re-pointed from TARGET; creates TARGET's database if needed. Refuses
// sweeps of different grids. Returns how many rows it added.
int merge_sweep(const std::string& target_dir, const std::string& source_dir);

// The swept keys of all runs, in order of first appearance.
std::vector<std::string> swept_keys(const std::vector<RunRecord>& runs);

// One row per run: run_id, run_dir, every swept key (their union, in order), epochs, wall_s,
// then kRunValues. Empty cells for nulls; quoted where a value holds a comma or a quote.
std::string results_csv(const std::vector<RunRecord>& runs);

}  // namespace frnorm
