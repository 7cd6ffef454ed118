// One figure on disk: PREFIX.dat (its data), PREFIX.gp (the gnuplot script that draws it) and,
// rendered by gnuplot, PREFIX.png and PREFIX.svg. The script reads only the data beside it, so
// a user can restyle it and re-render with `gnuplot PREFIX.gp` in that directory.
#pragma once

#include <string>
#include <string_view>

namespace frnorm {

struct FigureSize {
  int width = 1200;  // pixels of the PNG (and points of the SVG)
  int height = 1000;
};

// "WIDTHxHEIGHT", each 100 to 10000. Throws frnorm::Error naming `what`.
FigureSize parse_figure_size(std::string_view text, std::string_view what);

struct FigureFiles {
  std::string data;
  std::string script;
  std::string png;  // empty when not rendered
  std::string svg;
  std::string note;  // why it was not rendered, for the user
};

// Writes PREFIX.dat and PREFIX.gp atomically (creating PREFIX's directory), then renders them
// if gnuplot is found (find_gnuplot); without it, the note says which package to install.
// Throws frnorm::Error if a file cannot be written or gnuplot fails on the script.
// `size` is what the script was written for: the PNG is checked to have it.
FigureFiles write_figure(const std::string& prefix, std::string_view data, std::string_view script,
                         const FigureSize& size);

// The end of every figure script: `panels` (gnuplot commands drawing rows × columns plots) in a
// multiplot under `title_options` (e.g. "title 'x' font ',14'"), drawn once into out.'.png'
// (pngcairo) and once into out.'.svg', at `size`.
std::string multiplot_for_png_and_svg(const FigureSize& size, std::string_view title_options,
                                      std::string_view panels, int rows = 2, int columns = 2);

// Gnuplot commands that fill one multiplot panel that has no data with `note`, centred (a plot
// of nothing valid would stop gnuplot).
std::string empty_panel(std::string_view note);

// The base name of PREFIX.dat, as the script refers to it.
std::string figure_data_name(const std::string& prefix);

}  // namespace frnorm
