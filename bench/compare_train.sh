#!/usr/bin/env bash
# frnorm train against PyTorch, side by side in one run: a bias-free 784-256-256-10 ReLU net on
# Fashion-MNIST, SGD lr 0.05, momentum 0.9, batch 128, float32, the same threads; then the cost
# of the Fisher-Rao regularizer.
#   bash bench/compare_train.sh [EPOCHS] [THREADS]      (default 10 and 2)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-10}
threads=${2:-2}
bash scripts/setup.sh --bench
cmake --preset release >/dev/null && cmake --build --preset release >/dev/null
cmake --preset bench >/dev/null && cmake --build --preset bench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
frnorm=./build/release/frnorm
common=(--data fashion-mnist --arch 784-256-256-10 --batch-size 128 --lr 0.05 --momentum 0.9
        --threads "$threads" --quiet)

echo "BLAS behind PyTorch: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"
"$frnorm" train "${common[@]}" --epochs "$epochs" --out "$work/plain" >/dev/null
OMP_NUM_THREADS=$threads /usr/bin/python3 bench/torch_train.py "$epochs" "$threads" >"$work/torch.json"
# Accuracy over two more seeds on both sides (frnorm measures at the end only).
for seed in 1 2; do
  "$frnorm" train "${common[@]}" --epochs "$epochs" --seed $seed --measure-every "$epochs" \
    --out "$work/seed$seed" >/dev/null
  OMP_NUM_THREADS=$threads /usr/bin/python3 bench/torch_train.py "$epochs" "$threads" $seed \
    >"$work/torch$seed.json"
done
# The regularizer's cost: one epoch on 12,800 images in-process, the two variants interleaved
# at random over 10 repetitions each, so that drift on a shared machine hits both alike.
OMP_NUM_THREADS=$threads ./build/bench/bench_train --benchmark_repetitions=10 \
  --benchmark_enable_random_interleaving=true --benchmark_format=json >"$work/reg.json" 2>/dev/null

/usr/bin/python3 - "$work" <<'PY'
import json, statistics, sys
work = sys.argv[1]
def epochs(run):
    lines = [json.loads(l) for l in open(f"{work}/{run}/metrics.jsonl")]
    return [l for l in lines if l["epoch"] > 0]
plain = epochs("plain")
torch = json.load(open(f"{work}/torch.json"))
ours = statistics.median(l["wall_s"] for l in plain)
theirs = statistics.median(torch["epoch_s"])
print(f"PyTorch {torch['torch']} ({torch['threads']} threads) and frnorm (Eigen/OpenMP, same threads)")
print(f"median epoch time: frnorm {ours:.3f} s, PyTorch {theirs:.3f} s, frnorm / PyTorch = {ours / theirs:.2f}")
print(f"test accuracy after {len(plain)} epochs: frnorm {plain[-1]['test_acc']:.4f}, PyTorch {torch['test_acc']:.4f}")
print(f"frnorm epoch times: {[round(l['wall_s'], 3) for l in plain]}")
print(f"PyTorch epoch times: {[round(t, 3) for t in torch['epoch_s']]}")
seeds = [plain[-1]["test_acc"]] + [epochs(f"seed{s}")[-1]["test_acc"] for s in (1, 2)]
theirs_acc = [torch["test_acc"]] + [json.load(open(f"{work}/torch{s}.json"))["test_acc"] for s in (1, 2)]
print(f"test accuracy, seeds 0 1 2: frnorm {[round(a, 4) for a in seeds]} mean {statistics.mean(seeds):.4f}; "
      f"PyTorch {[round(a, 4) for a in theirs_acc]} mean {statistics.mean(theirs_acc):.4f}")
runs = [b for b in json.load(open(f"{work}/reg.json"))["benchmarks"] if b.get("run_type") == "iteration"]
reg = [b["real_time"] for b in runs if b["run_name"].startswith("BM_EpochFisherRao")]
unreg = [b["real_time"] for b in runs if b["run_name"].startswith("BM_EpochPlain")]
print(f"training steps of one epoch on 12,800 images (ms), 10 interleaved repetitions: plain {[round(t) for t in unreg]}")
print(f"                                               --fr-reg 0.01 {[round(t) for t in reg]}")
print(f"regularized / unregularized: medians {statistics.median(reg):.1f} / {statistics.median(unreg):.1f} ms = "
      f"{statistics.median(reg) / statistics.median(unreg):.3f}; minima {min(reg):.1f} / {min(unreg):.1f} = {min(reg) / min(unreg):.3f}")
PY
