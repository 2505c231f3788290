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
