#!/usr/bin/env bash
# tests/hostile.sh - bdl against hostile inputs and failing I/O (issue 7). Every input is
# generated here, at test time, in a temporary directory (nothing large is committed).
# Each case checks the exit status, the diagnostic (its code or message) and a time bound;
# the bounds are generous (a slow CI machine passes) and HOSTILE_SLOW multiplies them
# (sanitizer builds run several times slower).
#
#   BDL=./bdl tests/hostile.sh [NAME-PATTERN]
#
# Cases that need privileges to set up (an unreadable file, an unwritable directory, when
# run as root) drop them with setpriv; where that is impossible they say SKIP and why.
set -u
cd "$(dirname "$0")/.." || exit 2
BDL=${BDL:-./bdl}
SLOW=${HOSTILE_SLOW:-1}
# A sanitizer report must not pass for exit status 1 (errors in the input).
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=86} UBSAN_OPTIONS=${UBSAN_OPTIONS:-exitcode=87:print_stacktrace=1}
only=${1:-}
tmp=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    chmod -R u+rwx "$tmp" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
passed=0 failed=0 skipped=0

# --- helpers ---------------------------------------------------------------------------

fail() { echo "FAIL $case: $*"; sed -n '1,15p' "$tmp/err" | cut -c1-200 | sed 's/^/    /'; ok=0; }

# run SECONDS ARGS...: runs bdl with a time limit; sets status, elapsed (seconds, as a
# decimal) and leaves standard output in $tmp/out, standard error in $tmp/err.
run() {
    local limit
    limit=$(awk -v s="$1" -v k="$SLOW" 'BEGIN { print s * k }')
    shift
    local t0=$EPOCHREALTIME
    # shellcheck disable=SC2086
    timeout -k 5 "$limit" $BDL "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    elapsed=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
    if [ $status = 124 ] || [ $status = 137 ]; then
        fail "no answer within ${limit}s (a hang?)"
    elif [ $status -gt 2 ]; then
        fail "exit status $status (a crash?)"
    fi
}

BDL_ABS=$(cd "$(dirname "${BDL%% *}")" && pwd)/$(basename "${BDL%% *}")
# in_dir DIR SECONDS ARGS...: run, from DIR (so that the names bdl shows are relative to it)
in_dir() {
    local dir=$1 saved=$BDL
    shift
    BDL="${saved/#${BDL%% *}/$BDL_ABS}"
    pushd "$dir" >/dev/null || return
    run "$@"
    popd >/dev/null || return
    BDL=$saved
}

expect_status() { [ "$status" = "$1" ] || fail "exit status $status, expected $1"; }
# expect_err TEXT: standard error (the diagnostics) contains TEXT
expect_err() { grep -qF -- "$1" "$tmp/err" || fail "no '$1' in the diagnostics"; }
expect_out() { grep -qF -- "$1" "$tmp/out" || fail "no '$1' on standard output"; }
# expect_small BYTES: the diagnostics stay short, whatever the input size
expect_small() {
    local n
    n=$(wc -c <"$tmp/err")
    [ "$n" -le "$1" ] || fail "$n bytes of diagnostics (more than $1)"
}
count() { grep -c -- "$1" "$tmp/err"; }

