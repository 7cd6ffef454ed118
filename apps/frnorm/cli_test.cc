// The frnorm tool end to end on tiny data: each subcommand's output, and its errors.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "frnorm/data/csv_reader.h"
#include "frnorm/experiment/results_db.h"
#include "frnorm/io/network_file.h"
#include "frnorm/nn/forward.h"
#include "frnorm/plot/png_info.h"
#include "frnorm/testing/temp_dir.h"
#include "frnorm/train/run_directory.h"

namespace frnorm {
namespace {

namespace fs = std::filesystem;

struct RunResult {
  int status = -1;
  std::string output;  // stdout and stderr together
};

class Cli : public testing::TempDirTest {
 protected:
  // `environment`: assignments put before the command, e.g. "FRNORM_GNUPLOT=".
  RunResult run(const std::string& arguments, const std::string& environment = "") const {
    const std::string command = "cd '" + dir_.string() + "' && " + environment + " '" +
                                std::string(FRNORM_CLI) + "' " + arguments + " 2>&1";
    RunResult result;
    FILE* pipe = popen(command.c_str(), "r");
    EXPECT_NE(pipe, nullptr);
    std::array<char, 4096> buffer{};
    std::size_t count = 0;
    while ((count = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
      result.output.append(buffer.data(), count);
    }
    const int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
  }
  // A shell command in the test's directory; returns its exit status.
  int shell(const std::string& command) const {
    const int status = std::system(("cd '" + dir_.string() + "'; " + command).c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path(name)) << text;
  }
};

TEST_F(Cli, InitThenInfo) {
  RunResult init = run("init --arch 2-15-15-15-1 --bias --seed 3 --out net.safetensors");
  ASSERT_EQ(init.status, 0) << init.output;
  EXPECT_EQ(init.output, "wrote net.safetensors: 2-15-15-15-1 (541 parameters, relu, bias, F32)\n");
  const RunResult info = run("info net.safetensors --json");
  ASSERT_EQ(info.status, 0) << info.output;
  const nlohmann::json json = nlohmann::json::parse(info.output);
  EXPECT_EQ(json["arch"], "2-15-15-15-1");
  EXPECT_EQ(json["hidden_layers"], 3);
  EXPECT_EQ(json["num_params"], 541);
  EXPECT_EQ(json["bias"], true);
  EXPECT_EQ(json["homogeneous"], false);
  EXPECT_EQ(json["activation"], "relu");
  EXPECT_EQ(json["dtype"], "F32");
  // The same seed writes the same file.
  ASSERT_EQ(run("init --arch 2-15-15-15-1 --bias --seed 3 --out again.safetensors").status, 0);
  std::ifstream a(path("net.safetensors"), std::ios::binary);
  std::ifstream b(path("again.safetensors"), std::ios::binary);
  std::stringstream sa;
  std::stringstream sb;
  sa << a.rdbuf();
  sb << b.rdbuf();
  EXPECT_EQ(sa.str(), sb.str());
}

TEST_F(Cli, HomogeneousLeakyNetworkIsDescribed) {
  ASSERT_EQ(run("init --arch 3-4-2 --homogeneous --activation leaky_relu --leaky-slope 0.2 "
                "--dtype f64 --out h.safetensors")
                .status,
            0);
  const RunResult info = run("info h.safetensors");
  ASSERT_EQ(info.status, 0);
  EXPECT_NE(info.output.find("homogeneous    yes (W_1 has d+1 columns)"), std::string::npos);
  EXPECT_NE(info.output.find("activation     leaky_relu (slope 0.2)"), std::string::npos);
  EXPECT_NE(info.output.find("dtype          F64"), std::string::npos);
  EXPECT_NE(info.output.find("parameters     " + std::to_string(4 * 4 + 2 * 4)), std::string::npos);
}

TEST_F(Cli, PredictWritesSeventeenDigitOutputs) {
  ASSERT_EQ(run("init --arch 2-8-3 --bias --dtype f64 --out net.safetensors").status, 0);
  write("data.csv", "x1,x2,label\n0.5,-1,0\n2,0.25,2\n-1.5,3,1\n");
  const RunResult predict = run("predict --model net.safetensors --data csv:data.csv --out f.csv");
  ASSERT_EQ(predict.status, 0) << predict.output;
  // Read the CSV back as data: its columns are f0,f1,f2 and must equal the library's forward
  // pass exactly (17 significant digits round-trip a double).
  const Dataset written = read_csv_dataset(path("f.csv"));
  EXPECT_EQ(written.feature_names, (std::vector<std::string>{"f0", "f1", "f2"}));
  const Network network = read_network(path("net.safetensors")).network;
  const MatrixD expected = forward(network, read_csv_dataset(path("data.csv")).inputs);
  EXPECT_EQ(written.inputs, expected);
}

TEST_F(Cli, IdentitiesJsonOnBiasFreeAndBiasedNetworks) {
  ASSERT_EQ(run("init --arch 2-15-15-15-1 --out free.safetensors").status, 0);
  ASSERT_EQ(run("init --arch 2-15-15-15-1 --bias --out biased.safetensors").status, 0);
  const RunResult free_run = run("identities --model free.safetensors --random 64 --json");
  ASSERT_EQ(free_run.status, 0) << free_run.output;
  const nlohmann::json free = nlohmann::json::parse(free_run.output);
  EXPECT_EQ(free["n"], 64);
  ASSERT_EQ(free["I2"].size(), 4U);
  EXPECT_EQ(free["I2"][3]["layer"], 4);
  for (const char* key : {"I1", "I3", "I3b"}) {
    EXPECT_LT(free[key]["max_rel"].get<double>(), 1e-12) << key;
  }
  const RunResult biased_run = run("identities --model biased.safetensors --json");
  const nlohmann::json biased = nlohmann::json::parse(biased_run.output);
  EXPECT_EQ(biased["n"], 256);
  EXPECT_GT(biased["I3"]["max_rel"].get<double>(), 1e-3);
  EXPECT_LT(biased["I3b"]["max_rel"].get<double>(), 1e-12);

  write("data.csv", "a,b\n1,2\n-3,0.5\n");
  const RunResult on_data = run("identities --model free.safetensors --data csv:data.csv --json");
  EXPECT_EQ(nlohmann::json::parse(on_data.output)["n"], 2);
  const RunResult side_by_side =
      run("identities --model free.safetensors --model biased.safetensors");
  ASSERT_EQ(side_by_side.status, 0);
  EXPECT_NE(side_by_side.output.find("free.safetensors"), std::string::npos);
  EXPECT_NE(side_by_side.output.find("biased.safetensors"), std::string::npos);
  EXPECT_NE(side_by_side.output.find("I2 l=4"), std::string::npos);
}

TEST_F(Cli, MeasureOnCsvFromAnotherToolGivesEveryKey) {
  ASSERT_EQ(run("init --arch 2-8-8-3 --seed 2 --out net.safetensors").status, 0);
  // A CSV as pandas writes it (DataFrame.to_csv(index=False)).
  write("data.csv", "x0,x1,label\n0.5,-1.0,0\n2.0,0.25,2\n-1.5,3.0,1\n0.1,0.2,1\n");
  const RunResult measured = run("measure --model net.safetensors --data csv:data.csv --json");
  ASSERT_EQ(measured.status, 0) << measured.output;
  const nlohmann::json json = nlohmann::json::parse(measured.output);
  for (const char* key :
       {"n", "loss", "accuracy", "num_params", "fisher_rao", "radial_slope", "theta_hessian_theta",
        "l2", "frobenius_product", "spectral_product", "path_norm", "spectral_complexity",
        "margin_p10", "unique_activation_fraction", "notes"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  EXPECT_EQ(json["n"], 4);
  EXPECT_EQ(json["loss"], "cross_entropy");
  EXPECT_EQ(json["fisher_rao"]["method"], "closed");
  EXPECT_TRUE(json["fisher_rao"]["model_squared"].is_number());
  EXPECT_TRUE(json["l2"].is_number());
  // Every method agrees from the command line too.
  for (const char* method : {"jvp", "per_sample", "matrix"}) {
    const nlohmann::json other = nlohmann::json::parse(
        run(std::string("measure --model net.safetensors --data csv:data.csv --json --method ") +
            method)
            .output);
    EXPECT_NEAR(other["fisher_rao"]["empirical_squared"].get<double>(),
                json["fisher_rao"]["empirical_squared"].get<double>(),
                1e-10 * json["fisher_rao"]["empirical_squared"].get<double>())
        << method;
  }
  const RunResult table = run("measure --model net.safetensors --data csv:data.csv");
  EXPECT_NE(table.output.find("Fisher-Rao model"), std::string::npos);
}

TEST_F(Cli, MeasureOnSyntheticDataWithLabelNoiseAndALimit) {
  ASSERT_EQ(run("init --arch 2-16-1 --bias --out net.safetensors").status, 0);
  const RunResult result =
      run("measure --model net.safetensors --data synthetic:two-moons,n=300 --limit 100 "
          "--label-noise 0.2 --label-seed 4 --threads 1 --json");
  ASSERT_EQ(result.status, 0) << result.output;
  const nlohmann::json json = nlohmann::json::parse(result.output);
  EXPECT_EQ(json["n"], 100);
  EXPECT_EQ(json["loss"], "logistic");
  EXPECT_EQ(json["fisher_rao"]["method"], "jvp");
}

TEST_F(Cli, ReparamKeepsPredictionsAndTheFisherRaoNorm) {
  ASSERT_EQ(run("init --arch 2-8-8-3 --bias --dtype f64 --out net.safetensors").status, 0);
  write("data.csv", "a,b,label\n0.5,-1,0\n2,0.25,2\n-1.5,3,1\n");
  ASSERT_EQ(run("predict --model net.safetensors --data csv:data.csv --out f.csv").status, 0);
  const MatrixD original = read_csv_dataset(path("f.csv")).inputs;
  const nlohmann::json before = nlohmann::json::parse(
      run("measure --model net.safetensors --data csv:data.csv --json").output);
  for (const char* how : {"--node-rescale 3", "--layer-rescale 2:4.5", "--permute 1"}) {
    const RunResult reparam =
        run(std::string("reparam --model net.safetensors --out r.safetensors ") + how);
    ASSERT_EQ(reparam.status, 0) << reparam.output;
    ASSERT_EQ(run("predict --model r.safetensors --data csv:data.csv --out g.csv").status, 0);
    const MatrixD moved = read_csv_dataset(path("g.csv")).inputs;
    EXPECT_LT((moved - original).cwiseAbs().maxCoeff(), 1e-12 * original.cwiseAbs().maxCoeff())
        << how;
    const nlohmann::json after = nlohmann::json::parse(
        run("measure --model r.safetensors --data csv:data.csv --json").output);
    EXPECT_NEAR(after["fisher_rao"]["model_squared"].get<double>(),
                before["fisher_rao"]["model_squared"].get<double>(),
                1e-10 * before["fisher_rao"]["model_squared"].get<double>())
        << how;
  }
}

std::string read_bytes(const std::string& file) {
  std::ifstream stream(file, std::ios::binary);
  std::stringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

const char* const kTrainTiny =
    "train --data synthetic:blobs,n=300,classes=3,dim=4 --arch 4-16-16-3 --batch-size 32 "
    "--lr 0.05 --momentum 0.9 --fr-reg 0.01 --measure-limit 100 --threads 1 ";

TEST_F(Cli, TrainWritesTheRunDirectoryAndResumesBitForBit) {
  const RunResult straight = run(std::string(kTrainTiny) + "--epochs 3 --out a");
  ASSERT_EQ(straight.status, 0) << straight.output;
  // Not a terminal: one line per epoch, then where the run is.
  EXPECT_NE(straight.output.find("epoch 0/3"), std::string::npos) << straight.output;
  EXPECT_NE(straight.output.find("epoch 3/3"), std::string::npos);
  EXPECT_NE(straight.output.find("run directory: a"), std::string::npos);
  for (const char* file :
       {"config.json", "metrics.jsonl", "model.safetensors", "checkpoint.safetensors"}) {
    EXPECT_TRUE(fs::exists(dir_ / "a" / file)) << file;
  }
  const nlohmann::json config = nlohmann::json::parse(read_bytes(path("a/config.json")));
  EXPECT_EQ(config["options"]["epochs"], 3);
  EXPECT_EQ(config["resolved_loss"], "cross_entropy");
  ASSERT_EQ(run(std::string(kTrainTiny) + "--epochs 1 --quiet --out b").status, 0);
  const RunResult resumed = run("train --out b --resume --epochs 3 --quiet");
  ASSERT_EQ(resumed.status, 0) << resumed.output;
  EXPECT_EQ(read_bytes(path("a/model.safetensors")), read_bytes(path("b/model.safetensors")));
  // The metrics agree too, but for the timings.
  std::istringstream a(read_bytes(path("a/metrics.jsonl")));
  std::istringstream b(read_bytes(path("b/metrics.jsonl")));
  std::string line_a;
  std::string line_b;
  int lines = 0;
  nlohmann::json last;
  while (std::getline(a, line_a) && std::getline(b, line_b)) {
    nlohmann::json ja = nlohmann::json::parse(line_a);
    last = ja;
    nlohmann::json jb = nlohmann::json::parse(line_b);
    for (const char* key : {"wall_s", "samples_per_s"}) {
      ja.erase(key);
      jb.erase(key);
    }
    EXPECT_EQ(ja, jb) << "epoch " << lines;
    ++lines;
  }
  EXPECT_EQ(lines, 4);
  for (const char* key :
       {"train_loss", "train_acc", "test_loss", "fr_model_squared_train",
        "fr_empirical_squared_train", "l2", "spectral_product", "path_norm", "margin_p10"}) {
    EXPECT_TRUE(last.contains(key)) << key;
  }
  EXPECT_TRUE(last["test_loss"].is_null());  // synthetic data have no test split
}

TEST_F(Cli, AnInterruptedRunLeavesACheckpointThatResumes) {
  const std::string script =
      "cd '" + dir_.string() + "' && ('" + FRNORM_CLI + "' " + kTrainTiny +
      "--epochs 100000 --measure-every 100000 --out run > log.txt 2>&1 & pid=$!; "
      "while [ ! -f run/checkpoint.safetensors ]; do sleep 0.05; done; sleep 0.3; "
      "kill -INT $pid; wait $pid; echo $? > status.txt)";
  ASSERT_EQ(std::system(script.c_str()), 0);
  EXPECT_EQ(read_bytes(path("status.txt")), "130\n");
  const std::string log = read_bytes(path("log.txt"));
  EXPECT_NE(log.find("frnorm: interrupted at epoch "), std::string::npos) << log;
  EXPECT_NE(log.find("continue with: frnorm train --out run --resume"), std::string::npos);
  // "... holds epoch K; ...": resume for two more epochs.
  const std::size_t at = log.find("holds epoch ");
  ASSERT_NE(at, std::string::npos);
  const int epoch = std::stoi(log.substr(at + 12));
  const RunResult resumed =
      run("train --out run --resume --quiet --epochs " + std::to_string(epoch + 2));
  ASSERT_EQ(resumed.status, 0) << resumed.output;
  EXPECT_TRUE(fs::exists(dir_ / "run" / "model.safetensors"));
  const std::string metrics = read_bytes(path("run/metrics.jsonl"));
  EXPECT_NE(metrics.find("\"epoch\":" + std::to_string(epoch + 2) + ","), std::string::npos);
}

TEST_F(Cli, TrainStopsOnNanAndRefusesBadOptionsBeforeWork) {
  const RunResult diverged = run(std::string(kTrainTiny) + "--lr 1e8 --epochs 3 --out nan");
  EXPECT_EQ(diverged.status, 1);
  EXPECT_NE(diverged.output.find("frnorm: error: epoch 1 step "), std::string::npos)
      << diverged.output;
  EXPECT_NE(diverged.output.find("; stopped. nan/checkpoint.safetensors holds the last good "
                                 "epoch (0)"),
            std::string::npos)
      << diverged.output;
  const auto expect_error = [&](const std::string& arguments, const std::string& message) {
    const RunResult result = run(arguments);
    EXPECT_EQ(result.status, 1) << arguments;
    EXPECT_EQ(result.output, "frnorm: error: " + message + "\n") << arguments;
  };
  expect_error(std::string(kTrainTiny) + "--lr -1 --out bad", "--lr must be a positive number");
  EXPECT_FALSE(fs::exists(dir_ / "bad"));
  expect_error(std::string(kTrainTiny) + "--bias --out bad",
               "--fr-reg needs a bias-free network: the regularizer is the closed form of "
               "‖θ‖²_fr, which rests on (I3) and biases break");
  expect_error(std::string(kTrainTiny) + "--lr-schedule step:3,1 --out bad",
               "--lr-schedule: expected constant, cosine or step:E1,E2,... (increasing epochs, "
               "e.g. step:5,8); got 'step:3,1'");
  expect_error(std::string(kTrainTiny) + "--arch 5-3 --out bad",
               "--arch: the input width 5 does not match the 4 features of "
               "synthetic:blobs,n=300,classes=3,dim=4");
  expect_error("train --out nothing --resume",
               "--resume: nothing has no checkpoint.safetensors to continue from");
  expect_error(std::string(kTrainTiny) + "--epochs 1 --out nan",
               "--out: nan already holds a run; continue it with --resume or choose another "
               "directory");
}

TEST_F(Cli, BadInputGivesOneClearMessageAndNonZeroExit) {
  const auto expect_error = [&](const std::string& arguments, const std::string& message) {
    const RunResult result = run(arguments);
    EXPECT_NE(result.status, 0) << arguments;
    EXPECT_EQ(result.output, "frnorm: error: " + message + "\n") << arguments;
  };
  expect_error("init --arch 2-x-1 --out n.safetensors",
               "--arch: expected positive widths joined by '-', input first and output last "
               "(e.g. 784-256-10); got '2-x-1'");
  expect_error("init --arch 2-3 --activation tanh --out n.safetensors",
               "--activation: unknown activation 'tanh' (expected relu, leaky_relu or identity)");
  expect_error("init --arch 2-3 --dtype f16 --out n.safetensors",
               "--dtype: unknown dtype 'f16' (expected f32 or f64)");
  expect_error("info missing.safetensors",
               "cannot open 'missing.safetensors': No such file or directory");
  write("garbage.safetensors", "not a model");
  expect_error("info garbage.safetensors",
               "garbage.safetensors: header length 8029109312199880558 is past the end of the "
               "file (11 bytes); the file is truncated or not safetensors");
  ASSERT_EQ(run("init --arch 3-2 --out n.safetensors").status, 0);
  write("two.csv", "a,b\n1,2\n");
  expect_error("predict --model n.safetensors --data csv:two.csv",
               "two.csv has 2 feature columns but the model n.safetensors takes 3 inputs");
  expect_error("predict --model n.safetensors --data two.csv",
               "--data: unknown data spec 'two.csv'; expected fashion-mnist[:train|:test], "
               "idx:DIR[:train|:test], cifar10:DIR[:train|:test], csv:PATH or "
               "synthetic:NAME[,key=value…]");
  ASSERT_EQ(run("init --arch 2-3 --bias --out b.safetensors").status, 0);
  write("lab.csv", "a,b,label\n1,2,0\n");
  expect_error("measure --model b.safetensors --data csv:lab.csv --method closed",
               "--method closed needs a bias-free network: the closed form rests on (I3), which "
               "biases break; use --method jvp (or auto), exact with biases");
  expect_error("measure --model b.safetensors --data csv:lab.csv --loss hinge",
               "--loss: unknown loss 'hinge' (expected cross_entropy, squared or logistic)");
  expect_error("reparam --model b.safetensors --out c.safetensors",
               "reparam: give one of --node-rescale SEED, --layer-rescale L:C, --permute SEED");
  expect_error("reparam --model b.safetensors --out c.safetensors --layer-rescale 1x",
               "--layer-rescale: expected L:C, a hidden layer and a positive factor (e.g. "
               "1:2.5); got '1x'");
  // CLI11's own errors (unknown flag, missing required option) also exit non-zero.
  EXPECT_NE(run("init --out n.safetensors").status, 0);
  EXPECT_NE(run("identities --model n.safetensors --random 0").status, 0);
  EXPECT_NE(run("").status, 0);
}

TEST_F(Cli, FiguresDrawsTheNotesFiguresAndPlotGeometryRedrawsThem) {
  const RunResult figures = run("figures --out figs --grid 21 --size 600x500 --seed 4");
  ASSERT_EQ(figures.status, 0) << figures.output;
  for (const char* name :
       {"figure1_bias", "figure2_no_bias", "figure3_homogeneous", "figure4_weight_plane"}) {
    const std::optional<PngSize> size = png_size(path(std::string("figs/") + name + ".png"));
    ASSERT_TRUE(size.has_value()) << name;
    EXPECT_EQ(size->width, 600);
    EXPECT_EQ(size->height, 500);
    EXPECT_TRUE(fs::exists(path(std::string("figs/") + name + ".svg")));
    EXPECT_TRUE(fs::exists(path(std::string("figs/") + name + ".gp")));
  }
  const RunResult geometry =
      run("plot geometry --model figs/figure2_no_bias.safetensors --out again --grid 21 "
          "--range -2:2 --size 600x500");
  ASSERT_EQ(geometry.status, 0) << geometry.output;
  EXPECT_EQ(geometry.output, "wrote again.png and again.svg (data again.dat, script again.gp)\n");
  // The same network over the same grid: the same data as figure 2.
  EXPECT_EQ(read_bytes(path("figs/figure2_no_bias.dat")), read_bytes(path("again.dat")));
}

TEST_F(Cli, PlotGeometryRefusesOtherNetworksAndBadFlags) {
  ASSERT_EQ(run("init --arch 3-4-1 --out net.safetensors").status, 0);
  RunResult result = run("plot geometry --model net.safetensors --out g");
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output,
            "frnorm: error: net.safetensors: the network has 3 inputs and 1 outputs; a plot over "
            "the input plane needs 2 inputs and 1 output\n");
  ASSERT_EQ(run("init --arch 2-4-1 --out two.safetensors").status, 0);
  result = run("plot geometry --model two.safetensors --out g --range 2:-2");
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output,
            "frnorm: error: --range: expected LO:HI with LO < HI (e.g. -2:2), got '2:-2'\n");
  result = run("plot geometry --model two.safetensors --out g --size big");
  EXPECT_EQ(result.status, 1);
  EXPECT_FALSE(fs::exists(path("g.dat")));
}

TEST_F(Cli, PlotWithoutGnuplotWritesDataAndScriptAndSaysWhatToInstall) {
  ASSERT_EQ(run("init --arch 2-4-1 --out two.safetensors").status, 0);
  const RunResult result =
      run("plot geometry --model two.safetensors --out g --grid 11", "FRNORM_GNUPLOT=");
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.output,
            "frnorm: note: gnuplot not found (install Debian's gnuplot-nox: bash "
            "scripts/setup.sh), so g is not rendered; its data and script are written: render "
            "it with `gnuplot g.gp` in .\nwrote g.dat and g.gp (not rendered)\n");
  EXPECT_TRUE(fs::exists(path("g.dat")));
  EXPECT_FALSE(fs::exists(path("g.png")));
}

TEST_F(Cli, PlotRunDrawsATrainingRunsCurves) {
  ASSERT_EQ(run("train --data synthetic:blobs,n=200,classes=3,dim=2 --arch 2-8-3 --epochs 3 "
                "--batch-size 50 --quiet --out run")
                .status,
            0);
  const RunResult result = run("plot run run --size 640x480");
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(result.output,
            "wrote run/curves.png and run/curves.svg (data run/curves.dat, script "
            "run/curves.gp)\n");
  const std::optional<PngSize> size = png_size(path("run/curves.png"));
  ASSERT_TRUE(size.has_value());
  EXPECT_EQ(size->height, 480);
  const RunResult missing = run("plot run nowhere");
  EXPECT_EQ(missing.status, 1);
  EXPECT_EQ(missing.output,
            "frnorm: error: nowhere/metrics.jsonl: no such file (nowhere is not a run directory "
            "of frnorm train)\n");
}

// A tiny grid: 4 runs of a few hundred samples each.
const char* const kTinyGrid = R"({
  "question": "a test sweep",
  "base": {"data": "synthetic:blobs,n=200,classes=3,dim=2", "arch": "2-8-3", "epochs": 2,
           "batch-size": 50, "measure_limit": 100},
  "grid": {"lr": [0.01, 0.1], "seed": [0, 1]}})";

TEST_F(Cli, SweepRunsTheGridExportsAnalyzesReportsAndSkipsFinishedRuns) {
  write("grid.json", kTinyGrid);
  RunResult sweep = run("sweep --grid grid.json --out s --jobs 2");
  ASSERT_EQ(sweep.status, 0) << sweep.output;
  EXPECT_NE(sweep.output.find("sweep s: 4 runs in the grid, 4 in shard 0/1; 0 finished before, 4 "
                              "to run (2 at a time"),
            std::string::npos)
      << sweep.output;
  EXPECT_NE(sweep.output.find("sweep s: 4 runs finished (4 now, 0 before), 0 failed"),
            std::string::npos);
  const std::vector<RunRecord> rows = ResultsDb(path("s/results.sqlite")).runs();
  ASSERT_EQ(rows.size(), 4U);
  // The resolved configuration: defaults the grid did not name are there too.
  EXPECT_EQ(rows[3].config["lr"], 0.1);
  EXPECT_EQ(rows[3].config["seed"], 1);
  EXPECT_EQ(rows[3].config["momentum"], 0.0);
  EXPECT_EQ(rows[3].config["activation"], "relu");
  sweep = run("sweep --grid grid.json --out s");
  ASSERT_EQ(sweep.status, 0) << sweep.output;
  EXPECT_NE(sweep.output.find("4 finished before, 0 to run"), std::string::npos) << sweep.output;

  const RunResult csv = run("sweep export s --csv --out s.csv");
  ASSERT_EQ(csv.status, 0) << csv.output;
  const std::string table = read_bytes(path("s.csv"));
  EXPECT_EQ(table.substr(0, table.find('\n')),
            "run_id,run_dir,lr,seed,epochs,wall_s,train_loss,test_loss,train_acc,test_acc,"
            "fr_empirical_squared_train,fr_model_squared_train,fr_empirical_squared_test,"
            "fr_model_squared_test,l2,spectral_product,path_norm,margin_p10,gap_loss,gap_acc");
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 5);
  EXPECT_NE(table.find("\nrun-0003,runs/run-0003,0.1,1,2,"), std::string::npos) << table;

