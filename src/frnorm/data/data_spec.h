// Data sets named by a spec string, the form every command's --data flag takes.
#pragma once

#include <string_view>

#include "frnorm/data/dataset.h"

namespace frnorm {

// "csv:PATH": a CSV file (see csv_reader.h). Throws frnorm::Error naming `flag` for an unknown
// spec, and naming the file for a bad file.
Dataset load_dataset(std::string_view spec, std::string_view flag);

}  // namespace frnorm
