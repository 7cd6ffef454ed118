#include "frnorm/core/rng.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <numbers>
#include <sstream>

#include "frnorm/core/error.h"

namespace frnorm {

double Rng::uniform() {
  constexpr double kTwoToMinus53 = 1.0 / 9007199254740992.0;
  return static_cast<double>(engine_() >> 11) * kTwoToMinus53;
}

double Rng::normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  // 1 - uniform() lies in (0, 1], so the logarithm is finite.
  const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));
  const double angle = 2.0 * std::numbers::pi * uniform();
  spare_normal_ = radius * std::sin(angle);
  has_spare_normal_ = true;
  return radius * std::cos(angle);
}

std::uint64_t Rng::below(std::uint64_t n) {
  FRNORM_CHECK(n > 0, "Rng::below needs a positive bound");
  // Reject the top partial block of the 64-bit range so every residue is equally likely.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  std::uint64_t draw = engine_();
  while (draw >= limit) {
    draw = engine_();
  }
  return draw % n;
}

std::string Rng::state() const {
  std::ostringstream out;
  out << engine_ << ' ' << (has_spare_normal_ ? 1 : 0) << ' ' << fmt::format("{:a}", spare_normal_);
  return out.str();
}

void Rng::restore_state(const std::string& text) {
  std::istringstream in(text);
  std::mt19937_64 engine;
  int has_spare = 0;
  std::string spare;
  in >> engine >> has_spare >> spare;
  if (!in || (has_spare != 0 && has_spare != 1)) {
    throw Error("not a random-generator state (from Rng::state)");
  }
  engine_ = engine;
  has_spare_normal_ = has_spare == 1;
  spare_normal_ = std::strtod(spare.c_str(), nullptr);
}

MatrixD normal_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  MatrixD result(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j) {
    for (Eigen::Index i = 0; i < rows; ++i) {
      result(i, j) = rng.normal();
    }
  }
  return result;
}

}  // namespace frnorm
