#include "frnorm/plot/notes_figures.h"

#include <fmt/format.h>

#include <filesystem>

#include "frnorm/core/error.h"
#include "frnorm/io/network_file.h"
#include "frnorm/plot/surface.h"
#include "frnorm/plot/surface_figure.h"

namespace frnorm {

std::vector<Network> notes_networks(std::uint64_t seed) {
  NetworkSpec spec;
  spec.widths = {2, 15, 15, 15, 1};
  std::vector<Network> networks;
  spec.bias = BiasMode::kWith;
  networks.push_back(init_network(spec, seed));
  spec.bias = BiasMode::kWithout;
  networks.push_back(init_network(spec, seed));
  spec.coordinates = InputCoordinates::kHomogeneous;
  networks.push_back(init_network(spec, seed));
  return networks;
}

VectorD notes_weight_plane_input() { return VectorD{{0.8, -0.6}}; }

std::vector<FigureFiles> draw_notes_figures(const std::string& directory,
                                            const NotesFigureOptions& options) {
  const std::vector<Network> networks = notes_networks(options.seed);
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    throw Error(
        fmt::format("--out: cannot create the directory {}: {}", directory, error.message()));
  }
  const Axis axis{-options.range, options.range, options.grid};
  const auto prefix = [&](const char* name) {
    return (std::filesystem::path(directory) / name).string();
  };
  const char* names[] = {"figure1_bias", "figure2_no_bias", "figure3_homogeneous"};
  const char* titles[] = {
      "A 2-15-15-15-1 ReLU network with biases: piecewise linear, many pieces",
      "Without biases: f(0) = 0, linear on wedges that meet at the origin",
      "Without biases, homogeneous coordinates (x_3 = 1): pieces as with biases"};
  std::vector<FigureFiles> files;
  for (std::size_t k = 0; k < networks.size(); ++k) {
    write_network(prefix(names[k]) + ".safetensors", networks[k], DType::kF64);
    SurfaceLabels labels;
    labels.title = fmt::format("{} (seed {})", titles[k], options.seed);
    files.push_back(draw_surface(input_surface(networks[k], axis, axis), labels, prefix(names[k]),
                                 options.size));
  }
  const VectorD x = notes_weight_plane_input();
  const WeightPlane plane = weight_plane_through(networks[1], 1, x, options.seed + 1);
  SurfaceLabels labels;
  labels.title = fmt::format(
      "The bias-free network as a function of W_2 = a·W_2^{{(0)}} + b·V, x = ({}, {}) fixed: "
      "wedges again (seed {})",
      x(0), x(1), options.seed);
  labels.axis1 = "a (along the initial W_2)";
  labels.axis2 = "b (along V, a random direction ⟂ W_2)";
  labels.value = "f(x; a, b)";
  labels.d1 = "∂f/∂a";
  labels.d2 = "∂f/∂b";
  labels.overlay = "f, with the contours of ∂f/∂a and ∂f/∂b";
  files.push_back(draw_surface(weight_plane_surface(networks[1], plane, axis, axis), labels,
                               prefix("figure4_weight_plane"), options.size));
  return files;
}

}  // namespace frnorm
