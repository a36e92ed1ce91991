#!/usr/bin/env bash
# kofu card readers against the real pcscd: without the service it says so; with pcscd and the vpcd driver it
# lists the two virtual readers; when pcscd stops, it says so again.
# Usage: pcsc_readers_test.sh KOFU
set -uo pipefail
kofu=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
source "$here/pcscd_env.sh"
trap 'stop_pcscd; rm -rf "$work"' EXIT
source "$(dirname "$0")/../support/check.sh"

if ! pgrep -x pcscd >/dev/null; then
  run card readers
  check "without pcscd: exit 3 (device problem)" test "$rc" -eq 3
  check "without pcscd: says the service is not running" contains "$err" "(pcscd) is not running (SCARD_E_NO_SERVICE)"
fi

start_pcscd "$work"
run card readers
check "with pcscd and vpcd: exit 0" test "$rc" -eq 0
check "the first virtual reader" contains "$out" "Virtual PCD 00 00"
check "the second virtual reader" contains "$out" "Virtual PCD 00 01"
stop_pcscd
run card readers
check "after pcscd stops: exit 3" test "$rc" -eq 3

finish
