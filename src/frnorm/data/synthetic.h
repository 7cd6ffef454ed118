// Synthetic data sets, generated from a seed: two-moons, spirals, blobs, xor, linear-teacher.
#pragma once

#include <cstdint>
#include <string>

#include "frnorm/data/dataset.h"

namespace frnorm {

enum class SyntheticKind { kTwoMoons, kSpirals, kBlobs, kXor, kLinearTeacher };

struct SyntheticOptions {
  SyntheticKind kind = SyntheticKind::kTwoMoons;
  Eigen::Index n = 1000;  // samples
  double noise = -1.0;    // < 0: the kind's default (see synthetic.cc)
  std::uint64_t seed = 0;
  int dim = 0;      // blobs and linear-teacher only; 0: default (2 and 10)
  int classes = 0;  // spirals, blobs, linear-teacher; 0: default (2, 3, 2)
};

// Samples are shuffled-free: the classes interleave (sample i has label i mod classes, except for
// linear-teacher, whose labels come from the teacher).
Dataset make_synthetic(const SyntheticOptions& options);

// Parses "NAME[,key=value…]" (NAME: two-moons, spirals, blobs, xor, linear-teacher; keys n,
// noise, seed, dim, classes where they apply). Throws frnorm::Error naming `flag`.
SyntheticOptions parse_synthetic_spec(const std::string& text, const std::string& flag);

}  // namespace frnorm
