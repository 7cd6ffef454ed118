#!/usr/bin/env bash
# Installs, idempotently, every Debian package frnorm's build, tests and demo need.
#   bash scripts/setup.sh           build + tests + demo
#   bash scripts/setup.sh --bench   also what bench/ compares against (PyTorch with OpenBLAS)
set -euo pipefail

packages=(
  g++ cmake ninja-build git            # toolchain
  libeigen3-dev                        # linear algebra
  libcli11-dev                         # command line
  nlohmann-json3-dev                   # JSON headers and results
  libfmt-dev                           # formatting
  zlib1g-dev                           # .gz data files
  libsqlite3-dev                       # sweep results (frnorm sweep, analyze, report)
  libgtest-dev libgmock-dev            # tests
  libbenchmark-dev                     # bench/
  clang-format                         # the format check in scripts/test.sh
  gnuplot-nox                          # rendering figures (frnorm plot, frnorm figures)
  dataset-fashion-mnist                # the real data: /usr/share/datasets/fashion-mnist/
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3-torch python3-numpy libopenblas0-pthread time)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if (( ${#missing[@]} == 0 )); then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
run_as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}
export DEBIAN_FRONTEND=noninteractive
run_as_root apt-get update -qq
run_as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
