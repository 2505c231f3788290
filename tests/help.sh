#!/usr/bin/env bash
# tests/help.sh - `bdl help COMMAND`: each command's section of docs/bdl.1 as plain text.
#
#  1. every command `bdl help` lists has a section, and `bdl help COMMAND` prints exactly
#     tests/golden/help/COMMAND.txt (exit 0); there is no expected text for a command
#     the program does not have;
#  2. the text is plain: no roff escape, no macro line, no line wider than 78 display
#     columns, no trailing blank;
#  3. `bdl COMMAND --help` and `bdl -h COMMAND` print the same; `bdl help` alone the usage;
#  4. `bdl help nosuch` is a usage error (exit 2) that lists the commands;
#  5. the text says what mandoc's rendering of the same section says: the same characters
#     in the same order, white space aside (the layout is this renderer's own).
#   --update   rewrite tests/golden/help/ (then review it with git diff)
set -u
cd "$(dirname "$0")/.." || exit 2
BDL=${BDL:-./bdl}
PYTHON=${PYTHON:-/usr/bin/python3}
GOLDEN=tests/golden/help
update=0
[ "${1:-}" = --update ] && update=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

$BDL help >"$tmp/usage" || fail "bdl help exits $?"
sed -n '/^commands:/,/^$/p' "$tmp/usage" | awk 'NR > 1 && NF { print $1 }' >"$tmp/commands"
[ "$(wc -l <"$tmp/commands")" -ge 5 ] || fail "bdl help lists too few commands to be parsed right"

[ $update = 1 ] && { rm -f "$GOLDEN"/*.txt; mkdir -p "$GOLDEN"; }
while read -r command; do
    if ! $BDL help "$command" >"$tmp/help-$command" 2>"$tmp/err"; then
        fail "bdl help $command exits non-zero: $(cat "$tmp/err")"
        continue
    fi
    if [ $update = 1 ]; then
        cp "$tmp/help-$command" "$GOLDEN/$command.txt"
    elif diff -u "$GOLDEN/$command.txt" "$tmp/help-$command" >"$tmp/diff" 2>&1; then
        pass
    else
        fail "bdl help $command"
        head -n 30 "$tmp/diff"
    fi
    # Plain text: no escape or macro left, 78 columns, nothing after the last line.
    if $PYTHON - "$tmp/help-$command" <<'PY'; then pass; else fail "bdl help $command is not plain text"; fi
import sys, unicodedata
text = open(sys.argv[1], encoding="utf-8").read()
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
bad = [l for l in text.split("\n") if "\\" in l or l.startswith(".") or width(l) > 78 or l != l.rstrip()]
bad += ["(trailing blank line)"] if text.endswith("\n\n") or not text.endswith("\n") else []
for line in bad:
    print(line)
sys.exit(1 if bad else 0)
PY
    $BDL "$command" --help >"$tmp/flag" 2>&1
    if cmp -s "$tmp/help-$command" "$tmp/flag"; then pass; else fail "bdl $command --help differs from bdl help $command"; fi
done <"$tmp/commands"
[ $update = 1 ] && { echo "help: expected texts rewritten; review them with git diff"; exit 0; }

for f in "$GOLDEN"/*.txt; do
    grep -qx "$(basename "$f" .txt)" "$tmp/commands" || fail "$f: bdl has no command $(basename "$f" .txt)"
done

$BDL -h check >"$tmp/h"
if cmp -s "$tmp/h" "$GOLDEN/check.txt"; then pass; else fail "bdl -h check"; fi
$BDL --help >"$tmp/h"
if cmp -s "$tmp/h" "$tmp/usage"; then pass; else fail "bdl --help is not the usage"; fi

$BDL help nosuch >"$tmp/out" 2>"$tmp/err"
status=$?
if [ $status = 2 ] && [ ! -s "$tmp/out" ] &&
    grep -q "^bdl: no command 'nosuch'; the commands are check, json, html, .*, help$" "$tmp/err"; then pass
else fail "bdl help nosuch: exit $status, $(cat "$tmp/err")"; fi
$BDL help check json >/dev/null 2>"$tmp/err"
if [ $? = 2 ] && grep -q "help takes one COMMAND" "$tmp/err"; then pass; else fail "bdl help with two commands"; fi

if command -v mandoc >/dev/null 2>&1; then
    mandoc -Tutf8 docs/bdl.1 | col -b >"$tmp/man"
    while read -r command; do
        if $PYTHON - "$tmp/man" "$command" "$tmp/help-$command" <<'PY'; then pass; else fail "bdl help $command says other than mandoc"; fi
import re, sys
man = open(sys.argv[1], encoding="utf-8").read().split("\n")
start = man.index("   " + sys.argv[2])  # a subsection heading, indented by 3
end = start + 1
while end < len(man) and not re.match(r"^(   \S|\S)", man[end]):
    end += 1
theirs = "".join("".join(man[start + 1:end]).split())
ours = "".join(open(sys.argv[3], encoding="utf-8").read().split())
if theirs != ours:
    at = next(i for i in range(min(len(theirs), len(ours)) + 1) if theirs[i:i + 1] != ours[i:i + 1])
    print(f"mandoc: ...{theirs[max(0, at - 30):at + 30]}\nbdl:    ...{ours[max(0, at - 30):at + 30]}")
sys.exit(theirs != ours)
PY
    done <"$tmp/commands"
else
    echo "SKIP the comparison with mandoc: mandoc is not installed (make test installs it)"
fi

echo "help: $passed passed, $failed failed"
[ $failed = 0 ]
