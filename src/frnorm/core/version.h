// The frnorm version, written into every file frnorm produces.
#pragma once

namespace frnorm {
inline constexpr const char* kVersion = "0.1.0";
}  // namespace frnorm
