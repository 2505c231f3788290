#!/usr/bin/env bash
# tests/csv.sh - bdl csv: one RFC 4180 file per table.
#
#  1. golden files: `bdl csv` of examples/kaizhou-2026.bdl, of the derived columns of
#     examples/keller-fy2024.bdl and tests/golden/diff/jiaoshi-corrected.bdl, and of each file of
#     examples/district/ must write exactly the files of tests/golden/csv/NAME/, byte for
#     byte, and say `wrote PATH` for each on standard error;
#  2. the format: a byte order mark, CRLF line ends, every row as many fields as the
#     header (read back with Python's csv module), quotes doubled, fields with a comma,
#     quote or line break quoted, a leading = + - @ guarded;
#  3. figures exact as written (207.20 stays 207.20, a sum is exact), not stated empty;
#  4. file names: safe and unique (a group named `items` beside the stand-alone items);
#  5. determinism, --depfile, and failures: no FILE, a directory that cannot be made.
#   --update   rewrite tests/golden/csv/ (then review it with git diff)
set -u
cd "$(dirname "$0")/.." || exit 2
BDL=${BDL:-./bdl}
PYTHON=${PYTHON:-/usr/bin/python3}
GOLDEN=tests/golden/csv
update=0
[ "${1:-}" = --update ] && update=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

