// The notes' figures (MISSION §6), from 2-15-15-15-1 ReLU networks with PyTorch-default weights:
//   figure1_bias         with biases: many linear pieces;
//   figure2_no_bias      bias-free: f(0) = 0, wedge-shaped pieces meeting at the origin;
//   figure3_homogeneous  bias-free with homogeneous coordinates (x3 = 1);
//   figure4_weight_plane f of figure 2's network over a plane through the origin of W_2's space,
//                        x fixed: the same wedges, as f is positively homogeneous in W_2.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "frnorm/nn/network.h"
#include "frnorm/plot/figure.h"

namespace frnorm {

struct NotesFigureOptions {
  std::uint64_t seed = 0;
  int grid = 201;      // points per axis
  double range = 2.0;  // inputs and plane coordinates in [-range, range]
  FigureSize size;
};

// The three networks, in the order above (the fourth figure uses the second).
std::vector<Network> notes_networks(std::uint64_t seed);

// The input at which figure 4 holds x fixed.
VectorD notes_weight_plane_input();

// Writes each figure (FigureFiles) and its network (DIR/NAME.safetensors, so that `frnorm plot
// geometry` redraws it) into `directory`.
std::vector<FigureFiles> draw_notes_figures(const std::string& directory,
                                            const NotesFigureOptions& options);

}  // namespace frnorm
