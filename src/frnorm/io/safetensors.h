// The safetensors file format: an 8-byte little-endian header length, a JSON header naming each
// tensor's dtype, shape and byte range, then the raw little-endian data (no gaps, no overlaps).
// This layer knows tensors only; network_file.h maps them to a Network.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace frnorm {

enum class DType { kF32, kF64 };

// "F32", "F64".
std::string dtype_name(DType dtype);

struct Tensor {
  std::string name;
  DType dtype = DType::kF64;
  std::vector<std::int64_t> shape;
  // Row-major (C order) values. F32 data is widened exactly, so writing back as F32 restores
  // the original bits.
  std::vector<double> values;
};

struct TensorFile {
  std::map<std::string, std::string> metadata;  // the header's "__metadata__"; may be empty
  std::vector<Tensor> tensors;                  // in the order of their data
};

// Reads and validates a whole file. Throws frnorm::Error naming `path` and the fault: truncated
// file, header length past the end, invalid JSON, unknown or unsupported dtype, data offsets out
// of range, overlapping or leaving gaps, a shape that does not match its byte range.
TensorFile read_safetensors(const std::string& path);

// The same on bytes already in memory; `name` stands for the file in messages.
TensorFile parse_safetensors(std::string_view bytes, std::string_view name);

// The file's bytes: header padded with spaces to a multiple of 8 bytes (as the reference
// implementation writes it), then the tensors' data in order.
std::string serialize_safetensors(const TensorFile& file);

// Writes serialize_safetensors(file) atomically.
void write_safetensors(const std::string& path, const TensorFile& file);

}  // namespace frnorm
