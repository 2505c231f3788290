#!/usr/bin/env bash
# tests/man.sh - the manual pages: docs/bdl.1 and docs/bdl-language.7 pass mandoc's lint
# with no message at any level, and bdl.1 cannot drift from the program: every command
# that `bdl help` lists has its own `.Ss COMMAND` under COMMANDS (and that section holds
# no other), every option `bdl help` prints appears as an `Fl` in bdl.1, and so does
# every --diagnostics format and every diff --format.
set -u
cd "$(dirname "$0")/.." || exit 2
BDL=${BDL:-./bdl}
PAGES="docs/bdl.1 docs/bdl-language.7"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

# Lint at every level, style included. A cross-reference to a page that is not installed
# on this machine (git(1) without git's manual) is not the page's fault, so that message
# is left out here and the references between our own pages are checked below instead.
# shellcheck disable=SC2086
mandoc -Tlint -W style $PAGES >"$tmp/lint" 2>&1
grep -v -e 'referenced manual not found' -e 'mandoc.db' "$tmp/lint" >"$tmp/lint.kept"
if [ -s "$tmp/lint.kept" ]; then fail "mandoc -Tlint:"; cat "$tmp/lint.kept"; else pass; fi
for page in $PAGES; do
    if mandoc -Tutf8 "$page" >"$tmp/render" 2>&1 && [ -s "$tmp/render" ]; then pass; else fail "$page does not render"; fi
done
grep -ho '^\.Xr bdl[a-z-]* [0-9]' $PAGES | sort -u | while read -r _ name section; do
    [ -f "docs/$name.$section" ] || echo "$name($section)"
done >"$tmp/xr"
if [ -s "$tmp/xr" ]; then fail "cross-references to pages that do not exist: $(cat "$tmp/xr")"; else pass; fi

"$BDL" help >"$tmp/help" || fail "bdl help exits $?"
[ -s "$tmp/help" ] || { fail "bdl help printed nothing"; echo "man: $passed passed, $failed failed"; exit 1; }

# The commands: the first word of each line of the help's "commands:" paragraph.
sed -n '/^commands:/,/^$/p' "$tmp/help" | awk 'NR > 1 && NF { print $1 }' >"$tmp/commands"
[ "$(wc -l <"$tmp/commands")" -ge 5 ] || fail "bdl help lists too few commands to be parsed right"
awk '/^\.Sh /{ inside = ($2 == "COMMANDS") } inside && /^\.Ss /{ print $2 }' docs/bdl.1 >"$tmp/sections"
while read -r command; do
    if grep -qx -- "$command" "$tmp/sections"; then pass; else fail "bdl.1 has no '.Ss $command' under COMMANDS"; fi
done <"$tmp/commands"
while read -r section; do
    if grep -qx -- "$section" "$tmp/commands"; then pass; else fail "bdl.1 documents '$section', which bdl help does not list"; fi
done <"$tmp/sections"

# The options: every -x or --word the help prints, in the option list or in a command's line.
grep -oE '(^|[[:space:](,])--?[a-z][a-z-]*' "$tmp/help" | sed -E 's/^[[:space:](,]//' | sort -u >"$tmp/options"
[ "$(wc -l <"$tmp/options")" -ge 10 ] || fail "bdl help shows too few options to be parsed right"
while read -r option; do
    if grep -qE "(^\.|[[:space:]])Fl ${option#-}([[:space:]]|$)" docs/bdl.1; then pass; else fail "bdl.1 never writes option $option (as 'Fl ${option#-}')"; fi
done <"$tmp/options"

# The values of --diagnostics and of diff's --format, each a `Cm` in bdl.1.
{
    sed -n 's/^ *--diagnostics FORMAT *//p' "$tmp/help" | tr -c 'a-z\n' ' ' | tr ' ' '\n' | grep -vxE 'default|or|'
    grep -oE -- '--format [a-z|]+' "$tmp/help" | cut -d' ' -f2 | tr '|' '\n'
} | sort -u >"$tmp/values"
[ "$(wc -l <"$tmp/values")" -ge 6 ] || fail "bdl help shows too few format names to be parsed right"
while read -r value; do
    if grep -qE "(^\.|[[:space:]])Cm $value([[:space:]]|$)" docs/bdl.1; then pass; else fail "bdl.1 never names the format '$value' (as 'Cm $value')"; fi
done <"$tmp/values"

echo "man: $passed passed, $failed failed"
[ $failed -eq 0 ]
