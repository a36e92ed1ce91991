#!/usr/bin/env bash
# kofu-cardsim behind the real pcscd (vpcd), seen by a plain PC/SC client (pcsc_probe, iso7816::exchange): the card
# in the reader with its ATR, SELECT JPKI and the token label, a VERIFY whose PIN stays out of the trace, the removal
# fault (the client sees the card removed) with and without reinsertion, T=0 61xx and 6Cxx answers, a mute card, and
# a clean exit on SIGTERM in each state.
# Usage: cardsim_smoke_test.sh KOFU KOFU-CARDSIM PCSC_PROBE
set -uo pipefail
kofu=$1 cardsim=$2 probe=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
source "$here/pcscd_env.sh"
source "$here/cardsim_env.sh"
trap 'stop_cards; stop_pcscd; rm -rf "$work"' EXIT
source "$here/../support/check.sh"

select_jpki=00A4040C0AD392F000260100000001
select_token=00A4020C020006
verify_1234=002000980431323334  # the JPKI PIN by SFI 18: "1234", the persona's
token_label=$(printf 'JPKIAPICCTOKEN2%17s' '' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)

probe() {  # probe [--wait-ms MS] APDU...: $probe_rc, and line N of the output with `line N` (1 is the ATR)
  "$probe" "$@" > "$work/probe" 2>&1; probe_rc=$?
}
line() { sed -n "${1}p" "$work/probe"; }
terminate() {  # terminate SLOT: SIGTERM to kofu-cardsim; $rc is its exit status
  kill -TERM "${card_pids[$1]}"; wait "${card_pids[$1]}"; rc=$?; card_pids[$1]=""
}

start_pcscd "$work"
"$kofu" pki init "$work/pki" > /dev/null || { echo "kofu pki init failed"; exit 1; }
persona=$work/pki/personas/resident.json

start_card 0 "$persona" --trace
run card readers
check "kofu card readers lists the reader" contains "$out" "Virtual PCD 00 00"
probe "$select_jpki" "$select_token" 00B0000020 "$verify_1234"
check "probe: exit 0" test "$probe_rc" -eq 0
check "the ATR comes through vpcd" test "$(line 1)" = "ATR 3BDA13FF8131FB468012392F31C173C601C03B"
check "SELECT JPKI: 9000" test "$(line 2)" = 9000
check "SELECT EF 0006: 9000" test "$(line 3)" = 9000
check "READ BINARY: the token label" test "$(line 4)" = "${token_label}9000"
check "VERIFY: 9000" test "$(line 5)" = 9000
check "the trace: header, AID, status word" grep -q "00A4040C D392F000260100000001 -> 9000" "$work/card0.log"
check "the trace: the PIN redacted" grep -q "00200098 (PIN redacted) -> 9000" "$work/card0.log"
check "the trace: the PIN's bytes are nowhere" bash -c "! grep -q 31323334 '$work/card0.log'"
terminate 0
check "SIGTERM: exit 0" test "$rc" -eq 0

# Removal at the 2nd APDU: the first is answered, the second never is; vpcd gives an empty answer, then removal.
start_card 0 "$persona" --remove-after 2
probe "$select_jpki" "$select_token"
check "removal: the APDU before it is answered" test "$(line 2)" = 9000
check "removal: the probe fails" test "$probe_rc" -eq 1
check "removal: the probe says the card was removed" grep -q "removed" "$work/probe"
probe --wait-ms 1500 "$select_jpki"
check "removal: the card stays out" grep -q "^error: " "$work/probe"
terminate 0
check "SIGTERM with the card out: exit 0" test "$rc" -eq 0

# Removal at the 1st APDU, back a second later (pcscd polls presence every 0.4 s: a quicker return would not be seen
# as a removal): after pcscd noticed the removal, the probe waits for the card and a new session works.
"$kofu" card watch --wait 20 > "$work/events" 2>&1 &
watcher=$!
wait_for "$work/events" "reader-added Virtual PCD 00 01"
start_card 0 "$persona" --remove-after 1 --reinsert-after-ms 1000
probe "$select_jpki"
check "reinsertion: the first session loses the card" grep -q "removed" "$work/probe"
wait_for "$work/events" "card-removed Virtual PCD 00 00"
kill "$watcher"; wait "$watcher" 2> /dev/null
probe --wait-ms 5000 "$select_jpki"
check "reinsertion: the card is back and answers" test "$(line 2)" = 9000
terminate 0
check "SIGTERM after reinsertion: exit 0" test "$rc" -eq 0

# T=0 style answers and wrong Le, through exchange()'s GET RESPONSE and resend.
start_card 0 "$persona" --t0 --wrong-le --trace
probe "$select_jpki" "$select_token" 00B0000020 00B0000000
check "61xx: the label fetched with GET RESPONSE" test "$(line 4)" = "${token_label}9000"
check "6Cxx then 61xx: the whole 160-byte EF" test "$(line 5)" = "${token_label}$(printf '%0256d' 0)9000"
check "61xx: the card answered 61xx" grep -q -- "00B00000 Le 32 -> 6120" "$work/card0.log"
check "6Cxx: the card answered 6CA0" grep -q -- "00B00000 Le 256 -> 6CA0" "$work/card0.log"
terminate 0

# A mute card: its ATR, then silence; the client is still waiting when given up on.
start_card 0 "$persona" --mute
timeout 3 "$probe" "$select_jpki" > "$work/probe" 2>&1; probe_rc=$?
check "mute: the ATR comes" test "$(line 1)" = "ATR 3BDA13FF8131FB468012392F31C173C601C03B"
check "mute: no answer within 3 s" test "$probe_rc" -eq 124
terminate 0
check "SIGTERM of a mute card: exit 0" test "$rc" -eq 0

finish
