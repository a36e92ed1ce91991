#!/usr/bin/env bash
# make demo: what kofu does today, on its own sample data (docs/samples).
# A pharmacy counter reads two kinds of QR payload: the prescription (JAHIS Rx) and the medication notebook
# (JAHIS TC). The samples are kept as readable UTF-8; the demo first turns each into the Shift_JIS + CR LF bytes
# a QR symbol carries, then decodes those bytes as the counter would.
set -euo pipefail
build=${1:-build/default}
kofu="$build/firmware/cli/kofu"
work="$build/demo"
mkdir -p "$work"
here=$(cd "$(dirname "$0")/.." && pwd)

heading() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

for sample in prescription notebook; do
  "$kofu" jahis decode "$here/docs/samples/$sample.txt" 2>/dev/null > "$work/$sample.json" || true
  "$kofu" jahis encode "$work/$sample.json" -o "$work/$sample.sjis"
done

heading "院外処方箋 (JAHIS Rx): $(wc -c < "$work/prescription.sjis") bytes of Shift_JIS, decoded"
"$kofu" jahis decode "$work/prescription.sjis"

heading "電子版お薬手帳 (JAHIS TC): $(wc -c < "$work/notebook.sjis") bytes of Shift_JIS, decoded"
"$kofu" jahis decode "$work/notebook.sjis"

heading "The notebook split for QR symbols of at most 400 bytes (record 911), then joined again"
"$kofu" jahis split --max-bytes 400 --id 20261120093000 -o "$work/notebook-part" "$work/notebook.sjis"
"$kofu" jahis merge "$work"/notebook-part-*.txt -o "$work/notebook-joined.sjis"
cmp "$work/notebook.sjis" "$work/notebook-joined.sjis" && echo "joined payload is byte for byte the original"

heading "A damaged prescription: the problems name line, record and field"
sed -e 's/^13,3450401/13,3451301/' -e 's/^201,1,1,1,2,620004992,/201,1,1,1,2,,/' "$here/docs/samples/prescription.txt" \
  > "$work/damaged.txt"
"$kofu" jahis decode "$work/damaged.txt" > /dev/null || echo "(exit status $?: invalid input)"
