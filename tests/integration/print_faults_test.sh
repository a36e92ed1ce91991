#!/usr/bin/env bash
# The printer's faults against the real kofu-printsim over TCP: each job ends in its documented state (docs/printer.md,
# "Sending a job"), and no job is reported printed when it was not.
# Usage: print_faults_test.sh KOFU KOFU_PRINTSIM QR_PROBE
set -euo pipefail
kofu=$1 printsim=$2 probe=$3
work=$(mktemp -d)
source "$(dirname "$0")/printsim_env.sh"
trap 'stop_printsim; rm -rf "$work"' EXIT

jq -n '{blocks: ([{type: "text", text: "障害試験 — 途中で止まるジョブ", scale: 2, align: "center"}] +
  [range(0; 12) | {type: "text", text: "この行は用紙切れ・カバー開放・オフライン・切断の試験に使います。\(.)"}] +
  [{type: "qr", data: "kofu fault test", native: "never"}, {type: "cut"}])}' > "$work/doc.json"

status=0
fail() { echo "FAIL: $*"; cat "$work/send.log" 2> /dev/null; status=1; }

# send EXPECTED_EXIT [ARGS...]: runs kofu print send, keeps stdout in $work/out and stderr in $work/send.log
send() {
  local expected=$1; shift
  local code=0
  "$kofu" print send "$work/doc.json" --profile tm-t20 --to "$printer" "$@" > "$work/out" 2> "$work/send.log" ||
    code=$?
  [[ $code == "$expected" ]] || { fail "send $*: exit $code, expected $expected"; return 1; }
  if [[ $expected != 0 ]] && grep -q '"printed": true' "$work/out"; then fail "reported printed"; return 1; fi
  return 0
}

echo "== status of a ready printer, its profile asked for a test page, then the status without paper"
start_printsim tm-t20
"$kofu" print status --to "$printer" | grep -q ready || fail "status: not ready"
"$kofu" print test-page --profile auto --to "$printer" > "$work/out" 2> "$work/send.log" || fail "test-page --profile auto"
grep -q "answers as tm-t20" "$work/send.log" || fail "test-page: the printer was not asked its profile"
wait_for_page 1
printsim_ctl paper-out > /dev/null
code=0; "$kofu" print status --to "$printer" --json > "$work/out" || code=$?
[[ $code == 3 && $(jq .paper_end "$work/out") == true ]] || fail "status without paper: exit $code $(cat "$work/out")"

echo "== paper end before the job: nothing sent"
send 3 && grep -q "nothing was sent" "$work/send.log" || fail "paper end before: message"
printsim_ctl paper-in > /dev/null

echo "== paper end in the middle: incomplete, the rest cleared, then a reprint on the new roll"
start_printsim tm-t20 --paper-out-after 200
send 3 && grep -q "load paper and print it again" "$work/send.log" || fail "paper end: message"
wait_for_page 1
[[ $(jq -r .ended_by "$work/paper/job-0001.json") == "paper end" ]] || fail "paper end: page 1 $(cat "$work/paper/job-0001.json")"
printsim_ctl paper-in > /dev/null
send 0 || fail "reprint after paper in"
wait_for_page 2
[[ $(jq -r .ended_by "$work/paper/job-0002.json") == cut ]] || fail "reprint: page 2 not cut"
"$probe" "$work/paper/job-0002.png" | grep -q "^message $(printf 'kofu fault test' | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F)$" ||
  fail "reprint: QR"
[[ ! -f "$work/paper/job-0003.png" ]] || fail "the cleared tail of the first job printed"

echo "== cover open before the job"
start_printsim tm-t20 --cover-open
send 3 && grep -q "cover open" "$work/send.log" || fail "cover open: message"

echo "== cover opened in the middle and closed: the job waits and prints whole"
start_printsim tm-t20 --cover-open-after 150
"$kofu" print send "$work/doc.json" --profile tm-t20 --to "$printer" --pause-timeout 20 > "$work/out" 2> "$work/send.log" &
sender=$!
wait_for "$work/send.log" "paused: " 10 || fail "cover: never paused"
printsim_ctl cover-close > /dev/null
code=0; wait $sender || code=$?
[[ $code == 0 && $(jq .printed "$work/out") == true && $(jq .pauses "$work/out") -ge 1 ]] ||
  fail "cover closed in time: exit $code $(cat "$work/out")"
wait_for_page 1
[[ $(jq -r .ended_by "$work/paper/job-0001.json") == cut ]] || fail "cover: page not whole"

echo "== cover left open: not printed"
start_printsim tm-t20 --cover-open-after 150
send 3 --pause-timeout 1 && grep -q "cover open" "$work/send.log" || fail "cover left open: message"

echo "== offline in the middle"
start_printsim tm-t20 --offline-after 150
send 3 --pause-timeout 1 && grep -q "offline" "$work/send.log" || fail "offline: message"

echo "== the connection drops in the middle"
start_printsim tm-t20 --drop-after-bytes 6000
send 3 && grep -q -i "closed" "$work/send.log" || fail "drop: message"

echo "== nobody listening"
stop_printsim
printer="tcp://127.0.0.1:$(cat "$work/port")"
send 3 || true

[[ $status == 0 ]] && echo "PASS"
exit $status