# NAME SPEC: bdl csv SPEC into a fresh directory, compared with $GOLDEN/NAME.
golden() {
    local name=$1 spec=$2 out="$tmp/golden/$1"
    rm -rf "$out"
    mkdir -p "$out"
    if ! $BDL csv "$spec" -o "$out" 2>"$tmp/err" >/dev/null; then
        fail "csv $spec exited non-zero"; cat "$tmp/err"; return
    fi
    (cd "$out" && ls | LC_ALL=C sort | sed "s|^|wrote $out/|") >"$tmp/want-wrote"
    grep '^wrote ' "$tmp/err" | LC_ALL=C sort >"$tmp/got-wrote"
    if diff -u "$tmp/want-wrote" "$tmp/got-wrote"; then pass; else fail "csv $spec: wrote lines"; fi
    if [ $update = 1 ]; then
        mkdir -p "$GOLDEN/$name"
        rm -f "$GOLDEN/$name"/*.csv
        cp "$out"/*.csv "$GOLDEN/$name/"
        return
    fi
    if diff -ru "$GOLDEN/$name" "$out" >"$tmp/diff"; then pass; else fail "csv $spec differs from $GOLDEN/$name"; head -n 40 "$tmp/diff"; fi
}

golden kaizhou-2026 examples/kaizhou-2026.bdl
golden keller-fy2024 examples/keller-fy2024.bdl         # a share column: percentages
golden jiaoshi-corrected tests/golden/diff/jiaoshi-corrected.bdl # derived bases, computed rates
for spec in examples/district/*.bdl; do
    grep -qE '^(budget|consolidate) ' "$spec" || continue
    golden "district/$(basename "$spec" .bdl)" "$spec"
done
[ $update = 1 ] && { echo "csv: golden files rewritten; review them with git diff"; exit 0; }

# ---- the format, read back ---------------------------------------------------------
cat >"$tmp/odd.bdl" <<'SPEC'
unit 元

budget odd "Quoting, figures and names" {
  unit 元
  columns now "This year, as \"stated\"", before "Last year"

  group items "Group named items" = 0.3 {
    a "Comma, and \"quotes\"" 0.1 code 201
    b "=HYPERLINK(\"http://x\")" 0.2 code economic 30101
    c "two\nlines" -
    memo m "其中：memo" 0.05
  }
  group written "Written decimals" = 207.20, 1.50 {
    x "x" 207.20, 1.500
  }
  item alone "-stand-alone" 5, -3
}
SPEC
mkdir -p "$tmp/odd"
$BDL csv "$tmp/odd.bdl" -o "$tmp/odd" 2>"$tmp/err" >/dev/null
(cd "$tmp/odd" && ls | LC_ALL=C sort) >"$tmp/got"
printf 'odd.items-2.csv\nodd.items.csv\nodd.written.csv\n' >"$tmp/want"
if diff -u "$tmp/want" "$tmp/got"; then pass; else fail "file names: a group named items and the stand-alone items"; fi

if $PYTHON - "$tmp/odd" "$GOLDEN" <<'PY'; then pass; else fail "the CSV format read back"; fi
import csv, glob, io, os, sys
odd, golden = sys.argv[1], sys.argv[2]
problems = []
def rows(path):
    data = open(path, "rb").read()
    if not data.startswith(b"\xef\xbb\xbf"):
        problems.append(f"{path}: no byte order mark")
    text = data[3:].decode("utf-8")
    # every line break outside quotes is CRLF: strip quoted fields, then look
    bare, quoted = [], False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif not quoted:
            bare.append(ch)
    bare = "".join(bare)
    if "\n" in bare.replace("\r\n", ""):
        problems.append(f"{path}: a line end that is not CRLF")
    table = list(csv.reader(io.StringIO(text, newline="")))
    for r in table:
        if len(r) != len(table[0]):
            problems.append(f"{path}: {len(r)} fields where the header has {len(table[0])}")
    return table
for path in sorted(glob.glob(os.path.join(golden, "**", "*.csv"), recursive=True)):
    t = rows(path)
    if t[0][:5] != ["path", "label", "code", "kind", "unit"]:
        problems.append(f"{path}: header {t[0][:5]}")
items = rows(os.path.join(odd, "odd.items.csv"))
want = [
    ["path", "label", "code", "kind", "unit", 'This year, as "stated"', "Last year"],
    ["items", "Group named items", "", "group", "元", "0.3", ""],
    ["items.a", 'Comma, and "quotes"', "201", "item", "元", "0.1", ""],
    ["items.b", "'=HYPERLINK(\"http://x\")", "economic:30101", "item", "元", "0.2", ""],
    ["items.c", "two lines", "", "item", "元", "", ""],
    ["items.m", "其中：memo", "", "memo", "元", "0.05", ""],
]
if items != want:
    problems.append(f"odd.items.csv: {items}")
written = rows(os.path.join(odd, "odd.written.csv"))
if written[1][5:] != ["207.20", "1.50"] or written[2][5:] != ["207.20", "1.500"]:
    problems.append(f"odd.written.csv: figures {written[1:]}")
alone = rows(os.path.join(odd, "odd.items-2.csv"))
if alone[1] != ["alone", "'-stand-alone", "", "item", "元", "5", "-3"]:
    problems.append(f"odd.items-2.csv: {alone}")
raw = open(os.path.join(odd, "odd.items.csv"), "rb").read()
if b'"Comma, and ""quotes"""' not in raw:
    problems.append("quotes are not doubled inside a quoted field")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY

# ---- determinism -----------------------------------------------------------------------
mkdir -p "$tmp/again"
$BDL csv examples/kaizhou-2026.bdl -o "$tmp/again" 2>/dev/null
if diff -r "$tmp/golden/kaizhou-2026" "$tmp/again" >/dev/null; then pass; else fail "two runs differ"; fi

# ---- --depfile ------------------------------------------------------------------------
$BDL csv examples/kaizhou-2026.bdl -o "$tmp/dep" --depfile "$tmp/d" 2>/dev/null
if head -n 1 "$tmp/d" | grep -q "^$tmp/dep/kaizhou_dcoc.income.csv .*kaizhou_dcoc.items.csv: "; then pass
else fail "--depfile: $(head -n 1 "$tmp/d")"; fi

# ---- failures -------------------------------------------------------------------------
$BDL csv 2>"$tmp/err"
if [ $? = 2 ] && grep -q "csv needs at least one FILE" "$tmp/err"; then pass; else fail "csv without FILE"; fi
$BDL csv examples/kaizhou-2026.bdl -o "$tmp/no/such/dir" 2>"$tmp/err"
if [ $? = 2 ] && grep -q "cannot create $tmp/no/such/dir" "$tmp/err"; then pass; else fail "csv into a missing parent"; fi
mkdir -p "$tmp/ro"
chmod 555 "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
    $BDL csv examples/kaizhou-2026.bdl -o "$tmp/ro" 2>"$tmp/err"
    if [ $? = 2 ] && grep -q "cannot write" "$tmp/err" && [ -z "$(ls "$tmp/ro")" ]; then pass
    else fail "csv into a read-only directory"; fi
else
    echo "SKIP csv into a read-only directory: root writes anywhere"
fi

echo "csv: $passed passed, $failed failed"
[ $failed = 0 ]
