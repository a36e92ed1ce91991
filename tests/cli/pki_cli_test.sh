#!/usr/bin/env bash
# kofu pki init|persona|device|show|verify|verify-signature, checked against openssl: every chain and key of the test
# PKI, the verdicts of `kofu pki verify`, and signatures made by openssl over a challenge.
# Usage: pki_cli_test.sh KOFU
set -uo pipefail
kofu=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../support/check.sh"
for tool in openssl jq; do
  command -v "$tool" > /dev/null || { echo "FAIL $tool is not installed (scripts/deps/debian.txt lists it)"; exit 1; }
done
pki=$work/pki
verified() { openssl verify -CAfile "$1" "$2" > /dev/null 2>&1; }
same_key() { [[ "$(openssl pkey -in "$1" -pubout 2> /dev/null)" == "$(openssl x509 -in "$2" -noout -pubkey)" ]]; }
# member FILE PATH OUT: the string at PATH (e.g. .jpki.auth_key) of a persona file, written to OUT
member() { jq -j "$2" "$1" > "$3"; }
quietly() { "$@" > /dev/null 2>&1; }

# init
run pki init "$pki"
check "init exits 0" test "$rc" -eq 0
check "init names the files it wrote" contains "$out" "$pki/personas/pharmacist.json"
for file in jpki/ca.crt hpki/ca.crt device/ca.crt device/kiosk-0001.crt server/server-ca.crt server/server.crt \
  issuer/jwks.json; do
  check "$file is written" test -s "$pki/$file"
done
for file in jpki/ca.key hpki/ca.key device/ca.key device/kiosk-0001.key server/server-ca.key server/server.key \
  issuer/issuer.jwk personas/resident.json personas/pharmacist.json; do
  check "$file is mode 600" test "$(stat -c %a "$pki/$file")" = 600
done
run pki init "$pki"
check "init refuses a directory that is not empty" test "$rc" -eq 2
check "and says how to go on" contains "$err" "--force"
old_serial=$(openssl x509 -in "$pki/jpki/ca.crt" -noout -serial)
run pki init "$pki" --force
check "init --force replaces the PKI" test "$rc" -eq 0
check "with new certificates" test "$(openssl x509 -in "$pki/jpki/ca.crt" -noout -serial)" != "$old_serial"
run pki init "$work/other" --days 0
check "--days 0 is a usage error" test "$rc" -eq 2

# every chain and key, as openssl sees them
member "$pki/personas/resident.json" .jpki.auth_certificate "$work/resident.crt"
member "$pki/personas/resident.json" .jpki.auth_key "$work/resident.key"
member "$pki/personas/resident.json" .jpki.auth_ca_certificate "$work/resident-ca.crt"
for application in signature authentication; do
  member "$pki/personas/pharmacist.json" ".hpki.$application.certificate" "$work/pharmacist-$application.crt"
  member "$pki/personas/pharmacist.json" ".hpki.$application.key" "$work/pharmacist-$application.key"
done
check "the persona carries the JPKI CA" cmp -s "$work/resident-ca.crt" "$pki/jpki/ca.crt"
while read -r ca cert key; do
  check "openssl verifies ${cert#"$work"/}" verified "$ca" "$cert"
  check "openssl loads ${key#"$work"/}, the key of ${cert##*/}" same_key "$key" "$cert"
  run pki verify --ca "$ca" "$cert"
  check "kofu pki verify agrees on ${cert##*/}" test "$rc" -eq 0
done << EOF
$pki/jpki/ca.crt $pki/jpki/ca.crt $pki/jpki/ca.key
$pki/hpki/ca.crt $pki/hpki/ca.crt $pki/hpki/ca.key
$pki/device/ca.crt $pki/device/ca.crt $pki/device/ca.key
$pki/server/server-ca.crt $pki/server/server-ca.crt $pki/server/server-ca.key
$pki/device/ca.crt $pki/device/kiosk-0001.crt $pki/device/kiosk-0001.key
$pki/server/server-ca.crt $pki/server/server.crt $pki/server/server.key
$pki/jpki/ca.crt $work/resident.crt $work/resident.key
$pki/hpki/ca.crt $work/pharmacist-signature.crt $work/pharmacist-signature.key
$pki/hpki/ca.crt $work/pharmacist-authentication.crt $work/pharmacist-authentication.key
EOF
check "openssl: the server certificate is for TLS servers" \
  quietly openssl verify -purpose sslserver -CAfile "$pki/server/server-ca.crt" "$pki/server/server.crt"
host_check=$(openssl x509 -in "$pki/server/server.crt" -noout -checkhost localhost -checkip 127.0.0.1)
check "openssl: the server certificate names localhost and 127.0.0.1" \
  test "$(grep -c ' does match certificate' <<< "$host_check")" -eq 2
check "openssl: the device certificate is for TLS clients" \
  quietly openssl verify -purpose sslclient -CAfile "$pki/device/ca.crt" "$pki/device/kiosk-0001.crt"
