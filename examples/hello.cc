// The README's library example: build a bias-free ReLU network, check Euler's identity (I3),
// then save it for PyTorch.
#include <fmt/format.h>

#include "frnorm/core/rng.h"
#include "frnorm/io/network_file.h"
#include "frnorm/nn/forward.h"
#include "frnorm/nn/identities.h"
#include "frnorm/nn/jvp.h"

int main() {
  using namespace frnorm;
  NetworkSpec spec;
  spec.widths = {2, 15, 15, 15, 1};  // d, three hidden layers, K
  const Network network = init_network(spec, /*seed=*/42);

  Rng rng(7);
  const MatrixD x = normal_matrix(2, 5, rng);             // five inputs, one per column
  const MatrixD f = forward(network, x);                  // 1 × 5
  const MatrixD u = jvp_along_theta(network, x).tangent;  // ∇_θ f · θ, 1 × 5

  // (I3): ∇_θ f · θ = (L+1) f for a bias-free network.
  const int depth = network.num_hidden_layers() + 1;
  fmt::print("max |grad·theta - (L+1) f| = {:.2e}\n", (u - depth * f).cwiseAbs().maxCoeff());
  fmt::print("all identities: I3b max_rel = {:.2e}\n", identity_residuals(network, x).i3b.max_rel);

  write_network("hello.safetensors", network, DType::kF32);  // torch: load_file + load_state_dict
  fmt::print("wrote hello.safetensors\n");
}
