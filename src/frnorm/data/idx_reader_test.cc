// The IDX and CIFAR-10 readers on small files written here, and each malformed case.
#include "frnorm/data/idx_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "frnorm/data/cifar10_reader.h"
#include "frnorm/data/data_spec.h"
#include "frnorm/testing/expect_error.h"
#include "frnorm/testing/temp_dir.h"

namespace frnorm {
namespace {

namespace fs = std::filesystem;

std::string u32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

// Two 2×3 images with pixel values 0..11 and labels 7, 3.
std::string images_file(std::uint32_t magic = 0x803, std::uint32_t count = 2, int drop = 0) {
  std::string bytes = u32(magic) + u32(count) + u32(2) + u32(3);
  for (int i = 0; i < 12 - drop; ++i) {
    bytes += static_cast<char>(i * 20);
  }
  return bytes;
}
std::string labels_file(std::uint32_t count = 2, char second = 3) {
  return u32(0x801) + u32(count) + std::string{7, second}.substr(0, count);
}

class Readers : public testing::TempDirTest {
 protected:
  std::string write(const std::string& name, const std::string& bytes, bool gzip = false) {
    const std::string file = path(name);
    if (gzip) {
      gzFile out = gzopen(file.c_str(), "wb");
      gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size()));
      gzclose(out);
    } else {
      std::ofstream(file, std::ios::binary) << bytes;
    }
    return file;
  }
};

TEST_F(Readers, IdxReadsGzippedAndPlainFiles) {
  write("train-images-idx3-ubyte.gz", images_file(), true);
  write("train-labels-idx1-ubyte.gz", labels_file(), true);
  write("t10k-images-idx3-ubyte", images_file());
  write("t10k-labels-idx1-ubyte", labels_file());
  for (Split split : {Split::kTrain, Split::kTest}) {
    const Dataset data = read_idx_dataset(dir_.string(), split);
    ASSERT_EQ(data.size(), 2);
    ASSERT_EQ(data.input_dim(), 6);
    EXPECT_EQ(data.labels, (std::vector<int>{7, 3}));
    EXPECT_EQ(data.num_classes, 10);
    EXPECT_DOUBLE_EQ(data.inputs(1, 0), 20.0 / 255.0);  // row by row
    EXPECT_DOUBLE_EQ(data.inputs(0, 1), 120.0 / 255.0);
  }
  const Dataset via_spec = load_dataset("idx:" + dir_.string() + ":test", "--data");
  EXPECT_EQ(via_spec.size(), 2);
}

TEST_F(Readers, IdxNamesEachFault) {
  const std::string labels = write("l", labels_file());
  const std::string bad_magic = write("a", images_file(0x801));
  EXPECT_FRNORM_ERROR(read_idx_files(bad_magic, labels, 10),
                      bad_magic +
                          ": wrong magic number 0x00000801; an IDX images file starts "
                          "with 0x00000803");
  const std::string truncated = write("b", images_file(0x803, 2, 5));
  EXPECT_FRNORM_ERROR(read_idx_files(truncated, labels, 10),
                      truncated +
                          ": truncated data: the header promises 2 images of 2×3 (12 "
                          "bytes) but the file holds 7");
  const std::string images = write("c", images_file());
  const std::string three_labels = write("d", u32(0x801) + u32(3) + std::string{1, 2, 3});
  EXPECT_FRNORM_ERROR(read_idx_files(images, three_labels, 10),
                      images + " holds 2 images but " + three_labels + " holds 3 labels");
  const std::string out_of_range = write("e", labels_file(2, 12));
  EXPECT_FRNORM_ERROR(read_idx_files(images, out_of_range, 10),
                      out_of_range + ": label 12 of sample 1 is out of range (expected 0 to 9)");
  const std::string tiny = write("f", "abc");
  EXPECT_FRNORM_ERROR(read_idx_files(tiny, labels, 10),
                      tiny + ": truncated file: 3 bytes, shorter than the 16-byte IDX header");
  EXPECT_FRNORM_ERROR(read_idx_dataset(dir_.string(), Split::kTrain),
                      dir_.string() +
                          ": no train-images-idx3-ubyte or "
                          "train-images-idx3-ubyte.gz");
}

std::string cifar_record(int label, int fill) {
  return std::string(1, static_cast<char>(label)) + std::string(3072, static_cast<char>(fill));
}

TEST_F(Readers, Cifar10ReadsRecordsAndNamesFaults) {
  write("test_batch.bin", cifar_record(4, 51) + cifar_record(9, 255));
  const Dataset data = read_cifar10_dataset(dir_.string(), Split::kTest);
  ASSERT_EQ(data.size(), 2);
  EXPECT_EQ(data.input_dim(), 3072);
  EXPECT_EQ(data.labels, (std::vector<int>{4, 9}));
  EXPECT_DOUBLE_EQ(data.inputs(0, 0), 0.2);
  EXPECT_DOUBLE_EQ(data.inputs(3071, 1), 1.0);
  for (int b = 1; b <= 5; ++b) {
    write("data_batch_" + std::to_string(b) + ".bin", cifar_record(b, b));
  }
  const Dataset train = load_dataset("cifar10:" + dir_.string(), "--data");
  EXPECT_EQ(train.labels, (std::vector<int>{1, 2, 3, 4, 5}));

  const std::string truncated = write("test_batch.bin", cifar_record(1, 0).substr(0, 100));
  EXPECT_FRNORM_ERROR(read_cifar10_dataset(dir_.string(), Split::kTest),
                      truncated +
                          ": truncated data: 100 bytes is not a whole number of "
                          "3073-byte records");
  write("test_batch.bin", cifar_record(10, 0));
  EXPECT_FRNORM_ERROR(read_cifar10_dataset(dir_.string(), Split::kTest),
                      dir_.string() +
                          "/test_batch.bin: label 10 of record 0 is out of range "
                          "(expected 0 to 9)");
  fs::remove(dir_ / "data_batch_3.bin");
  EXPECT_FRNORM_ERROR(
      read_cifar10_dataset(dir_.string(), Split::kTrain),
      "cannot open '" + (dir_ / "data_batch_3.bin").string() + "': No such file or directory");
}

TEST(FashionMnist, TheDebianPackageReadsAsTenClassesOf784Pixels) {
  // setup.sh installs dataset-fashion-mnist; the test suite reads a slice of the test split.
  Dataset data = load_dataset("fashion-mnist:test", "--data");
  EXPECT_EQ(data.size(), 10000);
  EXPECT_EQ(data.input_dim(), 784);
  EXPECT_EQ(data.num_classes, 10);
  EXPECT_GE(data.inputs.minCoeff(), 0.0);
  EXPECT_LE(data.inputs.maxCoeff(), 1.0);
  std::vector<int> counts(10, 0);
  for (int label : data.labels) {
    ++counts[label];
  }
  EXPECT_EQ(counts, std::vector<int>(10, 1000));  // the test split is balanced
}

}  // namespace
}  // namespace frnorm
