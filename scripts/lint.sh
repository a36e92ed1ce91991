#!/usr/bin/env bash
# make lint: clang-format (no changes allowed) and clang-tidy over the project's C++ sources.
# Usage: scripts/lint.sh BUILD_DIR   (BUILD_DIR holds compile_commands.json)
set -euo pipefail
build=${1:?usage: scripts/lint.sh BUILD_DIR}
cd "$(dirname "$0")/.."
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
echo "clang-format: ${#sources[@]} files"
clang-format --dry-run --Werror "${sources[@]}"
mapfile -t units < <(git ls-files '*.cpp' | grep -v '^tests/fuzz/')
echo "clang-tidy: ${#units[@]} files"
status=0
for unit in "${units[@]}"; do
  clang-tidy --quiet -p "$build" "$unit" 2>/dev/null || status=1
done
exit $status
