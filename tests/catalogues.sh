#!/usr/bin/env bash
# tests/catalogues.sh - every shipped catalogue (lib/std/cn/YEAR/NAME.bdl) compiles cleanly
# when imported, nests each code under its parent by digits, names every code, accepts the
# codes real documents were seen to use in that year (issue 19), and still rejects a code
# it does not have (E0702).
set -u
cd "$(dirname "$0")/.." || exit 2
BDL=${BDL:-./bdl}
PYTHON=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $1"; [ -s "$tmp/out" ] && sed 's/^/  /' "$tmp/out"; failed=$((failed + 1)); }

# Codes that must be accepted, by file (relative to lib/): the codes issue 19 saw rejected on
# real documents, for the years whose sources show them (lib/std/README.md says which).
expected_codes() {
    case $1 in
    std/cn/2026/functional) echo 2013101 2130101 2130705 2120101 2080801 2240101 2012901 ;;
    std/cn/2025/functional) echo 2120101 2080801 ;;
    std/cn/2026/gov-economic) echo 50101 50201 ;;
    std/cn/2026/economic | std/cn/2025/economic) echo 30101 30201 ;;
    *) echo "" ;;
    esac
}

# The structure of one catalogue, checked from its text: prints the scheme ID on success,
# or the offending lines and exits 1. Functional codes are 3/5/7 digits, the economic
# classifications 3/5; a code nests under the code its digits begin with.
structure() {
    "$PYTHON" - "$1" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
m = re.search(r'^classification\s+(\w+)', text, re.M)
if not m:
    print(f"{path}: no classification"); sys.exit(1)
scheme = m.group(1)
widths = {"functional": [3, 5, 7]}.get(scheme, [3, 5])
errors, stack = [], []
for n, line in enumerate(text.splitlines(), 1):
    line = line.split("#", 1)[0].strip()
    if line == "}":
        if stack:
            stack.pop()
        continue
    c = re.match(r'(\d+)\s+"([^"]*)"\s*(\{)?$', line)
    if not c:
        continue
    code, name, opens = c.groups()
    depth = len(stack)
    if depth >= len(widths) or len(code) != widths[depth]:
        errors.append(f"{path}:{n}: {code} has {len(code)} digits at level {depth + 1}")
    if stack and not code.startswith(stack[-1]):
        errors.append(f"{path}:{n}: {code} does not begin with its parent {stack[-1]}")
    if not name.strip():
        errors.append(f"{path}:{n}: {code} has no name")
    if opens:
        stack.append(code)
if errors:
    print("\n".join(errors)); sys.exit(1)
print(scheme)
PY
}

for file in lib/std/cn/*/*.bdl; do
    lib=${file#lib/}
    lib=${lib%.bdl}
    : >"$tmp/out"

    # 1. Imported alone, it compiles with no error and no warning.
    printf 'import "%s"\nbudget b { item x 1 }\n' "$lib" >"$tmp/spec.bdl"
    if $BDL check --werror "$tmp/spec.bdl" >"$tmp/out" 2>&1; then ok; else fail "$lib: does not compile cleanly"; fi

    # 2. Digits nest, names are given.
    if scheme=$(structure "$file" 2>&1); then ok; else echo "$scheme" >"$tmp/out"; fail "$lib: structure"; continue; fi
    : >"$tmp/out"

    # 3. The codes its year's documents use are accepted, each under its own scheme.
    items=""
    for code in $(expected_codes "$lib"); do items="$items  c$code 1 code $scheme $code"$'\n'; done
    if [ -n "$items" ]; then
        printf 'import "%s"\nbudget b {\n  group g {\n%s  }\n}\n' "$lib" "$items" >"$tmp/spec.bdl"
        if $BDL check --werror "$tmp/spec.bdl" >"$tmp/out" 2>&1; then ok; else fail "$lib: rejects a code its year's documents use"; fi
    fi

    # 4. A code it does not have is still E0702, at the code (999 is no 类 of any scheme).
    col=$((23 + ${#scheme}))
    printf 'import "%s"\nbudget b {\n  group g { x 1 code %s 999 }\n}\n' "$lib" "$scheme" >"$tmp/spec.bdl"
    $BDL check "$tmp/spec.bdl" >"$tmp/out" 2>&1
    status=$?
    if [ $status = 1 ] && grep -q "spec.bdl:3:$col: error\[E0702\]: code 999 is not in '$scheme'" "$tmp/out"; then
        ok
    else
        fail "$lib: unknown code 999 not reported as E0702 at 3:$col (exit $status)"
    fi
done

echo "catalogues: $passed passed, $failed failed"
[ $failed -eq 0 ]
