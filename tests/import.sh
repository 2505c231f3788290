#!/usr/bin/env bash
# tests/import.sh - `bdl import`, run whole: every case's exit status, standard output and
# diagnostics must equal tests/golden/import/runs/NAME.expected byte for byte; the specs
# it writes for the kept fixtures must equal tests/golden/import/NAME.bdl (which
# tests/golden.sh checks in turn: no errors, the identities asserted); a planted
# inconsistency is reported by `bdl check` at the imported line; the CSV of the example
# gives the example's figures; and the limits of docs/limits.md hold in time and memory.
# The workbooks come from tests/fixtures/make_workbooks.py (make writes build/fixtures).
#   --update  rewrite the expected files (then review the diff)
#   --quick   leave out the slow limits (a zip bomb, 10^6 rows): for valgrind
set -u
cd "$(dirname "$0")/.." || exit 2
BDL=${BDL:-./bdl}
PYTHON=${PYTHON:-/usr/bin/python3}
F=build/fixtures
G=tests/golden/import
update=0 quick=0
for arg in "$@"; do
    case $arg in
    --update) update=1 ;;
    --quick) quick=1 ;;
    *) echo "import.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done
[ -f $F/.made ] || { echo "import.sh: run make build/fixtures/.made first" >&2; exit 2; }
tmp=tests/tmp/import
rm -rf "$tmp" && mkdir -p "$tmp" "$G/runs"
passed=0 failed=0

pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# run NAME ARGS...: the transcript of `bdl import ARGS` against runs/NAME.expected.
run() {
    local name=$1 status
    shift
    # shellcheck disable=SC2086
    $BDL import "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    {
        echo "\$ bdl import $*"
        echo "exit: $status"
        echo "--- stdout"
        cat "$tmp/out"
        echo "--- stderr"
        cat "$tmp/err"
    } >"$tmp/$name.actual"
    compare "$tmp/$name.actual" "$G/runs/$name.expected" "$name"
}

compare() { # actual expected name
    if [ $update = 1 ]; then
        cp "$1" "$2"
        return
    fi
    if diff -u "$2" "$1" >"$tmp/diff"; then pass; else fail "$3"; head -n 40 "$tmp/diff"; fi
}

# spec NAME FIXTURE: the spec written for a kept fixture, byte for byte, twice the same.
spec() {
    $BDL import "$2" >"$tmp/$1.bdl" 2>"$tmp/$1.err" || { fail "$1 (exit $?)"; cat "$tmp/$1.err"; return; }
    $BDL import "$2" -o "$tmp/$1.again.bdl" 2>/dev/null
    if cmp -s "$tmp/$1.bdl" "$tmp/$1.again.bdl"; then pass; else fail "$1: -o and standard output differ"; fi
    compare "$tmp/$1.bdl" "$G/$1.bdl" "$1 (spec)"
}

