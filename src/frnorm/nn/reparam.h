// Reparametrizations that leave the function f unchanged (MISSION §3, "Invariance"): the
// Fisher-Rao norm is invariant under all three; the l2 norm under none.
#pragma once

#include <cstdint>

#include "frnorm/nn/network.h"

namespace frnorm {

// For every hidden unit i of every hidden layer l, a factor c > 0 (log c uniform in [-1, 1]):
// row i of W_l and b_{l,i} times c, column i of W_{l+1} times 1/c. Valid because σ(c z) = c σ(z).
Network node_rescale(const Network& network, std::uint64_t seed);

// W_l (and b_l) times c > 0, W_{l+1} divided by c. Precondition: 1 ≤ l ≤ L, c > 0; throws
// frnorm::Error naming --layer-rescale otherwise.
Network layer_rescale(const Network& network, int layer, double c);

// A random permutation of the units of every hidden layer: rows of W_l and entries of b_l, and
// the matching columns of W_{l+1}.
Network permute_units(const Network& network, std::uint64_t seed);

}  // namespace frnorm
