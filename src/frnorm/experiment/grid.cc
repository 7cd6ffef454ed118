#include "frnorm/experiment/grid.h"

#include <fmt/format.h>

#include <algorithm>

#include "frnorm/core/error.h"
#include "frnorm/core/parse_number.h"
#include "frnorm/nn/network.h"

namespace frnorm {
namespace {

// Applies "width" and "depth" to the architecture "d-h1-...-hL-K".
void apply_architecture(OrderedJson& config, const std::string& path) {
  const bool width = config.contains("width");
  const bool depth = config.contains("depth");
  if (!width && !depth) {
    return;
  }
  if (!config.contains("arch") || !config["arch"].is_string()) {
    throw Error(
        fmt::format("{}: \"width\" and \"depth\" need an \"arch\" in the base to change", path));
  }
  std::vector<int> widths = parse_widths(config["arch"].get<std::string>(), path + ": arch");
  const int input = widths.front();
  const int output = widths.back();
  int hidden_layers = static_cast<int>(widths.size()) - 2;
  int hidden_width = hidden_layers > 0 ? widths[1] : 0;
  const auto positive = [&](const char* key) {
    if (!config[key].is_number_integer() || config[key].get<int>() < 1) {
      throw Error(fmt::format("{}: \"{}\" must be a positive integer, got {}", path, key,
                              config[key].dump()));
    }
    return config[key].get<int>();
  };
  if (width) {
    hidden_width = positive("width");
  }
  if (depth) {
    hidden_layers = positive("depth");
  }
  if (hidden_layers > 0 && hidden_width < 1) {
    throw Error(
        fmt::format("{}: \"depth\" needs a \"width\" for a network without hidden layers", path));
  }
  std::string arch = std::to_string(input);
  for (int l = 0; l < hidden_layers; ++l) {
    arch += fmt::format("-{}", hidden_width);
  }
  arch += fmt::format("-{}", output);
  config["arch"] = arch;
  config.erase("width");
  config.erase("depth");
}

OrderedJson normalised_object(const OrderedJson& object, const std::string& path,
                              const std::string& what) {
  if (!object.is_object()) {
    throw Error(fmt::format("{}: \"{}\" must be an object of option: value", path, what));
  }
  OrderedJson out = OrderedJson::object();
  for (const auto& [key, value] : object.items()) {
    out[option_key(key)] = value;
  }
  return out;
}

}  // namespace

std::string swept_value_text(const OrderedJson& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string describe_swept(const OrderedJson& swept, std::string_view separator) {
  std::string out;
  for (const auto& [key, value] : swept.items()) {
    out += fmt::format("{}{}={}", out.empty() ? "" : separator, key, swept_value_text(value));
  }
  return out;
}

std::string option_key(std::string key) {
  std::replace(key.begin(), key.end(), '-', '_');
  return key;
}

SweepGrid parse_grid(const OrderedJson& json, const std::string& path) {
  if (!json.is_object()) {
    throw Error(fmt::format("{}: a grid file is a JSON object with \"base\" and \"grid\"", path));
  }
  for (const auto& [key, value] : json.items()) {
    if (key != "question" && key != "base" && key != "grid" && key != "cases" && key != "note") {
      throw Error(fmt::format("{}: unknown key \"{}\" (expected question, note, base, grid, cases)",
                              path, key));
    }
  }
  SweepGrid grid;
  grid.file = json;
  if (json.contains("question")) {
    if (!json["question"].is_string()) {
      throw Error(fmt::format("{}: \"question\" must be a string", path));
    }
    grid.question = json["question"].get<std::string>();
  }
  grid.base =
      json.contains("base") ? normalised_object(json["base"], path, "base") : OrderedJson::object();
  if (json.contains("grid")) {
    const OrderedJson axes = normalised_object(json["grid"], path, "grid");
    for (const auto& [key, values] : axes.items()) {
      if (!values.is_array() || values.empty()) {
        throw Error(fmt::format("{}: grid \"{}\" must be a non-empty list of values", path, key));
      }
      if (key == "case" || key == "out" || key == "resume") {
        throw Error(fmt::format("{}: grid \"{}\" cannot be swept", path, key));
      }
      grid.axes.push_back({key, std::vector<OrderedJson>(values.begin(), values.end())});
    }
  }
  if (json.contains("cases")) {
    const OrderedJson& cases = json["cases"];
    if (!cases.is_array() || cases.empty()) {
      throw Error(fmt::format("{}: \"cases\" must be a non-empty list of objects", path));
    }
    SweepAxis axis{"case", {}};
    std::vector<std::string> names;
    for (std::size_t c = 0; c < cases.size(); ++c) {
      OrderedJson one = normalised_object(cases[c], path, fmt::format("cases[{}]", c));
      if (!one.contains("name") || !one["name"].is_string()) {
        throw Error(fmt::format("{}: cases[{}] needs a \"name\" (a string)", path, c));
      }
      const std::string name = one["name"].get<std::string>();
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        throw Error(fmt::format("{}: two cases are named \"{}\"", path, name));
      }
      names.push_back(name);
      axis.values.push_back(std::move(one));
    }
    grid.axes.push_back(std::move(axis));
  }
  return grid;
}

SweepGrid parse_grid_text(const std::string& text, const std::string& path) {
  const OrderedJson json = OrderedJson::parse(text, nullptr, false);
  if (json.is_discarded()) {
    throw Error(fmt::format("{}: not valid JSON", path));
  }
  return parse_grid(json, path);
}

std::vector<SweepRun> expand_grid(const SweepGrid& grid) {
  std::size_t total = 1;
  for (const SweepAxis& axis : grid.axes) {
    total *= axis.values.size();
  }
  std::vector<SweepRun> runs;
  runs.reserve(total);
  for (std::size_t index = 0; index < total; ++index) {
    SweepRun run;
    run.index = static_cast<int>(index);
    run.id = fmt::format("run-{:04d}", index);
    run.swept = OrderedJson::object();
    run.config = grid.base;
    // Mixed radix, the last axis fastest.
    std::size_t rest = index;
    std::vector<std::size_t> digits(grid.axes.size());
    for (std::size_t a = grid.axes.size(); a-- > 0;) {
      digits[a] = rest % grid.axes[a].values.size();
      rest /= grid.axes[a].values.size();
    }
    for (std::size_t a = 0; a < grid.axes.size(); ++a) {
      const SweepAxis& axis = grid.axes[a];
      const OrderedJson& value = axis.values[digits[a]];
      if (axis.key == "case") {
        run.swept["case"] = value["name"];
        for (const auto& [key, option] : value.items()) {
          if (key != "name") {
            run.config[key] = option;
          }
        }
      } else {
        run.swept[axis.key] = value;
        run.config[axis.key] = value;
      }
    }
    apply_architecture(run.config, "grid");
    runs.push_back(std::move(run));
  }
  return runs;
}

Shard parse_shard(const std::string& text, const std::string& what) {
  const std::optional<std::pair<int, int>> parts = parse_number_pair<int>(text, '/');
  if (!parts || parts->second < 1 || parts->first < 0 || parts->first >= parts->second) {
    throw Error(fmt::format("{}: expected I/N with 0 <= I < N (e.g. 0/4), got '{}'", what, text));
  }
  return Shard{parts->first, parts->second};
}

}  // namespace frnorm
