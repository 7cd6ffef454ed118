// Atomic file writes: write to a temporary file beside the target, flush, then rename, so an
// interrupted run never leaves a half-written file under the target's name.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace frnorm {

// Calls write(stream) on a temporary file in the directory of `path`, then renames it to `path`.
// If write throws or the stream fails, the temporary is removed, `path` is left untouched, and
// frnorm::Error names `path`.
void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);

// Convenience form for content already in memory.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace frnorm
