// MNIST-format (IDX) data: an images file (magic 0x00000803, n × rows × cols bytes) and a labels
// file (magic 0x00000801, n bytes), gzipped or not. Pixels are scaled to [0, 1] and flattened
// row by row.
#pragma once

#include <string>

#include "frnorm/data/dataset.h"

namespace frnorm {

enum class Split { kTrain, kTest };

// Reads DIR/{train|t10k}-{images-idx3|labels-idx1}-ubyte[.gz]; 10 classes. Throws frnorm::Error
// naming the file: missing, wrong magic number, truncated data, image and label counts that
// differ, a label out of range.
Dataset read_idx_dataset(const std::string& directory, Split split);

// Reads one images file and one labels file.
Dataset read_idx_files(const std::string& images_path, const std::string& labels_path,
                       int num_classes);

}  // namespace frnorm
