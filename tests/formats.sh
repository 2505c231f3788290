#!/usr/bin/env bash
# tests/formats.sh - every --diagnostics format on tests/golden/formats/*.bdl:
# text, json, sarif, github and codeclimate output must equal NAME.FORMAT.expected byte
# for byte; the SARIF is validated against the official SARIF 2.1.0 schema
# (tests/schema, with its source), the code quality report against tests/schema/gitlab-codequality
# (written from GitLab's documentation) with unique fingerprints, the JSON must parse,
# and github lines must be well-formed workflow commands.
#   --update   rewrite the expected files (review the diff)
set -u
cd "$(dirname "$0")/.." || exit 2
BDL=${BDL:-./bdl}
PYTHON=${PYTHON:-/usr/bin/python3}
SARIF_SCHEMA=${SARIF_SCHEMA:-tests/schema/sarif-schema-2.1.0.json}
CODEQUALITY_SCHEMA=tests/schema/gitlab-codequality.schema.json
update=0
[ "${1:-}" = --update ] && update=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

for file in tests/golden/formats/*.bdl; do
    base=${file%.bdl}
    for format in text json sarif github codeclimate; do
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
        fail "$file: $SARIF_SCHEMA not found"
    fi
    $BDL check --diagnostics codeclimate "$file" >"$tmp/doc.cq.json" 2>/dev/null
    if "$PYTHON" tests/validate_json.py "$CODEQUALITY_SCHEMA" "$tmp/doc.cq.json" >/dev/null; then pass; else fail "$file: code quality schema"; fi
    if "$PYTHON" -c 'import json,sys; f=[i["fingerprint"] for i in json.load(open(sys.argv[1]))]; sys.exit(len(f) != len(set(f)))' \
        "$tmp/doc.cq.json"; then pass; else fail "$file: code quality fingerprints repeat"; fi
    $BDL check --diagnostics json "$file" >"$tmp/doc.json" 2>/dev/null
    if "$PYTHON" -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/doc.json"; then pass; else fail "$file: json does not parse"; fi
    if $BDL check --diagnostics github "$file" 2>/dev/null |
        grep -vqE '^::(error|warning|notice) file=[^,]+,line=[0-9]+,col=[0-9]+,endLine=[0-9]+,endColumn=[0-9]+,title=[EWN][0-9]{4}::'; then
        fail "$file: malformed github line"
    else
        pass
    fi
done

# A code quality fingerprint does not depend on the line's number: a line added above
# moves every issue down one line and keeps every fingerprint. A path given as ./FILE
# is reported as FILE (GitLab wants paths relative to the repository).
fingerprints() { "$PYTHON" -c 'import json,sys; [print(i["location"]["lines"]["begin"], i["fingerprint"]) for i in json.load(sys.stdin)]'; }
mkdir "$tmp/moved"
cp tests/golden/formats/three-errors.bdl "$tmp/moved/spec.bdl"
before=$($BDL check --diagnostics codeclimate "$tmp/moved/spec.bdl" 2>/dev/null | fingerprints)
{ echo '# a new first line'; cat tests/golden/formats/three-errors.bdl; } >"$tmp/moved/spec.bdl"
after=$($BDL check --diagnostics codeclimate "$tmp/moved/spec.bdl" 2>/dev/null | fingerprints)
expected_after=$(echo "$before" | awk '{ print $1 + 1, $2 }')
if [ -n "$before" ] && [ "$after" = "$expected_after" ]; then pass; else
    fail "codeclimate fingerprints moved with their line: before [$before] after [$after]"
fi
if [ "$($BDL check --diagnostics codeclimate ./tests/golden/formats/three-errors.bdl 2>/dev/null |
        grep -c '"path":	"tests/golden/formats/three-errors.bdl"')" = 3 ]; then pass; else fail "codeclimate ./ path"; fi

# A spec without diagnostics gives an empty report, which GitLab reads as "no issues".
if [ "$($BDL check --diagnostics codeclimate examples/kaizhou-2026.bdl 2>/dev/null)" = "[]" ]; then pass; else fail "codeclimate: clean spec is not []"; fi

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