  const RunResult analyze = run("analyze s --json");
  ASSERT_EQ(analyze.status, 0) << analyze.output;
  const nlohmann::json analysis = nlohmann::json::parse(analyze.output);
  EXPECT_EQ(analysis["runs"], 4);
  EXPECT_EQ(analysis["hyperparameters"], nlohmann::json::array({"lr"}));

  const RunResult report = run("report s --size 900x600");
  ASSERT_EQ(report.status, 0) << report.output;
  const std::string md = read_bytes(path("s/REPORT.md"));
  EXPECT_EQ(md.substr(0, 15), "# a test sweep\n");
  EXPECT_NE(md.find("![against lr](report/against_lr.png)"), std::string::npos);
  EXPECT_TRUE(png_size(path("s/report/against_lr.png")).has_value());
}

TEST_F(Cli, ASweepReportsARunThatDiverged) {
  write("grid.json", R"({"base": {"data": "synthetic:blobs,n=200,classes=3,dim=2", "arch": "2-8-3",
                                   "epochs": 3, "momentum": 0.9},
                         "grid": {"lr": [0.01, 1e9]}})");
  const RunResult sweep = run("sweep --grid grid.json --out s");
  EXPECT_EQ(sweep.status, 1);
  EXPECT_NE(sweep.output.find("run-0001 lr=1000000000.0: FAILED (exit 1): frnorm: error: epoch "),
            std::string::npos)
      << sweep.output;
  EXPECT_NE(sweep.output.find("frnorm: error: 1 runs failed; their train.log says why"),
            std::string::npos);
  ASSERT_EQ(run("report s").status, 0);
  EXPECT_NE(
      read_bytes(path("s/REPORT.md"))
          .find("1 run did not finish and is not in the tables:\n\n- run-0001 (lr=1000000000.0: "
                "frnorm: error: epoch "),
      std::string::npos)
      << read_bytes(path("s/REPORT.md"));
}

