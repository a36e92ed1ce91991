#!/usr/bin/env bash
# kofu jahis decode|encode|split|merge: exit codes, JSON on stdout, problems on stderr, files written.
# Usage: jahis_cli_test.sh KOFU SAMPLES_DIR TESTDATA_DIR
set -uo pipefail
kofu=$1 samples=$2 testdata=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../support/check.sh"

run jahis decode "$samples/prescription.txt"
check "decode prescription exits 0" test "$rc" -eq 0
check "prescription JSON has format rx" contains "$out" '"format": "rx"'
check "prescription JSON has the first drug" contains "$out" '"drug_name": "ｺﾘｵﾊﾟﾝｶﾌﾟｾﾙ5mg"'
check "prescription birth date in ISO" contains "$out" '"birth_date_iso": "1970-04-01"'
check "LF line ends are a warning in lenient mode" contains "$err" 'warning: 25 line(s) end with LF alone'

run jahis decode --strict "$samples/prescription.txt"
check "strict decode of LF lines exits 1" test "$rc" -eq 1
check "strict mode names the error" contains "$err" 'error: 25 line(s) end with LF alone'

sed -e 's/^13,3450401/13,3451301/' "$samples/prescription.txt" > "$work/bad-date.txt"
run jahis decode "$work/bad-date.txt"
check "bad birth date exits 1" test "$rc" -eq 1
check "bad birth date names line, record, field" contains "$err" 'line 9, record 13, field 1 (患者生年月日): error: month 13 does not exist'

printf 'hello\r\n' > "$work/garbage.txt"
run jahis decode "$work/garbage.txt"
check "not a JAHIS payload exits 1" test "$rc" -eq 1
check "not a JAHIS payload says so" contains "$err" 'not a JAHIS payload'

run jahis decode "$work/no-such-file"
check "missing file is a usage error (2)" test "$rc" -eq 2
check "missing file is named" contains "$err" 'no-such-file: cannot open'
run jahis decode
check "missing argument is a usage error (2)" test "$rc" -eq 2
run jahis decode --format xml "$samples/notebook.txt"
check "bad --format is a usage error (2)" test "$rc" -eq 2

# encode: JSON -> Shift_JIS with CR LF, which decodes to the same JSON.
"$kofu" jahis decode "$samples/notebook.txt" > "$work/notebook.json" 2>/dev/null
run jahis encode "$work/notebook.json" -o "$work/notebook.sjis"
check "encode exits 0" test "$rc" -eq 0
check "encoded payload starts with the version record and CR LF" test "$(head -c 13 "$work/notebook.sjis" | od -An -c | tr -s ' ')" = " J A H I S T C 0 8 , 1 \r \n"
"$kofu" jahis decode --strict "$work/notebook.sjis" > "$work/notebook-again.json"; rc=$?
check "the encoded payload is strictly valid" test "$rc" -eq 0
check "decode(encode(json)) == json" cmp -s "$work/notebook.json" "$work/notebook-again.json"

printf '{"format":"tc","version":"JAHISTC08","patient":{"patient_name":3}}' > "$work/bad.json"
run jahis encode "$work/bad.json"
check "encode of a wrong type exits 1" test "$rc" -eq 1
check "encode names the JSON path" contains "$err" '$.patient.patient_name: expected a string, found number'
run jahis encode "$work/notebook.json" -o "$work/no-such-dir/x"
check "unwritable output is a usage error (2)" test "$rc" -eq 2

# split and merge (record 911)
run jahis split --max-bytes 400 --id 20261120093000 -o "$work/part" "$work/notebook.sjis"
check "split exits 0" test "$rc" -eq 0
check "split writes 3 parts" test "$(ls "$work"/part-*.txt | wc -l)" -eq 3
check "every part fits in 400 bytes" test "$(wc -c "$work"/part-*.txt | sort -n | tail -2 | head -1 | awk '{print $1}')" -le 400
check "each part ends with its 911 record" grep -q $'^911,20261120093000,3,2\r$' "$work/part-2.txt"
run jahis merge "$work/part-3.txt" "$work/part-1.txt" "$work/part-2.txt" -o "$work/joined.sjis"
check "merge in any order exits 0" test "$rc" -eq 0
check "merge restores the payload byte for byte" cmp -s "$work/notebook.sjis" "$work/joined.sjis"
run jahis merge "$work/part-1.txt" "$work/part-3.txt"
check "merge with a part missing exits 1" test "$rc" -eq 1
check "merge names the missing part" contains "$err" 'part 2 of 3 (データ固有ID 20261120093000) is missing'
run jahis merge "$work/part-1.txt" "$work/part-1.txt" "$work/part-2.txt" "$work/part-3.txt"
check "merge names a duplicated part" contains "$err" 'part 1 of 3 is given twice'
run jahis split --max-bytes 400 --id 123 "$work/notebook.sjis"
check "split rejects a bad data ID" contains "$err" 'データ固有ID must be 14 digits'

run --version
check "--version prints the version" contains "$out" 'kofu 0.'

# The conformance vectors, when present.
if [[ -d "$testdata/jahis" ]]; then
  for f in "$testdata"/jahis/tc-v26-appendix1-example-*.sjis.txt "$testdata"/jahis/rx-*.sjis.txt; do
    "$kofu" jahis decode "$f" > "$work/v.json" 2>/dev/null
    "$kofu" jahis encode "$work/v.json" -o "$work/v.sjis" 2>/dev/null
    check "$(basename "$f") decodes and re-encodes byte for byte" cmp -s "$f" "$work/v.sjis"
  done
else
  echo "skipped: conformance vectors not found at $testdata"
fi

finish
