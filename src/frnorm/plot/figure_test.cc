// Figures on disk: the data and script are written, gnuplot renders PNGs of the requested size
// and SVGs, the script re-renders them by itself, and without gnuplot the data and the script
// are still written with a note that says what to install.
#include "frnorm/plot/figure.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "frnorm/core/read_file.h"
#include "frnorm/plot/gnuplot.h"
#include "frnorm/plot/notes_figures.h"
#include "frnorm/plot/png_info.h"
#include "frnorm/plot/run_figure.h"
#include "frnorm/plot/surface_figure.h"
#include "frnorm/testing/expect_error.h"
#include "frnorm/testing/temp_dir.h"

namespace frnorm {
namespace {

namespace fs = std::filesystem;

class Figure : public testing::TempDirTest {
 protected:
  void TearDown() override {
    unsetenv("FRNORM_GNUPLOT");
    TempDirTest::TearDown();
  }
  static Surface small_surface() {
    const Axis axis{-1.0, 1.0, 21};
    return input_surface(notes_networks(0)[1], axis, axis);
  }
  // The number of data rows (non-blank, non-comment lines) of a .dat file.
  static int data_rows(const std::string& path) {
    std::ifstream in(path);
    int rows = 0;
    for (std::string line; std::getline(in, line);) {
      rows += !line.empty() && line[0] != '#';
    }
    return rows;
  }
};

TEST_F(Figure, GnuplotIsInstalled) {
  // scripts/setup.sh installs gnuplot-nox; the rendering tests below need it.
  ASSERT_TRUE(find_gnuplot().has_value());
}

TEST_F(Figure, SurfaceIsRenderedAtTheRequestedSize) {
  const FigureFiles files = draw_surface(small_surface(), SurfaceLabels{"a test"},
                                         path("out/geometry"), FigureSize{640, 480});
  EXPECT_EQ(files.png, path("out/geometry.png"));
  EXPECT_TRUE(files.note.empty());
  const std::optional<PngSize> size = png_size(files.png);
  ASSERT_TRUE(size.has_value());
  EXPECT_EQ(size->width, 640);
  EXPECT_EQ(size->height, 480);
  EXPECT_NE(read_file(files.svg).find("<svg"), std::string::npos);
  EXPECT_EQ(data_rows(files.data), 21 * 21);
  // Nothing but the four files (no temporaries left behind).
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(path("out"))) {
    ++entries;
  }
  EXPECT_EQ(entries, 4);
}

TEST_F(Figure, WrittenScriptReRendersTheFigure) {
  const FigureFiles files = draw_surface(small_surface(), SurfaceLabels{"a test"}, path("geometry"),
                                         FigureSize{500, 400});
  fs::remove(files.png);
  fs::remove(files.svg);
  const std::string command =
      "cd '" + dir_.string() + "' && '" + *find_gnuplot() + "' geometry.gp 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  const std::optional<PngSize> size = png_size(files.png);
  ASSERT_TRUE(size.has_value());
  EXPECT_EQ(size->width, 500);
  EXPECT_EQ(size->height, 400);
  EXPECT_TRUE(fs::exists(files.svg));
}

TEST_F(Figure, WithoutGnuplotTheDataAndScriptAreStillWritten) {
  setenv("FRNORM_GNUPLOT", "", 1);
  const FigureFiles files =
      draw_surface(small_surface(), SurfaceLabels{"a test"}, path("geometry"), FigureSize{});
  EXPECT_TRUE(files.png.empty());
  EXPECT_FALSE(fs::exists(path("geometry.png")));
  EXPECT_TRUE(fs::exists(files.data));
  EXPECT_TRUE(fs::exists(files.script));
  EXPECT_EQ(files.note,
            "gnuplot not found (install Debian's gnuplot-nox: bash scripts/setup.sh), so " +
                path("geometry") +
                " is not rendered; its data and script are written: render it "
                "with `gnuplot geometry.gp` in " +
                dir_.string());
}

TEST_F(Figure, AFailingScriptNamesGnuplotAndLeavesNoImage) {
  std::ofstream(path("broken.gp")) << "set output out.'.png'\nplot this_is_not_defined(x)\n";
  EXPECT_FRNORM_ERROR_CONTAINS(render_with_gnuplot(*find_gnuplot(), path("broken.gp")),
                               "could not render " + path("broken.gp"));
  EXPECT_FALSE(fs::exists(path("broken.png")));
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) {
    ++entries;
  }
  EXPECT_EQ(entries, 1);  // only the script
}

TEST_F(Figure, RunCurvesFromMetricsWithMissingValues) {
  fs::create_directories(path("run"));
  std::ofstream(path("run/metrics.jsonl"))
      << R"({"epoch":0,"train_loss":2.3,"test_loss":2.31,"train_acc":0.1,"test_acc":0.1,)"
         R"("fr_empirical_squared_train":0.5,"fr_model_squared_train":0.4,)"
         R"("fr_empirical_squared_test":null,"fr_model_squared_test":null})"
         "\n"
         R"({"epoch":1,"train_loss":0.6,"test_loss":0.65,"train_acc":0.8,"test_acc":0.79,)"
         R"("fr_empirical_squared_train":3.5,"fr_model_squared_train":2.4,)"
         R"("fr_empirical_squared_test":null,"fr_model_squared_test":null})"
         "\n";
  const FigureFiles files = draw_run(path("run"), path("run/curves"), FigureSize{800, 600});
  ASSERT_FALSE(files.png.empty());
  const std::optional<PngSize> size = png_size(files.png);
  ASSERT_TRUE(size.has_value());
  EXPECT_EQ(size->width, 800);
  const std::string data = read_file(files.data);
  EXPECT_NE(data.find("\n1 0.6 0.65 0.8 0.79 3.5 ? 2.4 ?\n"), std::string::npos) << data;
}

TEST_F(Figure, RunWithoutMetricsIsRefused) {
  EXPECT_FRNORM_ERROR(draw_run(path("nothing"), path("curves"), FigureSize{}),
                      path("nothing/metrics.jsonl") + ": no such file (" + path("nothing") +
                          " is not a run directory of frnorm train)");
  fs::create_directories(path("bad"));
  std::ofstream(path("bad/metrics.jsonl")) << "{\"epoch\": 0}\nnot json\n";
  EXPECT_FRNORM_ERROR(
      draw_run(path("bad"), path("curves"), FigureSize{}),
      path("bad/metrics.jsonl") + ":2: not a metrics line (a JSON object with an integer epoch)");
}

TEST(FigureSize, ParsesAndRefuses) {
  const FigureSize size = parse_figure_size("640x480", "--size");
  EXPECT_EQ(size.width, 640);
  EXPECT_EQ(size.height, 480);
  for (const char* bad : {"640", "640x", "x480", "64x480", "640x480x2", "abcxdef", "640x99999"}) {
    EXPECT_FRNORM_ERROR(parse_figure_size(bad, "--size"),
                        std::string("--size: expected WIDTHxHEIGHT in pixels, each 100 to 10000 "
                                    "(e.g. 1200x1000), got '") +
                            bad + "'");
  }
}

TEST(PngSize, RefusesWhatIsNotAPng) {
  EXPECT_FALSE(png_size("/nonexistent.png").has_value());
  EXPECT_FALSE(png_size(FRNORM_SOURCE_DIR "/CMakeLists.txt").has_value());
}

TEST(GnuplotQuote, DoublesSingleQuotes) { EXPECT_EQ(gnuplot_quote("it's"), "'it''s'"); }

}  // namespace
}  // namespace frnorm