check "the JPKI auth certificate has no name in it" \
  bash -c "openssl x509 -in '$work/resident.crt' -noout -subject -nameopt RFC2253 | grep -Eq '^subject=CN=[0-9A-F]{32},C=JP$'"
check "every CA says test" bash -c "cat '$pki'/*/*ca.crt | openssl x509 -noout -subject | grep -q 'kofu test'"

# kofu pki verify: each way a chain fails
run pki verify --ca "$pki/hpki/ca.crt" "$work/resident.crt"
check "another CA: exit 1" test "$rc" -eq 1
check "untrusted, naming the issuer" contains "$err" 'issuer "CN=kofu test JPKI User Authentication CA'
check "with its code" contains "$err" "[untrusted]"
run pki verify --ca "$pki/device/ca.crt" --at 2999-01-01 "$pki/device/kiosk-0001.crt"
check "after notAfter: expired" contains "$err" "[expired]"
run pki verify --ca "$pki/device/ca.crt" --at 2001-01-01T00:00:00Z "$pki/device/kiosk-0001.crt"
check "before notBefore: not_yet_valid" contains "$err" "[not_yet_valid]"
openssl x509 -in "$pki/device/kiosk-0001.crt" -outform DER -out "$work/tampered.der"
offset=$(grep -obUa "kiosk-0001" "$work/tampered.der" | head -1 | cut -d: -f1)
printf 'X' | dd of="$work/tampered.der" bs=1 seek="$offset" conv=notrunc status=none
check "openssl refuses the tampered certificate" bash -c "! openssl verify -CAfile '$pki/device/ca.crt' \
  <(openssl x509 -inform DER -in '$work/tampered.der') > /dev/null 2>&1"
run pki verify --ca "$pki/device/ca.crt" "$work/tampered.der"
check "kofu too: bad_certificate_signature" contains "$err" "[bad_certificate_signature]"
check "exit 1" test "$rc" -eq 1
run pki verify --ca "$work/resident.crt" "$work/pharmacist-signature.crt"
check "a leaf is no trust anchor for another CA's leaf" test "$rc" -eq 1
echo "not a certificate" > "$work/garbage.crt"
run pki verify --ca "$pki/device/ca.crt" "$work/garbage.crt"
check "garbage: exit 1" test "$rc" -eq 1
check "malformed" contains "$err" "[malformed]"
run pki verify --ca "$pki/device/ca.crt" "$work/missing.crt"
check "a missing file is a usage error" test "$rc" -eq 2
run pki verify --ca "$pki/device/ca.crt" --at yesterday "$pki/device/kiosk-0001.crt"
check "a bad --at is a usage error" test "$rc" -eq 2
cat "$pki/jpki/ca.crt" "$pki/hpki/ca.crt" > "$work/bundle.crt"
run pki verify --ca "$work/bundle.crt" "$work/pharmacist-authentication.crt"
check "--ca takes a PEM bundle" test "$rc" -eq 0

# signatures: openssl signs a challenge with the card's key, kofu checks it
printf 'kofu-login-7f3a9c' > "$work/challenge.bin"
challenge=$(od -An -tx1 "$work/challenge.bin" | tr -d ' \n')
openssl dgst -sha256 -sign "$work/resident.key" -out "$work/signature.bin" "$work/challenge.bin"
openssl x509 -in "$work/resident.crt" -noout -pubkey > "$work/resident.pub"
check "openssl verifies its own signature with the certificate's key" \
  quietly openssl dgst -sha256 -verify "$work/resident.pub" -signature "$work/signature.bin" "$work/challenge.bin"
run pki verify-signature --cert "$work/resident.crt" --challenge "$challenge" --signature "$work/signature.bin"
check "kofu accepts the RSA signature over the challenge" test "$rc" -eq 0
run pki verify-signature --cert "$work/resident.crt" --data "$work/challenge.bin" \
  --signature "$(od -An -tx1 "$work/signature.bin" | tr -d ' \n')"
check "and over --data, with the signature as hex" test "$rc" -eq 0
cp "$work/signature.bin" "$work/bad-signature.bin"
printf '\x00' | dd of="$work/bad-signature.bin" bs=1 seek=100 conv=notrunc status=none
run pki verify-signature --cert "$work/resident.crt" --challenge "$challenge" --signature "$work/bad-signature.bin"
check "a tampered signature fails: exit 1" test "$rc" -eq 1
check "with bad_signature" contains "$err" "[bad_signature]"
run pki verify-signature --cert "$work/resident.crt" --challenge "${challenge}00" --signature "$work/signature.bin"
check "another challenge fails" test "$rc" -eq 1
run pki verify-signature --cert "$work/pharmacist-signature.crt" --challenge "$challenge" \
  --signature "$work/signature.bin"
