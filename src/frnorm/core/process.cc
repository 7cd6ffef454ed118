#include "frnorm/core/process.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <unistd.h>

#include <cstring>

#include "frnorm/core/error.h"

extern char** environ;

namespace frnorm {

pid_t spawn_logged(const std::vector<std::string>& arguments, const std::string& log,
                   LogMode mode) {
  FRNORM_CHECK(!arguments.empty(), "spawn_logged needs a program");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(
      &actions, STDOUT_FILENO, log.c_str(),
      O_WRONLY | O_CREAT | (mode == LogMode::kAppend ? O_APPEND : O_TRUNC), 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::vector<std::string> args = arguments;
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& a : args) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int error =
      posix_spawn(&pid, args.front().c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    throw Error(fmt::format("cannot start {}: {}", args.front(), std::strerror(error)));
  }
  return pid;
}

}  // namespace frnorm
