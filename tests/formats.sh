#!/usr/bin/env bash
# tests/formats.sh - every --diagnostics format on tests/golden/formats/*.bdl:
# text, json, sarif and github output must equal NAME.FORMAT.expected byte for byte;
# the SARIF is validated against the official SARIF 2.1.0 schema (../shared/schemas),
# the JSON must parse, and github lines must be well-formed workflow commands.
#   --update   rewrite the expected files (review the diff)
set -u
cd "$(dirname "$0")/.." || exit 2
BDL=${BDL:-./bdl}
PYTHON=${PYTHON:-/usr/bin/python3}
SARIF_SCHEMA=../shared/schemas/sarif-schema-2.1.0.json
update=0
[ "${1:-}" = --update ] && update=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

for file in tests/golden/formats/*.bdl; do
    base=${file%.bdl}
    for format in text json sarif github; do
        out="$tmp/$format"
        $BDL check --color never --diagnostics "$format" "$file" >"$out" 2>&1
        echo "exit: $?" >>"$out"
        if [ $update = 1 ]; then
            cp "$out" "$base.$format.expected"
        elif diff -u "$base.$format.expected" "$out" >"$tmp/diff"; then
            pass
        else
            fail "$file --diagnostics $format"
            head -n 40 "$tmp/diff"
        fi
    done
    $BDL check --diagnostics sarif "$file" >"$tmp/doc.sarif" 2>/dev/null
    if [ -f "$SARIF_SCHEMA" ]; then
        if "$PYTHON" tests/validate_json.py "$SARIF_SCHEMA" "$tmp/doc.sarif" >/dev/null; then pass; else fail "$file: SARIF schema"; fi
    else
        fail "$file: $SARIF_SCHEMA not found (shared/ must sit beside the project)"
    fi
    $BDL check --diagnostics json "$file" >"$tmp/doc.json" 2>/dev/null
    if "$PYTHON" -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/doc.json"; then pass; else fail "$file: json does not parse"; fi
    if $BDL check --diagnostics github "$file" 2>/dev/null |
        grep -vqE '^::(error|warning) file=[^,]+,line=[0-9]+,col=[0-9]+,endLine=[0-9]+,endColumn=[0-9]+,title=[EW][0-9]{4}::'; then
        fail "$file: malformed github line"
    else
        pass
    fi
done

# -q prints only the summary line.
if [ "$($BDL check -q --color never tests/golden/formats/three-errors.bdl 2>&1)" = \
     "tests/golden/formats/three-errors.bdl: 2 errors, 1 warning" ]; then pass; else fail "-q summary line"; fi
# NO_COLOR and TERM=dumb turn colour off even with a terminal; --color always forces it.
if $BDL check --color always tests/golden/formats/three-errors.bdl 2>&1 | grep -q $'\033\['; then pass; else fail "--color always"; fi
if NO_COLOR=1 script -qec "$BDL check tests/golden/formats/three-errors.bdl" /dev/null 2>&1 | grep -q $'\033\['; then
    fail "NO_COLOR"
else pass; fi
if TERM=dumb script -qec "$BDL check tests/golden/formats/three-errors.bdl" /dev/null 2>&1 | grep -q $'\033\['; then
    fail "TERM=dumb"
else pass; fi

[ $update = 1 ] && echo "updated: review tests/golden/formats with git diff"
echo "formats: $passed passed, $failed failed"
[ $failed -eq 0 ]
