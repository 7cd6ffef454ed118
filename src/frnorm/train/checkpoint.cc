#include "frnorm/train/checkpoint.h"

#include <fmt/format.h>

#include <charconv>

#include "frnorm/core/error.h"
#include "frnorm/core/version.h"
#include "frnorm/io/network_file.h"
#include "frnorm/io/safetensors.h"

namespace frnorm {

namespace {

constexpr const char* kNetworkPrefix = "network.";
constexpr const char* kVelocityPrefix = "velocity.";

// The tensors of `file` whose names start with `prefix`, with the prefix removed.
TensorFile with_prefix(const TensorFile& file, const std::string& prefix) {
  TensorFile part;
  part.metadata = file.metadata;
  for (const Tensor& tensor : file.tensors) {
    if (tensor.name.starts_with(prefix)) {
      Tensor copy = tensor;
      copy.name = tensor.name.substr(prefix.size());
      part.tensors.push_back(std::move(copy));
    }
  }
  return part;
}

long parse_long(const TensorFile& file, const std::string& key, const std::string& path) {
  const auto found = file.metadata.find(key);
  long value = -1;
  if (found == file.metadata.end() ||
      std::from_chars(found->second.data(), found->second.data() + found->second.size(), value)
              .ec != std::errc() ||
      value < 0) {
    throw Error(
        fmt::format("{}: not a frnorm checkpoint (no valid '{}' in __metadata__)", path, key));
  }
  return value;
}

}  // namespace

void write_checkpoint(const std::string& path, const TrainState& state) {
  const Network network = cast_network<double>(state.network);
  TensorFile file = network_to_tensors(network, DType::kF32);
  for (Tensor& tensor : file.tensors) {
    tensor.name.insert(0, kNetworkPrefix);
  }
  if (!state.velocity.empty()) {
    Network velocity = network;
    for (std::size_t k = 0; k < velocity.layers.size(); ++k) {
      velocity.layers[k].weight = state.velocity[k].weight.cast<double>();
      velocity.layers[k].bias = state.velocity[k].bias.cast<double>();
    }
    for (Tensor& tensor : network_to_tensors(velocity, DType::kF32).tensors) {
      tensor.name.insert(0, kVelocityPrefix);
      file.tensors.push_back(std::move(tensor));
    }
  }
  // insert_or_assign of whole strings: GCC 12's -Wrestrict misfires on assign(const char*).
  file.metadata.insert_or_assign("frnorm_checkpoint", std::string(kVersion));
  file.metadata.insert_or_assign("epoch", std::to_string(state.epoch));
  file.metadata.insert_or_assign("step", std::to_string(state.step));
  file.metadata.insert_or_assign("rng_state", state.rng.state());
  write_safetensors(path, file);
}

TrainState read_checkpoint(const std::string& path) {
  const TensorFile file = read_safetensors(path);
  if (file.metadata.count("frnorm_checkpoint") == 0) {
    throw Error(
        fmt::format("{}: not a frnorm checkpoint (no 'frnorm_checkpoint' in "
                    "__metadata__)",
                    path));
  }
  TrainState state;
  state.network =
      cast_network<float>(network_from_tensors(with_prefix(file, kNetworkPrefix), path).network);
  const TensorFile velocity = with_prefix(file, kVelocityPrefix);
  if (!velocity.tensors.empty()) {
    const Network buffers = network_from_tensors(velocity, path + " (velocity)").network;
    if (widths_string(buffers) != widths_string(cast_network<double>(state.network))) {
      throw Error(fmt::format("{}: the velocity tensors do not have the network's shapes", path));
    }
    for (const auto& layer : buffers.layers) {
      state.velocity.push_back({layer.weight.cast<float>(), layer.bias.cast<float>()});
    }
  }
  state.epoch = static_cast<int>(parse_long(file, "epoch", path));
  state.step = parse_long(file, "step", path);
  try {
    state.rng.restore_state(file.metadata.at("rng_state"));
  } catch (const std::exception&) {
    throw Error(fmt::format("{}: not a frnorm checkpoint (no valid 'rng_state')", path));
  }
  return state;
}

}  // namespace frnorm
