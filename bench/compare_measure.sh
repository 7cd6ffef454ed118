#!/usr/bin/env bash
# frnorm against PyTorch on the Fisher-Rao computations, side by side in one run, on the same
# weights (a bias-free 784-256-256-10 net) and data (the 60,000 Fashion-MNIST training images),
# with the same thread count; then the peak memory of `frnorm measure` on the full training set.
#   bash bench/compare_measure.sh [THREADS]      (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
bash scripts/setup.sh --bench
cmake --preset bench >/dev/null && cmake --build --preset bench >/dev/null
cmake --preset release >/dev/null && cmake --build --preset release >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./build/release/frnorm init --arch 784-256-256-10 --seed 1 --dtype f64 --out "$work/net.safetensors" >/dev/null

echo "BLAS behind PyTorch: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"
OMP_NUM_THREADS=$threads ./build/bench/bench_measure --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true --benchmark_format=json >"$work/frnorm.json" 2>/dev/null
OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads \
  /usr/bin/python3 bench/torch_measure.py "$work/net.safetensors" "$threads" >"$work/torch.json"

/usr/bin/python3 - "$work/frnorm.json" "$work/torch.json" <<'PY'
import json, sys
frnorm = {b["run_name"].split("/")[0]: b["real_time"] / 1000.0
          for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("aggregate_name") == "median"}
torch = json.load(open(sys.argv[2]))
rows = [("forward pass, 60k", frnorm["BM_ForwardPass"], torch["forward_s"]),
        ("FR closed form (both forms), 60k", frnorm["BM_FisherRaoClosed"], torch["closed_s"]),
        ("FR jvp (both forms), 60k", frnorm["BM_FisherRaoJvp"], None),
        ("FR per-sample gradients, 1k", frnorm["BM_FisherRaoPerSample1000"], torch["per_sample_1000_s"])]
print(f"PyTorch {torch['torch']}, {torch['threads']} threads; frnorm Eigen/OpenMP, same threads")
print(f"{'computation':36} {'frnorm s':>9} {'torch s':>9} {'torch/frnorm':>13}")
for name, ours, theirs in rows:
    ratio = f"{theirs / ours:13.2f}" if theirs else f"{'-':>13}"
    print(f"{name:36} {ours:9.3f} {theirs if theirs else float('nan'):9.3f} {ratio}")
print(f"closed / forward (frnorm): {frnorm['BM_FisherRaoClosed'] / frnorm['BM_ForwardPass']:.2f}")
print(f"jvp / forward (frnorm):    {frnorm['BM_FisherRaoJvp'] / frnorm['BM_ForwardPass']:.2f}")
print(f"torch closed form: empirical {torch['closed_empirical_squared']:.10g} model {torch['closed_model_squared']:.10g}")
PY
echo "frnorm measure, same values:"
./build/release/frnorm measure --model "$work/net.safetensors" --data fashion-mnist:train --json \
  | /usr/bin/python3 -c 'import json,sys; j=json.load(sys.stdin)["fisher_rao"]; print("  empirical %.10g model %.10g" % (j["empirical_squared"], j["model_squared"]))'
echo "peak memory of frnorm measure on the full training set (in-memory data: 60000 x 784 doubles = 376.3 MB):"
OMP_NUM_THREADS=$threads /usr/bin/time -v ./build/release/frnorm measure --model "$work/net.safetensors" \
  --data fashion-mnist:train >/dev/null 2>"$work/time.txt"
grep -E "Maximum resident|Elapsed" "$work/time.txt"
echo "peak memory of frnorm measure --method per_sample on 1000 samples:"
OMP_NUM_THREADS=$threads /usr/bin/time -v ./build/release/frnorm measure --model "$work/net.safetensors" \
  --data fashion-mnist:train --limit 1000 --method per_sample >/dev/null 2>"$work/time.txt"
grep -E "Maximum resident|Elapsed" "$work/time.txt"
