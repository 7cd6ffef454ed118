#include "frnorm/plot/gnuplot.h"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "frnorm/core/error.h"
#include "frnorm/core/process.h"
#include "frnorm/core/read_file.h"

namespace frnorm {
namespace {

bool is_executable(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error) && ::access(path.c_str(), X_OK) == 0;
}

// The last lines of gnuplot's messages, enough to say what went wrong.
std::string tail(const std::string& text, std::size_t limit = 2000) {
  return text.size() <= limit ? text : "…" + text.substr(text.size() - limit);
}

}  // namespace

std::optional<std::string> find_gnuplot() {
  if (const char* chosen = std::getenv("FRNORM_GNUPLOT"); chosen != nullptr) {
    if (*chosen != '\0' && is_executable(chosen)) {
      return std::string(chosen);
    }
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string_view rest = path != nullptr ? path : "/usr/bin:/bin";
  while (!rest.empty()) {
    const std::size_t colon = rest.find(':');
    const std::string_view directory = rest.substr(0, colon);
    if (!directory.empty()) {
      const std::filesystem::path candidate = std::filesystem::path(directory) / "gnuplot";
      if (is_executable(candidate)) {
        return candidate.string();
      }
    }
    rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
  }
  return std::nullopt;
}

std::string gnuplot_quote(std::string_view text) {
  std::string quoted = "'";
  for (const char c : text) {
    quoted += c;
    if (c == '\'') {
      quoted += '\'';
    }
  }
  quoted += '\'';
  return quoted;
}

void render_with_gnuplot(const std::string& gnuplot, const std::string& script) {
  namespace fs = std::filesystem;
  const fs::path script_path = fs::absolute(script);
  const fs::path directory = script_path.parent_path();
  const std::string prefix = (directory / script_path.stem()).string();
  const std::string temporary = fmt::format(".frnorm-render-{}", ::getpid());
  const fs::path messages = directory / (temporary + ".log");
  const std::string setup =
      fmt::format("cd {}; out = {}", gnuplot_quote(directory.string()), gnuplot_quote(temporary));

  std::string failure;  // why gnuplot did not start, if it did not
  int status = 0;
  try {
    const pid_t child = spawn_logged({gnuplot, "-e", setup, script_path.string()},
                                     messages.string(), LogMode::kTruncate);
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
  } catch (const Error& error) {
    failure = error.what();
  }
  std::error_code ignored;
  std::string log;
  if (fs::exists(messages, ignored)) {
    log = read_file(messages.string());
    fs::remove(messages, ignored);
  }
  const fs::path png = directory / (temporary + ".png");
  const fs::path svg = directory / (temporary + ".svg");
  const bool ok = failure.empty() && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
                  fs::exists(png, ignored) && fs::exists(svg, ignored);
  if (!ok) {
    fs::remove(png, ignored);
    fs::remove(svg, ignored);
    throw Error(fmt::format("gnuplot ({}) could not render {}{}{}", gnuplot, script,
                            failure.empty() ? "" : fmt::format(": {}", failure),
                            log.empty() ? "" : ":\n" + tail(log)));
  }
  fs::rename(png, prefix + ".png");
  fs::rename(svg, prefix + ".svg");
}

}  // namespace frnorm
