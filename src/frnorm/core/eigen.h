// The dense types frnorm computes with. Batches are column-major, one sample per column:
// an input batch is d × n, an output batch K × n.
#pragma once

#include <Eigen/Core>

namespace frnorm {

template <typename Scalar>
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
template <typename Scalar>
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

using MatrixD = Matrix<double>;
using VectorD = Vector<double>;
using MatrixF = Matrix<float>;
using VectorF = Vector<float>;

}  // namespace frnorm