# --- the kept fixtures are what make_workbooks.py writes, byte for byte ----------------
mkdir -p "$tmp/kept"
"$PYTHON" tests/fixtures/make_workbooks.py --kept "$tmp/kept"
for f in "$tmp"/kept/*.xlsx; do
    if cmp -s "$f" "tests/fixtures/${f##*/}"; then pass; else fail "tests/fixtures/${f##*/} is not what make_workbooks.py writes"; fi
done

# --- the specs of the kept fixtures, and what --dry-run says about them ---------------
spec cn-dept-2026 tests/fixtures/cn-dept-2026.xlsx
spec us-fund-summary tests/fixtures/us-fund-summary.xlsx
spec kaizhou-2026-csv tests/fixtures/kaizhou-2026.csv
run dry-run tests/fixtures/cn-dept-2026.xlsx --dry-run
run table-xls $F/table.xls
run grouped $F/grouped.csv

# --- a layout that is not recognised, told by a rules file ----------------------------
run rules tests/fixtures/odd-layout.csv --rules tests/fixtures/odd-layout.rules
run rules-dry-run tests/fixtures/odd-layout.csv --rules tests/fixtures/odd-layout.rules --dry-run
run rules-errors tests/fixtures/odd-layout.csv --rules tests/fixtures/bad.rules
run rules-missing-sheet tests/fixtures/cn-dept-2026.xlsx --rules tests/fixtures/missing-sheet.rules

# --- a planted inconsistency is reported by bdl check at the imported line -------------
$BDL import $F/cn-dept-planted.xlsx -o "$tmp/planted.bdl" 2>/dev/null
$BDL check --color never "$tmp/planted.bdl" >"$tmp/out" 2>"$tmp/err"
{ echo "exit: $?"; cat "$tmp/out" "$tmp/err"; } >"$tmp/planted.actual"
compare "$tmp/planted.actual" "$G/runs/planted-check.expected" planted-check

# --- the CSV of examples/kaizhou-2026.bdl gives the example's figures ------------------
$BDL json examples/kaizhou-2026.bdl -o "$tmp/example.json" 2>/dev/null
$BDL json "$G/kaizhou-2026-csv.bdl" -o "$tmp/csv.json" 2>/dev/null
if "$PYTHON" - "$tmp/example.json" "$tmp/csv.json" <<'EOF'; then pass; else fail "csv figures"; fi
import json, sys
def figures(path):
    out = {}
    def walk(items):
        for it in items:
            out.setdefault(it["label"], it["values"])
            walk(it.get("children", []))
    for b in json.load(open(path))["budgets"]:
        walk(b["items"])
    return out
example, csv = figures(sys.argv[1]), figures(sys.argv[2])
labels = [l for l in csv if l in example]
bad = [l for l in labels if csv[l] != example[l]]
for l in bad:
    print("  %s: example %s, csv %s" % (l, example[l], csv[l]))
sys.exit(1 if bad or len(labels) < 10 else 0)
EOF

# --- every E10xx and W10xx at its place -----------------------------------------------
run truncated $F/truncated.xlsx
run html-named-xls $F/page.xls
run encrypted $F/encrypted.xlsx
run laughs $F/laughs.xlsx
run many-sheets $F/many-sheets.xlsx
run bad-cells $F/bad-cells.xlsx
run gbk $F/gbk.csv
run unclosed $F/unclosed.csv
run no-label $F/no-label.csv
run no-table $F/no-table.csv
run wide-row $F/wide-row.csv
run big-cell $F/big-cell.csv
run no-catalogue $F/cn-dept-2031.xlsx -o "$tmp/2031.bdl"
run missing $F/no-such-file.xlsx
run usage one.csv two.csv
run dry-run-writes-nothing tests/fixtures/kaizhou-2026.csv --dry-run -o "$tmp/x.bdl"

# --- --into: a workbook's figures into the spec the author went on working on ---------
# figures_only OLD NEW: NEW is OLD with figures changed and lines added, nothing else: no
# line deleted, and a changed line equal to its old self once its figures are blanked.
figures_only() {
    "$PYTHON" - "$1" "$2" <<'EOF'
import difflib, re, sys
old, new = (open(p, encoding="utf-8").read().splitlines() for p in sys.argv[1:3])
FIGURE = re.compile(r"\(?[-−]?[$¥£€]?[0-9][0-9,]*(\.[0-9]+)?\)?|(?<![\w.])-(?![\w.])")
bad = []
for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
    if op in ("delete",) or (op == "replace" and a2 - a1 != b2 - b1):
        bad += old[a1:a2]
    if op == "replace" and a2 - a1 == b2 - b1:
        bad += [o for o, n in zip(old[a1:a2], new[b1:b2]) if FIGURE.sub("#", o) != FIGURE.sub("#", n)]
for line in bad:
    print("  changed beyond its figures: " + line)
sys.exit(1 if bad else 0)
EOF
}
# One figure edited in the workbook: only that figure's bytes differ, and the spec checks.
$BDL import tests/fixtures/us-fund-summary.xlsx -o "$tmp/us.bdl" 2>/dev/null
cp "$tmp/us.bdl" "$tmp/us-before.bdl"
run into-one-figure $F/us-fund-net.xlsx --into "$tmp/us.bdl"
if "$PYTHON" - "$tmp/us-before.bdl" "$tmp/us.bdl" <<'EOF'; then pass; else fail "into: more than the one figure changed"; fi
import os, sys
a, b = (open(p, "rb").read() for p in sys.argv[1:3])
head = len(os.path.commonprefix([a, b]))
tail = len(os.path.commonprefix([a[head:][::-1], b[head:][::-1]]))
sys.exit(0 if (a[head:len(a) - tail], b[head:len(b) - tail]) == (b"75", b"80") else 1)
EOF
if $BDL check "$tmp/us.bdl" >/dev/null 2>&1; then pass; else fail "into: the spec no longer checks"; fi
# The author's spec (figures as published, a note) and the workbook a month later: each
# figure is written as the spec wrote it, grouped or in parentheses.
run into-styles $F/us-fund-revised.xlsx --into $G/into/us-authored.bdl -o "$tmp/us-revised.bdl"
compare "$tmp/us-revised.bdl" "$G/into/us-revised.bdl" "into-styles (spec)"
if figures_only $G/into/us-authored.bdl "$tmp/us-revised.bdl"; then pass; else fail "into-styles: not only figures"; fi
# The CN workbook a month later into the author's spec (IDs renamed, a note, a tag,
# comments, a check, a text, a table deleted): figures rewritten, a row and the table
# added, a row gone reported (W1003), and the spec still checks (tests/golden.sh).
run into-cn $F/cn-dept-revised.xlsx --into $G/into/cn-authored.bdl -o "$tmp/cn-revised.bdl"
compare "$tmp/cn-revised.bdl" "$G/into/cn-revised.bdl" "into-cn (spec)"
if figures_only $G/into/cn-authored.bdl "$tmp/cn-revised.bdl"; then pass; else fail "into-cn: not only figures"; fi
# Rows the spec has no group for (W1005), a column it lacks (W1004).
cp "$tmp/us-before.bdl" "$tmp/us.bdl"
run into-no-group $F/us-fund-split.xlsx --into "$tmp/us.bdl" -o -
run into-no-column $F/us-fund-wider.xlsx --into "$tmp/us.bdl" -o "$tmp/none.bdl"
# W1005's fix: the item made a group (on one line, with no rows): the rows go into it.
sed 's/^      item public_safety .*# A12$/      group public_safety "Public Safety" = 10500, 10900, 11300 { }  # A12/' \
    "$tmp/us-before.bdl" >"$tmp/us-group.bdl"
$BDL import $F/us-fund-split.xlsx --into "$tmp/us-group.bdl" 2>/dev/null
compare "$tmp/us-group.bdl" "$G/into/us-split.bdl" "into: rows into the group made for them"
# Specs written by hand: a group on one line (a new row goes on a line of its own, the
# brace after it; an item without a label is matched by none, W1003), a budget with no
# group (the table goes before its brace) and none with no values.
printf 'Item,FY 2026\nA,1\nB,2\nC,5\nTotal,8\n' >"$tmp/t.csv"
printf 'budget t { columns fy_2026 "FY 2026"\n  group t "t" = 3 { a "A" 1; b 2 }\n}\n' >"$tmp/one-line.bdl"
run into-one-line "$tmp/t.csv" --into "$tmp/one-line.bdl" -o -
printf 'budget t {\n  columns fy_2026 "FY 2026"\n}\n' >"$tmp/empty.bdl"
run into-empty-budget "$tmp/t.csv" --into "$tmp/empty.bdl" -o -
# A grouped figure before a new figure of three digits loses its grouping: "1,234, 567"
# would be E0120 (docs/language.md 2.6).
printf 'Item,FY 2025,FY 2026\nFees,"1,234",567.5\n' >"$tmp/fees.csv"
$BDL import "$tmp/fees.csv" 2>/dev/null | sed 's/ 1234, / 1,234, /' >"$tmp/fees.bdl"
printf 'Item,FY 2025,FY 2026\nFees,"1,234",567\n' >"$tmp/fees.csv"
$BDL import "$tmp/fees.csv" --into "$tmp/fees.bdl" 2>/dev/null
if grep -q ' 1234, 567 ' "$tmp/fees.bdl" && $BDL check "$tmp/fees.bdl" >/dev/null 2>&1; then pass; else fail "into: grouping before three digits"; fi
# In place: the spec keeps its permissions; a dry run shows the change and writes nothing;
# a failed import leaves the spec as it was; a spec that does not parse, or whose budget
# cannot be told, is E1016.
cp $G/into/cn-authored.bdl "$tmp/cn.bdl" && chmod 640 "$tmp/cn.bdl"
$BDL import $F/cn-dept-revised.xlsx --into "$tmp/cn.bdl" 2>/dev/null
if cmp -s "$tmp/cn.bdl" $G/into/cn-revised.bdl && [ "$(stat -c %a "$tmp/cn.bdl")" = 640 ]; then pass; else fail "into: in place"; fi
cp $G/into/cn-authored.bdl "$tmp/cn.bdl"
run into-dry-run $F/cn-dept-revised.xlsx --into "$tmp/cn.bdl" --dry-run
$BDL import $F/bad-cells.xlsx --into "$tmp/cn.bdl" 2>/dev/null
if cmp -s "$tmp/cn.bdl" $G/into/cn-authored.bdl && ! ls "$tmp"/cn.bdl.tmp-* >/dev/null 2>&1; then pass; else fail "into: a failed import changed the spec"; fi
printf 'budget b {\n  item a 1\n  item b (2\n}\n' >"$tmp/broken.bdl"
run into-syntax-error $F/us-fund-net.xlsx --into "$tmp/broken.bdl"
printf 'budget north {\n  item a 1\n}\n\nbudget south {\n  item a 2\n}\n' >"$tmp/two.bdl"
run into-which-budget $F/us-fund-net.xlsx --into "$tmp/two.bdl"
run into-missing-spec $F/us-fund-net.xlsx --into "$tmp/no-such.bdl"

# --- the diagnostics in every --diagnostics format, and in colour ----------------------
# A workbook's places (a sheet name Excel quotes), a CSV's fields, a rules file's words.
for format in text json sarif github codeclimate; do
    run "formats-$format" $F/formats.xlsx --color never --diagnostics $format -o "$tmp/none.bdl"
done
run formats-csv $F/no-label.csv --diagnostics github -o "$tmp/none.bdl"
run formats-rules tests/fixtures/odd-layout.csv --rules tests/fixtures/bad.rules --diagnostics codeclimate -o "$tmp/none.bdl"
$BDL import $F/formats.xlsx --diagnostics sarif -o "$tmp/none.bdl" >"$tmp/doc.sarif" 2>/dev/null
if "$PYTHON" tests/validate_json.py tests/schema/sarif-schema-2.1.0.json "$tmp/doc.sarif" >/dev/null; then pass; else fail "SARIF schema"; fi
$BDL import $F/formats.xlsx --diagnostics codeclimate -o "$tmp/none.bdl" >"$tmp/doc.cq.json" 2>/dev/null
if "$PYTHON" tests/validate_json.py tests/schema/gitlab-codequality.schema.json "$tmp/doc.cq.json" >/dev/null; then pass; else fail "code quality schema"; fi
$BDL import $F/formats.xlsx --diagnostics json -o "$tmp/none.bdl" >"$tmp/doc.json" 2>/dev/null
if "$PYTHON" - "$tmp/doc.json" <<'EOF'; then pass; else fail "json diagnostics schema"; fi
import json, sys
import jsonschema
schema = json.load(open("docs/schema/bdl.schema.json"))
doc = json.load(open(sys.argv[1]))
check = {"$defs": schema["$defs"], "type": "array", "items": {"$ref": "#/$defs/diagnostic"}, "minItems": 2}
jsonschema.validate(doc["diagnostics"], check)
EOF
# Machine formats go to standard error when the spec is on standard output.
if $BDL import $F/formats.xlsx --diagnostics github 2>&1 >/dev/null | grep -q '^::error file=build/fixtures/formats.xlsx,line=2,'; then
    pass
else fail "github lines on standard error beside a spec on standard output"; fi
if $BDL import $F/formats.xlsx --color always 2>&1 | grep -q $'\033\[1;31merror\[E1004\]'; then pass; else fail "--color always"; fi
if NO_COLOR=1 $BDL import $F/formats.xlsx 2>&1 | grep -q $'\033\['; then fail "NO_COLOR"; else pass; fi

# nothing is written when the import fails: an existing output is left as it was
echo keep >"$tmp/kept.bdl"
$BDL import $F/bad-cells.xlsx -o "$tmp/kept.bdl" 2>/dev/null
if [ "$(cat "$tmp/kept.bdl")" = keep ] && ! ls "$tmp"/kept.bdl.tmp-* >/dev/null 2>&1; then pass; else fail "a failed import wrote its output"; fi

# --- limits: an error within the limits, never a hang ---------------------------------
if [ $quick = 0 ]; then
    run bomb $F/bomb.xlsx
    run rows $F/rows.csv
    # 10^6 rows: linear time and bounded memory (about 520 MB; docs/limits.md)
    awk 'BEGIN { print "项目,预算数"; for (i = 1; i <= 1000000; i++) printf "项目%d,%d.%02d\n", i, i % 1000, i % 100 }' >"$tmp/million.csv"
    limit=""
    [ -z "${ASAN_OPTIONS:-}" ] && limit="ulimit -v 1200000;"
    if timeout 300 bash -c "$limit $BDL import $tmp/million.csv -o $tmp/million.bdl" 2>/dev/null &&
        [ "$(grep -c '^    item ' "$tmp/million.bdl")" = 1000000 ]; then pass; else fail "10^6 rows"; fi
    rm -f "$tmp/million.csv" "$tmp/million.bdl"
fi

[ $update = 1 ] && echo "updated the import expectations: review them with git diff"
echo "import: $passed passed, $failed failed"
[ $failed -eq 0 ]
