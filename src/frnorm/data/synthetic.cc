#include "frnorm/data/synthetic.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <cmath>
#include <numbers>
#include <set>
#include <vector>

#include "frnorm/core/error.h"
#include "frnorm/core/rng.h"

namespace frnorm {

namespace {

using std::numbers::pi;

struct KindInfo {
  SyntheticKind kind;
  const char* name;
  std::set<std::string> keys;
};

const std::vector<KindInfo>& kinds() {
  static const std::vector<KindInfo> kAll = {
      {SyntheticKind::kTwoMoons, "two-moons", {"n", "noise", "seed"}},
      {SyntheticKind::kSpirals, "spirals", {"n", "noise", "seed", "classes"}},
      {SyntheticKind::kBlobs, "blobs", {"n", "noise", "seed", "dim", "classes"}},
      {SyntheticKind::kXor, "xor", {"n", "noise", "seed"}},
      {SyntheticKind::kLinearTeacher, "linear-teacher", {"n", "noise", "seed", "dim", "classes"}},
  };
  return kAll;
}

// Label i mod classes; the generator fills column i of x.
Dataset labelled(const std::string& name, int dim, Eigen::Index n, int classes) {
  Dataset data;
  data.name = "synthetic:" + name;
  data.num_classes = classes;
  data.inputs.resize(dim, n);
  data.labels.resize(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    data.labels[i] = static_cast<int>(i % classes);
  }
  return data;
}

Dataset two_moons(const SyntheticOptions& o, Rng& rng) {
  Dataset data = labelled("two-moons", 2, o.n, 2);
  for (Eigen::Index i = 0; i < o.n; ++i) {
    const double t = pi * rng.uniform();
    // The upper moon, and the lower one shifted right and down (as scikit-learn draws them).
    const bool upper = data.labels[i] == 0;
    data.inputs(0, i) = (upper ? std::cos(t) : 1.0 - std::cos(t)) + o.noise * rng.normal();
    data.inputs(1, i) = (upper ? std::sin(t) : 0.5 - std::sin(t)) + o.noise * rng.normal();
  }
  return data;
}

Dataset spirals(const SyntheticOptions& o, Rng& rng) {
  Dataset data = labelled("spirals", 2, o.n, o.classes);
  for (Eigen::Index i = 0; i < o.n; ++i) {
    const double r = rng.uniform();
    const double angle = 2.0 * pi * data.labels[i] / o.classes + 4.0 * pi * r;
    data.inputs(0, i) = r * std::cos(angle) + o.noise * rng.normal();
    data.inputs(1, i) = r * std::sin(angle) + o.noise * rng.normal();
  }
  return data;
}

Dataset blobs(const SyntheticOptions& o, Rng& rng) {
  Dataset data = labelled("blobs", o.dim, o.n, o.classes);
  MatrixD centres(o.dim, o.classes);
  for (Eigen::Index c = 0; c < centres.cols(); ++c) {
    for (Eigen::Index j = 0; j < centres.rows(); ++j) {
      centres(j, c) = rng.uniform(-5.0, 5.0);
    }
  }
  for (Eigen::Index i = 0; i < o.n; ++i) {
    for (int j = 0; j < o.dim; ++j) {
      data.inputs(j, i) = centres(j, data.labels[i]) + o.noise * rng.normal();
    }
  }
  return data;
}

Dataset xor_data(const SyntheticOptions& o, Rng& rng) {
  Dataset data = labelled("xor", 2, o.n, 2);
  for (Eigen::Index i = 0; i < o.n; ++i) {
    const double a = rng.uniform(-1.0, 1.0);
    const double b = rng.uniform(-1.0, 1.0);
    data.labels[i] = ((a > 0) != (b > 0)) ? 1 : 0;
    data.inputs(0, i) = a + o.noise * rng.normal();
    data.inputs(1, i) = b + o.noise * rng.normal();
  }
  return data;
}

// x ~ N(0, I_d); teacher T ~ N(0, 1/d), classes × d; targets T x + noise·ε; labels argmax.
Dataset linear_teacher(const SyntheticOptions& o, Rng& rng) {
  Dataset data = labelled("linear-teacher", o.dim, o.n, o.classes);
  const MatrixD teacher = normal_matrix(o.classes, o.dim, rng) / std::sqrt(double(o.dim));
  data.inputs = normal_matrix(o.dim, o.n, rng);
  data.targets = teacher * data.inputs + o.noise * normal_matrix(o.classes, o.n, rng);
  for (Eigen::Index i = 0; i < o.n; ++i) {
    Eigen::Index best = 0;
    data.targets.col(i).maxCoeff(&best);
    data.labels[i] = static_cast<int>(best);
  }
  return data;
}

double default_noise(SyntheticKind kind) {
  switch (kind) {
    case SyntheticKind::kTwoMoons:
      return 0.1;
    case SyntheticKind::kSpirals:
      return 0.02;
    case SyntheticKind::kBlobs:
      return 1.0;
    case SyntheticKind::kXor:
    case SyntheticKind::kLinearTeacher:
      return 0.0;
  }
  return 0.0;
}

}  // namespace

Dataset make_synthetic(const SyntheticOptions& options) {
  SyntheticOptions o = options;
  FRNORM_CHECK(o.n > 0, "synthetic data needs n > 0");
  if (o.noise < 0) {
    o.noise = default_noise(o.kind);
  }
  if (o.classes == 0) {
    o.classes = o.kind == SyntheticKind::kBlobs ? 3 : 2;
  }
  if (o.dim == 0) {
    o.dim = o.kind == SyntheticKind::kLinearTeacher ? 10 : 2;
  }
  Rng rng(o.seed);
  switch (o.kind) {
    case SyntheticKind::kTwoMoons:
      return two_moons(o, rng);
    case SyntheticKind::kSpirals:
      return spirals(o, rng);
    case SyntheticKind::kBlobs:
      return blobs(o, rng);
    case SyntheticKind::kXor:
      return xor_data(o, rng);
    case SyntheticKind::kLinearTeacher:
      return linear_teacher(o, rng);
  }
  throw Error("make_synthetic: unknown kind");
}

SyntheticOptions parse_synthetic_spec(const std::string& text, const std::string& flag) {
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const std::size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma - start));
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 1;
  }
  const KindInfo* info = nullptr;
  for (const KindInfo& candidate : kinds()) {
    if (parts[0] == candidate.name) {
      info = &candidate;
    }
  }
  if (info == nullptr) {
    throw Error(
        fmt::format("{}: unknown synthetic data set '{}' (expected two-moons, spirals, "
                    "blobs, xor or linear-teacher)",
                    flag, parts[0]));
  }
  SyntheticOptions options;
  options.kind = info->kind;
  for (std::size_t p = 1; p < parts.size(); ++p) {
    const std::size_t equals = parts[p].find('=');
    const std::string key = parts[p].substr(0, equals);
    if (equals == std::string::npos || info->keys.count(key) == 0) {
      throw Error(fmt::format("{}: synthetic:{} takes key=value pairs with keys {}; got '{}'", flag,
                              info->name, fmt::join(info->keys, ", "), parts[p]));
    }
    const std::string value = parts[p].substr(equals + 1);
    double number = 0.0;
    const auto [ptr, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    const bool integral = number == std::floor(number);
    const bool ok =
        error == std::errc() && ptr == value.data() + value.size() && std::isfinite(number) &&
        number >= 0 && (key == "noise" || (integral && number <= (key == "seed" ? 9e15 : 1e9))) &&
        ((key != "n" && key != "dim") || number >= 1) && (key != "classes" || number >= 2);
    if (!ok) {
      throw Error(fmt::format(
          "{}: synthetic:{}: {} = '{}' is not valid (n and dim: positive integers; classes: an "
          "integer of at least 2; seed: a non-negative integer; noise: a number >= 0)",
          flag, info->name, key, value));
    }
    if (key == "n") {
      options.n = static_cast<Eigen::Index>(number);
    } else if (key == "noise") {
      options.noise = number;
    } else if (key == "seed") {
      options.seed = static_cast<std::uint64_t>(number);
    } else if (key == "dim") {
      options.dim = static_cast<int>(number);
    } else {
      options.classes = static_cast<int>(number);
    }
  }
  return options;
}

}  // namespace frnorm
