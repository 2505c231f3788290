#!/usr/bin/env bash
# tests/install.sh - `make install` into a scratch DESTDIR: every file lands where it
# should; the installed bdl, run from outside the repository without BDL_LIB, checks the
# seed exactly as the build tree's bdl does, reading the installed library (and fails
# without it); man renders the installed pages; `make uninstall` leaves no file behind.
set -u
cd "$(dirname "$0")/.." || exit 2
MAKE=${MAKE:-make}
PREFIX=/usr/local
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/root
root=$dest$PREFIX
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
finish() { echo "install: $passed passed, $failed failed"; [ $failed -eq 0 ]; exit; }

if ! $MAKE --no-print-directory install DESTDIR="$dest" PREFIX="$PREFIX" >"$tmp/log" 2>&1; then
    fail "make install"; cat "$tmp/log"; finish
fi
pass
[ -x "$root/bin/bdl" ] && pass || fail "no executable $PREFIX/bin/bdl"
for page in man1/bdl.1 man7/bdl-language.7; do
    [ -f "$root/share/man/$page" ] && pass || fail "no $PREFIX/share/man/$page"
done
(cd lib && find std -type f | LC_ALL=C sort) >"$tmp/lib.want"
(cd "$root/lib/bdl" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$tmp/lib.got"
if diff -u "$tmp/lib.want" "$tmp/lib.got"; then pass; else fail "the installed library differs from lib/std"; fi
if [ -d editors ]; then
    (cd editors && find . -type f | LC_ALL=C sort) >"$tmp/ed.want"
    (cd "$root/share/bdl/editors" 2>/dev/null && find . -type f | LC_ALL=C sort) >"$tmp/ed.got"
    if diff -u "$tmp/ed.want" "$tmp/ed.got"; then pass; else fail "the installed editors/ differs from editors/"; fi
fi

# The seed, from a folder outside the repository, with the installed library alone: its
# catalogue and the rule set it follows (the ledger line) are both found there.
mkdir "$tmp/work"
cp examples/kaizhou-2026.bdl "$tmp/work/"
(cd examples && ../bdl check kaizhou-2026.bdl) >"$tmp/want.out" 2>"$tmp/want.err"
(cd "$tmp/work" && env -u BDL_LIB "$root/bin/bdl" check kaizhou-2026.bdl) >"$tmp/got.out" 2>"$tmp/got.err"
status=$?
if [ $status = 0 ] && cmp -s "$tmp/want.out" "$tmp/got.out" && cmp -s "$tmp/want.err" "$tmp/got.err" &&
    grep -q 'checks   19 passed, 0 failed' "$tmp/got.out" &&
    grep -q 'ledger   department_budget: 31 obligations: 17 passed' "$tmp/got.out"; then pass; else
    fail "installed bdl check on the seed (exit $status):"; diff "$tmp/want.out" "$tmp/got.out"; cat "$tmp/got.err"
fi
(cd "$tmp/work" && env -u BDL_LIB "$root/bin/bdl" json kaizhou-2026.bdl -o k.json --depfile k.d) 2>"$tmp/err"
if grep -qF "$root/lib/bdl/std/cn/2026/functional.bdl" "$tmp/work/k.d"; then pass; else
    fail "the installed bdl did not read the installed library:"; cat "$tmp/work/k.d" "$tmp/err"
fi
# Without its library the installed bdl must fail: nothing else may have supplied it.
mv "$root/lib/bdl" "$tmp/lib.away"
(cd "$tmp/work" && env -u BDL_LIB "$root/bin/bdl" check kaizhou-2026.bdl) >/dev/null 2>"$tmp/err"
status=$?
if [ $status = 1 ] && grep -q 'E0601' "$tmp/err"; then pass; else fail "without its library: exit $status, no E0601"; fi
mv "$tmp/lib.away" "$root/lib/bdl"

# man renders the installed pages (in a UTF-8 locale: bdl-language(7) quotes Chinese
# examples), without a warning, and finds them by name under the installed MANPATH.
for page in man1/bdl.1:COMMANDS man7/bdl-language.7:Consolidation; do
    file=$root/share/man/${page%%:*}
    LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$file" >"$tmp/man.out" 2>"$tmp/man.err"
    if [ -s "$tmp/man.err" ] || ! grep -q "${page##*:}" "$tmp/man.out"; then
        fail "man -l $file:"; head -5 "$tmp/man.err"
    else pass; fi
done
if [ "$(MANPATH="$root/share/man" man -w bdl-language 2>/dev/null)" = "$root/share/man/man7/bdl-language.7" ]; then pass; else
    fail "man -w bdl-language does not find the installed page"
fi

if ! $MAKE --no-print-directory uninstall DESTDIR="$dest" PREFIX="$PREFIX" >"$tmp/log" 2>&1; then
    fail "make uninstall"; cat "$tmp/log"
fi
left=$(find "$dest" -type f -o -type l -o -name '*bdl*')
if [ -z "$left" ]; then pass; else fail "make uninstall left:"; echo "$left"; fi
finish
