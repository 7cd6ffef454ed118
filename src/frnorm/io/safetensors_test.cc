#include "frnorm/io/safetensors.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#include "frnorm/testing/expect_error.h"

namespace frnorm {
namespace {

// A file from a header text and raw data bytes, with the 8-byte little-endian length in front.
std::string make_file(const std::string& header, const std::string& data) {
  std::string bytes(8, '\0');
  const std::uint64_t length = header.size();
  std::memcpy(bytes.data(), &length, 8);
  return bytes + header + data;
}

TensorFile sample_file(DType dtype) {
  TensorFile file;
  file.metadata = {{"format", "pt"}, {"note", "x"}};
  const double tiny = std::numeric_limits<double>::denorm_min();
  const double small = dtype == DType::kF32 ? std::numeric_limits<float>::denorm_min() : tiny;
  file.tensors.push_back({"0.weight", dtype, {2, 3}, {1.5, -0.0, small, 1e30, -3.25, 0.1}});
  file.tensors.push_back({"0.bias", dtype, {2}, {0.125, -7.0}});
  if (dtype == DType::kF32) {
    for (double& v : file.tensors[0].values) {
      v = static_cast<float>(v);  // a value an F32 file can hold
    }
  }
  return file;
}

class RoundTrip : public ::testing::TestWithParam<DType> {};

TEST_P(RoundTrip, IsBitExact) {
  const TensorFile original = sample_file(GetParam());
  const std::string bytes = serialize_safetensors(original);
  const TensorFile back = parse_safetensors(bytes, "mem");
  EXPECT_EQ(back.metadata, original.metadata);
  ASSERT_EQ(back.tensors.size(), 2U);
  for (std::size_t t = 0; t < 2; ++t) {
    EXPECT_EQ(back.tensors[t].name, original.tensors[t].name);
    EXPECT_EQ(back.tensors[t].dtype, GetParam());
    EXPECT_EQ(back.tensors[t].shape, original.tensors[t].shape);
    ASSERT_EQ(back.tensors[t].values.size(), original.tensors[t].values.size());
    EXPECT_EQ(std::memcmp(back.tensors[t].values.data(), original.tensors[t].values.data(),
                          8 * original.tensors[t].values.size()),
              0);
  }
  // And the bytes themselves reproduce.
  EXPECT_EQ(serialize_safetensors(back), bytes);
}

INSTANTIATE_TEST_SUITE_P(Dtypes, RoundTrip, ::testing::Values(DType::kF32, DType::kF64),
                         [](const auto& info) { return dtype_name(info.param); });

TEST(Serialize, PadsTheHeaderWithSpacesToEightBytes) {
  const std::string bytes = serialize_safetensors(sample_file(DType::kF32));
  std::uint64_t length;
  std::memcpy(&length, bytes.data(), 8);
  EXPECT_EQ(length % 8, 0U);
  EXPECT_EQ(bytes.size(), 8 + length + 4 * 8);
  EXPECT_EQ(bytes.substr(8, 15), "{\"__metadata__\"");
  const std::string header = bytes.substr(8, length);
  EXPECT_EQ(header.find_last_not_of(' '), header.rfind('}'));
}

constexpr char kTensorF32[] = R"("a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]})";

TEST(Parse, RefusesATruncatedFile) {
  EXPECT_FRNORM_ERROR(parse_safetensors("abc", "m.st"),
                      "m.st: truncated file: 3 bytes, but a safetensors file starts with an "
                      "8-byte header length");
}

TEST(Parse, RefusesAHeaderLengthPastTheEnd) {
  std::string bytes = make_file(std::string("{") + kTensorF32 + "}", std::string(8, '\0'));
  const std::uint64_t huge = 1000;
  std::memcpy(bytes.data(), &huge, 8);
  EXPECT_FRNORM_ERROR(parse_safetensors(bytes, "m.st"),
                      "m.st: header length 1000 is past the end of the file (" +
                          std::to_string(bytes.size()) +
                          " bytes); the file is truncated or not safetensors");
}

