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
echo "models written to $out/ (safetensors; PyTorch reads them with safetensors.torch.load_file)"
