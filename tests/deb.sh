#!/usr/bin/env bash
# tests/deb.sh - the Debian package: `dpkg-buildpackage -us -uc -b` in a copy of the tree
# (the repository gets no build product), then the .deb unpacked with `dpkg -x` into a
# scratch root, whose bdl checks the seed from outside the repository with that root's
# library alone, exactly as the build tree's bdl does; its version is the program's;
# lintian finds no error and no warning, with no override (its info tags are printed, not
# failed on). Prints how long the build and lintian took.
set -u
cd "$(dirname "$0")/.." || exit 2
BDL=${BDL:-./bdl}
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
finish() { echo "deb: $passed passed, $failed failed"; [ $failed -eq 0 ]; exit; }

# The copy: what git tracks and what it would track (new files not yet committed), never
# build products; outside git, the tree less the build outputs.
version=$(dpkg-parsechangelog -l debian/changelog -S Version)
src=$tmp/bdl-$version
mkdir "$src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z -co --exclude-standard | tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$src"
else
    tar --exclude=./build --exclude=./bdl --exclude=./out --exclude=./examples/district/out -cf - . | tar -xf - -C "$src"
fi
before=$(git status --porcelain --ignored 2>/dev/null)

start=$(date +%s)
if (cd "$src" && DEB_BUILD_OPTIONS="parallel=$(nproc)" dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1; then pass; else
    fail "dpkg-buildpackage:"; tail -n 40 "$tmp/build.log"; finish
fi
built=$(date +%s)
deb=$(ls "$tmp"/bdl_"$version"_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] && pass || { fail "no bdl_${version}_*.deb was built"; finish; }
[ "$(git status --porcelain --ignored 2>/dev/null)" = "$before" ] && pass || fail "the build changed the repository"

# The program's version is the package's.
[ "$($BDL --version)" = "bdl $version" ] && pass || fail "package version $version, but $($BDL --version)"

root=$tmp/root
dpkg -x "$deb" "$root"
for f in usr/bin/bdl usr/lib/bdl/std/cn/2026/functional.bdl usr/lib/bdl/std/cn/2026/economic.bdl \
         usr/share/man/man1/bdl.1.gz usr/share/man/man7/bdl-language.7.gz usr/share/doc/bdl/copyright; do
    [ -e "$root/$f" ] && pass || fail "the package has no /$f"
done
mkdir "$tmp/work"
cp examples/kaizhou-2026.bdl "$tmp/work/"
(cd examples && "../${BDL#./}" check kaizhou-2026.bdl) >"$tmp/want.out" 2>"$tmp/want.err"
(cd "$tmp/work" && env -u BDL_LIB "$root/usr/bin/bdl" json kaizhou-2026.bdl -o k.json --depfile k.d &&
    env -u BDL_LIB "$root/usr/bin/bdl" check kaizhou-2026.bdl) >"$tmp/got.out" 2>"$tmp/got.err"
status=$?
if [ $status = 0 ] && cmp -s "$tmp/want.out" "$tmp/got.out" && grep -q 'checks   19 passed, 0 failed' "$tmp/got.out" &&
    grep -q 'ledger   department_budget: 31 obligations: 17 passed' "$tmp/got.out"; then pass; else
    fail "the packaged bdl on the seed (exit $status):"; cat "$tmp/got.out" "$tmp/got.err"
fi
grep -qF "$root/usr/lib/bdl/std/cn/2026/functional.bdl" "$tmp/work/k.d" && pass ||
    fail "the packaged bdl did not read its own library: $(cat "$tmp/work/k.d")"

lintian_start=$(date +%s)
lintian --fail-on error,warning --display-info "$deb" >"$tmp/lintian" 2>&1
status=$?
lintian_end=$(date +%s)
cat "$tmp/lintian"
[ $status = 0 ] && pass || fail "lintian (exit $status)"

echo "deb: built $(basename "$deb") in $((built - start)) s, lintian took $((lintian_end - lintian_start)) s"
finish
