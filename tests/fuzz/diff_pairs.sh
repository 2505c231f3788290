#!/usr/bin/env bash
# tests/fuzz/diff_pairs.sh DIR - writes seeds for fuzz_diff into DIR: each reviewed new
# version in tests/golden/diff/ after the example it changes, separated by a line "~~~"
# (the form fuzz_diff splits), so the fuzzer starts from real pairs of versions.
set -u
cd "$(dirname "$0")/../.." || exit 2
for new in tests/golden/diff/*.bdl; do
    name=$(basename "$new" .bdl)
    { cat examples/kaizhou-2026.bdl; printf '\n~~~\n'; cat "$new"; } >"$1/pair-$name"
    { cat "$new"; printf '\n~~~\n'; cat examples/kaizhou-2026.bdl; } >"$1/pair-$name-reversed"
done
