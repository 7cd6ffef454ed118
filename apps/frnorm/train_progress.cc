#include "train_progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace frnorm::cli {

namespace {

std::string duration(double seconds) {
  const long total = std::lround(seconds);
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

std::string pair(const std::optional<double>& train, const std::optional<double>& test,
                 const char* format) {
  const auto one = [format](const std::optional<double>& v) {
    return v ? fmt::format(fmt::runtime(format), *v) : std::string("-");
  };
  return one(train) + "/" + one(test);
}

}  // namespace

ProgressMode progress_mode(bool quiet) {
  if (quiet) {
    return ProgressMode::kQuiet;
  }
  return ::isatty(STDERR_FILENO) ? ProgressMode::kLive : ProgressMode::kPerEpoch;
}

void TrainProgress::step(const StepProgress& p) {
  if (mode_ != ProgressMode::kLive) {
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (p.batch != p.batches_per_epoch && now - last_draw_ < std::chrono::milliseconds(200)) {
    return;
  }
  last_draw_ = now;
  const double per_batch = p.epoch_elapsed_s / static_cast<double>(p.batch);
  const double rest_of_epoch = per_batch * static_cast<double>(p.batches_per_epoch - p.batch);
  const double epoch_time = epoch_seconds_ > 0 ? epoch_seconds_ : per_batch * p.batches_per_epoch;
  const double eta = rest_of_epoch + epoch_time * (epochs_ - p.epoch);
  fmt::print(stderr, "\r\033[Kepoch {}/{}  batch {}/{}  loss {:.4f}  {:.0f} samples/s  ETA {}",
             p.epoch, epochs_, p.batch, p.batches_per_epoch, p.loss, p.samples_per_s,
             duration(eta));
  std::fflush(stderr);
  line_open_ = true;
  if (p.batch == p.batches_per_epoch) {
    epoch_seconds_ = p.epoch_elapsed_s;
  }
}

void TrainProgress::epoch(const EpochMetrics& m) {
  if (mode_ == ProgressMode::kQuiet) {
    return;
  }
  clear();
  const std::string timing =
      m.epoch == 0 ? std::string("initialisation")
                   : fmt::format("{:.1f} s, {:.0f} samples/s", m.wall_s, m.samples_per_s);
  fmt::print(stderr, "epoch {}/{}  loss {}  acc {}  FR model {}  empirical {}  (train/test)  {}\n",
             m.epoch, epochs_, pair(m.train_loss, m.test_loss, "{:.4f}"),
             pair(m.train_acc, m.test_acc, "{:.4f}"),
             pair(m.fr_model_squared_train, m.fr_model_squared_test, "{:.4g}"),
             pair(m.fr_empirical_squared_train, m.fr_empirical_squared_test, "{:.4g}"), timing);
}

void TrainProgress::clear() {
  if (line_open_) {
    fmt::print(stderr, "\r\033[K");
    line_open_ = false;
  }
}

}  // namespace frnorm::cli