check "another card's certificate fails" test "$rc" -eq 1
openssl dgst -sha256 -sign "$pki/device/kiosk-0001.key" -out "$work/ecdsa.bin" "$work/challenge.bin"
run pki verify-signature --cert "$pki/device/kiosk-0001.crt" --data "$work/challenge.bin" --signature "$work/ecdsa.bin"
check "kofu accepts an ECDSA (DER) signature" test "$rc" -eq 0
run pki verify-signature --cert "$work/resident.crt" --signature "$work/signature.bin"
check "without --data or --challenge: usage error" test "$rc" -eq 2

# persona
run pki persona --ca-dir "$pki" --type mynumber -o "$work/blocked.json" --tries-left 0 --name "試験　次郎" \
  --my-number 123456789018
check "persona exits 0" test "$rc" -eq 0
check "the persona is mode 600" test "$(stat -c %a "$work/blocked.json")" = 600
check "the card is blocked" test "$(jq '.pins.jpki_auth.tries_left' "$work/blocked.json")" = 0
check "the holder is the one asked for" test "$(jq -r '.holder.name' "$work/blocked.json")" = "試験　次郎"
member "$work/blocked.json" .jpki.auth_certificate "$work/blocked.crt"
check "its certificate chains to the JPKI CA" verified "$pki/jpki/ca.crt" "$work/blocked.crt"
run pki persona --ca-dir "$pki" --type mynumber -o "$work/blocked.json"
check "a persona is never overwritten" test "$rc" -eq 2
run pki persona --ca-dir "$pki" --type mynumber -o "$work/x.json" --my-number 123456789012
check "a wrong check digit is a usage error" test "$rc" -eq 2
check "saying so" contains "$err" "check digit"
run pki persona --ca-dir "$pki" --type mynumber -o "$work/x.json" --role doctor
check "an option of the other card type is a usage error" test "$rc" -eq 2
run pki persona --ca-dir "$pki" --type hpki -o "$work/doctor.json" --role doctor --applications authentication \
  --pin s3cret-pin --tries-left 1
check "an HPKI persona with one application" test "$(jq -c '.hpki | keys' "$work/doctor.json")" = '["authentication"]'
check "and its PIN only" test "$(jq -c '.pins' "$work/doctor.json")" = \
  '{"authentication":{"value":"s3cret-pin","tries_left":1,"max_tries":3}}'
member "$work/doctor.json" .hpki.authentication.certificate "$work/doctor.crt"
run pki show "$work/doctor.crt"
check "the doctor's certificate carries the HPKI role" contains "$out" "HPKI role:   Medical Doctor"
check "the persona files are JSON" bash -c "jq -e . '$pki/personas/resident.json' '$pki/personas/pharmacist.json' \
  > /dev/null"
cp -r "$pki" "$work/pkcs8"
openssl pkcs8 -topk8 -nocrypt -in "$pki/jpki/ca.key" -out "$work/pkcs8/jpki/ca.key"
run pki persona --ca-dir "$work/pkcs8" --type mynumber -o "$work/pkcs8.json"
check "a CA key in PKCS #8 (as openssl writes it) issues too" test "$rc" -eq 0
run pki persona --ca-dir "$work/nowhere" --type hpki -o "$work/y.json"
check "a missing CA directory is a usage error" test "$rc" -eq 2

# device
run pki device --ca-dir "$pki" kiosk-0002
check "device exits 0" test "$rc" -eq 0
check "openssl verifies the new device certificate" verified "$pki/device/ca.crt" "$pki/device/kiosk-0002.crt"
check "with the device id as CN" bash -c "openssl x509 -in '$pki/device/kiosk-0002.crt' -noout -subject | \
  grep -q 'CN = kiosk-0002'"
run pki device --ca-dir "$pki" kiosk-0002
check "an existing device key is never overwritten" test "$rc" -eq 2
run pki device --ca-dir "$pki" ../escape
check "a device id with a path in it is refused" test "$rc" -eq 2

# show
run pki show "$pki/server/server.crt"
check "show exits 0" test "$rc" -eq 0
check "show prints the alt names" contains "$out" "alt names:   DNS:localhost, IP:127.0.0.1"
check "show's serial is openssl's" contains "$out" \
  "serial:      $(openssl x509 -in "$pki/server/server.crt" -noout -serial | cut -d= -f2)"
run pki show --json "$pki/jpki/ca.crt"
check "show --json" test "$(echo "$out" | jq -r '.subject')" = "CN=kofu test JPKI User Authentication CA, O=kofu test, C=JP"
run pki show "$work/garbage.crt"
check "show of garbage exits 1" test "$rc" -eq 1

# the SMART Health Card issuer key
run shc jwks "$pki/issuer/issuer.jwk"
check "issuer.jwk is the key of jwks.json" test "$out" = "$(cat "$pki/issuer/jwks.json")"

for command in init persona device show verify verify-signature; do
  run pki "$command" --help
  check "pki $command --help gives the exit codes" contains "$out" "Exit status: 0"
done

finish