TEST_F(Cli, SweepCommandsRefuseBadInputWithOneMessage) {
  write("grid.json", "{\"base\": ");
  RunResult result = run("sweep --grid grid.json --out s");
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output, "frnorm: error: grid.json: not valid JSON\n");
  result = run("sweep --out s");
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output,
            "frnorm: error: sweep: --grid FILE and --out DIR are required (or: sweep merge, sweep "
            "export)\n");
  for (const char* command : {"analyze nowhere", "report nowhere", "sweep export nowhere --csv"}) {
    result = run(command);
    EXPECT_EQ(result.status, 1) << command;
    EXPECT_EQ(result.output,
              "frnorm: error: nowhere/results.sqlite: no such file (nowhere is not a sweep "
              "directory of frnorm sweep)\n")
        << command;
  }
  write("grid.json", kTinyGrid);
  ASSERT_EQ(run("sweep --grid grid.json --out s --shard 0/4").status, 0);
  result = run("sweep export s");
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output, "frnorm: error: sweep export: choose the format: --csv\n");
  result = run("analyze s --gap gap");
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output, "frnorm: error: --gap: expected gap_acc or gap_loss, got 'gap'\n");
  EXPECT_NE(run("sweep --grid grid.json --out s --jobs 0").status, 0);
  EXPECT_NE(run("plot geometry --model x.safetensors --out g --grid 1").status, 0);
}

