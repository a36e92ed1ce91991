#!/usr/bin/env bash
# SMART Health Cards against an independent implementation (panva/jose on Node.js), both ways:
# kofu issues → jose verifies; jose signs → kofu verifies; and each side refuses a tampered card.
# Usage: jose_interop_test.sh KOFU JOSE_DIR SAMPLES_DIR
# jose is installed by scripts/deps/install.sh (npm ci in JOSE_DIR); without it the test is skipped (exit 77).
set -uo pipefail
kofu=$1 jose_dir=$2 samples=$3
if ! command -v node >/dev/null || [[ ! -d "$jose_dir/node_modules/jose" ]]; then
  echo "skipped: Node.js or the jose package is missing (run scripts/deps/install.sh)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../support/check.sh"
jose() { node "$jose_dir/shc_jose.mjs" "$@"; }
tamper() {  # flips one character in the middle of the signature
  local jws; jws=$(cat "$1")
  local at=$((${#jws} - 20)) c=${jws:$((${#jws} - 20)):1}
  [[ $c == A ]] && c=B || c=A
  printf '%s' "${jws:0:$at}$c${jws:$((at + 1))}" > "$2"
}
iss=https://vc.example.lg.jp/issuer

# kofu → jose
"$kofu" shc keygen -o "$work/key.jwk" --jwks "$work/kofu-jwks.json" 2>/dev/null
"$kofu" shc issue --key "$work/key.jwk" --bundle "$samples/vaccination-bundle.json" --iss "$iss" \
  --output-format jws -o "$work/kofu.jws"
check "kofu issued a JWS" test -s "$work/kofu.jws"
check "jose verifies kofu's card" test "$(jose verify "$work/kofu-jwks.json" "$work/kofu.jws")" = "$iss"
tamper "$work/kofu.jws" "$work/kofu-tampered.jws"
check "jose refuses kofu's card with a flipped signature" bash -c "! node '$jose_dir/shc_jose.mjs' verify \
  '$work/kofu-jwks.json' '$work/kofu-tampered.jws' 2>/dev/null"
# The PEM form of the same kind of key signs as well.
"$kofu" shc keygen --format pem -o "$work/key.pem" 2>/dev/null
"$kofu" shc jwks "$work/key.pem" -o "$work/pem-jwks.json"
"$kofu" shc issue --key "$work/key.pem" --bundle "$samples/vaccination-bundle.json" --iss "$iss" \
  --output-format jws -o "$work/pem.jws"
check "jose verifies a card signed with a PEM key" test "$(jose verify "$work/pem-jwks.json" "$work/pem.jws")" = "$iss"

# jose → kofu
jose sign "$work" "$samples/vaccination-bundle.json" "$iss"
"$kofu" shc verify --trust "$iss=$work/jwks.json" "$work/card.jws" > "$work/verdict.json"
check "kofu verifies jose's card" test $? -eq 0
check "kofu's verdict says valid" grep -q '"valid": true' "$work/verdict.json"
tamper "$work/card.jws" "$work/card-tampered.jws"
"$kofu" shc verify --trust "$iss=$work/jwks.json" "$work/card-tampered.jws" > "$work/verdict.json"
check "kofu refuses jose's card with a flipped signature" test $? -eq 1
check "the reason is bad_signature" grep -q '"code": "bad_signature"' "$work/verdict.json"

finish
