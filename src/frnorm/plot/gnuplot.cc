#include "frnorm/plot/gnuplot.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "frnorm/core/error.h"
#include "frnorm/core/read_file.h"

extern char** environ;

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

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, messages.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> arguments = {gnuplot, "-e", setup, script_path.string()};
  std::vector<char*> argv;
  argv.reserve(arguments.size() + 1);
  for (std::string& argument : arguments) {
    argv.push_back(argument.data());
  }
  argv.push_back(nullptr);
  pid_t child = 0;
  const int spawned = posix_spawn(&child, gnuplot.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  if (spawned == 0) {
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
  }
  std::error_code ignored;
  std::string log;
  if (fs::exists(messages, ignored)) {
    log = read_file(messages.string());
    fs::remove(messages, ignored);
  }
  const fs::path png = directory / (temporary + ".png");
  const fs::path svg = directory / (temporary + ".svg");
  const bool ok = spawned == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
                  fs::exists(png, ignored) && fs::exists(svg, ignored);
  if (!ok) {
    fs::remove(png, ignored);
    fs::remove(svg, ignored);
    throw Error(fmt::format("gnuplot ({}) could not render {}{}{}", gnuplot, script,
                            spawned != 0 ? fmt::format(": {}", std::strerror(spawned)) : "",
                            log.empty() ? "" : ":\n" + tail(log)));
  }
  fs::rename(png, prefix + ".png");
  fs::rename(svg, prefix + ".svg");
}

}  // namespace frnorm
