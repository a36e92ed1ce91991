#!/usr/bin/env bash
# kofu card status|basic-info|auth-sign against emulated cards behind the real pcscd (vpcd): the reads, the PIN
# counter (wrong PIN, one try left and the refusal, a blocked PIN), the HPKI card and its extended reads, two
# readers at once, and the signature checked by openssl and by kofu's verifier.
# Usage: card_flows_test.sh KOFU KOFU-CARDSIM
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
pharmacist=$work/pki/personas/pharmacist.json
reader0="Virtual PCD 00 00"
reader1="Virtual PCD 00 01"
challenge=4b4f4655204a504b492074657374206368616c6c656e6765
printf 'KOFU JPKI test challenge' > "$work/challenge.bin"

verify_with_openssl() {  # verify_with_openssl CERT.pem SIGNATURE.bin
  openssl x509 -in "$1" -pubkey -noout > "$work/pub.pem" &&
    openssl dgst -sha256 -verify "$work/pub.pem" -signature "$2" "$work/challenge.bin" > /dev/null
}

verification_fails() { ! verify_with_openssl "$@" 2> /dev/null; }

# --- Events through the asynchronous API (kofu card watch) -------------------------------------------------------
"$kofu" card watch --identify --count 4 --wait 20 > "$work/events" 2>&1 &
watcher=$!
wait_for "$work/events" "reader-added $reader1"
start_card 0 "$resident"
wait_for "$work/events" "card $reader0:"
stop_card 0
wait "$watcher"; rc=$?
events=$(cat "$work/events")
check "watch: exit 0" test "$rc" -eq 0
check "watch: both readers" contains "$events" "reader-added $reader1"
check "watch: the card inserted, with its ATR" contains "$events" "card-inserted $reader0 3B"
check "watch: the card identified by a job on the PC/SC worker" contains "$events" "card $reader0: My Number card"
check "watch: the card removed" contains "$events" "card-removed $reader0"

# --- My Number card ----------------------------------------------------------------------------------------------
start_card 0 "$resident"
run card status --wait 5
check "status: exit 0" test "$rc" -eq 0
check "status: a My Number card" contains "$out" "card: My Number card"
check "status: 3 tries left for the JPKI PIN, none used" contains "$out" "利用者証明用 PIN (JPKI): 3 tries left"
check "status: 3 tries left for the 券面事項入力補助 PIN" contains "$out" "券面事項入力補助用 PIN: 3 tries left"

run card basic-info --wait 5 --pin-stdin <<< 1234
check "basic-info: exit 0" test "$rc" -eq 0
name=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["holder"]["name"])' "$resident")
check "basic-info: the holder's name from the card" contains "$out" "\"name\": \"$name\""
check "basic-info: the birth date as ISO" contains "$out" '"birth_date": "'
check "basic-info: no 個人番号 unless asked" bash -c "! grep -q my_number '$work/out'"
check "basic-info: the PIN never reaches the output" bash -c "! grep -q 1234 '$work/err'"
run card basic-info --wait 5 --pin-stdin --with-my-number <<< 1234
number=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["holder"]["my_number"])' "$resident")
check "basic-info --with-my-number: the 個人番号" contains "$out" "\"my_number\": \"$number\""

run card auth-sign --wait 5 --pin-stdin --challenge "$challenge" --signature-out "$work/sig.bin" \
  --certificate-out "$work/cert.pem" <<< 1234
check "auth-sign: exit 0" test "$rc" -eq 0
check "auth-sign: the JPKI key" contains "$out" "JPKI 利用者証明用 key"
check "auth-sign: openssl verifies the signature with the card's certificate" \
  verify_with_openssl "$work/cert.pem" "$work/sig.bin"
run pki verify-signature --cert "$work/cert.pem" --challenge "$challenge" --signature "$work/sig.bin"
check "auth-sign: kofu pki verify-signature agrees" test "$rc" -eq 0
run pki verify --ca "$work/pki/jpki/ca.crt" "$work/cert.pem"
check "auth-sign: the certificate chains to the test JPKI CA" test "$rc" -eq 0
printf 'KOFU JPKI test challengf' > "$work/challenge.bin"
check "a different challenge does not verify" verification_fails "$work/cert.pem" "$work/sig.bin"
printf 'KOFU JPKI test challenge' > "$work/challenge.bin"

# The PIN counter: two wrong PINs, then the last try is refused without --last-try, then a right PIN restores it.
run card auth-sign --wait 5 --pin-stdin --challenge "$challenge" <<< 9999
check "wrong PIN: exit 1" test "$rc" -eq 1
check "wrong PIN: 2 tries left" contains "$err" "2 tries left"
check "wrong PIN: the PIN is not echoed" bash -c "! grep -q 9999 '$work/err' '$work/out'"
run card auth-sign --wait 5 --pin-stdin --challenge "$challenge" <<< 9998
check "second wrong PIN: 1 try left" contains "$err" "1 try left"
run card status --wait 5
check "status shows the one try left" contains "$out" "利用者証明用 PIN (JPKI): 1 try left"
run card auth-sign --wait 5 --pin-stdin --challenge "$challenge" <<< 1234
check "one try left: refused without --last-try (exit 1)" test "$rc" -eq 1
check "one try left: says why" contains "$err" "only 1 try is left"
run card status --wait 5
check "the refusal used no try" contains "$out" "利用者証明用 PIN (JPKI): 1 try left"
run card auth-sign --wait 5 --pin-stdin --last-try --challenge "$challenge" <<< 1234
check "--last-try with the right PIN: exit 0" test "$rc" -eq 0
run card status --wait 5
check "a right PIN restores the counter" contains "$out" "利用者証明用 PIN (JPKI): 3 tries left"

