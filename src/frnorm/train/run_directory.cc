#include "frnorm/train/run_directory.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "frnorm/core/atomic_file.h"
#include "frnorm/core/error.h"
#include "frnorm/core/json.h"
#include "frnorm/core/read_file.h"

namespace frnorm {

namespace {

using Json = nlohmann::ordered_json;

}  // namespace

Json epoch_metrics_json(const EpochMetrics& m) {
  return {{"epoch", m.epoch},
          {"step", m.step},
          {"lr", json_number(m.lr)},
          {"train_loss", json_number(m.train_loss)},
          {"train_acc", json_number(m.train_acc)},
          {"test_loss", json_number(m.test_loss)},
          {"test_acc", json_number(m.test_acc)},
          {"fr_empirical_squared_train", json_number(m.fr_empirical_squared_train)},
          {"fr_model_squared_train", json_number(m.fr_model_squared_train)},
          {"fr_empirical_squared_test", json_number(m.fr_empirical_squared_test)},
          {"fr_model_squared_test", json_number(m.fr_model_squared_test)},
          {"l2", json_number(m.l2)},
          {"spectral_product", json_number(m.spectral_product)},
          {"path_norm", json_number(m.path_norm)},
          {"margin_p10", json_number(m.margin_p10)},
          {"wall_s", json_number(m.wall_s)},
          {"samples_per_s", json_number(m.samples_per_s)}};
}

std::vector<Json> read_metrics(const std::string& path) {
  const std::string text = read_file(path);
  std::vector<Json> lines;
  std::size_t start = 0;
  int line_number = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.empty()) {
      continue;
    }
    Json parsed = Json::parse(line, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("epoch") ||
        !parsed["epoch"].is_number_integer()) {
      throw Error(fmt::format("{}:{}: not a metrics line (a JSON object with an integer epoch)",
                              path, line_number));
    }
    lines.push_back(std::move(parsed));
  }
  return lines;
}

void MetricsLog::resume(int last_epoch) {
  lines_.clear();
  if (!std::filesystem::exists(path_)) {
    return;
  }
  for (const Json& line : read_metrics(path_)) {
    if (line["epoch"].get<int>() <= last_epoch) {
      lines_.push_back(line.dump());
    }
  }
}

void MetricsLog::append(const Json& line) {
  lines_.push_back(line.dump());
  write_file_atomically(path_, [this](std::ostream& stream) {
    for (const std::string& text : lines_) {
      stream << text << '\n';
    }
  });
}

}  // namespace frnorm
