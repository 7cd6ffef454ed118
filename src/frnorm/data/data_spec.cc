#include "frnorm/data/data_spec.h"

#include <fmt/format.h>

#include <string>

#include "frnorm/core/error.h"
#include "frnorm/data/csv_reader.h"

namespace frnorm {

Dataset load_dataset(std::string_view spec, std::string_view flag) {
  if (spec.starts_with("csv:") && spec.size() > 4) {
    return read_csv_dataset(std::string(spec.substr(4)));
  }
  throw Error(fmt::format("{}: unknown data spec '{}'; expected csv:PATH", flag, spec));
}

}  // namespace frnorm
