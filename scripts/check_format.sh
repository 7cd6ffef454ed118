#!/usr/bin/env bash
# Fails, listing the files, when any C++ source differs from its clang-format output.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cc' '*.h')
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/frnorm-format.log; then
  grep -o '^[^:]*:[0-9]*' /tmp/frnorm-format.log | cut -d: -f1 | sort -u | sed 's/^/needs clang-format: /' >&2
  echo "format check failed: run  clang-format -i \$(git ls-files '*.cc' '*.h')" >&2
  exit 1
fi
echo "format check: ${#files[@]} files clean"
