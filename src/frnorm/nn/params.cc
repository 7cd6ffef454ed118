#include "frnorm/nn/params.h"

#include "frnorm/core/error.h"

namespace frnorm {

template <typename Scalar>
Params<Scalar> zeros_like(const Params<Scalar>& like) {
  Params<Scalar> result;
  result.reserve(like.size());
  for (const auto& layer : like) {
    result.push_back({Matrix<Scalar>::Zero(layer.weight.rows(), layer.weight.cols()),
                      Vector<Scalar>::Zero(layer.bias.size())});
  }
  return result;
}

template <typename Scalar>
double dot(const Params<Scalar>& a, const Params<Scalar>& b) {
  FRNORM_CHECK(a.size() == b.size(), "dot: parameter lists of different depth");
  double sum = 0.0;
  for (std::size_t l = 0; l < a.size(); ++l) {
    FRNORM_CHECK(a[l].weight.rows() == b[l].weight.rows() &&
                     a[l].weight.cols() == b[l].weight.cols() &&
                     a[l].bias.size() == b[l].bias.size(),
                 "dot: parameter shapes differ");
    sum += static_cast<double>(a[l].weight.cwiseProduct(b[l].weight).sum());
    sum += static_cast<double>(a[l].bias.dot(b[l].bias));
  }
  return sum;
}

template <typename Scalar>
Vector<Scalar> flatten(const Params<Scalar>& params) {
  Eigen::Index total = 0;
  for (const auto& layer : params) {
    total += layer.weight.size() + layer.bias.size();
  }
  Vector<Scalar> flat(total);
  Eigen::Index offset = 0;
  for (const auto& layer : params) {
    // A row-major map of the slice receives the column-major weight in row-major order.
    Eigen::Map<Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        flat.data() + offset, layer.weight.rows(), layer.weight.cols()) = layer.weight;
    offset += layer.weight.size();
    flat.segment(offset, layer.bias.size()) = layer.bias;
    offset += layer.bias.size();
  }
  return flat;
}

template <typename Scalar>
Params<Scalar> unflatten(const Vector<Scalar>& flat, const Params<Scalar>& like) {
  Params<Scalar> result = zeros_like(like);
  Eigen::Index offset = 0;
  for (auto& layer : result) {
    FRNORM_CHECK(offset + layer.weight.size() + layer.bias.size() <= flat.size(),
                 "unflatten: vector too short");
    layer.weight =
        Eigen::Map<const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            flat.data() + offset, layer.weight.rows(), layer.weight.cols());
    offset += layer.weight.size();
    layer.bias = flat.segment(offset, layer.bias.size());
    offset += layer.bias.size();
  }
  FRNORM_CHECK(offset == flat.size(), "unflatten: vector too long");
  return result;
}

#define FRNORM_INSTANTIATE(Scalar)                                           \
  template Params<Scalar> zeros_like<Scalar>(const Params<Scalar>&);         \
  template double dot<Scalar>(const Params<Scalar>&, const Params<Scalar>&); \
  template Vector<Scalar> flatten<Scalar>(const Params<Scalar>&);            \
  template Params<Scalar> unflatten<Scalar>(const Vector<Scalar>&, const Params<Scalar>&);
FRNORM_INSTANTIATE(float)
FRNORM_INSTANTIATE(double)
#undef FRNORM_INSTANTIATE

}  // namespace frnorm
