#!/usr/bin/env bash
# tests/depfile.sh - what golden.sh cannot see: the Make rules --depfile writes, and
# --allow-outside letting an import leave the main file's directory tree.
#   --update   rewrite tests/golden/depfile/*.depfile.expected (review the diff)
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
mkdir -p "$tmp/inner"
printf 'unit 元\n' >"$tmp/units.bdl"
printf 'import "../units.bdl"\nbudget b { item a 1 元 }\n' >"$tmp/inner/main.bdl"
$BDL check -q "$tmp/inner/main.bdl" >/dev/null 2>&1
echo "exit $?" >"$tmp/got"
$BDL check --allow-outside -q "$tmp/inner/main.bdl" >/dev/null 2>&1
echo "exit $?" >>"$tmp/got"
printf 'exit 1\nexit 0\n' >"$tmp/want"
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

# An import whose name Make cannot read back is refused at the import, at its exact
# line:column (E0606), and no depfile is written (tests/hostile.sh has the attacks).
for file in tests/golden/depfile/*.bdl; do
    $BDL json --color never "$file" -o "$tmp/p.json" --depfile "$tmp/p.d" >/dev/null 2>"$tmp/err"
    echo "exit: $?" >>"$tmp/err"
    sed "s|$tmp|TMP|g" "$tmp/err" >"$tmp/got"
    [ -e "$tmp/p.d" ] && echo "depfile written" >>"$tmp/got"
    [ "${1:-}" = --update ] && cp "$tmp/got" "${file%.bdl}.depfile.expected"
    expect "$file --depfile" "${file%.bdl}.depfile.expected" "$tmp/got"
done

# The district example: make -j2 builds everything; after an edit to one department only
# that department and the roll-up are rebuilt (the Makefile reads bdl's depfiles).
if command -v make >/dev/null; then
    cp -R examples/district "$tmp/district"
    rm -rf "$tmp/district/out"
    bdl_abs=$(cd "$(dirname "$BDL")" && pwd)/$(basename "$BDL")
    MAKEFLAGS= make -s -C "$tmp/district" -j2 BDL="$bdl_abs" >/dev/null 2>&1
    ls "$tmp/district/out" | grep -c '\.json$' >"$tmp/got"
    echo 6 >"$tmp/want"
    expect "district: make -j2 builds six budgets" "$tmp/want" "$tmp/got"
    sleep 1 # make compares modification times, which may have a one-second resolution
    touch "$tmp/district/audit.bdl"
    MAKEFLAGS= make -C "$tmp/district" -j2 BDL="$bdl_abs" 2>/dev/null | grep -o 'build [a-z_]*\.bdl' | sort >"$tmp/got"
    printf 'build audit.bdl\nbuild district.bdl\n' >"$tmp/want"
    expect "district: one department changed" "$tmp/want" "$tmp/got"
fi

echo "depfile: $passed passed, $failed failed"
[ $failed -eq 0 ]
