#!/usr/bin/env bash
# The main job: set-up, the release build, then a short demonstration on frnorm's own data.
# Run from anywhere:  bash scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
frnorm=./build/release/frnorm
out=runs/demo
mkdir -p "$out"

echo
echo "== Two 2-15-15-15-1 ReLU networks, PyTorch-default initialisation: with and without biases"
"$frnorm" init --arch 2-15-15-15-1 --seed 1 --out "$out/bias_free.safetensors"
"$frnorm" init --arch 2-15-15-15-1 --seed 1 --bias --out "$out/with_bias.safetensors"
echo
echo "== Euler's identities (MISSION.md §2) on 1000 random inputs"
echo "   bias-free: all hold to round-off; with biases only the weighted identity I3b does"
"$frnorm" identities --model "$out/bias_free.safetensors" --model "$out/with_bias.safetensors" \
  --random 1000 --seed 2
echo
echo "== Training a bias-free 784-256-256-10 ReLU network on Fashion-MNIST (3 epochs, SGD with"
echo "   momentum), with both Fisher-Rao norms on train and test data after every epoch"
rm -rf "$out/fashion_mnist_run"
"$frnorm" train --data fashion-mnist --arch 784-256-256-10 --epochs 3 --batch-size 128 \
  --lr 0.05 --momentum 0.9 --seed 1 --out "$out/fashion_mnist_run"
echo
echo "== The Fisher-Rao norm and the other capacity measures of the trained network on the"
echo "   10,000 Fashion-MNIST test images"
"$frnorm" measure --model "$out/fashion_mnist_run/model.safetensors" --data fashion-mnist:test
echo
echo "== Its node-rescaled twin computes the same function: l2 and the spectral product change,"
echo "   the Fisher-Rao norm and the path norm do not"
"$frnorm" reparam --model "$out/fashion_mnist_run/model.safetensors" --node-rescale 7 \
  --out "$out/fashion_mnist_rescaled.safetensors"
"$frnorm" measure --model "$out/fashion_mnist_rescaled.safetensors" --data fashion-mnist:test \
  | grep -E "Fisher-Rao|l2|‖W‖_σ|path norm"
echo
echo "== The training curves: loss, accuracy and both Fisher-Rao norms against the epoch"
"$frnorm" plot run "$out/fashion_mnist_run"
echo
echo "== The notes' figures (MISSION.md §6): 2-15-15-15-1 networks with biases, without, with"
echo "   homogeneous coordinates, and f over a plane of one layer's weights"
"$frnorm" figures --out "$out/figures"
echo
echo "models written to $out/ (safetensors; PyTorch reads them with safetensors.torch.load_file)"
echo "run directory: $out/fashion_mnist_run (config.json, metrics.jsonl, model.safetensors, curves.png)"
echo "figures: $out/figures/ (PNG, SVG, and the data and gnuplot script of each)"
