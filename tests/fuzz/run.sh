#!/usr/bin/env bash
# tests/fuzz/run.sh HARNESS SECONDS - runs build/fuzz/fuzz_HARNESS under libFuzzer for
# SECONDS seconds, nice'd, in one process on one core. Its corpus grows in
# build/fuzz/corpus/HARNESS (kept between runs, never committed), seeded from every
# .bdl in tests/ and examples/ and the saved crashes in tests/fuzz/regressions.
# A crash, leak, sanitizer report, broken property or an input slower than 10 s
# (a hang) fails the run; the input is left in build/fuzz/artifacts/HARNESS/.
# Add it to tests/fuzz/regressions/ with a name that says what it was, then fix the bug.
set -u
cd "$(dirname "$0")/../.." || exit 2
h=$1 seconds=$2
bin=build/fuzz/fuzz_$h
[ -x "$bin" ] || { echo "run.sh: $bin missing (make fuzz-build)" >&2; exit 2; }
corpus=build/fuzz/corpus/$h seeds=build/fuzz/seeds artifacts=build/fuzz/artifacts/$h
mkdir -p "$corpus" "$seeds" "$artifacts" build/fuzz/logs
find tests examples -name '*.bdl' -exec cp {} "$seeds"/ \;
cp tests/fuzz/regressions/* "$seeds"/ 2>/dev/null
tests/fuzz/diff_pairs.sh "$seeds"
echo "== fuzz_$h for ${seconds}s"
export BDL_LIB=$PWD/lib # so that import "std/..." reaches the standard library
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# -jobs=1 -workers=1: one job in one child process; its log is copied here when it ends.
log=build/fuzz/logs/$h
rm -f "$log"/fuzz-*.log
mkdir -p "$log"
touch "$log/started"
top=$PWD
(cd "$log" && exec nice -n 15 "$top/$bin" -jobs=1 -workers=1 \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -dict="$top/tests/fuzz/bdl.dict" -artifact_prefix="$top/$artifacts/" \
    -print_final_stats=1 "$top/$corpus" "$top/$seeds") 2>&1 | tail -n 25
status=${PIPESTATUS[0]}
found=$(find "$artifacts" -type f -newer "$log/started")
if [ "$status" != 0 ] || [ -n "$found" ]; then
    echo "FAIL fuzz_$h (exit $status): see $log/ and ${found:-(no artifact)}"
    grep -h -m1 -A30 'property broken\|ERROR: \|runtime error' "$log"/fuzz-*.log | cut -c1-300
    # CI keeps only its log: the input, to paste into 'base64 -d > tests/fuzz/regressions/NAME'
    for f in $found; do echo "--- $f (base64)"; base64 "$f"; done
    exit 1
fi
echo "fuzz_$h: no crash in ${seconds}s"
