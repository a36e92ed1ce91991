#!/usr/bin/env bash
# Device faults against the real pcscd (vpcd) and kofu-cardsim: the card pulled at every APDU of basic-info and
# auth-sign, T=0-style 61xx answers, wrong-length 6Cxx answers, a slow signature, a card that answers nothing, and
# the reader going away mid-command. Each must end with its documented error and exit code, never a crash or hang.
# Usage: card_faults_test.sh KOFU KOFU-CARDSIM
set -uo pipefail
kofu=$1 cardsim=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
source "$here/pcscd_env.sh"
source "$here/cardsim_env.sh"
trap 'stop_cards; stop_pcscd; rm -rf "$work"' EXIT
source "$here/../support/check.sh"

start_pcscd "$work"
"$kofu" pki init "$work/pki" > /dev/null || { echo "kofu pki init failed"; exit 1; }
resident=$work/pki/personas/resident.json
challenge=0102030405060708

# The card leaves at the N-th APDU, for N = 1, 2, … until the command no longer reaches the N-th APDU. Every run
# before that must say the card was removed (exit 3) within the time limit; the last must succeed.
pull_at_every_apdu() {  # pull_at_every_apdu NAME PIN KOFU-ARGS...
  local name=$1 pin=$2; shift 2
  local n bad=0 slow=0 start took
  for n in $(seq 1 60); do
    start_card 0 "$resident" --remove-after "$n" || return 1
    start=$(date +%s)
    timeout 60 "$kofu" "$@" --wait 5 --timeout 10 --pin-stdin > "$work/out" 2> "$work/err" <<< "$pin"
    rc=$?
    took=$(($(date +%s) - start))
    stop_card 0
    [[ $took -gt 20 ]] && slow=$((slow + 1))
    if [[ $rc -eq 0 ]]; then
      echo "     $name: the card pulled at each of APDUs 1..$((n - 1)), then the whole command ran ($n)"
      check "$name: every pull ends with exit 3, the card removed" test "$bad" -eq 0
      check "$name: no pull made it hang" test "$slow" -eq 0
      check "$name: the command needs more than 5 APDUs (the loop reached them all)" test "$n" -gt 5
      return 0
    fi
    if [[ $rc -ne 3 ]] || ! grep -q -i "removed" "$work/err"; then
      echo "     $name: pulled at APDU $n: exit $rc: $(cat "$work/err")"
      bad=$((bad + 1))
    fi
  done
  check "$name: the command completes once the pull comes after its last APDU" false
}

pull_at_every_apdu "basic-info" 1234 card basic-info
pull_at_every_apdu "auth-sign" 1234 card auth-sign --challenge "$challenge"

# T=0 style: every answer with data comes as 61xx and is fetched with GET RESPONSE.
start_card 0 "$resident" --t0 --trace
run card auth-sign --wait 5 --pin-stdin --challenge "$challenge" <<< 1234
check "61xx: auth-sign works through GET RESPONSE" test "$rc" -eq 0
check "61xx: the card did answer 61xx" grep -q -- "-> 61" "$work/card0.log"
run card basic-info --wait 5 --pin-stdin <<< 1234
check "61xx: basic-info works" test "$rc" -eq 0

# Wrong Le: a read asking for more than there is gets 6Cxx, and the command is sent again with the right Le.
start_card 0 "$resident" --wrong-le --trace
run card auth-sign --wait 5 --pin-stdin --challenge "$challenge" <<< 1234
check "6Cxx: auth-sign works" test "$rc" -eq 0
run card basic-info --wait 5 --pin-stdin --with-my-number <<< 1234
check "6Cxx: basic-info works with the resent reads" test "$rc" -eq 0
check "6Cxx: the card did answer 6Cxx (256 bytes asked of the 17-byte EF 0001)" grep -q -- "-> 6C11" "$work/card0.log"

# A slow card: the signature takes 1.5 s, well within the limit.
start_card 0 "$resident" --sign-delay-ms 1500
run card auth-sign --wait 5 --pin-stdin --challenge "$challenge" <<< 1234
check "a slow signature: exit 0" test "$rc" -eq 0

# A card that answers nothing: the command gives up at --timeout.
start_card 0 "$resident" --mute
start=$(date +%s)
run card status --wait 5 --timeout 2
took=$(($(date +%s) - start))
check "a mute card: exit 3" test "$rc" -eq 3
check "a mute card: says it did not answer in time" contains "$err" "no answer within 2000 ms"
check "a mute card: given up within a few seconds, no hang" test "$took" -le 10
stop_card 0

# The reader goes away (pcscd stops) while the card is signing.
start_card 0 "$resident" --sign-delay-ms 3000 --trace
"$kofu" card auth-sign --wait 5 --pin-stdin --challenge "$challenge" > "$work/out" 2> "$work/err" <<< 1234 &
signer=$!
wait_for "$work/card0.log" "(PIN redacted) -> 9000"  # the signature comes next, and takes 3 s
stop_pcscd
start=$(date +%s)
wait "$signer"; rc=$?
took=$(($(date +%s) - start))
check "reader gone mid-command: exit 3" test "$rc" -eq 3
check "reader gone mid-command: no hang" test "$took" -le 35
echo "     reader gone: $(cat "$work/err")"
stop_card 0

finish
