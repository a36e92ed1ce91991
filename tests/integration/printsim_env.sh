# Sourced by the print tests: kofu-printsim, the virtual printer, on a loopback port of its own.
#   start_printsim PROFILE [OPTIONS...]   starts it (pages into $work/paper, control socket $work/ctl.sock, and a pty
#                                         at $work/pty) and waits until it listens; sets $printer (tcp://…)
#   stop_printsim                         ends it (SIGTERM: it finishes the page) and waits
#   printsim_ctl COMMAND [ARG]            kofu-printsim ctl on its control socket
#   wait_for_page N [SECONDS]             waits until page N's PNG and JSON exist (default at most 10 s)
#   wait_for FILE TEXT [SECONDS]          (wait_env.sh) waits until FILE holds TEXT
# Needs $printsim and $work. Its log goes to $work/printsim.log.
source "$(dirname "${BASH_SOURCE[0]}")/wait_env.sh"
printsim_pid=""
start_printsim() {
  local profile=$1; shift
  stop_printsim
  rm -rf "$work/paper" "$work/port" "$work/ctl.sock" "$work/pty"
  mkdir -p "$work/paper"
  "$printsim" --profile "$profile" --out "$work/paper" --listen 127.0.0.1:0 --port-file "$work/port" \
    --control "$work/ctl.sock" --pty-link "$work/pty" "$@" > /dev/null 2> "$work/printsim.log" &
  printsim_pid=$!
  for _ in $(seq 100); do
    if [[ -s "$work/port" ]]; then
      printer="tcp://127.0.0.1:$(cat "$work/port")"
      return 0
    fi
    sleep 0.05
  done
  echo "kofu-printsim did not start:"; cat "$work/printsim.log"; return 1
}
stop_printsim() {
  if [[ -n "$printsim_pid" ]]; then
    kill "$printsim_pid" 2> /dev/null
    wait "$printsim_pid" 2> /dev/null
    printsim_pid=""
  fi
}
printsim_ctl() { "$printsim" ctl "$work/ctl.sock" "$@"; }
wait_for_page() {
  local name deadline=$((SECONDS + ${2:-10}))
  name=$(printf 'job-%04d' "$1")
  until [[ -f "$work/paper/$name.png" && -f "$work/paper/$name.json" ]]; do
    [[ $SECONDS -lt $deadline ]] || { echo "page $1 never came"; cat "$work/printsim.log"; return 1; }
    sleep 0.05
  done
}
