#include "frnorm/io/safetensors.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <nlohmann/json.hpp>

#include "frnorm/core/atomic_file.h"
#include "frnorm/core/error.h"
#include "frnorm/core/read_file.h"

namespace frnorm {

// The format is little-endian; frnorm copies bytes as they are.
static_assert(std::endian::native == std::endian::little, "frnorm assumes a little-endian host");

namespace {

// The reference implementation refuses headers above 100 MB; so does frnorm.
constexpr std::uint64_t kMaxHeaderBytes = 100'000'000;

std::size_t element_size(DType dtype) { return dtype == DType::kF32 ? 4 : 8; }

DType parse_dtype(const std::string& text, std::string_view file, const std::string& tensor) {
  if (text == "F32") {
    return DType::kF32;
  }
  if (text == "F64") {
    return DType::kF64;
  }
  static const char* const kOtherDtypes[] = {"BOOL", "U8",  "I8",  "F8_E5M2", "F8_E4M3",
                                             "I16",  "U16", "F16", "BF16",    "I32",
                                             "U32",  "I64", "U64"};
  for (const char* known : kOtherDtypes) {
    if (text == known) {
      throw Error(
          fmt::format("{}: tensor '{}' has dtype {}; frnorm reads F32 and F64 (convert "
                      "with model.float() or model.double() before saving)",
                      file, tensor, text));
    }
  }
  throw Error(fmt::format("{}: tensor '{}' has unknown dtype '{}' (expected F32 or F64)", file,
                          tensor, text));
}

struct Entry {
  Tensor tensor;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
};

Entry parse_entry(const std::string& name, const nlohmann::json& value, std::string_view file,
                  std::uint64_t data_bytes) {
  const auto fail = [&](std::string_view what) {
    return Error(fmt::format("{}: tensor '{}': {}", file, name, what));
  };
  if (!value.is_object() || !value.contains("dtype") || !value.contains("shape") ||
      !value.contains("data_offsets")) {
    throw fail("expected an object with dtype, shape and data_offsets");
  }
  const auto& dtype = value["dtype"];
  const auto& shape = value["shape"];
  const auto& offsets = value["data_offsets"];
  if (!dtype.is_string()) {
    throw fail("dtype must be a string");
  }
  Entry entry;
  entry.tensor.name = name;
  entry.tensor.dtype = parse_dtype(dtype.get<std::string>(), file, name);
  if (!shape.is_array()) {
    throw fail("shape must be an array of non-negative integers");
  }
  std::uint64_t count = 1;
  for (const auto& extent : shape) {
    if (!extent.is_number_unsigned() || extent.get<std::uint64_t>() > (1ULL << 40)) {
      throw fail("shape must be an array of non-negative integers");
    }
    count *= extent.get<std::uint64_t>();
    entry.tensor.shape.push_back(extent.get<std::int64_t>());
  }
  if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() ||
      !offsets[1].is_number_unsigned()) {
    throw fail("data_offsets must be [begin, end], two non-negative integers");
  }
  entry.begin = offsets[0].get<std::uint64_t>();
  entry.end = offsets[1].get<std::uint64_t>();
  if (entry.end < entry.begin || entry.end > data_bytes) {
    throw fail(fmt::format(
        "data offsets [{}, {}] are out of range: the data section has {} bytes"
        "{}",
        entry.begin, entry.end, data_bytes, entry.end > data_bytes ? " (truncated file?)" : ""));
  }
  const std::uint64_t expected = count * element_size(entry.tensor.dtype);
  if (entry.end - entry.begin != expected) {
    throw fail(fmt::format("shape [{}] needs {} bytes as {} but data offsets [{}, {}] span {}",
                           fmt::join(entry.tensor.shape, ", "), expected, dtype.get<std::string>(),
                           entry.begin, entry.end, entry.end - entry.begin));
  }
  return entry;
}

void decode_values(Entry& entry, const char* data) {
  const std::size_t count = (entry.end - entry.begin) / element_size(entry.tensor.dtype);
  entry.tensor.values.resize(count);
  const char* source = data + entry.begin;
  for (std::size_t i = 0; i < count; ++i) {
    if (entry.tensor.dtype == DType::kF32) {
      float value;
      std::memcpy(&value, source + 4 * i, 4);
      entry.tensor.values[i] = value;
    } else {
      std::memcpy(&entry.tensor.values[i], source + 8 * i, 8);
    }
  }
}

nlohmann::json parse_header(std::string_view bytes, std::string_view file) {
  if (bytes.size() < 8) {
    throw Error(
        fmt::format("{}: truncated file: {} bytes, but a safetensors file starts with an "
                    "8-byte header length",
                    file, bytes.size()));
  }
  std::uint64_t header_bytes;
  std::memcpy(&header_bytes, bytes.data(), 8);
  if (header_bytes > bytes.size() - 8) {
    throw Error(
        fmt::format("{}: header length {} is past the end of the file ({} bytes); the "
                    "file is truncated or not safetensors",
                    file, header_bytes, bytes.size()));
  }
  if (header_bytes > kMaxHeaderBytes) {
    throw Error(fmt::format("{}: header length {} exceeds the 100 MB limit", file, header_bytes));
  }
  nlohmann::json header = nlohmann::json::parse(bytes.substr(8, header_bytes), nullptr, false);
  if (header.is_discarded() || !header.is_object()) {
    throw Error(fmt::format("{}: the header is not a JSON object", file));
  }
  return header;
}

}  // namespace

