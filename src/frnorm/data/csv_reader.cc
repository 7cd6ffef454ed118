#include "frnorm/data/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "frnorm/core/error.h"
#include "frnorm/core/read_file.h"

namespace frnorm {

namespace {

enum class ColumnRole { kFeature, kLabel, kTarget };

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  return text;
}

std::vector<std::string_view> split_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    cells.push_back(trim(line.substr(start, comma - start)));
    if (comma == std::string_view::npos) {
      return cells;
    }
    start = comma + 1;
  }
}

// A finite double, or nullopt-like failure reported by the caller.
bool parse_number(std::string_view cell, double& value) {
  if (!cell.empty() && cell.front() == '+') {
    cell.remove_prefix(1);
  }
  const auto [ptr, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  return !cell.empty() && error == std::errc() && ptr == cell.data() + cell.size() &&
         std::isfinite(value);
}

}  // namespace

Dataset parse_csv_dataset(std::string_view text, const std::string& name) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  while (!lines.empty() && trim(lines.back()).empty()) {
    lines.pop_back();
  }
  if (lines.empty()) {
    throw Error(
        fmt::format("{}: the file is empty; expected a header row naming the columns", name));
  }
  const std::vector<std::string_view> header = split_cells(lines[0]);
  std::vector<ColumnRole> roles;
  Dataset data;
  data.name = name;
  int label_columns = 0;
  Eigen::Index num_targets = 0;
  for (std::string_view column : header) {
    if (column == "label") {
      roles.push_back(ColumnRole::kLabel);
      ++label_columns;
    } else if (column.starts_with("target")) {
      roles.push_back(ColumnRole::kTarget);
      ++num_targets;
    } else {
      roles.push_back(ColumnRole::kFeature);
      data.feature_names.emplace_back(column);
    }
  }
  if (label_columns > 1) {
    throw Error(fmt::format("{}:1: the header names more than one 'label' column", name));
  }
  if (data.feature_names.empty()) {
    throw Error(
        fmt::format("{}:1: no feature columns (every column is 'label' or 'target…')", name));
  }
  const auto n = static_cast<Eigen::Index>(lines.size() - 1);
  if (n == 0) {
    throw Error(fmt::format("{}: a header row but no data rows", name));
  }
  data.inputs.resize(static_cast<Eigen::Index>(data.feature_names.size()), n);
  data.targets.resize(num_targets, num_targets > 0 ? n : 0);
  for (Eigen::Index i = 0; i < n; ++i) {
    const std::size_t line_number = static_cast<std::size_t>(i) + 2;
    const std::vector<std::string_view> cells = split_cells(lines[i + 1]);
    if (cells.size() != header.size()) {
      throw Error(fmt::format("{}:{}: {} cells, but the header has {} columns", name, line_number,
                              cells.size(), header.size()));
    }
    Eigen::Index feature = 0;
    Eigen::Index target = 0;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      double value = 0.0;
      if (!parse_number(cells[c], value)) {
        throw Error(fmt::format("{}:{}: column {} ('{}'): '{}' is not a finite number", name,
                                line_number, c + 1, header[c], cells[c]));
      }
      switch (roles[c]) {
        case ColumnRole::kFeature:
          data.inputs(feature++, i) = value;
          break;
        case ColumnRole::kTarget:
          data.targets(target++, i) = value;
          break;
        case ColumnRole::kLabel:
          if (value < 0 || value != std::floor(value) || value > 1e9) {
            throw Error(
                fmt::format("{}:{}: column {} ('label'): '{}' is not a class index (a "
                            "non-negative integer)",
                            name, line_number, c + 1, cells[c]));
          }
          data.labels.push_back(static_cast<int>(value));
          break;
      }
    }
  }
  for (int label : data.labels) {
    data.num_classes = std::max(data.num_classes, label + 1);
  }
  return data;
}

Dataset read_csv_dataset(const std::string& path) {
  return parse_csv_dataset(read_file(path), path);
}

}  // namespace frnorm
