# Sourced by the shell tests. Needs $kofu (the binary under test) and $work (a scratch directory) for run.
#   check NAME CONDITION...   counts and prints "ok   NAME" or "FAIL NAME"
#   run ARGS...               runs kofu ARGS; sets $rc, $out and $err
#   contains TEXT PART        true when TEXT holds PART
#   finish                    prints "N passed, N failed"; the script's status is whether all passed
failures=0 checks=0
check() {
  local name=$1; shift
  checks=$((checks + 1))
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; failures=$((failures + 1)); fi
}
run() {
  "$kofu" "$@" > "$work/out" 2> "$work/err"; rc=$?
  out=$(cat "$work/out"); err=$(cat "$work/err")
}
contains() { [[ "$1" == *"$2"* ]]; }
finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [[ $failures -eq 0 ]]
}