begin() {
    case=$1
    ok=1
    [ -z "$only" ] || [[ $case == *$only* ]]
}
end() {
    if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
skip() {
    echo "SKIP $case: $*"
    skipped=$((skipped + 1))
}

# A budget around the given lines (read from standard input).
HEAD=$'unit 元\nbudget b {\n  unit 元\n  columns a\n  x 1\n'
wrap() { printf '%s' "$HEAD"; cat; printf '}\n'; }
# repeat N TEXT: TEXT (a line, without its newline) N times
repeat() { yes -- "$2" | head -n "$1"; }
# bytes N CHAR: N copies of an ASCII character, no newline
bytes() { head -c "$1" /dev/zero | tr '\0' "$2"; }

MB10=$((10 * 1024 * 1024))

# --- nesting ---------------------------------------------------------------------------

if begin deep-blocks; then
    { repeat 100000 'group g {'; repeat 100000 '}'; } | wrap >"$tmp/in.bdl"
    run 10 check --color never "$tmp/in.bdl"
    expect_status 1; expect_err "[E0203]"; expect_err "blocks nest more than 100 deep"
    [ "$(count 'error\[')" = 1 ] || fail "expected exactly one error"
    end
fi

if begin deep-parens; then
    { printf '  assert '; bytes 100000 '('; printf 'x'; bytes 100000 ')'; printf ' == 1\n'; } | wrap >"$tmp/in.bdl"
    run 10 check --color never "$tmp/in.bdl"
    expect_status 1; expect_err "[E0204]"; expect_small 4000
    end
fi

if begin deep-unary; then
    { printf '  assert '; repeat 100000 '-' | tr '\n' ' '; printf 'x == 1\n'; } | wrap >"$tmp/in.bdl"
    run 10 check --color never "$tmp/in.bdl"
    expect_status 1; expect_err "[E0204]"; expect_small 4000
    { printf '  assert '; repeat 100000 'not' | tr '\n' ' '; printf 'x == 1\n'; } | wrap >"$tmp/in.bdl"
    run 10 check --color never "$tmp/in.bdl"
    expect_status 1; expect_err "[E0204]"; expect_small 4000
    end
fi

if begin deep-sum; then
    { printf '  assert '; repeat 100000 'x +' | tr '\n' ' '; printf 'x == 1\n'; } | wrap >"$tmp/in.bdl"
    run 10 check --color never "$tmp/in.bdl"
    expect_status 1; expect_err "[E0204]"; expect_err "expression nested more than 1000 deep"
    expect_small 4000
    end
fi

# --- huge lines, strings and numbers ----------------------------------------------------

if begin long-line-comment; then
    { printf '  # '; bytes $MB10 c; printf '\n'; } | wrap >"$tmp/in.bdl"
    run 10 check --color never "$tmp/in.bdl"
    expect_status 0; expect_err "no errors"
    end
fi

if begin long-line-errors; then
    # 10 MB of bad characters on one line: 50 errors (the default --max-errors), each
    # showing a short window of the line, not the line.
    { printf '  x 1 '; bytes $MB10 '@'; printf '\n'; } | wrap >"$tmp/in.bdl"
    run 10 check --color never "$tmp/in.bdl"
    expect_status 1; expect_err "[E0109]"; expect_err "stopped at the limit of --max-errors 50"
    [ "$(count 'error\[')" = 50 ] || fail "expected 50 errors shown"
    expect_small 80000
    end
fi

if begin fmt-after-error-limit; then
    # 60 errors in a text's prose fill --max-errors 50 before the scanner reaches blocks
    # nested too deep: fmt must refuse the file it did not read to the end (it formatted
    # it, and read past its own nesting table, until fuzz_fmt found it).
    { printf '  text t "%s"\n' "$(printf '{ %.0s' $(seq 60))"; repeat 150 'group g {'; repeat 150 '}'; } |
        wrap >"$tmp/in.bdl"
    run 10 fmt --color never "$tmp/in.bdl"
    expect_status 1; expect_err "not read to the end (more errors than --max-errors 50 allows)"
    [ -s "$tmp/out" ] && fail "fmt wrote output for a file it did not read to the end"
    run 10 fmt --color never --max-errors 0 "$tmp/in.bdl"
    expect_status 1; expect_err "[E0203]"; expect_err "not formatted: it has syntax errors"
    end
fi

if begin diff-after-error-limit; then
    # The same for diff: half a file compared would show the rest of it as removed.
    { printf '  text t "%s"\n' "$(printf '{ %.0s' $(seq 60))"; } | wrap >"$tmp/in.bdl"
    printf '' | wrap >"$tmp/old.bdl"
    run 10 diff --color never "$tmp/old.bdl" "$tmp/in.bdl"
    expect_status 2; expect_err "cannot compare: $tmp/in.bdl was not read to the end"
    [ -s "$tmp/out" ] && fail "diff reported changes of a file it did not read to the end"
    end
fi

if begin long-line-name; then
    # A 10 MB name that is not declared: the message quotes it cut short.
    { printf '  assert '; bytes $MB10 n; printf ' == 1\n'; } | wrap >"$tmp/in.bdl"
    run 10 check --color never "$tmp/in.bdl"
    expect_status 1; expect_err "[E0302]"; expect_small 8000
    end
fi

if begin long-string; then
    { printf '  y "'; bytes $MB10 s; printf '" 2\n'; } | wrap >"$tmp/in.bdl"
    run 10 json --color never "$tmp/in.bdl" -o "$tmp/out.json"
    expect_status 0
    [ "$(wc -c <"$tmp/out.json")" -gt $MB10 ] || fail "the 10 MB label is not in the JSON"
    end
fi

if begin long-string-unterminated; then
    { printf '  y "'; bytes $MB10 s; printf '\n'; } | wrap >"$tmp/in.bdl"
    run 10 check --color never "$tmp/in.bdl"
    expect_status 1; expect_err "[E0104]"; expect_err "unterminated string"; expect_small 4000
    { printf '  note """'; bytes $MB10 s; } | wrap >"$tmp/in.bdl"
    run 10 check --color never "$tmp/in.bdl"
    expect_status 1; expect_err "[E0105]"; expect_small 4000
    end
fi

if begin number-400-digits; then
    { printf '  y '; bytes 400 9; printf '\n'; printf '  y2 0.'; bytes 400 1; printf '\n'; } | wrap >"$tmp/in.bdl"
    run 5 check --color never "$tmp/in.bdl"
    expect_status 1; expect_err "[E0113]"
    [ "$(count 'E0113')" = 2 ] || fail "expected E0113 for both numbers"
    end
fi

# --- a million errors ------------------------------------------------------------------

# million KIND LINE: one error per line, 1,000,000 lines. With the default --max-errors
# the output is capped at 50 errors; with no limit (--max-errors 0) every error is
# counted, and 1,000,000 take at most 30 times as long as 100,000 (linear, with slack for a busy machine;
# a quadratic cost would be 100 times).
million() {
    repeat 1000000 "$2" | wrap >"$tmp/m.bdl"
    repeat 100000 "$2" | wrap >"$tmp/k.bdl"
    run 10 check --color never "$tmp/m.bdl"
    expect_status 1; expect_err "[$1]"; expect_err "stopped at the limit of --max-errors 50"
    [ "$(count 'error\[')" = 50 ] || fail "expected 50 errors shown"
    run 60 check -q --max-errors 0 "$tmp/k.bdl"
    expect_status 1; expect_err "100000 errors"
    local small=$elapsed
    run 120 check -q --max-errors 0 "$tmp/m.bdl"
    expect_status 1; expect_err "1000000 errors"
    echo "     $case: 100,000 errors in ${small}s, 1,000,000 in ${elapsed}s"
    awk -v a="$small" -v b="$elapsed" 'BEGIN { exit !(b <= 30 * a + 1) }' ||
        fail "not linear: 100,000 errors in ${small}s, 1,000,000 in ${elapsed}s"
}

if begin million-scanner-errors; then million E0109 '  @'; end; fi
if begin million-syntax-errors; then million E0201 '  y )'; end; fi
if begin million-name-errors; then million E0302 '  assert nope == 1'; end; fi

# --- every shape linear (issue 21) ------------------------------------------------------

# scales GENERATOR N SECONDS ARGS...: GENERATOR SIZE FILE writes a spec of that size; bdl
# ARGS runs on sizes N and 10 N, and 10 N may take at most 20 times as long (plus a second
# for a busy machine): a quadratic cost would be 100 times.
scales() {
    local gen=$1 n=$2 limit=$3
    shift 3
    $gen "$n" "$tmp/n.bdl" && $gen $((10 * n)) "$tmp/10n.bdl"
    run "$limit" "$@" "$tmp/n.bdl"
    local small=$elapsed
    run "$limit" "$@" "$tmp/10n.bdl"
    echo "     $case: n = $n in ${small}s, 10 n in ${elapsed}s"
    awk -v a="$small" -v b="$elapsed" 'BEGIN { exit !(b <= 20 * a + 1) }' ||
        fail "not linear: n = $n in ${small}s, 10 n in ${elapsed}s"
}

# N items with labels, and a text quoting N hand-typed numbers in one sentence, each
# after a label and a word of change (each number used to be compared with every label
# at every offset of its sentence: 52 KB took 72 s).
text_numbers() {
    {
        printf 'unit 元\nunit 万元 = 10000 元\nbudget b {\n  unit 万元\n  columns a, b\n'
        seq "$1" | awk '{ printf "  i%d \"项目标签%d\" %d, %d\n", $1, $1, $1, $1 - 1 }'
        printf '  text t """\n'
        seq "$1" | awk '{ printf "项目标签%d增加%d万元，", $1, $1 % 2 + 1 }'
        printf '\n"""\n}\n'
    } >"$2"
}
if begin scaling-text-numbers; then
    scales text_numbers 2000 60 check -q --max-errors 0
    expect_err "10000 warnings"
    end
fi

# N period columns named in the prose, and a sentence of N changes, each against a column
# named by its label, and N shares after 占 (each clause was read against every column's
# names, and each share searched its sentence back for 占).
text_columns() {
    {
        printf 'unit 元\nunit 万元 = 10000 元\nbudget b {\n  unit 万元\n  columns c0'
        seq "$1" | awk '{ printf ", c%d \"第%d列\"", $1, $1 }'
        printf '\n  i "项目标签" 1'
        seq "$1" | awk '{ printf ", 1" }'
        printf '\n  j "其他标签甲" 2\n  text t """\n'
        seq "$1" | awk '{ printf "项目标签较第%d列减少1万元，项目标签占其他标签甲的50%%，", $1 }'
        printf '\n"""\n}\n'
    } >"$2"
}
if begin scaling-text-columns; then
    scales text_columns 2000 60 check -q --max-errors 0
    expect_err "20000 warnings"
    end
fi

# units declared base-last: u_N = 1 u_N-1, ..., u_1 = 1 u_0, then unit u_0 (settled in
# rounds, one unit a round: 60,000 units took 30 s)
units_base_last() {
    { seq "$1" -1 1 | awk '{ printf "unit u%d = 1 u%d\n", $1, $1 - 1 }'
      printf 'unit u0\nbudget b {\n  unit u%d\n  x 1\n}\n' "$1"; } >"$2"
}
if begin scaling-units-base-last; then scales units_base_last 6000 30 check -q; expect_err "no errors"; end; fi

# one file imported N times (the loader resolved every one anew)
imports_same() {
    printf 'unit u\n' >"$(dirname "$2")/u.bdl"
    { repeat "$1" 'import "u.bdl"'; printf 'budget b { item x 1 u }\n'; } >"$2"
}
if begin scaling-imports-same; then scales imports_same 10000 30 check -q; expect_err "no errors"; end; fi

# N files, each imported once (the loader walked the whole import list for every file)
imports_many() {
    local dir="${2%.bdl}.d"
    mkdir -p "$dir"
    seq "$1" | (cd "$dir" && awk '{ f = "f" $1 ".bdl"; print "unit u" $1 > f; close(f) }')
    { seq "$1" | awk -v d="$(basename "$dir")" '{ printf "import \"%s/f%d.bdl\"\n", d, $1 }'
      printf 'budget b { item x 1 u1 }\n'; } >"$2"
}
if begin scaling-imports-many; then scales imports_many 1000 30 check -q; expect_err "no errors"; end; fi

# N rates between N pairs of currencies, and a check using each (rates were compared
# pairwise, and every check walked them all: 30,000 took 2.5 s)
rates() {
    { seq "$1" | awk '{ printf "unit a%d\nunit b%d\nrate a%d = 2 b%d\n", $1, $1, $1, $1 }'
      printf 'budget b {\n'
      seq "$1" | awk '{ printf "  x%d 1 a%d\n  y%d 2 b%d\n  assert x%d == y%d\n", $1, $1, $1, $1, $1, $1 }'
      printf '}\n'; } >"$2"
}
if begin scaling-rates; then scales rates 3000 30 check -q; expect_err "no errors"; end; fi

# N units and N items in unknown units: every unknown unit was compared with every unit,
# whatever the "did you mean" allowance (10,000 took 2.7 s)
unit_suggestions() {
    { seq "$1" | awk '{ printf "unit unit_%d\n", $1 }'
      printf 'budget b {\n'; seq "$1" | awk '{ printf "  x%d 1 nope_%d\n", $1, $1 }'; printf '}\n'; } >"$2"
}
if begin scaling-unit-suggestions; then
    scales unit_suggestions 1000 30 check -q --max-errors 0
    expect_err "10000 errors"
    end
fi

# N items sharing a 60-character prefix, and 150 misspelled references to them: the
# nearest name was looked for over the whole budget each time (200,000 items: 81 s)
name_suggestions() {
    local p
    p=$(printf 'p%.0s' $(seq 60))
    { printf 'budget b {\n'; seq "$1" | sed "s/.*/  $p& 1/"; seq 150 | sed "s/.*/  assert $p&x == 1/"
      printf '}\n'; } >"$2"
}
if begin scaling-name-suggestions; then
    scales name_suggestions 20000 60 check -q --max-errors 0
    expect_err "150 errors"
    end
fi

# N budgets of one ID: bdl build compared each with all before it
build_repeated_ids() {
    repeat "$1" 'budget b { item x 1 }' >"$2"
}
if begin scaling-build-repeated-ids; then
    mkdir -p "$tmp/built"
    scales build_repeated_ids 10000 30 build -q -o "$tmp/built"
    expect_err "wrote $tmp/built/b.json"
    end
fi

# a consolidation of N budgets (each member was looked for among all budgets, and compared
# with every member before it)
consolidation_members() {
    { seq "$1" | awk '{ printf "budget d%d { group g = 1 { x 1 } }\n", $1 }'
      printf 'consolidate all {\n  budgets '
      seq "$1" | awk '{ printf "%sd%d", (NR > 1 ? ", " : ""), $1 }'
      printf '\n  groups g\n}\n'; } >"$2"
}
if begin scaling-consolidation-members; then scales consolidation_members 10000 30 check -q; expect_err "no errors"; end; fi

# two budgets whose group has N rows, consolidated (each row was looked for among the
# rows merged so far)
consolidation_rows() {
    { for d in a b; do
          printf 'budget %s {\n  group g {\n' "$d"; seq "$1" | sed 's/.*/    r& 1/'; printf '  }\n}\n'
      done
      printf 'consolidate all {\n  budgets a, b\n  groups g\n}\n'; } >"$2"
}
if begin scaling-consolidation-rows; then scales consolidation_rows 10000 30 check -q; expect_err "no errors"; end; fi

# a chain of N imports (each level was a recursion; the loader stops at 100 levels now)
import_chain() {
    local dir="${2%.bdl}.d"
    mkdir -p "$dir"
    seq 0 "$1" | (cd "$dir" && awk -v n="$1" '{ f = "f" $1 ".bdl"
        if ($1 < n) print "import \"f" $1 + 1 ".bdl\"" > f; else print "unit u" > f; close(f) }')
    printf 'import "%s/f0.bdl"\nbudget b { item x 1 }\n' "$(basename "$dir")" >"$2"
}
if begin scaling-import-chain; then scales import_chain 1000 30 check -q; expect_err "1 error"; end; fi

# bdl fmt of N lines out of the canonical layout (alignment widths were kept per line)
fmt_lines() {
    seq "$1" | sed 's/^/  item   i/; s/$/   1/' | wrap >"$2"
}
if begin scaling-fmt; then scales fmt_lines 100000 60 fmt; expect_status 0; expect_out "  item i1000000  1"; end; fi

# an import of a path of N parts that does not exist (the nearest existing directory was
# looked for by recursion, a copy of the parent at each level: 200 KB took 4 GB)
long_missing_import() {
    printf 'import "%sx.bdl"\nbudget b { item x 1 }\n' "$(repeat "$1" 'a/' | tr -d '\n')" >"$2"
}
if begin scaling-long-missing-import; then
    scales long_missing_import 10000 30 check --color never
    expect_status 1; expect_err "[E0601]"; expect_small 8000
    if ! ldd "${BDL%% *}" 2>/dev/null | grep -q 'lib[at]*san\|libubsan'; then
        # shellcheck disable=SC2086
        (ulimit -v 200000; exec timeout 20 $BDL check --color never "$tmp/10n.bdl") >"$tmp/out" 2>"$tmp/err"
        status=$?
        expect_status 1; expect_err "[E0601]"
    fi
    end
fi

if begin out-of-memory; then
    # A spec whose syntax tree cannot fit: a clear message and status 2, not a crash.
    # Sanitizer runtimes reserve terabytes of address space, so only a plain build can run
    # under an address-space limit.
    if ldd "${BDL%% *}" 2>/dev/null | grep -q 'lib[at]*san\|libubsan'; then
        skip "a sanitizer build cannot run under an address-space limit"
    else
        seq 1000000 | sed 's/^/  item_/; s/$/ 1/' | wrap >"$tmp/in.bdl"
        # shellcheck disable=SC2086
        (ulimit -v 60000; exec timeout 20 $BDL check -q "$tmp/in.bdl") >"$tmp/out" 2>"$tmp/err"
        status=$?
        expect_status 2; expect_err "out of memory"
        end
    fi
fi

if begin fmt-out-of-memory; then
    # bdl fmt of a million lines: within 700 MB of address space (it reserved 536 bytes a
    # line, and abort()ed, exit 134, when that failed), and "out of memory" with exit
    # status 2 under 300 MB.
    if ldd "${BDL%% *}" 2>/dev/null | grep -q 'lib[at]*san\|libubsan'; then
        skip "a sanitizer build cannot run under an address-space limit"
    else
        seq 1000000 | sed 's/^/  item   i/; s/$/   1/' | wrap >"$tmp/in.bdl"
        # shellcheck disable=SC2086
        (ulimit -v 700000; exec timeout 30 $BDL fmt "$tmp/in.bdl") >"$tmp/out" 2>"$tmp/err"
        status=$?
        expect_status 0
        # shellcheck disable=SC2086
        (ulimit -v 300000; exec timeout 30 $BDL fmt "$tmp/in.bdl") >"$tmp/out" 2>"$tmp/err"
        status=$?
        expect_status 2; expect_err "bdl: out of memory"
        end
    fi
fi

if begin diff-large; then
    # bdl diff matches items, checks, units and budgets by name through sorted indexes:
    # two versions of 200,000 items, every one renamed, compare in seconds.
    seq 200000 | sed 's/.*/  i& &/' | wrap >"$tmp/old.bdl"
    seq 200000 | sed 's/.*/  r& &/' | wrap >"$tmp/new.bdl"
    run 30 diff "$tmp/old.bdl" "$tmp/new.bdl"
    expect_status 1; expect_out "(renamed from i200000)"
    end
fi

# --- bytes that are not text -----------------------------------------------------------

# bad_bytes NAME BYTES: BYTES (printf escapes) in a name, in a string and in a comment
bad_bytes() {
    # shellcheck disable=SC2059 # the bytes are printf escapes on purpose
    printf "  y$2 1\n  z \"a$2\" 1\n  # c$2\n" | wrap >"$tmp/in.bdl"
    run 5 check --color never "$tmp/in.bdl"
    expect_status 1
    [ "$(count "\[$1\]")" = 3 ] || fail "$3: expected $1 in the name, the string and the comment"
}

if begin invalid-utf8; then
    bad_bytes E0101 '\xC0\xAF' "overlong 2-byte"
    bad_bytes E0101 '\xE0\x80\xAF' "overlong 3-byte"
    bad_bytes E0101 '\xF0\x80\x80\xAF' "overlong 4-byte"
    bad_bytes E0101 '\xED\xA0\x80' "surrogate U+D800"
    bad_bytes E0101 '\xED\xBF\xBF' "surrogate U+DFFF"
    bad_bytes E0101 '\xE4\xB8' "truncated 3-byte sequence"
    bad_bytes E0101 '\xF0\x9F\x98' "truncated 4-byte sequence"
    bad_bytes E0101 '\xF4\x90\x80\x80' "above U+10FFFF"
    bad_bytes E0101 '\xF5\x80\x80\x80' "lead byte F5"
    bad_bytes E0101 '\xFF' "byte FF"
    bad_bytes E0101 '\x80' "stray continuation byte"
    printf '%s  y \xE4\xB8' "$HEAD" >"$tmp/in.bdl" # truncated at the very end of the file
    run 5 check --color never "$tmp/in.bdl"
    expect_status 1; expect_err "[E0101]"
    end
fi

if begin nul-bytes; then
    bad_bytes E0102 '\x00' "NUL"
    head -c 100000 /dev/zero >"$tmp/in.bdl"
    run 5 check --color never "$tmp/in.bdl"
    expect_status 1; expect_err "[E0102]"; expect_small 160000
    end
fi

if begin cr-line-endings; then
    printf 'unit 元\rbudget b {\r  unit 元\r  x 1\r  y 2\r}\r' >"$tmp/in.bdl"
    run 5 check --color never "$tmp/in.bdl"
    expect_status 1; expect_err "[E0111]"
    [ "$(count 'E0111')" = 1 ] || fail "expected one E0111 for the whole file"
    end
fi

if begin bom-in-the-middle; then
    printf '\xEF\xBB\xBFunit 元\n\xEF\xBB\xBFbudget b {\n  unit 元\n  x 1\n}\n' >"$tmp/in.bdl"
    run 5 check --color never "$tmp/in.bdl"
    expect_status 1; expect_err "[E0112]"
    [ "$(count 'E0112')" = 1 ] || fail "the leading BOM must be accepted, the second reported"
    end
fi

# --- the FILE argument -----------------------------------------------------------------

if begin file-is-a-directory; then
    mkdir "$tmp/dir.bdl"
    run 5 check "$tmp/dir.bdl"
    expect_status 2; expect_err "cannot read $tmp/dir.bdl: is a directory"
    end
fi

if begin file-is-missing; then
    run 5 check "$tmp/missing.bdl"
    expect_status 2; expect_err "cannot read $tmp/missing.bdl: No such file or directory"
    end
fi

if begin file-is-a-fifo; then
    mkfifo "$tmp/fifo.bdl"
    printf '%s}\n' "$HEAD" >"$tmp/fifo.bdl" &
    pids+=($!)
    run 10 check --color never "$tmp/fifo.bdl"
    expect_status 0; expect_err "no errors"
    end
fi

if begin file-too-large; then
    truncate -s 1025M "$tmp/big.bdl" # sparse: no disk space is used
    run 5 check "$tmp/big.bdl"
    expect_status 2; expect_err "file is larger than 1 GiB"
    end
fi

if begin file-grows-while-read; then
    printf '%s}\n' "$HEAD" >"$tmp/grow.bdl"
    { while :; do printf '# more\n'; done >>"$tmp/grow.bdl"; } 2>/dev/null &
    pids+=($!)
    sleep 0.2
    run 20 check -q "$tmp/grow.bdl"
    [ "$status" = 0 ] || [ "$status" = 1 ] || fail "exit status $status, expected diagnostics"
    kill "${pids[-1]}" 2>/dev/null
    end
fi


# Root reads and writes whatever it likes; to see a permission fail as a user does, bdl
# runs without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (setpriv). can_drop says whether
# that works here (setpriv present and allowed to drop them).
DROP=""
[ "$(id -u)" = 0 ] && DROP="setpriv --bounding-set=-dac_override,-dac_read_search --"
can_drop() {
    local probe="$tmp/probe"
    : >"$probe" && chmod 000 "$probe"
    ! $DROP test -r "$probe" 2>/dev/null
}
# run_unprivileged SECONDS ARGS...: like run, without those privileges
run_unprivileged() {
    local saved=$BDL
    BDL="$DROP $saved"
    run "$@"
    BDL=$saved
}

if begin file-unreadable; then
    if can_drop; then
        printf '%s}\n' "$HEAD" >"$tmp/secret.bdl"
        chmod 000 "$tmp/secret.bdl"
        run_unprivileged 5 check "$tmp/secret.bdl"
        expect_status 2; expect_err "cannot read $tmp/secret.bdl: Permission denied"
        end
    else
        skip "cannot drop the privilege to read any file (setpriv missing or not permitted)"
    fi
fi

# --- imports ----------------------------------------------------------------------------

# spec_importing NAME: a spec in $tmp/imp that imports NAME (the main file of these cases)
spec_importing() {
    mkdir -p "$tmp/imp"
    printf 'import "%s"\nbudget main { item a 1 }\n' "$1" >"$tmp/imp/main.bdl"
}

if begin import-cycle; then
    spec_importing a.bdl
    printf 'import "b.bdl"\nunit 元\n' >"$tmp/imp/a.bdl"
    printf 'import "a.bdl"\nunit 万元 = 10000 元\n' >"$tmp/imp/b.bdl"
    run 5 check --color never "$tmp/imp/main.bdl"
    expect_status 1; expect_err "[E0603]"; expect_err "import cycle:"
    end
fi

if begin import-directory; then
    spec_importing sub
    mkdir -p "$tmp/imp/sub"
    run 5 check --color never "$tmp/imp/main.bdl"
    expect_status 1; expect_err "[E0602]"; expect_err "/sub': it is a directory"
    end
fi

if begin import-fifo; then
    # A FIFO nobody writes to: reading it would wait forever. It is refused unread.
    spec_importing pipe.bdl
    mkfifo "$tmp/imp/pipe.bdl"
    run 5 check --color never "$tmp/imp/main.bdl"
    expect_status 1; expect_err "[E0602]"; expect_err "it is not a regular file"
    ln -s /dev/zero "$tmp/imp/zero.bdl" # a device never ends
    spec_importing zero.bdl
    run 5 check --allow-outside --color never "$tmp/imp/main.bdl"
    expect_status 1; expect_err "[E0602]"; expect_err "it is not a regular file"
    end
fi

if begin import-too-large; then
    spec_importing big.bdl
    truncate -s 1025M "$tmp/imp/big.bdl" # sparse: no disk space is used
    run 5 check --color never "$tmp/imp/main.bdl"
    expect_status 1; expect_err "[E0601]"; expect_err "file is larger than 1 GiB"
    rm -f "$tmp/imp/big.bdl"
    end
fi

if begin import-unreadable; then
    if can_drop; then
        spec_importing secret.bdl
        printf 'unit 元\n' >"$tmp/imp/secret.bdl"
        chmod 000 "$tmp/imp/secret.bdl"
        run_unprivileged 5 check --color never "$tmp/imp/main.bdl"
        expect_status 1; expect_err "[E0601]"; expect_err "/secret.bdl': Permission denied"
        end
    else
        skip "cannot drop the privilege to read any file (setpriv missing or not permitted)"
    fi
fi

if begin import-root-unresolvable; then
    # The main file's real path is longer than PATH_MAX (two links into a deep tree): its
    # tree cannot be resolved, so no import may be shown to stay inside it. It used to
    # become "/", and an import of any file outside was read and quoted.
    long=$(printf 'd%.0s' $(seq 200))
    half=$(for _ in $(seq 11); do printf '%s/' "$long"; done)
    mkdir -p "$tmp/deep/$half$half"
    ln -s "$tmp/deep/${half%/}" "$tmp/half" && ln -s "$tmp/half/${half%/}" "$tmp/whole"
    printf 'SECRET-LINE\n' >"$tmp/secret.txt"
    printf 'import "%s"\nbudget b { item x 1 }\n' "$tmp/secret.txt" >"$tmp/whole/main.bdl"
    run 5 json --color never "$tmp/whole/main.bdl"
    expect_status 1; expect_err "[E0604]"; expect_err "cannot be resolved (File name too long)"
    grep -q SECRET "$tmp/out" "$tmp/err" && fail "the outside file was read and shown"
    grep -q "secret.txt\"\]" "$tmp/out" && fail "the outside file is listed in sources"
    # a sibling whose name starts with the tree's is outside: compared by whole parts
    mkdir -p "$tmp/tree" "$tmp/tree-evil"
    printf 'unit u\n' >"$tmp/tree-evil/x.bdl"
    printf 'import "../tree-evil/x.bdl"\nbudget b { item x 1 }\n' >"$tmp/tree/main.bdl"
    run 5 check --color never "$tmp/tree/main.bdl"
    expect_status 1; expect_err "[E0604]"
    end
fi

if begin import-chain-deep; then
    # f0 imports f1, which imports f2, ... 30,000 files deep: the loader keeps its own
    # stack (it recursed, and overflowed the machine's), and stops at 100 levels with
    # E0607, whose whole diagnostic is compared with tests/golden/hostile/import-chain.expected.
    mkdir -p "$tmp/chain"
    seq 0 30000 | (cd "$tmp/chain" && awk '{ f = "f" $1 ".bdl"
        if ($1 < 30000) print "import \"f" $1 + 1 ".bdl\"" > f; else print "unit u" > f; close(f) }')
    in_dir "$tmp/chain" 20 check --color never f0.bdl
    expect_status 1; expect_err "[E0607]"
    diff -u tests/golden/hostile/import-chain.expected "$tmp/err" >"$tmp/diff" ||
        fail "the diagnostics differ from tests/golden/hostile/import-chain.expected: $(head -c 600 "$tmp/diff")"
    end
fi

if begin import-existence-oracle; then
    # Outside the tree, an import is refused the same way whether or not the file is there:
    # the code, the message and the name shown (which never gains ".bdl") may not tell.
    o="$tmp/oracle"
    mkdir -p "$o/tree" "$o/outside"
    printf 'unit u\n' >"$o/outside/there.bdl"
    ln -s ../outside/there.bdl "$o/tree/link-there.bdl"
    ln -s ../outside/nothing.bdl "$o/tree/link-nothing.bdl"
    lib_up=$(realpath --relative-to="$PWD/lib" "$o/outside")
    # same_answer A B: importing A and importing B give the same diagnostics, names aside
    same_answer() {
        local k
        for k in 1 2; do
            printf 'import "%s"\nbudget b { item x 1 }\n' "$([ $k = 1 ] && echo "$1" || echo "$2")" >"$o/tree/main.bdl"
            run 5 check --color never "$o/tree/main.bdl"
            grep -E 'error\[|note|help' "$tmp/err" | sed "s|$1|NAME|g; s|$2|NAME|g" >"$o/answer$k"
        done
        grep -q 'E0604' "$o/answer1" || fail "importing $1 is not refused as outside: $(head -n 1 "$o/answer1")"
        cmp -s "$o/answer1" "$o/answer2" ||
            fail "$1 and $2 get different answers: $(diff "$o/answer1" "$o/answer2" | head -n 4 | tr '\n' ' ')"
    }
    same_answer ../outside/there ../outside/nothing         # ".bdl" may be left out
    same_answer ../outside/there.bdl ../outside/nothing.bdl
    same_answer ../outside/there.bdl ../nowhere/at/all.bdl
    same_answer link-there.bdl link-nothing.bdl                # links leading out
    same_answer "std/$lib_up/there" "std/$lib_up/nothing"      # out of the library
    end
fi

# --- outputs that cannot be written ----------------------------------------------------

printf '%s  y "二" 2\n}\n' "$HEAD" >"$tmp/ok.bdl"

# no_temporaries DIR: a failed write leaves no half-written file behind
no_temporaries() {
    local f
    for f in "$1"/*.tmp-*; do
        [ -e "$f" ] && fail "a temporary file was left: $f"
    done
}

if begin output-unwritable-dir; then
    if can_drop; then
        mkdir "$tmp/ro"
        echo previous >"$tmp/ro/out.json"
        chmod 555 "$tmp/ro"
        chmod 666 "$tmp/ro/out.json"
        run_unprivileged 5 json "$tmp/ok.bdl" -o "$tmp/ro/out.json"
        expect_status 2; expect_err "cannot write $tmp/ro/out.json: Permission denied"
        [ "$(cat "$tmp/ro/out.json")" = previous ] || fail "the previous output was changed"
        run_unprivileged 5 build "$tmp/ok.bdl" -o "$tmp/ro"
        expect_status 2; expect_err "cannot write $tmp/ro/b.json: Permission denied"
        run_unprivileged 5 build "$tmp/ok.bdl" -o "$tmp/ro/sub"
        expect_status 2; expect_err "cannot create $tmp/ro/sub: Permission denied"
        no_temporaries "$tmp/ro"
        end
    else
        skip "cannot drop the privilege to write any directory (setpriv missing or not permitted)"
    fi
fi

if begin output-dev-full; then
    run 5 json "$tmp/ok.bdl" -o /dev/full
    expect_status 2; expect_err "cannot write /dev/full: No space left on device"
    for cmd in json check fmt; do
        # standard output on a full disk: the product is lost, so the exit status says so
        # shellcheck disable=SC2086
        timeout 10 $BDL $cmd "$tmp/ok.bdl" >/dev/full 2>"$tmp/err"
        status=$?
        expect_status 2; expect_err "cannot write standard output: No space left on device"
    done
    end
fi

# full_disk COMMAND...: runs bdl with a 1 KiB limit on the size of any file it writes
# (RLIMIT_FSIZE; SIGXFSZ ignored), which is how a full disk looks to a writer: a write fails.
full_disk() {
    (
        trap '' XFSZ
        ulimit -f 1
        # shellcheck disable=SC2086
        exec timeout 10 $BDL "$@"
    ) >"$tmp/out" 2>"$tmp/err"
    status=$?
}

if begin output-disk-full; then
    mkdir "$tmp/full"
    echo previous >"$tmp/full/out.json"
    full_disk json "$tmp/ok.bdl" -o "$tmp/full/out.json"
    expect_status 2; expect_err "cannot write $tmp/full/out.json: File too large"
    [ "$(cat "$tmp/full/out.json")" = previous ] || fail "the previous output was changed"
    echo previous >"$tmp/full/b.json"
    full_disk build "$tmp/ok.bdl" -o "$tmp/full"
    expect_status 2; expect_err "cannot write $tmp/full/b.json: File too large"
    [ "$(cat "$tmp/full/b.json")" = previous ] || fail "the previous build output was changed"
    { printf 'unit 元\nbudget b {\n'; repeat 200 'item   x   1'; printf '}\n'; } >"$tmp/full/messy.bdl"
    cp "$tmp/full/messy.bdl" "$tmp/full/messy.orig"
    full_disk fmt -w "$tmp/full/messy.bdl"
    expect_status 2; expect_err "cannot write $tmp/full/messy.bdl: File too large"
    cmp -s "$tmp/full/messy.bdl" "$tmp/full/messy.orig" || fail "fmt -w changed the file it could not rewrite"
    no_temporaries "$tmp/full"
    end
fi

# --- outputs never written through a link, over an input, or with other owners (issue 21)

if begin output-through-symlink; then
    # Links committed in a repository: the output replaces the link, the target is untouched.
    mkdir -p "$tmp/repo/out" "$tmp/victim"
    echo KEY >"$tmp/victim/authorized_keys" && echo KEY >"$tmp/victim/b.json"
    ln -s ../../victim/authorized_keys "$tmp/repo/out/b.html"
    ln -s ../../victim/b.json "$tmp/repo/out/b.json"
    run 5 html "$tmp/ok.bdl" -o "$tmp/repo/out/b.html"
    expect_status 0
    [ "$(cat "$tmp/victim/authorized_keys")" = KEY ] || fail "-o wrote through a symbolic link"
    [ -L "$tmp/repo/out/b.html" ] && fail "-o left the link in place"
    rm "$tmp/repo/out/b.html" && ln -s ../../victim/authorized_keys "$tmp/repo/out/b.html"
    run 5 build "$tmp/ok.bdl" -o "$tmp/repo/out"
    expect_status 0
    [ "$(cat "$tmp/victim/authorized_keys")$(cat "$tmp/victim/b.json")" = KEYKEY ] ||
        fail "build -o wrote through a symbolic link"
    grep -q '"bdl_json"' "$tmp/repo/out/b.json" || fail "build did not write b.json"
    # /dev/stdout (a link into /proc) still names standard output: written in place
    run 5 json "$tmp/ok.bdl" -o /dev/stdout
    expect_status 0; expect_out '"bdl_json"'
    [ -L /dev/stdout ] || fail "/dev/stdout was replaced"
    end
fi

if begin output-is-input; then
    cp "$tmp/ok.bdl" "$tmp/s.bdl" && ln "$tmp/s.bdl" "$tmp/hard.bdl"
    run 5 json "$tmp/s.bdl" -o "$tmp/s.bdl"
    expect_status 2; expect_err "cannot write $tmp/s.bdl: it is the input"
    run 5 html "$tmp/s.bdl" -o "$tmp/hard.bdl" # a hard link is the same file
    expect_status 2; expect_err "it is the input"
    run 5 json "$tmp/s.bdl" -o "$tmp/s.json" --depfile "$tmp/s.bdl"
    expect_status 2; expect_err "it is the input"
    cmp -s "$tmp/s.bdl" "$tmp/ok.bdl" || fail "an output replaced the spec"
    end
fi

if begin fmt-w-attributes; then
    f="$tmp/attr/messy.bdl"
    mkdir -p "$tmp/attr"
    { printf 'unit 元\nbudget b {\n'; repeat 20 'item   x   1'; printf '}\n'; } >"$f"
    chmod 640 "$f"
    [ "$(id -u)" = 0 ] && chown 12345:12346 "$f" # an owner and group the run is not
    before=$(stat -c '%a %u %g' "$f")
    run 5 fmt -w "$f"
    expect_status 0
    [ "$(stat -c '%a %u %g' "$f")" = "$before" ] || fail "fmt -w changed mode, owner or group: $(stat -c '%a %u %g' "$f")"
    { printf 'unit 元\nbudget b {\n'; repeat 20 'item   x   1'; printf '}\n'; } >"$f" && chmod 444 "$f"
    cp "$f" "$tmp/attr/orig"
    run 5 fmt -w "$f"
    expect_status 2; expect_err "cannot write $f: it is read-only"
    chmod 644 "$f" && ln -s messy.bdl "$tmp/attr/link.bdl"
    run 5 fmt -w "$tmp/attr/link.bdl"
    expect_status 2; expect_err "it is a symbolic link"
    [ -L "$tmp/attr/link.bdl" ] || fail "fmt -w replaced the link"
    cmp -s "$f" "$tmp/attr/orig" || fail "fmt -w changed a file it refused"
    end
fi

# --- text outputs cannot act on a terminal or a CI log (issue 21) -----------------------

# no_raw_controls FILE...: no ESC, CSI (C2 9B), CR, BEL or other control byte but tab and
# line feed, and no line that a CI runner reads as a command (GitHub's "::NAME" after
# leading white space, Azure's "##") but bdl's own annotations (::error file=...).
no_raw_controls() {
    local f commands='^[[:space:]]*(::[A-Za-z-]+( |::)|##)'
    for f in "$@"; do
        if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' "$f"; then
            fail "$f holds a raw control character: $(LC_ALL=C grep -m1 -n $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' "$f" | cat -v | cut -c1-160)"
        fi
        if grep -E "$commands" "$f" | grep -qvE '^::(error|warning) file='; then
            fail "$f has a line a CI runner reads as a command: $(grep -E "$commands" "$f" | grep -vE '^::(error|warning) file=' | head -n 1)"
        fi
    done
}

if begin terminal-injection; then
    d="$tmp/term"
    mkdir -p "$d"
    # an imported file whose name is a workflow command, with an error in it
    printf 'unit u\nbudget x { item y 1 u }\nbudget x { }\n' >"$d/::notice title=bdl::owned.bdl"
    E='\u{1b}[32m' C='\u{9b}2J' R='\u{d}'
    cat >"$d/main.bdl" <<EOF
import "::notice title=bdl::owned.bdl"
unit 元
budget b "${E}Title${R}" {
  unit 元
  columns a "${C}A"
  x "${E}label${R}passed" 1 note "${E}note"
  assert x == 2 "${E}FAILED${R}passed"
  assert nope == 1 "${C}"
}
EOF
    in_dir "$d" 10 check --color never main.bdl
    expect_status 1
    no_raw_controls "$tmp/out" "$tmp/err"
    in_dir "$d" 10 check --color never --diagnostics github main.bdl
    no_raw_controls "$tmp/out" "$tmp/err"
    grep -q '^::error file=%3A%3Anotice title=bdl%3A%3Aowned.bdl,' "$tmp/out" || fail "the github annotation lost its file"
    cp "$d/main.bdl" "$d/::error::x.bdl" && printf 'budget   b { item x 1 }\n' >"$d/##vso[x].bdl"
    in_dir "$d" 10 fmt --check --color never "::error::x.bdl" "##vso[x].bdl"
    no_raw_controls "$tmp/out" "$tmp/err"
    expect_out "./##vso[x].bdl"
    in_dir "$d" 10 check -q --color never "::error::x.bdl" "##vso[x].bdl" "$(printf 'esc\033[2J.bdl')"
    no_raw_controls "$tmp/out" "$tmp/err"
    expect_err 'esc\u{1b}[2J.bdl'
    printf 'unit 元\nbudget b {\n  unit 元\n  x "plain" 1\n}\n' >"$d/old.bdl"
    in_dir "$d" 10 diff --color never old.bdl main.bdl
    no_raw_controls "$tmp/out" "$tmp/err"
    expect_out '\u{1b}[32mlabel\u{d}passed'
    end
fi

if begin markdown-injection; then
    # bdl diff --format markdown goes into pull-request comments: every string of the
    # spec must stay text there. cmark-gfm (GitHub's renderer, with its table and autolink
    # extensions, raw HTML on) renders it, and the page may hold only the elements bdl
    # writes, every link-like or @mention text only inside <code>, and one row per change.
    if ! command -v cmark-gfm >/dev/null 2>&1; then
        skip "cmark-gfm is not installed (make test installs it)"
    else
        d="$tmp/md"
        mkdir -p "$d"
        printf 'unit 元\nbudget b "T" {\n  unit 元\n  columns a\n  x "x" 1\n  y "y" 1\n}\n' >"$d/old.bdl"
        cat >"$d/new.bdl" <<'EOF'
unit 元
budget b "<img src=x onerror=alert(1)> [a](https://evil.example) `x` | y" {
  unit 元
  meta entity "![i](https://evil.example/t.png) @octocat"
  columns a "<script>alert(1)</script>"
  x "\n# heading\n<b>bold</b> **b** ``code`` http://evil.example www.evil.example a@evil.example" 2
  y "`` ` ``\u{d}| cell | cell |\n|---|" 3
  z "<https://evil.example> &lt;img&gt; [r]: https://evil.example" 4
  assert x == 3 "@octocat ![x](https://e.example/x.png) <a href=https://e.example>a</a>"
}
EOF
        run 10 diff --format markdown "$d/old.bdl" "$d/new.bdl"
        expect_status 1
        cmark-gfm -e table -e autolink -e strikethrough --unsafe "$tmp/out" >"$d/page.html"
        "${PYTHON:-python3}" - "$d/page.html" >"$d/why" <<'PY' || fail "markdown injection: $(head -n 3 "$d/why")"
import html.parser, re, sys
allowed = {"h2", "h3", "h4", "p", "table", "thead", "tbody", "tr", "th", "td", "code", "strong", "br", "ul", "li"}
class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.bad, self.rows, self.text = [], [], 0, []
    def handle_starttag(self, tag, attrs):
        if tag not in allowed or attrs:
            self.bad.append("<%s %s>" % (tag, attrs))
        self.rows += tag == "tr"
        if tag != "br":
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass
    def handle_data(self, data):
        if "code" not in self.stack and re.search(r"@|https?:|www\.|<|&", data):
            self.bad.append("outside code: " + data.strip())
page = Page()
page.feed(open(sys.argv[1], encoding="utf-8").read())
if page.rows != 10:  # settings: a header and 3 rows; items: a header, x, y, z; checks: 2
    page.bad.append("%d table rows, not 10" % page.rows)
print("\n".join(page.bad))
sys.exit(1 if page.bad else 0)
PY
        end
    fi
fi

if begin sarif-uri; then
    # SARIF's artifactLocation.uri is a URI reference: the file name percent-encoded (a
    # relative reference, or a file: URI for an absolute name), decoding back to the name.
    d="$tmp/sarif"
    mkdir -p "$d/dir name"
    name='dir name/a#b:c%d 收入.bdl'
    printf 'budget b {\n  x 1 nope\n}\n' >"$d/$name"
    for file in "$name" "$d/$name"; do
        in_dir "$d" 5 check --diagnostics sarif "$file"
        "${PYTHON:-python3}" - "$tmp/out" "$file" >"$tmp/why" <<'PY' || fail "sarif uri of $file: $(cat "$tmp/why")"
import json, re, sys, urllib.parse
uris = [loc["physicalLocation"]["artifactLocation"]["uri"]
        for run in json.load(open(sys.argv[1]))["runs"] for r in run["results"] for loc in r["locations"]]
name = sys.argv[2]
want = ("file://" if name.startswith("/") else "") + name
bad = [u for u in uris if not re.fullmatch(r"[A-Za-z0-9\-._~/%:]*", u) or urllib.parse.unquote(u) != want
       or ("#" in u or ":" in u.replace("file://", "", 1))]
print(repr(bad))
sys.exit(1 if bad or not uris else 0)
PY
    done
    end
fi

# --- names Make must read back (issue 21) ----------------------------------------------

# The rules --depfile writes are read by make (`-include $(wildcard out/*.d)`), and the names
# in them come from the spec: a committed file name must never become Make syntax.

if begin depfile-special-names; then
    # Every character Make reads specially, in imported names and in the target: make
    # must read the rules, find the target up to date, and see each import change.
    d="$tmp/mk"
    mkdir -p "$d/sub"
    names=('a b' $'t\tab' 'h#sh' 'd$llar' 'back\slash' 'tail\' 'co:lon' 'per%cent' 'st*r' 'qu?st'
           'br[ack]et' 'pi|pe' '~tilde' '.IGNORE' 'define' 'sub/x y')
    : >"$d/main.bdl"
    for n in "${names[@]}"; do
        printf 'unit u%s\n' "${#n}$RANDOM" >"$d/$n"
        printf 'import "%s"\n' "$(printf '%s' "$n" | sed 's/\\/\\\\/g; s/\t/\\t/g')" >>"$d/main.bdl"
    done
    printf 'budget b { item x 1 }\n' >>"$d/main.bdl"
    in_dir "$d" 10 json main.bdl -o 'out %1.json' --depfile out.d
    expect_status 0
    printf 'all: out\\ %%1.json\n-include out.d\nout\\ \\%%1.json:\n\t@echo rebuilt\n' >"$d/Makefile"
    make -s -C "$d" -q >"$tmp/make" 2>&1 || fail "make does not find the target up to date: $(head -c 300 "$tmp/make")"
    sleep 1 # make compares modification times, which may have a one-second resolution
    for n in "${names[@]}"; do
        touch "$d/$n"
        make -s -C "$d" -q >/dev/null 2>&1 && fail "make did not see '$n' change"
        touch -r "$d/main.bdl" "$d/$n"
        touch -d '-1 hour' "$d/$n"
    done
    grep -q rebuilt <(make -s -C "$d" -n 2>&1) && fail "a prerequisite is still newer than the target"
    rm "$d/pi|pe"
    make -s -C "$d" -q >"$tmp/make" 2>&1
    grep -q "No rule" "$tmp/make" && fail "a deleted import stops make: $(cat "$tmp/make")"
    end
fi

# depfile_attack NAME IMPORT: an import whose name, written raw into the rules, makes the
# next `make` create $d/pwned; bdl must refuse it at the import and write no depfile.
depfile_attack() {
    d="$tmp/attack-$1"
    local code=$2 import=$3
    mkdir -p "$d"
    printf 'import "%s"\nbudget b { item x 1 }\n' "$import" >"$d/main.bdl"
    printf 'all: out.json\n-include out.d\nout.json: main.bdl\n\t@echo rebuilt\n' >"$d/Makefile"
    in_dir "$d" 10 json main.bdl -o out.json --depfile out.d
    expect_status 2; expect_err "[$code]"; expect_err "cannot write out.d"
    [ -e "$d/out.d" ] && fail "a depfile was written: $(head -c 200 "$d/out.d")"
    touch "$d/main.bdl"
    make -s -C "$d" >/dev/null 2>&1
    [ -e "$d/pwned" ] && fail "make ran a command chosen by the spec"
}

if begin depfile-code-execution; then
    # a committed directory whose name holds a line break and a recipe
    dir=$'x\n\ttouch pwned\n'
    mkdir -p "$tmp/attack-nl/$dir" && printf 'unit u\n' >"$tmp/attack-nl/$dir/u.bdl"
    depfile_attack nl E0605 'x\n\ttouch pwned\n/u.bdl'
    # SHELL=./evil.sh: the empty rule for the import becomes an assignment of SHELL
    mkdir -p "$tmp/attack-eq/SHELL=." && printf 'unit u\n' >"$tmp/attack-eq/SHELL=./evil.sh"
    printf '#!/bin/sh\ntouch pwned\n' >"$tmp/attack-eq/evil.sh:" && chmod +x "$tmp/attack-eq/evil.sh:"
    depfile_attack eq E0606 'SHELL=./evil.sh'
    # ';' starts a recipe on the rule's line
    mkdir -p "$tmp/attack-semi/x;touch pwned;" && printf 'unit u\n' >"$tmp/attack-semi/x;touch pwned;/u.bdl"
    depfile_attack semi E0606 'x;touch pwned;/u.bdl'
    end
fi

# --- a file that changes while bdl works on it (issue 21) -----------------------------

# tests/hooks/run_on_mkstemp.c runs a command when bdl creates an output's temporary file:
# after the source was read and formatted, before the rewrite is renamed into place.
HOOK="$tmp/run_on_mkstemp.so"
cc -shared -fPIC -o "$HOOK" tests/hooks/run_on_mkstemp.c -ldl 2>/dev/null || HOOK=""
# run_hooked COMMAND SECONDS ARGS...: run, with COMMAND run at that point
run_hooked() {
    local command=$1
    shift
    LD_PRELOAD=$HOOK RUN_ON_MKSTEMP=$command ASAN_OPTIONS="$ASAN_OPTIONS:verify_asan_link_order=0" run "$@"
}

if begin fmt-w-file-changed; then
    if [ -z "$HOOK" ]; then
        skip "cannot build tests/hooks/run_on_mkstemp.c (no C compiler?)"
    else
        # 300,000 items out of the canonical layout: over 4 MB.
        seq 300000 | sed 's/.*/  item   i&   &/' | wrap >"$tmp/big.bdl"
        f="$tmp/fmt/f.bdl"
        mkdir -p "$tmp/fmt"
        for change in "touch $f" "printf '# more\n' >>$f" \
                      "printf X | dd of=$f bs=1 seek=100 conv=notrunc status=none && touch -r $tmp/fmt/ref $f" \
                      "cp $f $f.new && mv $f.new $f"; do
            cp "$tmp/big.bdl" "$f" && touch -d '-1 hour' "$f" && cp -p "$f" "$tmp/fmt/ref"
            run_hooked "$change && cp -p $f $tmp/fmt/changed" 60 fmt -w "$f"
            expect_status 2; expect_err "cannot write $f: it changed since bdl read it, so it is left as it is"
            cmp -s "$f" "$tmp/fmt/changed" || fail "fmt -w wrote over a file changed while it ran ($change)"
            no_temporaries "$tmp/fmt"
        done
        cp "$tmp/big.bdl" "$f"
        run_hooked "true" 60 fmt -w "$f" # unchanged: rewritten
        expect_status 0
        grep -q '^  item i1 \+1$' "$f" || fail "fmt -w did not rewrite an unchanged file"
        [ "$(grep -c '^  item' "$f")" = 300000 ] || fail "fmt -w lost items"
        end
    fi
fi

echo "hostile: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
