#!/usr/bin/env bash
# tests/fuzz/replay.sh DIR [--small] - runs DIR/replay_<harness> (each fuzz harness
# linked with replay.c, no libFuzzer needed) over every saved crash in tests/fuzz/regressions
# and every .bdl of the seed corpus (tests/golden, examples, and the diff_pairs.sh pairs).
# A crash, a sanitizer report or a broken property fails the run. --small: the saved
# crashes, examples/ and the pairs only (for valgrind, which is slow).
# VALGRIND, when set, is the command line each replay runs under.
set -u
cd "$(dirname "$0")/../.." || exit 2
dir=$1
export BDL_LIB=$PWD/lib # so that import "std/..." reaches the standard library
seeds=tests/golden
[ "${2:-}" = --small ] && seeds=
pairs=$(mktemp -d)
trap 'rm -rf "$pairs"' EXIT
tests/fuzz/diff_pairs.sh "$pairs"
mapfile -t inputs < <(find tests/fuzz/regressions examples $seeds "$pairs" -type f \
    \( -path 'tests/fuzz/regressions/*' -o -name '*.bdl' -o -name 'pair-*' \) | LC_ALL=C sort)
failed=0
for h in parse check fmt emit diff lsp; do
    # shellcheck disable=SC2086
    if ! ${VALGRIND:-} "$dir/replay_$h" "${inputs[@]}"; then
        echo "FAIL replay_$h"
        failed=1
    fi
done
[ $failed = 0 ] && echo "replay: clean"
exit $failed
