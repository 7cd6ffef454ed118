#include "frnorm/train/sgd.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <cmath>
#include <numbers>

#include "frnorm/core/error.h"
#include "frnorm/nn/params.h"

namespace frnorm {

void sgd_step(NetworkF& network, const Params<float>& gradient, Params<float>& velocity,
              const SgdOptions& options, float learning_rate) {
  const auto mu = static_cast<float>(options.momentum);
  const auto decay = static_cast<float>(options.weight_decay);
  if (velocity.empty() && mu != 0.0f) {
    velocity = zeros_like(network.layers);
  }
  // One update for a weight matrix or a bias vector (both are dense Eigen objects).
  const auto update = [&](auto& theta, const auto& grad, auto& v) {
    auto g = (grad + decay * theta).eval();
    if (mu != 0.0f) {
      v = mu * v + g;
      if (options.kind == Momentum::kNesterov) {
        g += mu * v;
      } else {
        g = v;
      }
    }
    theta -= learning_rate * g;
  };
  for (std::size_t k = 0; k < network.layers.size(); ++k) {
    auto& layer = network.layers[k];
    Matrix<float> no_weight_velocity;
    Vector<float> no_bias_velocity;
    update(layer.weight, gradient[k].weight, mu != 0.0f ? velocity[k].weight : no_weight_velocity);
    if (layer.bias.size() > 0) {
      update(layer.bias, gradient[k].bias, mu != 0.0f ? velocity[k].bias : no_bias_velocity);
    }
  }
}

double LrSchedule::rate(double base, int epoch, long step, long total_steps) const {
  switch (kind) {
    case LrScheduleKind::kConstant:
      return base;
    case LrScheduleKind::kStep: {
      double rate = base;
      for (int milestone : milestones) {
        if (epoch >= milestone) {
          rate *= 0.1;
        }
      }
      return rate;
    }
    case LrScheduleKind::kCosine:
      return base * 0.5 *
             (1.0 + std::cos(std::numbers::pi * static_cast<double>(step) /
                             static_cast<double>(std::max(1L, total_steps))));
  }
  return base;
}

LrSchedule parse_lr_schedule(std::string_view text, std::string_view flag) {
  LrSchedule schedule;
  if (text == "constant") {
    return schedule;
  }
  if (text == "cosine") {
    schedule.kind = LrScheduleKind::kCosine;
    return schedule;
  }
  const auto fail = [&] {
    return Error(
        fmt::format("{}: expected constant, cosine or step:E1,E2,... (increasing "
                    "epochs, e.g. step:5,8); got '{}'",
                    flag, text));
  };
  if (!text.starts_with("step:")) {
    throw fail();
  }
  schedule.kind = LrScheduleKind::kStep;
  std::string_view rest = text.substr(5);
  while (true) {
    const std::size_t comma = std::min(rest.find(','), rest.size());
    int epoch = 0;
    const auto [ptr, error] = std::from_chars(rest.data(), rest.data() + comma, epoch);
    if (error != std::errc() || ptr != rest.data() + comma || epoch < 1 ||
        (!schedule.milestones.empty() && epoch <= schedule.milestones.back())) {
      throw fail();
    }
    schedule.milestones.push_back(epoch);
    if (comma == rest.size()) {
      return schedule;
    }
    rest.remove_prefix(comma + 1);
  }
}

std::string lr_schedule_string(const LrSchedule& schedule) {
  switch (schedule.kind) {
    case LrScheduleKind::kConstant:
      return "constant";
    case LrScheduleKind::kCosine:
      return "cosine";
    case LrScheduleKind::kStep:
      return fmt::format("step:{}", fmt::join(schedule.milestones, ","));
  }
  return "constant";
}

}  // namespace frnorm
