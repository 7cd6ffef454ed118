// Arithmetic on parameter lists θ (Params): the inner products and flattenings the identities
// and the Fisher-Rao norm are written in.
#pragma once

#include "frnorm/core/eigen.h"
#include "frnorm/nn/network.h"

namespace frnorm {

// Zeros with the shapes of `like` (empty biases stay empty).
template <typename Scalar>
Params<Scalar> zeros_like(const Params<Scalar>& like);

// <a, b> = Σ_l <W_l^a, W_l^b>_F + <b_l^a, b_l^b>. Shapes must match.
template <typename Scalar>
double dot(const Params<Scalar>& a, const Params<Scalar>& b);

// θ as one vector in PyTorch state-dict order: for each layer, the weight row by row, then the
// bias. Length num_params().
template <typename Scalar>
Vector<Scalar> flatten(const Params<Scalar>& params);

// The inverse of flatten, onto the shapes of `like`. Precondition: flat.size() matches.
template <typename Scalar>
Params<Scalar> unflatten(const Vector<Scalar>& flat, const Params<Scalar>& like);

}  // namespace frnorm
