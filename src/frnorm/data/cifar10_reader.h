// CIFAR-10, binary version: records of 1 label byte and 3072 pixel bytes (1024 red, 1024 green,
// 1024 blue, each 32×32 row by row), in data_batch_1.bin … data_batch_5.bin (train) and
// test_batch.bin (test). Pixels are scaled to [0, 1]; the 3072 values keep the file's order.
#pragma once

#include <string>
#include <vector>

#include "frnorm/data/dataset.h"
#include "frnorm/data/idx_reader.h"

namespace frnorm {

// Throws frnorm::Error naming the file: missing, a size that is not a whole number of records
// (truncated), a label above 9.
Dataset read_cifar10_dataset(const std::string& directory, Split split);

// The batch files one split reads, in order.
std::vector<std::string> cifar10_files(Split split);

}  // namespace frnorm
