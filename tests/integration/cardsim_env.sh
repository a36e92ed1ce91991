# Sourced by the card tests after pcscd_env.sh: emulated cards (kofu-cardsim) in the vpcd slots of the test's pcscd.
#   start_card SLOT PERSONA [FAULT FLAGS...]   starts kofu-cardsim in slot 0 or 1 and waits until it is connected
#   stop_card SLOT                             takes the card out (ends kofu-cardsim), then lets pcscd settle
#   wait_for FILE TEXT [SECONDS]               (wait_env.sh) waits until FILE holds TEXT
# Needs $kofu, $cardsim, $work and $vpcd_port. Each card's stderr (its --trace) goes to $work/card<SLOT>.log.
source "$(dirname "${BASH_SOURCE[0]}")/wait_env.sh"
declare -A card_pids=()
start_card() {
  local slot=$1 persona=$2; shift 2
  stop_card "$slot"
  rm -f "$work/ready$slot"
  "$cardsim" --persona "$persona" --port $((vpcd_port + slot)) --ready-file "$work/ready$slot" "$@" \
    > /dev/null 2> "$work/card$slot.log" &
  card_pids[$slot]=$!
  for _ in $(seq 50); do
    [[ -s "$work/ready$slot" ]] && return 0
    sleep 0.1
  done
  echo "kofu-cardsim did not connect to vpcd:"; cat "$work/card$slot.log"; return 1
}
stop_card() {
  local pid=${card_pids[$1]:-}
  if [[ -n "$pid" ]]; then
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    card_pids[$1]=""
    # Pacing, not waiting for a result: pcscd polls presence every 0.4 s, and a card connecting within about a second
    # of a removal is taken for the old one and never powered up (no real card is swapped that fast). pcscd may
    # already report the slot empty before that, so there is no state to wait for; 1 s is 2.5 poll periods.
    sleep 1
  fi
}
stop_cards() {
  stop_card 0
  stop_card 1
}
