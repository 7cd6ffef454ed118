#include "frnorm/plot/figure.h"

#include <fmt/format.h>

#include <filesystem>

#include "frnorm/core/atomic_file.h"
#include "frnorm/core/error.h"
#include "frnorm/core/parse_number.h"
#include "frnorm/plot/gnuplot.h"
#include "frnorm/plot/png_info.h"

namespace frnorm {

FigureSize parse_figure_size(std::string_view text, std::string_view what) {
  const std::optional<std::pair<int, int>> pixels = parse_number_pair<int>(text, 'x');
  const auto in_range = [](int value) { return value >= 100 && value <= 10000; };
  if (!pixels || !in_range(pixels->first) || !in_range(pixels->second)) {
    throw Error(
        fmt::format("{}: expected WIDTHxHEIGHT in pixels, each 100 to 10000 (e.g. "
                    "1200x1000), got '{}'",
                    what, text));
  }
  return FigureSize{pixels->first, pixels->second};
}

std::string multiplot_for_png_and_svg(const FigureSize& size, std::string_view title_options,
                                      std::string_view panels, int rows, int columns) {
  return fmt::format(R"(do for [format in "png svg"] {{
  if (format eq "png") {{
    set terminal pngcairo size {width},{height} font 'DejaVu Sans,12'
  }} else {{
    set terminal svg size {width},{height} dynamic font 'DejaVu Sans,12'
  }}
  set output out.'.'.format
  set multiplot layout {rows},{columns} {title}
{panels}  unset multiplot
  unset output
}}
)",
                     fmt::arg("width", size.width), fmt::arg("height", size.height),
                     fmt::arg("title", title_options), fmt::arg("panels", panels),
                     fmt::arg("rows", rows), fmt::arg("columns", columns));
}

std::string empty_panel(std::string_view note) {
  return fmt::format(
      "  unset key; unset logscale y; set yrange [0:1]\n  set label 1 {} at graph 0.5, 0.5 "
      "center\n  plot -1 notitle\n  unset label 1; set yrange [*:*]\n",
      gnuplot_quote(note));
}

std::string figure_data_name(const std::string& prefix) {
  return std::filesystem::path(prefix + ".dat").filename().string();
}

FigureFiles write_figure(const std::string& prefix, std::string_view data, std::string_view script,
                         const FigureSize& size) {
  const std::filesystem::path directory = std::filesystem::path(prefix).parent_path();
  if (!directory.empty()) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) {
      throw Error(
          fmt::format("cannot create the directory {}: {}", directory.string(), error.message()));
    }
  }
  FigureFiles files{prefix + ".dat", prefix + ".gp", "", "", ""};
  write_file_atomically(files.data, data);
  write_file_atomically(files.script, script);
  const std::optional<std::string> gnuplot = find_gnuplot();
  if (!gnuplot) {
    files.note = fmt::format(
        "gnuplot not found (install Debian's gnuplot-nox: bash scripts/setup.sh), so {} is "
        "not rendered; its data and script are written: render it with `gnuplot {}` in {}",
        prefix, std::filesystem::path(files.script).filename().string(),
        directory.empty() ? "." : directory.string());
    return files;
  }
  render_with_gnuplot(*gnuplot, files.script);
  files.png = prefix + ".png";
  files.svg = prefix + ".svg";
  const std::optional<PngSize> png = png_size(files.png);
  if (!png || png->width != size.width || png->height != size.height) {
    throw Error(
        fmt::format("gnuplot wrote {} but not as a {}x{} PNG; is its pngcairo terminal "
                    "there (gnuplot -e 'set terminal')?",
                    files.png, size.width, size.height));
  }
  return files;
}

}  // namespace frnorm
