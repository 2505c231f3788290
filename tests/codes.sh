#!/usr/bin/env bash
# tests/codes.sh - every diagnostic code the compiler can emit (read from the source)
# must have an explanation in docs/diagnostics.md, with its title in Chinese (the
# "**中文：**" line under the heading, which a zh-CN page shows), and a golden test that
# triggers it (its "[CODE]" appears in some tests/golden/**/*.expected). A new code without
# all three fails.
set -u
cd "$(dirname "$0")/.." || exit 2
codes=$(grep -rhoE '"[EWN][0-9]{4}"' src grammar | tr -d '"' | sort -u)
passed=0 failed=0
for code in $codes; do
    ok=1
    if ! grep -q "^## $code:" docs/diagnostics.md; then
        echo "FAIL $code: no '## $code:' section in docs/diagnostics.md"
        ok=0
    fi
    if ! grep -rqF "[$code]" --include='*.expected' tests/golden; then
        echo "FAIL $code: no golden test triggers it (tests/golden/**/*.expected)"
        ok=0
    fi
    if ! ./bdl explain "$code" | grep -q "^## $code:"; then
        echo "FAIL $code: 'bdl explain $code' does not print its explanation"
        ok=0
    fi
    # The Chinese title: the line right under the heading, holding Han characters.
    if ! ./bdl explain "$code" | sed -n 3p | LC_ALL=C.UTF-8 grep -qP '^\*\*中文：\*\* .*\p{Han}'; then
        echo "FAIL $code: no '**中文：** title' line (in Chinese) under its heading in docs/diagnostics.md"
        ok=0
    fi
    if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
# Explanations for codes the compiler no longer emits are stale.
for code in $(grep -oE '^## [EWN][0-9]{4}:' docs/diagnostics.md | cut -c4-8); do
    if ! grep -qx "$code" <<<"$codes"; then
        echo "FAIL $code: explained in docs/diagnostics.md but never emitted"
        failed=$((failed + 1))
    fi
done
echo "codes: $passed passed, $failed failed"
[ $failed -eq 0 ]
