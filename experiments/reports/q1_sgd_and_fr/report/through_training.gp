# Through training: means over seeds per epoch, one line per configuration.
# Drawn by frnorm 0.1.0; re-render in this directory with  gnuplot through_training.gp
if (!exists("out")) out = 'through_training'
data = 'through_training.dat'
set encoding utf8
set style line 1 lc '#1f77b4' lw 2 pt 7
set style line 2 lc '#d62728' lw 2 pt 5
set style line 3 lc '#2ca02c' lw 2 pt 9
set style line 4 lc '#9467bd' lw 2 pt 11
set style line 5 lc '#ff7f0e' lw 2 pt 13
set style line 6 lc '#8c564b' lw 2 pt 4
set style line 7 lc '#e377c2' lw 2 pt 6
set style line 8 lc '#7f7f7f' lw 2 pt 8
set style increment user
set grid; set tics out; set datafile missing '?'
array titles[4]
titles[1] = 'lr=0.005'
titles[2] = 'lr=0.01'
titles[3] = 'lr=0.05'
titles[4] = 'lr=0.1'
do for [format in "png svg"] {
  if (format eq "png") {
    set terminal pngcairo size 1500,900 font 'DejaVu Sans,12'
  } else {
    set terminal svg size 1500,900 dynamic font 'DejaVu Sans,12'
  }
  set output out.'.'.format
  set multiplot layout 2,2 title 'through training' font ',14'
  set title 'model ‖θ‖^2_{fr} (train)'; set xlabel 'epoch' noenhanced
  set key outside bottom center horizontal noenhanced
  set logscale y
  plot for [i=1:4] data index (i-1) using 1:2 with linespoints linestyle i title titles[i]
  set title 'empirical ‖θ‖^2_{fr} (train)'; set xlabel 'epoch' noenhanced
  unset key
  set logscale y
  plot for [i=1:4] data index (i-1) using 1:3 with linespoints linestyle i title titles[i]
  set title 'test accuracy'; set xlabel 'epoch' noenhanced
  unset key
  unset logscale y
  plot for [i=1:4] data index (i-1) using 1:4 with linespoints linestyle i title titles[i]
  set title 'training loss'; set xlabel 'epoch' noenhanced
  unset key
  set logscale y
  plot for [i=1:4] data index (i-1) using 1:5 with linespoints linestyle i title titles[i]
  unset multiplot
  unset output
}
