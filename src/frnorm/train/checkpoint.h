// Checkpoints: a TrainState as one safetensors file, written atomically after every epoch.
// Tensors "network.N.weight|bias" (the weights, F32 as trained) and "velocity.N.weight|bias"
// (the momentum buffers); __metadata__ holds epoch, step, the generator state and the network's
// activation and coordinates.
#pragma once

#include <string>

#include "frnorm/train/trainer.h"

namespace frnorm {

void write_checkpoint(const std::string& path, const TrainState& state);

// Throws frnorm::Error naming `path` if it is missing, malformed, or not a frnorm checkpoint.
TrainState read_checkpoint(const std::string& path);

}  // namespace frnorm
