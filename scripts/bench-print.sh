#!/usr/bin/env bash
# make bench-print: the certificate receipt (docs/samples/print/certificate.json) encoded to ESC/POS by kofu
# (tests/bench/print_bench.cpp) and by @point-of-sale/receipt-printer-encoder under Node.js
# (tests/bench/peer/bench.mjs), side by side. Figures and their reading: docs/benchmarks.md.
#
#   scripts/bench-print.sh BUILD_DIR     (the caller has built BUILD_DIR/tests/bench/kofu_bench)
#
# Environment: RUNS (default 3) runs of each side, the median reported; PEER_ITERATIONS (default 2000) receipts per
# peer run; KOFU_BENCH_DOCUMENT another print document for both sides.
# It reports and does not assert: the exit status is 0 whether the targets hold or not, non-zero only when kofu's
# benchmark cannot run at all.
set -euo pipefail
build=${1:-build/default}
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-3}
peer_iterations=${PEER_ITERATIONS:-2000}
document=${KOFU_BENCH_DOCUMENT:-$here/docs/samples/print/certificate.json}
export KOFU_BENCH_DOCUMENT=$document
bench="$build/tests/bench/kofu_bench"

if [[ ! -x $bench ]]; then
  echo "bench-print: $bench is missing; build it first (make build, or cmake --build $build --target kofu_bench)" >&2
  exit 2
fi
if ! command -v jq >/dev/null; then
  echo "bench-print: jq is needed to read the benchmark results; install it (apt-get install jq, or make deps)" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kofu-bench-print.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- kofu ------------------------------------------------------------------------------------------------------
echo "kofu: $bench, $runs run(s) of each benchmark, document $document" >&2
if ! "$bench" --benchmark_filter=Certificate --benchmark_format=json --benchmark_repetitions="$runs" \
  --benchmark_report_aggregates_only="$([[ $runs -gt 1 ]] && echo true || echo false)" >"$work/kofu.json" \
  2>"$work/kofu.err"; then
  echo "bench-print: kofu_bench failed:" >&2
  cat "$work/kofu.err" >&2
  exit 1
fi
# One row per benchmark: the median when there are repetitions, else the single run. Times in microseconds.
jq -c '[.benchmarks[] | select(if .run_type == "aggregate" then .aggregate_name == "median" else true end)]
       | map({name: (.run_name | sub("/real_time$"; "")), error: (.error_message // null),
              us: (if .time_unit == "ms" then .real_time * 1000 elif .time_unit == "ns" then .real_time / 1000
                   else .real_time end),
              bytes, print_ms, print_share_pct, native_qr, host_text_blocks})' "$work/kofu.json" >"$work/kofu-rows.json"

# --- the peer --------------------------------------------------------------------------------------------------
peer_status=""
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  peer_status="node or npm is missing (install Debian's nodejs and npm, or run make deps): kofu's figures only"
else
  cp "$here/tests/bench/peer/package.json" "$here/tests/bench/peer/package-lock.json" \
    "$here/tests/bench/peer/bench.mjs" "$work/"
  echo "peer: npm ci in $work" >&2
  if ! (cd "$work" && npm ci --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1); then
    peer_status="npm ci failed (is the npm registry reachable?): kofu's figures only; $(tail -n 3 "$work/npm.log" | tr '\n' ' ')"
  else
    : >"$work/peer-runs.json"
    for ((run = 1; run <= runs; ++run)); do
      echo "peer: run $run of $runs, $peer_iterations receipts" >&2
      if ! node "$work/bench.mjs" "$document" "$peer_iterations" >>"$work/peer-runs.json" 2>"$work/peer.err"; then
        peer_status="node bench.mjs failed: $(tail -n 3 "$work/peer.err" | tr '\n' ' ')"
        break
      fi
    done
  fi
fi
if [[ -z $peer_status ]]; then
  # The median run by time (RUNS odd: the middle one; even: the upper middle).
  jq -s -c 'sort_by(.ns_per_receipt) | .[(length / 2 | floor)]' "$work/peer-runs.json" >"$work/peer.json"
else
  echo 'null' >"$work/peer.json"
fi

# --- the table -------------------------------------------------------------------------------------------------
echo
echo "Machine: $(nproc) CPU(s), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); median of $runs run(s)"
echo
jq -r --slurpfile peer "$work/peer.json" '
  def fmt_time: if . >= 1000 then "\(. / 1000 * 100 | round / 100) ms" else "\(. * 10 | round / 10) µs" end;
  def pct: "\(. * 1000 | round / 1000) %";
  ($peer[0]) as $p
  | (map(select(.name | test("Native"))) | first) as $native
  | "| encoder | text | QR codes | time per receipt | bytes | peer time / kofu time | share of the print time at 250 mm/s |",
    "|---|---|---|---|---|---|---|",
    (.[] | if .error then "| kofu `\(.name)` | skipped: \(.error) | | | | | |" else
      "| kofu `\(.name)` | "
      + (if .host_text_blocks == 0 then "printer Kanji font"
         elif (.name | test("Native")) then "printer Kanji font, \(.host_text_blocks) block(s) drawn"
         else "drawn on the host" end)
      + " | " + (if .native_qr == 2 then "GS ( k" elif .native_qr == 0 then "drawn on the host"
                 else "\(.native_qr) GS ( k" end)
      + " | \(.us | fmt_time) | \(.bytes) | "
      + (if $p then "\($p.ns_per_receipt / 1000 / .us * 10 | round / 10)×" else "–" end)
      + " | \(.print_share_pct | pct) of \(.print_ms | round) ms |" end),
    (if $p then
      "| receipt-printer-encoder \($p.encoder_version) (Node.js \($p.node)) | code page bytes, "
      + "\($p.unencodable_chars) characters substituted | GS ( k | \($p.ns_per_receipt / 1000 | fmt_time) | \($p.bytes) | 1× | "
      + (if $native and ($native.error | not) then
           "\($p.ns_per_receipt / 1e6 / $native.print_ms * 100 | pct) of \($native.print_ms | round) ms (the native job'"'"'s paper) |"
         else "– |" end)
     else empty end),
    "",
    (if $p and $native and ($native.error | not) then
      "Target 10× faster than the peer (like for like: kofu native text + GS ( k): "
      + "\($p.ns_per_receipt / 1000 / $native.us * 10 | round / 10)× — "
      + (if $p.ns_per_receipt / 1000 / $native.us >= 10 then "holds" else "does NOT hold" end)
     else "Target 10× faster than the peer: not measured (no peer figures)" end),
    ("Target at most 5 % of the print time at 250 mm/s: "
      + ([.[] | select(.error | not)] as $measured
         | [$measured[] | select(.print_share_pct > 5) | .name] as $over
         | if ($measured | length) == 0 then "not measured (every kofu benchmark was skipped)"
           elif ($over | length) == 0 then "holds for every kofu row"
           else "does NOT hold for \($over | join(", "))" end))
' "$work/kofu-rows.json"
if [[ -n $peer_status ]]; then
  echo
  echo "Peer: $peer_status"
fi
exit 0
