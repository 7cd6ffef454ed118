#include "frnorm/data/csv_reader.h"

#include <gtest/gtest.h>

#include "frnorm/data/data_spec.h"
#include "frnorm/testing/expect_error.h"

namespace frnorm {
namespace {

TEST(CsvReader, SplitsFeaturesLabelsAndTargets) {
  const Dataset data =
      parse_csv_dataset("x1,label,x2,target_a\r\n1.5,2,-3,0.25\r\n4,0,5e-1,-1\r\n\n", "d.csv");
  ASSERT_EQ(data.size(), 2);
  ASSERT_EQ(data.input_dim(), 2);
  EXPECT_EQ(data.feature_names, (std::vector<std::string>{"x1", "x2"}));
  EXPECT_EQ(data.inputs(0, 0), 1.5);
  EXPECT_EQ(data.inputs(1, 0), -3.0);
  EXPECT_EQ(data.inputs(1, 1), 0.5);
  EXPECT_EQ(data.labels, (std::vector<int>{2, 0}));
  ASSERT_TRUE(data.has_targets());
  EXPECT_EQ(data.targets(0, 1), -1.0);
}

TEST(CsvReader, FeaturesOnlyMeansNoTargets) {
  const Dataset data = parse_csv_dataset("a,b\n1,2\n", "d.csv");
  EXPECT_FALSE(data.has_labels());
  EXPECT_FALSE(data.has_targets());
}

TEST(CsvReader, NamesTheLineAndColumnOfABadCell) {
  EXPECT_FRNORM_ERROR(parse_csv_dataset("x1,x2\n1,2\n3,abc\n", "d.csv"),
                      "d.csv:3: column 2 ('x2'): 'abc' is not a finite number");
  EXPECT_FRNORM_ERROR(parse_csv_dataset("x1,x2\n1,nan\n", "d.csv"),
                      "d.csv:2: column 2 ('x2'): 'nan' is not a finite number");
  EXPECT_FRNORM_ERROR(parse_csv_dataset("x1,x2\n1,\n", "d.csv"),
                      "d.csv:2: column 2 ('x2'): '' is not a finite number");
  EXPECT_FRNORM_ERROR(parse_csv_dataset("x1,label\n1,1.5\n", "d.csv"),
                      "d.csv:2: column 2 ('label'): '1.5' is not a class index (a non-negative "
                      "integer)");
}

TEST(CsvReader, RefusesRaggedRowsAndEmptyFiles) {
  EXPECT_FRNORM_ERROR(parse_csv_dataset("x1,x2\n1,2,3\n", "d.csv"),
                      "d.csv:2: 3 cells, but the header has 2 columns");
  EXPECT_FRNORM_ERROR(parse_csv_dataset("", "d.csv"),
                      "d.csv: the file is empty; expected a header row naming the columns");
  EXPECT_FRNORM_ERROR(parse_csv_dataset("x1,x2\n", "d.csv"),
                      "d.csv: a header row but no data rows");
  EXPECT_FRNORM_ERROR(parse_csv_dataset("label\n1\n", "d.csv"),
                      "d.csv:1: no feature columns (every column is 'label' or 'target…')");
}

TEST(DataSpec, RefusesUnknownSpecsAndMissingFiles) {
  EXPECT_FRNORM_ERROR(load_dataset("mnist", "--data"),
                      "--data: unknown data spec 'mnist'; expected fashion-mnist[:train|:test], "
                      "idx:DIR[:train|:test], cifar10:DIR[:train|:test], csv:PATH or "
                      "synthetic:NAME[,key=value…]");
  EXPECT_FRNORM_ERROR(load_dataset("csv:/nonexistent.csv", "--data"),
                      "cannot open '/nonexistent.csv': No such file or directory");
}

}  // namespace
}  // namespace frnorm
