// frnorm train: minibatch SGD with Fisher-Rao tracking and the Fisher-Rao regularizer, into a
// run directory that --resume continues bit for bit.
#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <filesystem>

#include "cli_support.h"
#include "commands.h"
#include "frnorm/core/error.h"
#include "frnorm/core/read_file.h"
#include "frnorm/core/threads.h"
#include "frnorm/core/version.h"
#include "frnorm/io/network_file.h"
#include "frnorm/measure/measure_report.h"
#include "frnorm/train/checkpoint.h"
#include "frnorm/train/run_directory.h"
#include "train_options.h"
#include "train_progress.h"

namespace frnorm::cli {

namespace {

TrainCommandOptions options_from_config(const std::string& path, const TrainCommandOptions& cli) {
  const nlohmann::json config = nlohmann::json::parse(read_file(path), nullptr, false);
  if (config.is_discarded() || !config.is_object() || !config.contains("options")) {
    throw Error(fmt::format("{}: not a frnorm run configuration", path));
  }
  TrainCommandOptions o;
  try {
    o = config["options"].get<TrainCommandOptions>();
  } catch (const Json::exception& error) {
    throw Error(
        fmt::format("{}: a field is missing or has the wrong type ({})", path, error.what()));
  }
  o.out = cli.out;
  o.resume = cli.resume;
  o.quiet = cli.quiet;
  return o;
}

std::atomic<bool> g_interrupted{false};
extern "C" void on_signal(int) { g_interrupted = true; }

void run_train(TrainCommandOptions cli) {
  const RunDirectory run{cli.out};
  const bool resuming = cli.resume;
  TrainCommandOptions o = cli;
  if (resuming) {
    if (!std::filesystem::exists(run.checkpoint())) {
      throw Error(
          fmt::format("--resume: {} has no checkpoint.safetensors to continue from", cli.out));
    }
    o = options_from_config(run.config(), cli);
    if (cli.epochs_given) {
      o.epochs = cli.epochs;
    }
  } else if (std::filesystem::exists(run.checkpoint())) {
    throw Error(
        fmt::format("--out: {} already holds a run; continue it with --resume or choose "
                    "another directory",
                    cli.out));
  }
  Resolved resolved = resolve(o);
  set_num_threads(o.threads);

  DataOptions train_spec{o.data, o.limit, o.label_noise,
                         static_cast<std::uint64_t>(o.label_seed < 0 ? o.seed : o.label_seed)};
  const Dataset train_data = load_data(train_spec, "--data");
  const std::string test_spec = o.test_data.empty() ? test_split_spec(o.data) : o.test_data;
  std::optional<Dataset> test_data;
  if (!test_spec.empty()) {
    test_data = load_dataset(test_spec, "--test-data");
  }
  if (train_data.input_dim() != resolved.spec.widths.front()) {
    throw Error(fmt::format("--arch: the input width {} does not match the {} features of {}",
                            resolved.spec.widths.front(), train_data.input_dim(), train_data.name));
  }
  if (o.loss == "auto") {
    resolved.train.loss = default_loss(resolved.spec.widths.back(), train_data);
  }

  TrainState state;
  MetricsLog metrics(run.metrics());
  if (resuming) {
    state = read_checkpoint(run.checkpoint());
    // A run stopped during epoch 1 has checkpoint epoch 0, and train() measures epoch 0 again
    // (the same numbers): keep none of the old lines then, so that epoch 0 appears once.
    metrics.resume(state.epoch == 0 ? -1 : state.epoch);
  } else {
    std::filesystem::create_directories(cli.out);
    state.network = cast_network<float>(init_network(resolved.spec, o.seed));
    state.rng = Rng(o.seed ^ 0x9E3779B97F4A7C15ULL);  // the shuffling stream, apart from init's
  }
  const Json config = {{"frnorm_version", kVersion},
                       {"seed", o.seed},
                       {"resolved_loss", loss_name(resolved.train.loss)},
                       {"resolved_test_data", test_spec},
                       {"threads", num_threads()},
                       {"options", nlohmann::json(o)}};
  write_output(run.config(), [&](std::ostream& s) { s << config.dump(2) << '\n'; });

  TrainProgress progress(progress_mode(cli.quiet), resolved.train.epochs);
  g_interrupted = false;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  TrainCallbacks callbacks;
  callbacks.on_step = [&](const StepProgress& p) {
    progress.step(p);
    return !g_interrupted.load();
  };
  callbacks.on_epoch = [&](const TrainState& s, const EpochMetrics* m) {
    write_checkpoint(run.checkpoint(), s);
    if (m != nullptr) {
      metrics.append(epoch_metrics_json(*m));
      progress.epoch(*m);
    }
  };
  const TrainSummary summary =
      train(state, train_data, test_data ? &*test_data : nullptr, resolved.train, callbacks);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  progress.clear();
  if (summary.status == TrainStatus::kDiverged) {
    throw Error(fmt::format("{}; stopped. {} holds the last good epoch ({})", summary.message,
                            run.checkpoint(), state.epoch));
  }
  if (summary.status == TrainStatus::kInterrupted) {
    throw ExitWith(130, fmt::format("interrupted at {}; {} holds epoch {}; continue with: frnorm "
                                    "train --out {} --resume",
                                    summary.message, run.checkpoint(), state.epoch, cli.out));
  }
  write_network(run.model(), cast_network<double>(state.network), DType::kF32);
  fmt::print("run directory: {} (model.safetensors, metrics.jsonl, config.json)\n", cli.out);
}

}  // namespace

void add_train_command(CLI::App& app) {
  auto o = std::make_shared<TrainCommandOptions>();
  CLI::App* c = app.add_subcommand("train", "Train a rectified network with Fisher-Rao tracking");
  // A flag given twice takes its last value, so scripts can append overrides to a base command.
  c->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  c->add_option("--data", o->data, "Training data spec (see frnorm measure --help)");
  c->add_option("--test-data", o->test_data,
                "Test data spec (default: the test split of a named data set)");
  c->add_option("--limit", o->limit, "Train on the first N samples only")
      ->check(CLI::PositiveNumber);
  c->add_option("--arch", o->arch, "Widths joined by '-', e.g. 784-256-256-10");
  c->add_flag("--bias", o->bias, "Give every layer a bias");
  c->add_flag("--homogeneous", o->homogeneous, "Append a constant 1 to every input");
  c->add_option("--activation", o->activation, "relu | leaky_relu | identity")
      ->capture_default_str();
  c->add_option("--leaky-slope", o->leaky_slope, "Negative slope of leaky_relu")
      ->capture_default_str();
  c->add_option("--loss", o->loss, "auto | cross_entropy | squared | logistic")
      ->capture_default_str();
  c->add_option("--epochs", o->epochs, "Epochs")->capture_default_str();
  c->add_option("--batch-size", o->batch_size, "Minibatch size")->capture_default_str();
  c->add_option("--lr", o->lr, "Learning rate")->capture_default_str();
  c->add_option("--momentum", o->momentum, "Momentum μ (PyTorch semantics)")->capture_default_str();
  c->add_flag("--nesterov", o->nesterov, "Nesterov momentum");
  c->add_option("--weight-decay", o->weight_decay, "L2 penalty λ, as in torch.optim.SGD")
      ->capture_default_str();
  c->add_option("--lr-schedule", o->lr_schedule, "constant | step:E1,E2,... | cosine")
      ->capture_default_str();
  c->add_option("--label-noise", o->label_noise,
                "Replace each training label with probability P by a random class");
  c->add_option("--label-seed", o->label_seed, "Seed of the label noise (default: --seed)");
  c->add_option("--fr-reg", o->fr_reg, "Add λ·‖θ‖²_fr (closed form, per minibatch)")
      ->capture_default_str();
  c->add_option("--fr-reg-form", o->fr_reg_form, "model | empirical")->capture_default_str();
  c->add_option("--seed", o->seed, "Seed of the initialisation and the shuffling")
      ->capture_default_str();
  c->add_option("--threads", o->threads, "Threads (default: all cores)");
  c->add_option("--measure-every", o->measure_every, "Measure every K epochs")
      ->capture_default_str();
  c->add_option("--measure-limit", o->measure_limit, "Samples of each split the measures use")
      ->capture_default_str();
  c->add_option("--out", o->out, "Run directory")->required();
  c->add_flag("--resume", o->resume, "Continue the run in --out from its checkpoint");
  c->add_flag("--quiet", o->quiet, "No progress output");
  c->callback([o, c] {
    if (!o->resume && (o->data.empty() || o->arch.empty())) {
      throw Error("train: --data and --arch are required (unless --resume)");
    }
    o->epochs_given = c->count("--epochs") > 0;
    run_train(*o);
  });
}

}  // namespace frnorm::cli
