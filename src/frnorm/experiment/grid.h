// A sweep's grid file: a base configuration of `frnorm train` options and lists of values for
// any of them; the sweep is their Cartesian product (MISSION §5: the experiments that answer the
// open questions).
//
//   {
//     "question": "How does the batch size affect the Fisher-Rao norm?",
//     "base": {"data": "fashion-mnist", "arch": "784-256-256-10", "epochs": 5},
//     "grid": {"batch_size": [16, 64, 256], "seed": [0, 1]},
//     "cases": [{"name": "none"}, {"name": "wd", "weight_decay": 1e-4}]     (optional)
//   }
//
// Keys may be written with dashes or underscores (batch-size = batch_size). Two derived keys
// set the architecture: "width" (every hidden layer) and "depth" (the number of hidden layers),
// applied to the base's --arch. "cases" is one more axis whose values are whole option sets
// (for comparisons that are not a product, e.g. no regularizer / weight decay / FR penalty);
// the axis is called "case" and takes each case's "name".
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace frnorm {

using OrderedJson = nlohmann::ordered_json;

struct SweepAxis {
  std::string key;                  // an option name with underscores, "width", "depth" or "case"
  std::vector<OrderedJson> values;  // for "case": the case objects (with their "name")
};

struct SweepGrid {  // NOLINT(bugprone-exception-escape): nlohmann::json members
  std::string question;
  OrderedJson base;             // option name -> value
  std::vector<SweepAxis> axes;  // in the file's order; "case" last
  OrderedJson file;             // the grid file as parsed, as the results database keeps it
};

struct SweepRun {      // NOLINT(bugprone-exception-escape): nlohmann::json members
  int index = 0;       // position in the product, the last axis varying fastest
  std::string id;      // "run-0007": the run directory's name and the database key
  OrderedJson swept;   // axis key -> this run's value (a case by its name)
  OrderedJson config;  // base with this run's values applied: option name -> value
};

// Parses a grid file's JSON; throws frnorm::Error naming `path` and the offending key.
SweepGrid parse_grid(const OrderedJson& json, const std::string& path);
// The text of a grid file; throws frnorm::Error naming `path` if it is not valid JSON.
SweepGrid parse_grid_text(const std::string& text, const std::string& path);

// The Cartesian product, in order.
std::vector<SweepRun> expand_grid(const SweepGrid& grid);

// "I/N" with 0 <= I < N: the shard that runs every run whose index is I modulo N.
struct Shard {
  int index = 0;
  int count = 1;
  bool contains(int run_index) const { return run_index % count == index; }
};
Shard parse_shard(const std::string& text, const std::string& what);

// A swept value as text: a string as it is, a number as JSON writes it.
std::string swept_value_text(const OrderedJson& value);

// "lr=0.1<separator>seed=1": a run's swept values, in order.
std::string describe_swept(const OrderedJson& swept, std::string_view separator);

// "batch-size" -> "batch_size".
std::string option_key(std::string key);

}  // namespace frnorm
