#!/usr/bin/env bash
# tests/golden.sh - whole-compiler golden tests.
#
# Every tests/golden/**/NAME.bdl (and every examples/NAME.bdl, whose expectations live in
# tests/golden/examples/) is compiled with `bdl check`; its exit status, standard output and
# diagnostics (carets included) must equal NAME.expected byte for byte. `bdl json` runs too:
# where NAME.json exists the document must equal it, and every document produced is
# validated against docs/schema/bdl.schema.json.
#
# A first line "# bdl-args: ARGS" adds ARGS to the check command.
#   --update     rewrite the expected files (then review the diff before committing)
#   --no-schema  skip schema validation (sanitizer and valgrind runs)
#   --subset     only every fourth file plus the examples (valgrind is slow)
set -u
cd "$(dirname "$0")/.." || exit 2
BDL=${BDL:-./bdl}
PYTHON=${PYTHON:-/usr/bin/python3}
update=0 schema=1 subset=0
for arg in "$@"; do
    case $arg in
    --update) update=1 ;;
    --no-schema) schema=0 ;;
    --subset) subset=1 ;;
    *) echo "golden.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0 n=0

expected_base() { # the expectation files' path without extension
    case $1 in
    examples/*) local b=${1#examples/}; echo "tests/golden/examples/${b%.bdl}" ;;
    *) echo "${1%.bdl}" ;;
    esac
}

run_one() {
    local file=$1 base args status
    base=$(expected_base "$file")
    args=$(head -n 1 "$file" | sed -n 's/^# bdl-args: //p')
    # shellcheck disable=SC2086
    $BDL check --color never $args "$file" >"$tmp/out" 2>"$tmp/err"
    status=$?
    {
        echo "\$ bdl check $args $file" | tr -s ' '
        echo "exit: $status"
        echo "--- stdout"
        cat "$tmp/out"
        echo "--- stderr"
        cat "$tmp/err"
    } >"$tmp/actual"
    local json="$tmp/json/$n.json"
    # shellcheck disable=SC2086
    $BDL json --color never $args "$file" -o "$json" >/dev/null 2>"$tmp/json-err"
    local jstatus=$?
    if [ $jstatus -ne $status ] && [ $status -ne 2 ]; then
        echo "FAIL $file: bdl json exited $jstatus but bdl check exited $status"
        cat "$tmp/json-err"
        return 1
    fi
    if [ $update = 1 ]; then
        mkdir -p "$(dirname "$base")"
        cp "$tmp/actual" "$base.expected"
        if [ -f "$base.json" ] || [[ $file == examples/* || $file == tests/golden/valid/* ]]; then
            cp "$json" "$base.json"
        fi
        return 0
    fi
    if ! diff -u "$base.expected" "$tmp/actual" >"$tmp/diff" 2>&1; then
        echo "FAIL $file"
        head -n 60 "$tmp/diff"
        return 1
    fi
    if [ -f "$base.json" ] && ! diff -u "$base.json" "$json" >"$tmp/diff" 2>&1; then
        echo "FAIL $file (json)"
        head -n 60 "$tmp/diff"
        return 1
    fi
    return 0
}

mkdir -p "$tmp/json"
i=0
while IFS= read -r file; do
    i=$((i + 1))
    if [ $subset = 1 ] && [ $((i % 4)) -ne 1 ] && [[ $file != examples/* ]]; then
        continue
    fi
    n=$((n + 1))
    if run_one "$file"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done < <(find tests/golden examples -name '*.bdl' | LC_ALL=C sort)

if [ $schema = 1 ] && [ $update = 0 ]; then
    if "$PYTHON" tests/validate_json.py docs/schema/bdl.schema.json "$tmp"/json/*.json; then
        passed=$((passed + 1))
    else
        echo "FAIL schema validation"
        failed=$((failed + 1))
    fi
fi

[ $update = 1 ] && echo "updated $n golden files: review them with git diff"
echo "golden: $passed passed, $failed failed"
[ $failed -eq 0 ]
