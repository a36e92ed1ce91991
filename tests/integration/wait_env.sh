# Sourced by the integration tests.
#   wait_for FILE TEXT [SECONDS]   waits until FILE holds TEXT (default at most 10 s); fails after that
wait_for() {
  local file=$1 text=$2 deadline=$((SECONDS + ${3:-10}))
  until grep -q -F -- "$text" "$file" 2> /dev/null; do
    [[ $SECONDS -lt $deadline ]] || { echo "waited in vain for \"$text\" in $file"; return 1; }
    sleep 0.05
  done
}