TEST(Parse, RefusesAHeaderThatIsNotJson) {
  EXPECT_FRNORM_ERROR(parse_safetensors(make_file("{oops", ""), "m.st"),
                      "m.st: the header is not a JSON object");
}

TEST(Parse, RefusesTruncatedData) {
  EXPECT_FRNORM_ERROR(
      parse_safetensors(make_file(std::string("{") + kTensorF32 + "}", std::string(5, '\0')),
                        "m.st"),
      "m.st: tensor 'a': data offsets [0, 8] are out of range: the data section has 5 bytes "
      "(truncated file?)");
}

TEST(Parse, RefusesOffsetsThatRunBackwards) {
  EXPECT_FRNORM_ERROR(
      parse_safetensors(
          make_file(R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}})", std::string(8, 0)),
          "m.st"),
      "m.st: tensor 'a': data offsets [8, 4] are out of range: the data section has 8 bytes");
}

TEST(Parse, RefusesOverlappingTensors) {
  const std::string header = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                             R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})";
  EXPECT_FRNORM_ERROR(parse_safetensors(make_file(header, std::string(12, '\0')), "m.st"),
                      "m.st: tensors 'a' and 'b' overlap in the data section");
}

TEST(Parse, RefusesGapsAndTrailingBytes) {
  const std::string gap = R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                          R"("b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})";
  EXPECT_FRNORM_ERROR(parse_safetensors(make_file(gap, std::string(12, '\0')), "m.st"),
                      "m.st: data bytes [4, 8) before tensor 'b' belong to no tensor");
  EXPECT_FRNORM_ERROR(
      parse_safetensors(make_file(std::string("{") + kTensorF32 + "}", std::string(12, '\0')),
                        "m.st"),
      "m.st: the last 4 data bytes belong to no tensor");
}

TEST(Parse, RefusesUnknownAndUnsupportedDtypes) {
  EXPECT_FRNORM_ERROR(
      parse_safetensors(
          make_file(R"({"a":{"dtype":"Q7","shape":[2],"data_offsets":[0,8]}})", std::string(8, 0)),
          "m.st"),
      "m.st: tensor 'a' has unknown dtype 'Q7' (expected F32 or F64)");
  EXPECT_FRNORM_ERROR(
      parse_safetensors(
          make_file(R"({"a":{"dtype":"F16","shape":[4],"data_offsets":[0,8]}})", std::string(8, 0)),
          "m.st"),
      "m.st: tensor 'a' has dtype F16; frnorm reads F32 and F64 (convert with model.float() or "
      "model.double() before saving)");
}

TEST(Parse, RefusesAShapeThatDoesNotMatchItsBytes) {
  EXPECT_FRNORM_ERROR(
      parse_safetensors(make_file(R"({"a":{"dtype":"F64","shape":[2,3],"data_offsets":[0,8]}})",
                                  std::string(8, 0)),
                        "m.st"),
      "m.st: tensor 'a': shape [2, 3] needs 48 bytes as F64 but data offsets [0, 8] span 8");
}

TEST(Parse, RefusesMalformedEntriesAndMetadata) {
  EXPECT_FRNORM_ERROR(
      parse_safetensors(make_file(R"({"a":{"dtype":"F32","shape":[2]}})", ""), "m.st"),
      "m.st: tensor 'a': expected an object with dtype, shape and data_offsets");
  EXPECT_FRNORM_ERROR(parse_safetensors(make_file(R"({"__metadata__":{"k":1}})", ""), "m.st"),
                      "m.st: __metadata__ value of 'k' must be a string");
  EXPECT_FRNORM_ERROR(
      parse_safetensors(make_file(R"({"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})",
                                  std::string(8, 0)),
                        "m.st"),
      "m.st: tensor 'a': shape must be an array of non-negative integers");
}

TEST(Read, NamesAMissingFile) {
  EXPECT_FRNORM_ERROR(read_safetensors("/nonexistent/m.safetensors"),
                      "cannot open '/nonexistent/m.safetensors': No such file or directory");
}

}  // namespace
}  // namespace frnorm
