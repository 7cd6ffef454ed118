// frnorm report: DIR/REPORT.md, the page that answers the question a sweep was built for, with
// its figures in DIR/report/ (each as data + gnuplot script + PNG + SVG):
//   - each measure and the gap against each swept hyperparameter (means over seeds, one line per
//     combination of the other hyperparameters);
//   - the Fisher-Rao norms and the test accuracy through training, where runs measured more
//     than two epochs;
//   - what the data show, in sentences generated from the rank correlations (no claim that the
//     numbers do not carry), the table of results, and Kendall's τ against the gap.
#pragma once

#include <string>
#include <vector>

#include "frnorm/plot/figure.h"

namespace frnorm {

struct ReportFiles {
  std::string report;                // DIR/REPORT.md
  std::vector<FigureFiles> figures;  // in DIR/report/
};

// Throws frnorm::Error if DIR has no results database or no finished run.
ReportFiles write_report(const std::string& sweep_dir, const FigureSize& size);

}  // namespace frnorm
