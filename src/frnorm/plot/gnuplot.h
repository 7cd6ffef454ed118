// Rendering by gnuplot (Debian's gnuplot-nox): frnorm writes each figure's data and a
// self-contained .gp script, then asks gnuplot to draw the script's PNG and SVG.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace frnorm {

// The gnuplot program: $FRNORM_GNUPLOT when set (an empty value or a missing file means "none"),
// else `gnuplot` found on $PATH. nullopt when there is none.
std::optional<std::string> find_gnuplot();

// A gnuplot single-quoted string literal for `text` ('' stands for one quote).
std::string gnuplot_quote(std::string_view text);

// Runs `script` (which writes out.'.png' and out.'.svg', `out` defaulting to its own prefix)
// with gnuplot from the script's directory and `out` set to a temporary name there, then
// renames the two files to PREFIX.png and PREFIX.svg, where PREFIX is the script's path less
// ".gp". Throws frnorm::Error with gnuplot's messages if it fails; nothing is left under the
// final names then.
void render_with_gnuplot(const std::string& gnuplot, const std::string& script);

}  // namespace frnorm
