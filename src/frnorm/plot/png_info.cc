#include "frnorm/plot/png_info.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>

namespace frnorm {

std::optional<PngSize> png_size(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::array<unsigned char, 24> head{};
  if (!in.read(reinterpret_cast<char*>(head.data()), head.size())) {
    return std::nullopt;
  }
  constexpr std::array<unsigned char, 8> kSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (std::memcmp(head.data(), kSignature.data(), kSignature.size()) != 0 ||
      std::memcmp(head.data() + 12, "IHDR", 4) != 0) {
    return std::nullopt;
  }
  const auto big_endian = [&](std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      value = (value << 8) | head[at + k];
    }
    return static_cast<int>(value);
  };
  return PngSize{big_endian(16), big_endian(20)};
}

}  // namespace frnorm
