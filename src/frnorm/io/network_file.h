// A Network as a safetensors file with PyTorch nn.Sequential state-dict names, so that
// safetensors.torch.save_file(model.state_dict(), path) is read as is, and PyTorch reads ours.
#pragma once

#include <map>
#include <string>

#include "frnorm/io/safetensors.h"
#include "frnorm/nn/network.h"

namespace frnorm {

// Tensors are named "[prefix.]N.weight" (out × in) and "[prefix.]N.bias" (out); layers are
// ordered by N (frnorm writes N = 0, 2, 4, ...: Linear, activation, Linear, ...). __metadata__
// holds "activation" (relu | leaky_relu | identity, default relu), "leaky_slope" (default 0.01)
// and "homogeneous" (true | false, default false); other metadata keys are kept but ignored.
struct NetworkFile {
  Network network;
  DType dtype = DType::kF64;  // of the weights as stored; mixed files report their first layer's
  std::map<std::string, std::string> metadata;
};

// Throws frnorm::Error naming `path` for any malformed file (see safetensors.h), and for
// unexpected tensor names, a missing weight, a layer whose input width does not match the
// previous output width, bias present on some layers only, a bias of the wrong length, a NaN or
// infinite weight, or bad metadata.
NetworkFile read_network(const std::string& path);

// The network's tensors and metadata, ready to serialize.
TensorFile network_to_tensors(const Network& network, DType dtype);

// Parses a TensorFile produced by any writer; `name` stands for the file in messages.
NetworkFile network_from_tensors(const TensorFile& file, const std::string& name);

// Writes atomically.
void write_network(const std::string& path, const Network& network, DType dtype);

}  // namespace frnorm
