// Which linear region each input lies in: the on/off state (z > 0) of every hidden unit.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "frnorm/core/eigen.h"
#include "frnorm/nn/network.h"

namespace frnorm {

// Bit u of pattern i is 1 when hidden unit u (layers 1..L in order, units in order) has
// z > 0 on sample i. Inputs with equal patterns lie in one linear region of f. For the identity
// activation f is linear everywhere: there are no units to report and num_units is 0.
struct ActivationPatterns {
  Eigen::Index num_samples = 0;
  Eigen::Index num_units = 0;
  Eigen::Index words_per_sample = 0;
  std::vector<std::uint64_t> words;  // num_samples × words_per_sample, sample-major

  std::span<const std::uint64_t> pattern(Eigen::Index sample) const {
    return {words.data() + sample * words_per_sample, static_cast<std::size_t>(words_per_sample)};
  }
  bool unit_active(Eigen::Index sample, Eigen::Index unit) const {
    return ((pattern(sample)[unit / 64] >> (unit % 64)) & 1U) != 0;
  }
};

// x: d × n.
ActivationPatterns activation_patterns(const Network& network, const MatrixD& x);

}  // namespace frnorm
