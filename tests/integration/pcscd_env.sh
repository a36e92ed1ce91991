# Sourced by the integration tests that need the real pcscd with the vpcd virtual reader (vsmartcard-vpcd).
# start_pcscd: starts a private pcscd (reader.conf.d holding only vpcd) in the foreground, or exits 77 (skip) when
# the machine cannot give the test its own pcscd; stop_pcscd: kills it. Only one pcscd can run per machine
# (/run/pcscd/pcscd.comm is compiled in), so these tests hold the ctest resource lock "pcscd". The vpcd reader
# listens on a port of the test's own, $vpcd_port (slot 0; slot 1, "Virtual PCD 00 01", on $vpcd_port + 1).
pcscd_pid=""
vpcd_port=""
start_pcscd() {  # start_pcscd WORK_DIR
  local work=$1
  if [[ ! -x /usr/sbin/pcscd || ! -f /usr/lib/pcsc/drivers/serial/libifdvpcd.so ]]; then
    echo "skipped: pcscd or vsmartcard-vpcd is not installed (scripts/deps/install.sh installs them)"; exit 77
  fi
  if pgrep -x pcscd >/dev/null; then
    echo "skipped: another pcscd is running; these tests start their own"; exit 77
  fi
  rm -f /run/pcscd/pcscd.comm 2>/dev/null  # a stale socket of a pcscd that died would look ready
  mkdir -p "$work/reader.conf.d"
  vpcd_port=${VPCD_PORT:-$((36000 + RANDOM % 14000 * 2))}
  printf 'FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:%d\nLIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so\nCHANNELID    %d\n' \
    "$vpcd_port" "$vpcd_port" > "$work/reader.conf.d/vpcd"
  /usr/sbin/pcscd --foreground --config "$work/reader.conf.d" > "$work/pcscd.log" 2>&1 &
  pcscd_pid=$!
  for _ in $(seq 50); do
    [[ -S /run/pcscd/pcscd.comm ]] && return 0
    kill -0 "$pcscd_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "skipped: pcscd did not start here (needs root for /run/pcscd):"; tail -5 "$work/pcscd.log"; exit 77
}
stop_pcscd() {
  if [[ -n "$pcscd_pid" ]]; then
    kill "$pcscd_pid" 2>/dev/null
    wait "$pcscd_pid" 2>/dev/null
    pcscd_pid=""
  fi
}
