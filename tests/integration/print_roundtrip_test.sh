#!/usr/bin/env bash
# Round trip, for every profile: a document with Japanese text and QR codes (an SHC-like numeric payload, a URL, and
# a Shift_JIS JAHIS payload split with structured append) → kofu print render → PNG → ZXing-cpp decodes every
# symbol, byte-exact; and the same document → kofu print send → kofu-printsim over TCP → its page PNG → the same
# bytes. One profile also goes over the serial path (kofu-printsim's pty).
# Usage: print_roundtrip_test.sh KOFU KOFU_PRINTSIM QR_PROBE
set -euo pipefail
kofu=$1 printsim=$2 probe=$3
work=$(mktemp -d)
source "$(dirname "$0")/printsim_env.sh"
trap 'stop_printsim; rm -rf "$work"' EXIT

hex() { od -An -tx1 -v | tr -d ' \n' | tr a-f A-F; }

shc="shc:/$(for i in $(seq 1 900); do printf '%02d' $((i * 37 % 78)); done)"
url="https://vc.example.jp/verify/CHY-2026-000123"
jahis=$'JAHISTC07,1\r\n1,山田\u3000花子,1,19850401,,,,,,,\r\n5,20261122,,\r\n11,さくら薬局,13,1,1234567,,\r\n'
for i in $(seq 1 40); do jahis+=$'201,'"$i"$',1,ロキソプロフェンナトリウム錠６０ｍｇ,3,錠,1,\r\n301,'"$i"$',1,毎食後,,\r\n'; done
expected_shc=$(printf '%s' "$shc" | hex)
expected_url=$(printf '%s' "$url" | hex)
expected_jahis=$(printf '%s' "$jahis" | iconv -f UTF-8 -t SHIFT_JIS | hex)

jq -n --arg shc "$shc" --arg url "$url" --arg jahis "$jahis" '{blocks: [
  {type: "text", text: "予防接種済証・お薬手帳 印刷の往復試験", scale: 2, bold: true, align: "center"},
  {type: "text", text: "氏名　髙橋 𠮷子（外字を含む名前も印字されること）"},
  {type: "rule"},
  {type: "qr", data: $shc, ecc: "L", max_version: 22, native: "never", caption: "SMART Health Card"},
  {type: "qr", data: $url, ecc: "M"},
  {type: "qr", data: $jahis, encoding: "shift_jis", ecc: "M", max_version: 12, max_symbols: 16},
  {type: "cut"}]}' > "$work/doc.json"

check_decodes() {  # PNG... : every expected payload decodes byte-exact, and nothing else
  local messages
  messages=$("$probe" "$@" | awk '$1 == "message" {print $2}' | sort)
  local expected
  expected=$(printf '%s\n%s\n%s\n' "$expected_shc" "$expected_url" "$expected_jahis" | sort)
  if [[ "$messages" != "$expected" ]]; then
    echo "FAIL: the QR codes in $* do not decode to the payloads"
    "$probe" "$@" | cut -c1-160
    return 1
  fi
}

for profile in $("$kofu" print profiles | cut -f1); do
  out=$("$kofu" print render "$work/doc.json" --profile "$profile" --png "$work/$profile.png" \
        --escpos "$work/$profile.bin")
  symbols=$(jq '[.qr_codes[].symbols] | add' <<< "$out")
  [[ $symbols -ge 4 ]] || { echo "FAIL: $profile: expected a structured-append sequence: $out"; exit 1; }
  check_decodes "$work/$profile.png"

  start_printsim "$profile"
  out=$("$kofu" print send "$work/doc.json" --profile "$profile" --to "$printer" 2> "$work/send.log") ||
    { echo "FAIL: $profile: send failed"; cat "$work/send.log" "$work/printsim.log"; exit 1; }
  [[ $(jq .printed <<< "$out") == true ]] || { echo "FAIL: $profile: not printed: $out"; exit 1; }
  wait_for_page 1
  [[ $(jq -r .ended_by "$work/paper/job-0001.json") == cut ]] || { echo "FAIL: $profile: page not cut"; exit 1; }
  check_decodes "$work/paper/job-0001.png"
  # The printer printed what render showed, dot for dot.
  cmp -s "$work/paper/job-0001.png" "$work/$profile.png" || { echo "FAIL: $profile: printsim page differs from render"; exit 1; }
  echo "ok: $profile ($(jq -c '[.bytes, .paper_mm]' <<< "$out") bytes, mm)"
done

# The serial path: the same job through kofu-printsim's pty.
start_printsim tm-t20-jp
out=$("$kofu" print send "$work/doc.json" --profile tm-t20-jp --native-text \
      --to "serial:$work/pty?115200,8N1,none" 2> "$work/send.log") ||
  { echo "FAIL: serial send failed"; cat "$work/send.log" "$work/printsim.log"; exit 1; }
[[ $(jq .printed <<< "$out") == true ]] || { echo "FAIL: serial: not printed: $out"; exit 1; }
wait_for_page 1
check_decodes "$work/paper/job-0001.png"
echo "ok: serial (tm-t20-jp, native text)"
echo "PASS"
