#!/usr/bin/env bash
# tests/diff.sh - `bdl diff` against reviewed expectations:
#   each tests/golden/diff/NAME.bdl is compared with examples/kaizhou-2026.bdl (the old
#   version; a first line "# bdl-diff-old: PATH" names another) in text, markdown and
#   json; the result must equal NAME.FORMAT.expected.
#   Also: exit 0 without semantic change, 2 for a file with syntax errors, --git REV.
#   --update   rewrite the expected files (review the diff)
set -u
cd "$(dirname "$0")/.." || exit 2
BDL=${BDL:-$PWD/bdl}
case $BDL in /*) ;; *) BDL=$PWD/$BDL ;; esac
OLD=examples/kaizhou-2026.bdl
update=0
[ "${1:-}" = --update ] && update=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

for new in tests/golden/diff/*.bdl; do
    base=${new%.bdl}
    old=$(sed -n '1s/^# bdl-diff-old: //p' "$new") # a first line may name another old version
    [ -n "$old" ] || old=$OLD
    for format in text markdown json; do
        "$BDL" diff --format "$format" "$old" "$new" >"$tmp/out" 2>&1
        echo "exit: $?" >>"$tmp/out"
        if [ $update = 1 ]; then
            cp "$tmp/out" "$base.$format.expected"
        elif diff -u "$base.$format.expected" "$tmp/out" >"$tmp/diff"; then
            pass
        else
            fail "diff $new --format $format"
            head -n 40 "$tmp/diff"
        fi
    done
done

# No semantic change (layout only): exit 0.
"$BDL" fmt "$OLD" >"$tmp/formatted.bdl"
"$BDL" diff "$OLD" "$tmp/formatted.bdl" >/dev/null 2>&1
[ $? = 0 ] && pass || fail "a reformatted file is not a semantic change"
# A syntax error: exit 2, with the diagnostics.
printf 'budget b {\n  x 1 2\n}\n' >"$tmp/broken.bdl"
"$BDL" diff "$OLD" "$tmp/broken.bdl" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q E0201 "$tmp/err" && pass || fail "syntax error: exit 2 with diagnostics"
# --git REV FILE reads the old version from git.
git init -q "$tmp/repo"
cp "$OLD" "$tmp/repo/budget.bdl"
(
    cd "$tmp/repo" || exit 1
    git add budget.bdl && git -c user.name=t -c user.email=t@t commit -qm old &&
        sed -i 's/13\.4\( *\)code 210/13.5\1code 210/' budget.bdl &&
        "$BDL" diff --git HEAD budget.bdl >../git.out 2>&1
    echo "exit: $?" >>../git.out
)
grep -q 'by_function.health' "$tmp/git.out" && grep -q 'exit: 1' "$tmp/git.out" && pass ||
    { fail "--git HEAD"; cat "$tmp/git.out"; }

# --git REV FILE reads FILE's imports at REV too, from FILE's directory: the old version is
# the whole spec as it was, not the old file with today's imports.
mkdir -p "$tmp/repo2/sub"
printf 'unit 元\nunit 万元 = 10000 元\n' >"$tmp/repo2/sub/common.bdl"
printf 'import "common"\nbudget b {\n  unit 万元\n  x 1\n}\n' >"$tmp/repo2/sub/main.bdl"
(
    cd "$tmp/repo2" || exit 1
    git init -q . && git add sub && git -c user.name=t -c user.email=t@t commit -qm old || exit 1
    "$BDL" diff --git HEAD sub/main.bdl >../same.out 2>&1
    echo "exit: $?" >>../same.out
    printf 'unit 元\nunit 万元 = 1000 元\n' >sub/common.bdl
    "$BDL" diff --git HEAD sub/main.bdl >../changed.out 2>&1
    echo "exit: $?" >>../changed.out
)
printf 'no semantic changes\nexit: 0\n' >"$tmp/want"
cmp -s "$tmp/want" "$tmp/same.out" && pass || { fail "--git HEAD with its imports unchanged"; cat "$tmp/same.out"; }
grep -qF '~ unit declaration: unit 万元 = 10000 元 → unit 万元 = 1000 元' "$tmp/changed.out" &&
    grep -q 'exit: 1' "$tmp/changed.out" && pass || { fail "--git HEAD with an import changed"; cat "$tmp/changed.out"; }

[ $update = 1 ] && echo "updated: review tests/golden/diff with git diff"
echo "diff: $passed passed, $failed failed"
[ $failed -eq 0 ]
