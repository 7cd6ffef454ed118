#!/usr/bin/env bash
# Are frnorm's trainer and PyTorch's the same algorithm? For each seed, PyTorch replays the
# `frnorm train` run from the same initial weights in the same minibatch order
# (bench/torch_train_parity.py); the script prints the relative weight difference after the run
# and both test accuracies. Same net and settings as bench/compare_train.sh.
#   bash bench/compare_train_parity.sh [EPOCHS] [THREADS] [SEEDS...]   (default 10, 2, seeds 0-9)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-10}
threads=${2:-2}
shift $(($# < 2 ? $# : 2))
seeds=("$@")
[[ ${#seeds[@]} -gt 0 ]] || seeds=(0 1 2 3 4 5 6 7 8 9)
bash scripts/setup.sh --bench
cmake --preset release >/dev/null && cmake --build --preset release >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
frnorm=./build/release/frnorm
for seed in "${seeds[@]}"; do
  "$frnorm" init --arch 784-256-256-10 --seed "$seed" --dtype f64 --out "$work/init$seed.safetensors" >/dev/null
  "$frnorm" train --data fashion-mnist --arch 784-256-256-10 --batch-size 128 --lr 0.05 \
    --momentum 0.9 --epochs "$epochs" --seed "$seed" --threads "$threads" \
    --measure-every "$epochs" --quiet --out "$work/run$seed" >/dev/null
  OMP_NUM_THREADS=$threads /usr/bin/python3 bench/torch_train_parity.py \
    "$work/init$seed.safetensors" "$work/run$seed/model.safetensors" "$seed" "$epochs" "$threads" \
    | tee -a "$work/parity.jsonl"
done
/usr/bin/python3 - "$work/parity.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
ours = [r["frnorm_test_acc"] for r in rows]
theirs = [r["torch_test_acc"] for r in rows]
worst = max(max(r["relative_weight_difference"].values()) for r in rows)
print(f"seeds {[r['seed'] for r in rows]}, {rows[0]['steps']} steps each")
print(f"largest relative weight difference after the run: {worst:.2e}")
print(f"test accuracy, frnorm:  {[round(100 * a, 2) for a in ours]} mean {100 * statistics.mean(ours):.2f}")
print(f"test accuracy, PyTorch: {[round(100 * a, 2) for a in theirs]} mean {100 * statistics.mean(theirs):.2f}")
print(f"mean |difference| per seed: {100 * statistics.mean(abs(a - b) for a, b in zip(ours, theirs)):.2f} points")
PY
