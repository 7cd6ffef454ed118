#include "train_options.h"

#include "frnorm/core/error.h"
#include "frnorm/measure/fisher_rao.h"
#include "frnorm/measure/loss.h"
#include "frnorm/train/sgd.h"

namespace frnorm::cli {

Resolved resolve(const TrainCommandOptions& o) {
  Resolved r;
  r.spec.widths = parse_widths(o.arch, "--arch");
  r.spec.bias = o.bias ? BiasMode::kWith : BiasMode::kWithout;
  r.spec.coordinates = o.homogeneous ? InputCoordinates::kHomogeneous : InputCoordinates::kPlain;
  r.spec.activation = {parse_activation(o.activation, "--activation"), o.leaky_slope};
  if (o.loss != "auto") {
    r.train.loss = parse_loss(o.loss, "--loss");
  }
  r.train.epochs = o.epochs;
  r.train.batch_size = o.batch_size;
  r.train.learning_rate = o.lr;
  r.train.sgd = {o.momentum, o.nesterov ? Momentum::kNesterov : Momentum::kClassical,
                 o.weight_decay};
  r.train.schedule = parse_lr_schedule(o.lr_schedule, "--lr-schedule");
  r.train.fr_reg = o.fr_reg;
  r.train.fr_form = parse_fisher_rao_form(o.fr_reg_form, "--fr-reg-form");
  r.train.measure_every = o.measure_every;
  r.train.measure_limit = o.measure_limit;
  std::string error;
  if (!r.train.is_valid(&error)) {
    throw Error(error);
  }
  if (o.fr_reg > 0 && o.bias) {
    throw Error(
        "--fr-reg needs a bias-free network: the regularizer is the closed form of "
        "‖θ‖²_fr, which rests on (I3) and biases break");
  }
  if (!(o.label_noise >= 0 && o.label_noise <= 1)) {
    throw Error("--label-noise must lie in [0, 1]");
  }
  return r;
}

}  // namespace frnorm::cli