std::string dtype_name(DType dtype) { return dtype == DType::kF32 ? "F32" : "F64"; }

TensorFile parse_safetensors(std::string_view bytes, std::string_view name) {
  const nlohmann::json header = parse_header(bytes, name);
  std::uint64_t header_bytes;
  std::memcpy(&header_bytes, bytes.data(), 8);
  const std::uint64_t data_bytes = bytes.size() - 8 - header_bytes;
  const char* data = bytes.data() + 8 + header_bytes;

  TensorFile file;
  std::vector<Entry> entries;
  for (const auto& [key, value] : header.items()) {
    if (key == "__metadata__") {
      if (!value.is_object()) {
        throw Error(fmt::format("{}: __metadata__ must map strings to strings", name));
      }
      for (const auto& [meta_key, meta_value] : value.items()) {
        if (!meta_value.is_string()) {
          throw Error(
              fmt::format("{}: __metadata__ value of '{}' must be a string", name, meta_key));
        }
        file.metadata[meta_key] = meta_value.get<std::string>();
      }
      continue;
    }
    entries.push_back(parse_entry(key, value, name, data_bytes));
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  std::uint64_t covered = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].begin < covered) {
      throw Error(fmt::format("{}: tensors '{}' and '{}' overlap in the data section", name,
                              entries[i - 1].tensor.name, entries[i].tensor.name));
    }
    if (entries[i].begin > covered) {
      throw Error(fmt::format("{}: data bytes [{}, {}) before tensor '{}' belong to no tensor",
                              name, covered, entries[i].begin, entries[i].tensor.name));
    }
    covered = entries[i].end;
  }
  if (covered != data_bytes) {
    throw Error(
        fmt::format("{}: the last {} data bytes belong to no tensor", name, data_bytes - covered));
  }
  for (Entry& entry : entries) {
    decode_values(entry, data);
    file.tensors.push_back(std::move(entry.tensor));
  }
  return file;
}

TensorFile read_safetensors(const std::string& path) {
  return parse_safetensors(read_file(path), path);
}

std::string serialize_safetensors(const TensorFile& file) {
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!file.metadata.empty()) {
    header["__metadata__"] = file.metadata;
  }
  std::uint64_t offset = 0;
  for (const Tensor& tensor : file.tensors) {
    std::uint64_t count = 1;
    for (std::int64_t extent : tensor.shape) {
      FRNORM_CHECK(extent >= 0, "negative tensor extent");
      count *= static_cast<std::uint64_t>(extent);
    }
    FRNORM_CHECK(count == tensor.values.size(),
                 "tensor '" + tensor.name + "': shape and values differ");
    const std::uint64_t bytes = count * element_size(tensor.dtype);
    header[tensor.name] = {{"dtype", dtype_name(tensor.dtype)},
                           {"shape", tensor.shape},
                           {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string header_text = header.dump();
  header_text.append((8 - header_text.size() % 8) % 8, ' ');

  std::string out;
  out.reserve(8 + header_text.size() + offset);
  const std::uint64_t header_bytes = header_text.size();
  out.append(reinterpret_cast<const char*>(&header_bytes), 8);
  out += header_text;
  for (const Tensor& tensor : file.tensors) {
    for (double value : tensor.values) {
      if (tensor.dtype == DType::kF32) {
        const auto narrow = static_cast<float>(value);
        out.append(reinterpret_cast<const char*>(&narrow), 4);
      } else {
        out.append(reinterpret_cast<const char*>(&value), 8);
      }
    }
  }
  return out;
}

void write_safetensors(const std::string& path, const TensorFile& file) {
  write_file_atomically(path, serialize_safetensors(file));
}

}  // namespace frnorm