TEST_F(Cli, SweepRefusesABadGridBeforeAnyRun) {
  write("grid.json", R"({"base": {"data": "synthetic:xor", "arch": "2-4-2"},
                         "grid": {"batch_size": [16, 0]}})");
  RunResult result = run("sweep --grid grid.json --out s");
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output,
            "frnorm: error: grid.json: run-0001 (batch_size=0): --batch-size must be at least 1\n");
  EXPECT_FALSE(fs::exists(path("s")));
  write("grid.json", R"({"base": {"data": "synthetic:xor", "arch": "2-4-2", "speed": 3}})");
  result = run("sweep --grid grid.json --out s");
  EXPECT_EQ(result.output,
            "frnorm: error: grid.json: run-0000 (): \"speed\" is not an option of frnorm train\n");
}

TEST_F(Cli, TwoShardsAtOnceWriteOneDatabaseAndMergeJoinsSeparateOnes) {
  write("grid.json", kTinyGrid);
  // Two processes on one sweep directory at the same time.
  const std::string cli = "'" + std::string(FRNORM_CLI) + "'";
  ASSERT_EQ(shell(cli + " sweep --grid grid.json --out s --shard 0/2 > a.log 2>&1 & " + cli +
                  " sweep --grid grid.json --out s --shard 1/2 > b.log 2>&1; wait"),
            0);
  const std::vector<RunRecord> runs = ResultsDb(path("s/results.sqlite")).runs();
  ASSERT_EQ(runs.size(), 4U) << read_bytes(path("a.log")) << read_bytes(path("b.log"));
  // Shards in two directories (as on two machines), merged.
  ASSERT_EQ(run("sweep --grid grid.json --out m0 --shard 0/2").status, 0);
  ASSERT_EQ(run("sweep --grid grid.json --out m1 --shard 1/2").status, 0);
  const RunResult merge = run("sweep merge m0 m1");
  ASSERT_EQ(merge.status, 0) << merge.output;
  EXPECT_EQ(merge.output, "merged 2 runs from m1 into m0/results.sqlite\n");
  const std::vector<RunRecord> merged = ResultsDb(path("m0/results.sqlite")).runs();
  ASSERT_EQ(merged.size(), 4U);
  EXPECT_EQ(merged[1].run_dir, "../m1/runs/run-0001");
  EXPECT_EQ(merged[0].run_dir, "runs/run-0000");
  EXPECT_EQ(run("sweep merge m0 m1").output, "merged 0 runs from m1 into m0/results.sqlite\n");
  write("other.json", R"({"base": {"data": "synthetic:xor", "arch": "2-4-2", "epochs": 1}})");
  ASSERT_EQ(run("sweep --grid other.json --out o").status, 0);
  const RunResult refused = run("sweep merge m0 o");
  EXPECT_EQ(refused.status, 1);
  EXPECT_EQ(refused.output,
            "frnorm: error: o and m0 are sweeps of different grids; merge refuses to mix them\n");
}

