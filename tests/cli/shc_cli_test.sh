#!/usr/bin/env bash
# kofu shc keygen|jwks|issue|verify: files written, JSON verdicts, exit codes 0 valid / 1 invalid / 2 usage.
# Usage: shc_cli_test.sh KOFU SAMPLES_DIR TESTDATA_DIR
set -uo pipefail
kofu=$1 samples=$2 testdata=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../support/check.sh"
iss=https://vc.example.lg.jp/issuer
bundle=$samples/vaccination-bundle.json

run shc keygen -o "$work/key.jwk" --jwks "$work/jwks.json"
check "keygen exits 0" test "$rc" -eq 0
check "the private key file is mode 600" test "$(stat -c %a "$work/key.jwk")" = 600
check "the kid goes to stderr" contains "$err" "kid "
check "the key set has no private part" bash -c "! grep -q '\"d\"' '$work/jwks.json'"
run shc keygen -o "$work/key.jwk"
check "keygen never overwrites a key" test "$rc" -eq 2
check "and says why" contains "$err" "File exists"

run shc issue --key "$work/key.jwk" --bundle "$bundle" --iss "$iss"
check "issue exits 0" test "$rc" -eq 0
check "issue prints shc:/ text" contains "$out" "shc:/"
check "the oldest of 6 doses is left out" contains "$err" "1 older dose(s) left out"
echo "$out" > "$work/card.txt"
run shc issue --key "$work/key.jwk" --bundle "$bundle" --iss "$iss" --max-doses 0 --output-format json
check "--max-doses 0 keeps all 6 doses" contains "$out" '"doses": 6'
run shc issue --key "$work/key.jwk" --bundle "$bundle" --iss "http://vc.example.lg.jp/issuer"
check "an http issuer is a usage error" test "$rc" -eq 2
check "naming --iss" contains "$err" "--iss http://vc.example.lg.jp/issuer: the issuer URL must be https"
echo '{"iss":"https://x.example.jp","vc":{"credentialSubject":5}}' > "$work/odd-credential.json"
run shc issue --key "$work/key.jwk" --bundle "$work/odd-credential.json"
check "a credential without a bundle exits 1, no crash" test "$rc" -eq 1
echo '{"resourceType":"Bundle","entry":[{"resource":{"resourceType":5}}]}' > "$work/odd-bundle.json"
run shc issue --key "$work/key.jwk" --bundle "$work/odd-bundle.json" --iss "$iss"
check "a resourceType that is not a string exits 1, no crash" test "$rc" -eq 1
run shc issue --key "$work/key.jwk" --bundle "$bundle"
check "issue without --iss is a usage error" test "$rc" -eq 2
run shc issue --key "$work/missing.jwk" --bundle "$bundle" --iss "$iss"
check "a missing key file is a usage error" test "$rc" -eq 2

run shc verify --jwks "$work/jwks.json" "$work/card.txt"
check "verify exits 0 for the card" test "$rc" -eq 0
check "the verdict is valid" contains "$out" '"valid": true'
check "the verdict carries the patient" contains "$out" '"family": "山田"'
run shc verify --trust "$iss=$work/jwks.json" "$(cat "$work/card.txt")"
check "verify takes the text itself" test "$rc" -eq 0
"$kofu" shc verify --jwks "$work/jwks.json" - < "$work/card.txt" > /dev/null
check "verify reads standard input" test $? -eq 0
run shc verify --trust "https://other.example.jp=$work/jwks.json" "$work/card.txt"
check "another issuer's card exits 1" test "$rc" -eq 1
check "the reason is untrusted_issuer" contains "$out" '"code": "untrusted_issuer"'
sed 's/^shc:\/5/shc:\/9/' "$work/card.txt" > "$work/bad.txt"
run shc verify --jwks "$work/jwks.json" "$work/bad.txt"
check "a digit pair above 77 exits 1" test "$rc" -eq 1
check "with its code" contains "$out" '"code": "digit_pair_out_of_range"'
run shc verify "$work/card.txt"
check "verify without keys is a usage error" test "$rc" -eq 2
run shc verify --trust "nothing" "$work/card.txt"
check "a malformed --trust is a usage error" test "$rc" -eq 2

echo '{"kid":1,"method":"rid","ctr":1,"rids":[]}' > "$work/odd-crl.json"
run shc verify --jwks "$work/jwks.json" --crl "$work/odd-crl.json" "$work/card.txt"
check "a revocation list with a numeric kid is a usage error, no crash" test "$rc" -eq 2
echo '{"keys":[{"kty":"EC","crv":"P-256","alg":"ES256","use":1}]}' > "$work/odd-jwks.json"
run shc verify --jwks "$work/odd-jwks.json" "$work/card.txt"
check "a key set with a numeric use is a usage error, no crash" test "$rc" -eq 2

run shc jwks "$work/key.jwk"
check "jwks prints the public key set" contains "$out" '"kty": "EC"'
echo '{"keys":[]}' > "$work/not-a-key.json"
run shc jwks "$work/not-a-key.json"
check "jwks refuses a file without a private key" test "$rc" -eq 2

shc=$testdata/shc
if [[ -d "$shc" ]]; then
  spec_jwks=$shc/spec-examples/issuer/.well-known/jwks.json
  run shc verify --jwks "$spec_jwks" --at 1687500000 "$shc/spec-examples/example-00-e-file.smart-health-card"
  check "the specification's example 00 verifies" test "$rc" -eq 0
  run shc verify --trust "https://spec.smarthealth.cards/examples/issuer=$spec_jwks" --at 1687500000 \
    --crl "$shc/spec-examples/issuer/.well-known/crl/3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s.json" \
    "$shc/spec-examples/example-03-d-jws.txt"
  check "example 03 is revoked with the example CRL" contains "$out" '"code": "revoked"'
  run shc verify --jwks "$spec_jwks" --at 1653955200 "$shc/invalid/test-example-00-d-jws-der-signature.txt"
  check "a DER signature exits 1" test "$rc" -eq 1
  check "with der_signature" contains "$out" '"code": "der_signature"'
  run shc issue --key "$shc/spec-examples/issuer.jwks.private.json" \
    --bundle "$shc/spec-examples/example-00-b-jws-payload-expanded.json" --output-format jws
  check "issue takes a credential payload and its iss" test "$rc" -eq 0
  echo "$out" > "$work/spec.jws"
  run shc verify --jwks "$spec_jwks" "$work/spec.jws"
  check "re-signed with the specification's test key, it verifies" test "$rc" -eq 0
else
  echo "skipped: conformance vectors not found at $testdata"
fi

finish