# Blocking: three wrong PINs (the third with --last-try).
run card auth-sign --wait 5 --pin-stdin --challenge "$challenge" <<< 0000
run card auth-sign --wait 5 --pin-stdin --challenge "$challenge" <<< 0000
run card auth-sign --wait 5 --pin-stdin --last-try --challenge "$challenge" <<< 0000
check "the third wrong PIN blocks: exit 1" test "$rc" -eq 1
check "and says it is blocked now" contains "$err" "now blocked"
run card auth-sign --wait 5 --pin-stdin --last-try --challenge "$challenge" <<< 1234
check "a blocked PIN: even the right PIN is refused" test "$rc" -eq 1
check "a blocked PIN: the municipal office" contains "$err" "municipal office"
run card status --wait 5
check "status: blocked" contains "$out" "利用者証明用 PIN (JPKI): blocked"
run card basic-info --wait 5 --pin-stdin <<< 1234
check "the 券面事項入力補助AP has its own PIN, still usable" test "$rc" -eq 0
stop_card 0

# A card made blocked from the start, and a bad PIN format, which costs no try.
"$kofu" pki persona --ca-dir "$work/pki" --type mynumber --tries-left 0 -o "$work/blocked.json" > /dev/null
start_card 0 "$work/blocked.json"
run card status --wait 5 --json
check "blocked persona: status JSON shows 0 tries" contains "$out" '"jpki_auth": 0'
run card auth-sign --wait 5 --pin-stdin --challenge "$challenge" <<< 12x4
check "a PIN that is not 4 digits: exit 1" test "$rc" -eq 1
check "a PIN that is not 4 digits: nothing sent" contains "$err" "nothing was sent to the card"
stop_card 0

# --- HPKI card ---------------------------------------------------------------------------------------------------
start_card 0 "$pharmacist" --trace
run card status --wait 5
check "HPKI status: exit 0" test "$rc" -eq 0
check "HPKI status: the signature application" contains "$out" "電子署名用 (signature) PIN: 3 tries left"
check "HPKI status: the authentication application" contains "$out" "電子認証用 (authentication) PIN: 3 tries left"
run card auth-sign --wait 5 --pin-stdin --challenge "$challenge" --signature-out "$work/hsig.bin" \
  --certificate-out "$work/hcert.pem" <<< 123456
check "HPKI auth-sign: exit 0" test "$rc" -eq 0
check "HPKI auth-sign: the authentication key by default" contains "$out" "電子認証用 (authentication) key"
check "HPKI auth-sign: openssl verifies" verify_with_openssl "$work/hcert.pem" "$work/hsig.bin"
run pki verify --ca "$work/pki/hpki/ca.crt" "$work/hcert.pem"
check "HPKI certificate chains to the test HPKI CA" test "$rc" -eq 0
run card auth-sign --wait 5 --pin-stdin --key hpki-signature --challenge "$challenge" --signature-out "$work/hsig2.bin" \
  --certificate-out "$work/hcert2.pem" <<< 123456
check "HPKI signature key: exit 0" test "$rc" -eq 0
check "HPKI signature key: openssl verifies" verify_with_openssl "$work/hcert2.pem" "$work/hsig2.bin"
check "HPKI certificates come by extended READ BINARY" grep -q "00B00000 Le 65536 -> 9000" "$work/card0.log"
run card basic-info --wait 5 --pin-stdin <<< 1234
check "basic-info on an HPKI card: not a My Number card (exit 1)" test "$rc" -eq 1
check "basic-info on an HPKI card: says so" contains "$err" "not a My Number card"
stop_card 0

# --- Two readers at once -----------------------------------------------------------------------------------------
start_card 0 "$resident"
start_card 1 "$pharmacist"
"$kofu" card auth-sign --reader "$reader0" --wait 5 --pin-stdin --challenge "$challenge" \
  --signature-out "$work/sig0.bin" --certificate-out "$work/cert0.pem" > "$work/out0" 2>&1 <<< 1234 &
first=$!
"$kofu" card auth-sign --reader "$reader1" --wait 5 --pin-stdin --challenge "$challenge" \
  --signature-out "$work/sig1.bin" --certificate-out "$work/cert1.pem" > "$work/out1" 2>&1 <<< 123456 &
second=$!
wait "$first"; rc0=$?
wait "$second"; rc1=$?
check "two readers: the My Number card in slot 0 signs" test "$rc0" -eq 0
check "two readers: the HPKI card in slot 1 signs at the same time" test "$rc1" -eq 0
check "two readers: slot 0's signature verifies" verify_with_openssl "$work/cert0.pem" "$work/sig0.bin"
check "two readers: slot 1's signature verifies" verify_with_openssl "$work/cert1.pem" "$work/sig1.bin"
stop_cards

finish
