#include "frnorm/nn/activation.h"

#include <fmt/format.h>

#include "frnorm/core/error.h"

namespace frnorm {

std::string activation_name(ActivationKind kind) {
  switch (kind) {
    case ActivationKind::kRelu:
      return "relu";
    case ActivationKind::kLeakyRelu:
      return "leaky_relu";
    case ActivationKind::kIdentity:
      return "identity";
  }
  throw Error("activation_name: unknown ActivationKind");
}

ActivationKind parse_activation(std::string_view text, std::string_view what) {
  for (ActivationKind kind :
       {ActivationKind::kRelu, ActivationKind::kLeakyRelu, ActivationKind::kIdentity}) {
    if (text == activation_name(kind)) {
      return kind;
    }
  }
  throw Error(fmt::format("{}: unknown activation '{}' (expected relu, leaky_relu or identity)",
                          what, text));
}

template <typename Scalar>
void apply_activation(const Activation& activation, Matrix<Scalar>& z) {
  switch (activation.kind) {
    case ActivationKind::kRelu:
      z = z.cwiseMax(Scalar(0));
      return;
    case ActivationKind::kLeakyRelu: {
      const auto slope = static_cast<Scalar>(activation.leaky_slope);
      z = (z.array() > Scalar(0)).select(z, slope * z);
      return;
    }
    case ActivationKind::kIdentity:
      return;
  }
}

template <typename Scalar>
void multiply_by_derivative(const Activation& activation, const Matrix<Scalar>& h,
                            Matrix<Scalar>& delta) {
  switch (activation.kind) {
    case ActivationKind::kRelu:
      delta = (h.array() > Scalar(0)).select(delta, Scalar(0));
      return;
    case ActivationKind::kLeakyRelu: {
      const auto slope = static_cast<Scalar>(activation.leaky_slope);
      delta = (h.array() > Scalar(0)).select(delta, slope * delta);
      return;
    }
    case ActivationKind::kIdentity:
      return;
  }
}

template void apply_activation<float>(const Activation&, Matrix<float>&);
template void apply_activation<double>(const Activation&, Matrix<double>&);
template void multiply_by_derivative<float>(const Activation&, const Matrix<float>&,
                                            Matrix<float>&);
template void multiply_by_derivative<double>(const Activation&, const Matrix<double>&,
                                             Matrix<double>&);

}  // namespace frnorm
