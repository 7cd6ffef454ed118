// Stochastic gradient descent with momentum, Nesterov momentum and weight decay, with PyTorch's
// torch.optim.SGD semantics, and the learning-rate schedules of `frnorm train`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "frnorm/nn/network.h"

namespace frnorm {

enum class Momentum { kClassical, kNesterov };

struct SgdOptions {
  double momentum = 0.0;  // μ
  Momentum kind = Momentum::kClassical;
  double weight_decay = 0.0;  // λ, on every parameter (biases too), as in PyTorch
};

// One step: g ← g + λθ; v ← μv + g; d = g + μv (Nesterov) or v; θ ← θ − η d. `velocity` starts
// empty and takes the parameters' shapes on the first step.
void sgd_step(NetworkF& network, const Params<float>& gradient, Params<float>& velocity,
              const SgdOptions& options, float learning_rate);

enum class LrScheduleKind { kConstant, kStep, kCosine };

struct LrSchedule {
  LrScheduleKind kind = LrScheduleKind::kConstant;
  std::vector<int> milestones;  // kStep: epochs (1-based) from which the rate is 10× smaller
  // The rate for a step that belongs to epoch `epoch` (1-based), at global step `step`
  // (0-based) of `total_steps`. kCosine: base · ½(1 + cos(π step / total_steps)).
  double rate(double base, int epoch, long step, long total_steps) const;
};

// "constant", "step:E1,E2,…" (increasing epochs), "cosine"; throws frnorm::Error naming `flag`.
LrSchedule parse_lr_schedule(std::string_view text, std::string_view flag);
std::string lr_schedule_string(const LrSchedule& schedule);

}  // namespace frnorm
