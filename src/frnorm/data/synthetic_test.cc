#include "frnorm/data/synthetic.h"

#include <gtest/gtest.h>

#include <cmath>

#include "frnorm/data/data_spec.h"
#include "frnorm/testing/expect_error.h"

namespace frnorm {
namespace {

TEST(Synthetic, EveryKindHasItsShapeAndIsReproducible) {
  struct Case {
    const char* spec;
    Eigen::Index dim;
    int classes;
  };
  for (const Case& c : {Case{"two-moons,n=50", 2, 2}, Case{"spirals,n=60,classes=3", 2, 3},
                        Case{"blobs,n=40,dim=5,classes=4", 5, 4}, Case{"xor,n=30", 2, 2},
                        Case{"linear-teacher,n=20,dim=7,classes=3", 7, 3}}) {
    const Dataset a = load_dataset(std::string("synthetic:") + c.spec, "--data");
    const Dataset b = load_dataset(std::string("synthetic:") + c.spec, "--data");
    EXPECT_EQ(a.input_dim(), c.dim) << c.spec;
    EXPECT_EQ(a.num_classes, c.classes) << c.spec;
    EXPECT_EQ(a.inputs, b.inputs) << c.spec;
    EXPECT_EQ(a.labels, b.labels) << c.spec;
    for (int label : a.labels) {
      EXPECT_TRUE(label >= 0 && label < c.classes) << c.spec;
    }
    const Dataset other = load_dataset(std::string("synthetic:") + c.spec + ",seed=9", "--data");
    EXPECT_NE(a.inputs, other.inputs) << c.spec;
  }
}

TEST(Synthetic, GeneratorsDrawWhatTheyClaim) {
  // XOR without noise: the label is the sign disagreement of the two coordinates.
  const Dataset xor_data = load_dataset("synthetic:xor,n=200", "--data");
  for (Eigen::Index i = 0; i < xor_data.size(); ++i) {
    EXPECT_EQ(xor_data.labels[i], (xor_data.inputs(0, i) > 0) != (xor_data.inputs(1, i) > 0));
  }
  // The noiseless linear teacher: labels are the argmax of its targets.
  const Dataset teacher = load_dataset("synthetic:linear-teacher,n=50,classes=4", "--data");
  ASSERT_EQ(teacher.targets.rows(), 4);
  for (Eigen::Index i = 0; i < teacher.size(); ++i) {
    Eigen::Index best = 0;
    teacher.targets.col(i).maxCoeff(&best);
    EXPECT_EQ(teacher.labels[i], best);
  }
  // Noiseless moons lie on the unit circles.
  const Dataset moons = load_dataset("synthetic:two-moons,n=20,noise=0", "--data");
  for (Eigen::Index i = 0; i < moons.size(); ++i) {
    const double dx = moons.inputs(0, i) - (moons.labels[i] == 0 ? 0.0 : 1.0);
    const double dy = moons.inputs(1, i) - (moons.labels[i] == 0 ? 0.0 : 0.5);
    EXPECT_NEAR(dx * dx + dy * dy, 1.0, 1e-12);
  }
}

TEST(Synthetic, RefusesUnknownNamesKeysAndValues) {
  EXPECT_FRNORM_ERROR(load_dataset("synthetic:moons", "--data"),
                      "--data: unknown synthetic data set 'moons' (expected two-moons, spirals, "
                      "blobs, xor or linear-teacher)");
  EXPECT_FRNORM_ERROR(load_dataset("synthetic:xor,dim=3", "--data"),
                      "--data: synthetic:xor takes key=value pairs with keys n, noise, seed; got "
                      "'dim=3'");
  EXPECT_FRNORM_ERROR(load_dataset("synthetic:blobs,classes=1", "--data"),
                      "--data: synthetic:blobs: classes = '1' is not valid (n and dim: positive "
                      "integers; classes: an integer of at least 2; seed: a non-negative "
                      "integer; noise: a number >= 0)");
  EXPECT_FRNORM_ERROR(load_dataset("synthetic:blobs,n=2.5", "--data"),
                      "--data: synthetic:blobs: n = '2.5' is not valid (n and dim: positive "
                      "integers; classes: an integer of at least 2; seed: a non-negative "
                      "integer; noise: a number >= 0)");
}

TEST(DataOptions, LimitTakesThePrefixAndLabelNoiseIsReproducible) {
  DataOptions options;
  options.spec = "synthetic:blobs,n=4000,classes=4";
  const Dataset clean = load_data(options);
  options.label_noise = 0.5;
  options.label_seed = 3;
  const Dataset noisy = load_data(options);
  EXPECT_EQ(load_data(options).labels, noisy.labels);
  // Each label is replaced with probability 1/2 by one of 4 classes: it changes with
  // probability 3/8. Binomial standard deviation ~31 of 4000.
  int changed = 0;
  for (Eigen::Index i = 0; i < clean.size(); ++i) {
    changed += clean.labels[i] != noisy.labels[i] ? 1 : 0;
  }
  EXPECT_NEAR(changed, 4000 * 3.0 / 8.0, 150);
  // A prefix gets the same noise whatever follows it.
  options.limit = 100;
  const Dataset prefix = load_data(options);
  ASSERT_EQ(prefix.size(), 100);
  EXPECT_EQ(prefix.labels, std::vector<int>(noisy.labels.begin(), noisy.labels.begin() + 100));
  options.label_noise = 1.5;
  EXPECT_FRNORM_ERROR(load_data(options),
                      "--label-noise: 1.5 is not a probability (expected 0 to 1)");
  options.label_noise = 0.1;
  options.spec = "synthetic:linear-teacher";
  options.limit = -1;
  EXPECT_NO_THROW(load_data(options));
  EXPECT_EQ(test_split_spec("fashion-mnist"), "fashion-mnist:test");
  EXPECT_EQ(test_split_spec("idx:/d:train"), "idx:/d:test");
  EXPECT_EQ(test_split_spec("csv:x.csv"), "");
}

}  // namespace
}  // namespace frnorm
