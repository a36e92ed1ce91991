#!/usr/bin/env bash
# make fuzz: run every libFuzzer target of tests/fuzz for SECONDS each (default 60), from a corpus seeded
# with docs/samples and, when present, ../shared/testdata/jahis and shc. Reports the exec count of each run.
# Usage: scripts/fuzz.sh BUILD_DIR [SECONDS]
set -euo pipefail
build=${1:?usage: scripts/fuzz.sh BUILD_DIR [SECONDS]}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
status=0
for target in "$build"/tests/fuzz/fuzz_*; do
  [[ -x "$target" ]] || continue
  name=$(basename "$target")
  corpus="$build/fuzz-corpus/$name"
  mkdir -p "$corpus"
  cp "$root"/docs/samples/*.txt "$corpus"/ 2>/dev/null || true
  if [[ -d "$root/../shared/testdata/jahis" ]]; then cp "$root"/../shared/testdata/jahis/*.txt "$corpus"/; fi
  if [[ $name == fuzz_cardsim_persona ]]; then
    mkdir -p "$build/fuzz-pki" && rm -rf "$build/fuzz-pki/seed" &&
      "$build/firmware/cli/kofu" pki init "$build/fuzz-pki/seed" > /dev/null 2>&1 &&
      cp "$build"/fuzz-pki/seed/personas/*.json "$corpus"/ || true
  fi
  if [[ $name == fuzz_vaccine_master ]]; then cp "$root"/data/masters/*.json "$corpus"/; fi
  if [[ $name == fuzz_image_qr && -d "$root/../shared/testdata/shc" ]]; then
    cp "$root"/../shared/testdata/shc/invalid/*.png "$root"/../shared/testdata/shc/invalid/*.jpg "$corpus"/
  fi
  if [[ $name == fuzz_shc_* && -d "$root/../shared/testdata/shc" ]]; then
    find "$root/../shared/testdata/shc" -type f \( -name '*.txt' -o -name '*.json' -o -name '*.smart-health-card' \) \
      -size -64k -exec cp {} "$corpus"/ \;
  fi
  echo "== $name for ${seconds}s"
  if "$target" -max_total_time="$seconds" -print_final_stats=1 -dict="$root/tests/fuzz/kofu.dict" \
      -artifact_prefix="$build/fuzz-artifacts-" "$corpus" 2> "$build/$name.log"; then
    grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$build/$name.log" || true
  else
    echo "$name: FOUND A PROBLEM, see $build/$name.log"; tail -30 "$build/$name.log"; status=1
  fi
done
exit $status
