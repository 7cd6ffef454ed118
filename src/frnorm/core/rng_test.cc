#include "frnorm/core/rng.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace frnorm {
namespace {

TEST(Rng, UniformUsesTheTop53BitsOfTheStandardEngine) {
  // mt19937_64's sequence is fixed by the C++ standard, so this holds on every machine.
  std::mt19937_64 reference(123);
  Rng rng(123);
  for (int i = 0; i < 100; ++i) {
    const double expected = static_cast<double>(reference() >> 11) / 9007199254740992.0;
    ASSERT_EQ(rng.uniform(), expected) << "draw " << i;
  }
}

TEST(Rng, SameSeedSameSequenceOtherSeedOtherSequence) {
  Rng a(7);
  Rng b(7);
  Rng c(8);
  int differences = 0;
  for (int i = 0; i < 50; ++i) {
    const double x = a.normal();
    EXPECT_EQ(x, b.normal());
    differences += x != c.normal() ? 1 : 0;
  }
  EXPECT_EQ(differences, 50);
}

TEST(Rng, UniformStaysInRange) {
  Rng rng(1);
  for (int i = 0; i < 10000; ++i) {
    const double u = rng.uniform(-0.5, 0.25);
    ASSERT_GE(u, -0.5);
    ASSERT_LT(u, 0.25);
  }
}

TEST(Rng, BelowCoversEveryResidueEvenly) {
  Rng rng(2);
  std::vector<int> counts(7, 0);
  constexpr int kDraws = 70000;
  for (int i = 0; i < kDraws; ++i) {
    const auto k = rng.below(7);
    ASSERT_LT(k, 7U);
    ++counts[k];
  }
  for (int count : counts) {
    // Binomial standard deviation is about 90; 5 sigma.
    EXPECT_NEAR(count, kDraws / 7.0, 450);
  }
}

TEST(Rng, NormalHasUnitVarianceAndZeroMean) {
  Rng rng(3);
  constexpr int kDraws = 200000;
  double sum = 0.0;
  double sum_squares = 0.0;
  for (int i = 0; i < kDraws; ++i) {
    const double x = rng.normal();
    sum += x;
    sum_squares += x * x;
  }
  const double mean = sum / kDraws;
  // Standard errors: 1/sqrt(n) = 0.0022 for the mean, sqrt(2/n) = 0.0032 for the variance.
  EXPECT_NEAR(mean, 0.0, 0.011);
  EXPECT_NEAR(sum_squares / kDraws - mean * mean, 1.0, 0.016);
}

TEST(Rng, NormalMatrixFillsColumnByColumn) {
  Rng a(4);
  Rng b(4);
  const MatrixD m = normal_matrix(3, 2, a);
  for (int j = 0; j < 2; ++j) {
    for (int i = 0; i < 3; ++i) {
      EXPECT_EQ(m(i, j), b.normal());
    }
  }
}

}  // namespace
}  // namespace frnorm