TEST_F(Cli, AnInterruptedSweepResumesWhereItStopped) {
  write("grid.json", R"({
    "base": {"data": "synthetic:blobs,n=500,classes=3,dim=8", "arch": "8-64-64-3",
             "epochs": 20, "batch-size": 16, "measure_limit": 200},
    "grid": {"seed": [0, 1, 2]}})");
  const std::string cli = "'" + std::string(FRNORM_CLI) + "'";
  ASSERT_EQ(
      shell(cli +
            " sweep --grid grid.json --out s --threads-per-job 1 > sweep.log 2>&1 & echo $! > pid"),
      0);
  // Wait for a checkpoint of the first run, then interrupt the sweep.
  for (int wait = 0; wait < 600 && !fs::exists(path("s/runs/run-0000/checkpoint.safetensors"));
       ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(fs::exists(path("s/runs/run-0000/checkpoint.safetensors")));
  std::string pid = read_bytes(path("pid"));
  pid.erase(pid.find_last_not_of("\n") + 1);
  ASSERT_EQ(
      shell("kill -INT " + pid + "; while kill -0 " + pid + " 2>/dev/null; do sleep 0.1; done"), 0);
  const std::string log = read_bytes(path("sweep.log"));
  EXPECT_NE(log.find("frnorm: interrupted: 0 runs finished in s; run the same command again to "
                     "continue"),
            std::string::npos)
      << log;
  EXPECT_EQ(ResultsDb(path("s/results.sqlite")).runs().size(), 0U);
  // Restarted: the interrupted run continues from its checkpoint (`frnorm train` without --resume
  // would refuse its directory, and the sweep would fail).
  const RunResult again = run("sweep --grid grid.json --out s --threads-per-job 1");
  ASSERT_EQ(again.status, 0) << again.output;
  EXPECT_EQ(ResultsDb(path("s/results.sqlite")).runs().size(), 3U);
  EXPECT_NE(again.output.find("0 finished before, 3 to run"), std::string::npos) << again.output;
  const std::string train_log = read_bytes(path("s/runs/run-0000/train.log"));
  EXPECT_NE(train_log.find("--resume"), std::string::npos) << train_log;
  int epoch_zero = 0;
  for (const nlohmann::ordered_json& line : read_metrics(path("s/runs/run-0000/metrics.jsonl"))) {
    epoch_zero += line["epoch"] == 0;
  }
  EXPECT_EQ(epoch_zero, 1);
}

}  // namespace
}  // namespace frnorm
