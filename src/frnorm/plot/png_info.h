// The width and height of a PNG file, from its signature and IHDR chunk (PNG spec §5.2, §11.2.2).
#pragma once

#include <optional>
#include <string>

namespace frnorm {

struct PngSize {
  int width = 0;
  int height = 0;
};

// nullopt if the file cannot be read or is not a PNG.
std::optional<PngSize> png_size(const std::string& path);

}  // namespace frnorm
