#!/usr/bin/env bash
# The whole test suite: set-up, the dev build (Debug + AddressSanitizer + UndefinedBehaviorSanitizer,
# warnings as errors) and its tests, the release build (warnings as errors at -O3), and the format
# check. Run from anywhere:  bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

cmake --preset dev >/dev/null
cmake --build --preset dev
cmake --preset release >/dev/null
cmake --build --preset release
./build/release/hello >/dev/null

bash scripts/check_format.sh
ctest --preset dev -j "$(nproc)"
