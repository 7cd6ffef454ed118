// A training run's directory: config.json (every resolved option), metrics.jsonl (one object per
// measured epoch), checkpoint.safetensors (after every epoch) and model.safetensors (the final
// weights). Every file is written atomically.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "frnorm/train/trainer.h"

namespace frnorm {

struct RunDirectory {
  std::string dir;

  std::string config() const { return dir + "/config.json"; }
  std::string metrics() const { return dir + "/metrics.jsonl"; }
  std::string checkpoint() const { return dir + "/checkpoint.safetensors"; }
  std::string model() const { return dir + "/model.safetensors"; }
};

// One metrics.jsonl object: absent measures are null.
nlohmann::ordered_json epoch_metrics_json(const EpochMetrics& metrics);

// The lines of a metrics.jsonl file, in order. Throws frnorm::Error naming the file and line for
// one that is not a JSON object with an integer "epoch", or if the file cannot be read.
std::vector<nlohmann::ordered_json> read_metrics(const std::string& path);

// metrics.jsonl as a list of lines, rewritten whole (atomically) on every append.
class MetricsLog {
 public:
  explicit MetricsLog(std::string path) : path_(std::move(path)) {}

  // Reads the existing file and keeps the lines of epochs <= last_epoch (a run stopped between
  // its checkpoint and its metrics may have written a later one). Throws frnorm::Error naming
  // the file for a line that is not a JSON object with an integer "epoch".
  void resume(int last_epoch);
  void append(const nlohmann::ordered_json& line);
  const std::vector<std::string>& lines() const { return lines_; }

 private:
  std::string path_;
  std::vector<std::string> lines_;
};

}  // namespace frnorm
