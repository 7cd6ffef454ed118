// CSV data files: a header row, then one sample per row. A column named "label" holds a class
// index; columns whose names start with "target" hold regression targets; every other column is
// a feature, in order.
#pragma once

#include <string>
#include <string_view>

#include "frnorm/data/dataset.h"

namespace frnorm {

// Throws frnorm::Error naming the file, and the line and column where the fault is: a cell that
// is not a finite number, a label that is not a non-negative integer, a row with the wrong
// number of cells, no feature columns, no data rows.
Dataset read_csv_dataset(const std::string& path);

// The same on text already in memory; `name` stands for the file in messages.
Dataset parse_csv_dataset(std::string_view text, const std::string& name);

}  // namespace frnorm
