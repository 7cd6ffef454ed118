// A seeded random number generator whose output is the same on every machine and compiler.
// std::mt19937_64's sequence is fixed by the standard; the std:: distributions are not, so the
// conversions to uniform and normal variates are written here.
#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "frnorm/core/eigen.h"

namespace frnorm {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1), with 53 random bits.
  double uniform();
  // Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Standard normal (Box-Muller; one variate per call, the second is kept for the next call).
  double normal();
  // Uniform integer in [0, n), without modulo bias. Precondition: n > 0.
  std::uint64_t below(std::uint64_t n);

  // The whole state as text (the engine's standard textual form and the kept normal variate), so
  // a checkpoint can continue the same stream; restore_state(state()) changes nothing. Throws
  // frnorm::Error on text that is not such a state.
  std::string state() const;
  void restore_state(const std::string& text);

  // The raw engine, for std::shuffle-style algorithms that need a URBG.
  std::mt19937_64& engine() { return engine_; }

 private:
  std::mt19937_64 engine_;
  double spare_normal_ = 0.0;
  bool has_spare_normal_ = false;
};

// rows × cols independent standard normal entries, drawn column by column.
MatrixD normal_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng);

}  // namespace frnorm
