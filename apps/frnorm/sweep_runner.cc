#include "sweep_runner.h"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <thread>

#include "cli_support.h"
#include "frnorm/core/atomic_file.h"
#include "frnorm/core/error.h"
#include "frnorm/core/process.h"
#include "frnorm/core/read_file.h"
#include "frnorm/experiment/results_db.h"
#include "train_options.h"

namespace frnorm::cli {
namespace {

namespace fs = std::filesystem;

std::atomic<bool> g_sweep_interrupted{false};
extern "C" void on_sweep_signal(int) { g_sweep_interrupted = true; }

std::string describe(const OrderedJson& swept) { return describe_swept(swept, " "); }

std::string last_line(const std::string& path) {
  std::error_code error;
  if (!fs::exists(path, error)) {
    return "";
  }
  std::string text = read_file(path);
  while (!text.empty() && text.back() == '\n') {
    text.pop_back();
  }
  const std::size_t newline = text.rfind('\n');
  return newline == std::string::npos ? text : text.substr(newline + 1);
}

struct Child {
  pid_t pid = 0;
  const SweepRun* run = nullptr;
  std::chrono::steady_clock::time_point start;
};

}  // namespace

std::vector<std::string> train_arguments(const OrderedJson& config) {
  std::vector<std::string> args;
  for (const auto& [key, value] : config.items()) {
    std::string flag = fmt::format("--{}", key);
    std::replace(flag.begin(), flag.end(), '_', '-');
    if (value.is_boolean()) {
      if (value.get<bool>()) {
        args.push_back(flag);
      }
      continue;
    }
    args.push_back(flag);
    args.push_back(value.is_string() ? value.get<std::string>() : value.dump());
  }
  return args;
}

void check_train_config(const OrderedJson& config, const std::string& where) {
  const nlohmann::json defaults = TrainCommandOptions{};
  nlohmann::json full = defaults;
  for (const auto& [key, value] : config.items()) {
    if (!defaults.contains(key)) {
      throw Error(fmt::format("{}: \"{}\" is not an option of frnorm train", where, key));
    }
    full[key] = value;
  }
  TrainCommandOptions options;
  try {
    options = full.get<TrainCommandOptions>();
  } catch (const nlohmann::json::exception& error) {
    throw Error(fmt::format("{}: an option has the wrong type ({})", where, error.what()));
  }
  if (options.data.empty()) {
    throw Error(fmt::format("{}: no \"data\" (every run needs a data set)", where));
  }
  try {
    resolve(options);
  } catch (const Error& error) {
    throw Error(fmt::format("{}: {}", where, error.what()));
  }
}

int run_sweep(const SweepOptions& o) {
  const std::string grid_text = read_file(o.grid);
  const SweepGrid grid = parse_grid_text(grid_text, o.grid);
  const std::vector<SweepRun> runs = expand_grid(grid);
  const Shard shard = parse_shard(o.shard, "--shard");
  for (const SweepRun& run : runs) {
    check_train_config(run.config, fmt::format("{}: {} ({})", o.grid, run.id, describe(run.swept)));
  }
  fs::create_directories(fs::path(o.out) / "runs");
  // The grid is kept beside the results; a directory holds one sweep.
  const std::string kept = (fs::path(o.out) / "grid.json").string();
  if (fs::exists(kept) && read_file(kept) != grid_text) {
    throw Error(fmt::format("--out: {} holds a sweep of another grid ({} differs from {})", o.out,
                            kept, o.grid));
  }
  write_file_atomically(kept, grid_text);
  ResultsDb db((fs::path(o.out) / "results.sqlite").string());
  db.set_meta("grid", grid.file.dump());
  db.set_meta("question", grid.question);

  std::vector<const SweepRun*> todo;
  int done_before = 0;
  int in_shard = 0;
  for (const SweepRun& run : runs) {
    if (!shard.contains(run.index)) {
      continue;
    }
    ++in_shard;
    if (db.has_run(run.id)) {
      ++done_before;
    } else {
      todo.push_back(&run);
    }
  }
  const int hardware = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const int threads = o.threads_per_job > 0 ? o.threads_per_job : std::max(1, hardware / o.jobs);
  fmt::print(stderr,
             "sweep {}: {} runs in the grid, {} in shard {}; {} finished before, {} to run "
             "({} at a time, {} threads each)\n",
             o.out, runs.size(), in_shard, o.shard, done_before, todo.size(), o.jobs, threads);
  std::fflush(stderr);

  const std::string self = fs::read_symlink("/proc/self/exe").string();
  g_sweep_interrupted = false;
  // Without SA_RESTART, so that a signal ends the waitpid() below with EINTR.
  struct sigaction action {};
  action.sa_handler = on_sweep_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  std::map<pid_t, Child> children;
  std::size_t next = 0;
  int finished = 0;
  int failed = 0;
  while (next < todo.size() || !children.empty()) {
    while (!g_sweep_interrupted && next < todo.size() &&
           static_cast<int>(children.size()) < o.jobs) {
      const SweepRun& run = *todo[next++];
      const fs::path dir = fs::path(o.out) / "runs" / run.id;
      std::vector<std::string> args = {self, "train"};
      const bool resume = fs::exists(dir / "checkpoint.safetensors");
      if (resume) {
        args.insert(args.end(), {"--out", dir.string(), "--resume", "--quiet"});
      } else {
        fs::create_directories(dir);
        const std::vector<std::string> options = train_arguments(run.config);
        args.insert(args.end(), options.begin(), options.end());
        if (!run.config.contains("threads")) {
          args.insert(args.end(), {"--threads", std::to_string(threads)});
        }
        args.insert(args.end(), {"--out", dir.string(), "--quiet"});
      }
      const pid_t pid = spawn_logged(args, (dir / "train.log").string(), LogMode::kAppend);
      children[pid] = {pid, &run, std::chrono::steady_clock::now()};
    }
    if (g_sweep_interrupted) {
      for (const auto& [pid, child] : children) {
        ::kill(pid, SIGINT);  // each leaves a checkpoint that the next sweep resumes
      }
    }
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) {
        continue;
      }
      break;
    }
    const auto it = children.find(pid);
    if (it == children.end()) {
      continue;
    }
    const Child child = it->second;
    children.erase(it);
    const SweepRun& run = *child.run;
    const fs::path dir = fs::path(o.out) / "runs" / run.id;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - child.start).count();
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      const RunRecord record =
          record_from_run(run, dir.string(), (fs::path("runs") / run.id).string());
      db.insert(record);
      db.clear_failure(run.id);
      ++finished;
      const auto value = [&](const char* key) {
        const std::optional<double>& v = record.values.at(key);
        return v ? fmt::format("{:.4g}", *v) : std::string("null");
      };
      fmt::print(stderr, "[{}/{}] {} {}: test_acc {} gap_acc {} fr_model {} ({:.1f} s)\n",
                 done_before + finished + failed, in_shard, run.id, describe(run.swept),
                 value("test_acc"), value("gap_acc"), value("fr_model_squared_train"), seconds);
    } else if (g_sweep_interrupted) {
      fmt::print(stderr, "{} interrupted; its checkpoint is kept\n", run.id);
    } else {
      ++failed;
      db.set_failure(run.id, fmt::format("{}: {}", describe(run.swept),
                                         last_line((dir / "train.log").string())));
      fmt::print(stderr, "[{}/{}] {} {}: FAILED (exit {}): {}; see {}\n",
                 done_before + finished + failed, in_shard, run.id, describe(run.swept),
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                 last_line((dir / "train.log").string()), (dir / "train.log").string());
    }
    std::fflush(stderr);
  }
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (g_sweep_interrupted) {
    throw ExitWith(130, fmt::format("interrupted: {} runs finished in {}; run the same command "
                                    "again to continue",
                                    done_before + finished, o.out));
  }
  fmt::print("sweep {}: {} runs finished ({} now, {} before), {} failed; results in {}\n", o.out,
             done_before + finished, finished, done_before, failed, db.path());
  return failed;
}

}  // namespace frnorm::cli
