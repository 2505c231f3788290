#!/usr/bin/env bash
# tests/depfile.sh - what golden.sh cannot see: the Make rules --depfile writes, and
# --allow-outside letting an import leave the main file's directory tree.
set -u
cd "$(dirname "$0")/.." || exit 2
BDL=${BDL:-./bdl}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

expect() { # NAME EXPECTED-FILE ACTUAL-FILE
    if diff -u "$2" "$3" >"$tmp/diff"; then
        passed=$((passed + 1))
    else
        echo "FAIL $1"
        cat "$tmp/diff"
        failed=$((failed + 1))
    fi
}

# json -o OUT --depfile: the output depends on the main file and every import, once each.
$BDL json tests/golden/valid/imports.bdl -o "$tmp/out dir.json" --depfile "$tmp/d" 2>/dev/null
sed "s|$tmp|TMP|g" "$tmp/d" >"$tmp/got"
cat >"$tmp/want" <<'RULES'
TMP/out\ dir.json: \
  tests/golden/valid/imports.bdl \
  tests/golden/valid/imports/units.bdl \
  tests/golden/valid/imports/department.bdl

tests/golden/valid/imports/units.bdl:

tests/golden/valid/imports/department.bdl:
RULES
expect "json --depfile" "$tmp/want" "$tmp/got"

# build --depfile: every file written is a target.
$BDL build tests/golden/valid/imports.bdl -o "$tmp/out" --depfile "$tmp/d2" 2>/dev/null
head -n 1 "$tmp/d2" | sed "s|$tmp|TMP|g" >"$tmp/got"
echo 'TMP/out/district.json TMP/out/district.html: \' >"$tmp/want"
expect "build --depfile" "$tmp/want" "$tmp/got"

# --depfile needs a target.
$BDL json tests/golden/valid/imports.bdl --depfile "$tmp/d3" >/dev/null 2>"$tmp/err"
echo "exit $?" >"$tmp/got"
[ -e "$tmp/d3" ] && echo "depfile written" >>"$tmp/got"
echo "exit 2" >"$tmp/want"
expect "--depfile without -o" "$tmp/want" "$tmp/got"

# --allow-outside accepts what E0604 refuses.
$BDL check --allow-outside -q tests/golden/errors/import-outside-tree.bdl >"$tmp/got" 2>&1
echo "exit $?" >>"$tmp/got"
printf 'tests/golden/errors/import-outside-tree.bdl: no errors\nexit 0\n' >"$tmp/want"
expect "--allow-outside" "$tmp/want" "$tmp/got"

# A symbolic link inside the tree that points outside it is still outside.
mkdir -p "$tmp/tree"
printf 'unit 元\n' >"$tmp/outside.bdl"
ln -s "$tmp/outside.bdl" "$tmp/tree/link.bdl"
printf 'import "link.bdl"\n' >"$tmp/tree/main.bdl"
$BDL check -q "$tmp/tree/main.bdl" >/dev/null 2>&1
echo "exit $?" >"$tmp/got"
echo "exit 1" >"$tmp/want"
expect "symlink leaving the tree" "$tmp/want" "$tmp/got"

echo "depfile: $passed passed, $failed failed"
[ $failed -eq 0 ]
