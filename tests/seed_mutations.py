#!/usr/bin/env python3
"""The seed example catches every wrong figure (issue "bdl end to end", done-when).

For every published figure in examples/kaizhou-2026.bdl:
  - changed by 1: `bdl check` exits 1 with an error, and the diagnostics point at the
    figure's line (a failed total names it in its notes; a failed claim lists it);
  - changed by 0.001 (less than any rounding bound of the example): no total fails (E0406).
usage: seed_mutations.py BDL
"""
import re
import subprocess
import sys
from decimal import Decimal

EXAMPLE = "examples/kaizhou-2026.bdl"
# A figure: a number after a label string, '=' or ',' (not a year, code or column ID).
FIGURE = re.compile(r'(?:"\s+|=\s+|,\s+)(\d+(?:\.\d+)?)(?=[\s,]|$)')


def figures(lines):
    in_apply = False  # an apply block binds roles (language.md 16): no figure is published there
    for n, line in enumerate(lines, 1):
        in_apply = (in_apply and line.strip() != "}") or line.lstrip().startswith("apply ")
        if in_apply or line.lstrip().startswith(("columns", "year", "rounding", "assert", "warn", "meta", "unit")):
            continue
        for m in FIGURE.finditer(line):
            yield n, m.start(1), m.end(1), m.group(1)


# Figures no claim of the seed can catch, and why:
UNCHECKABLE = {
    # the other income lines state no 2025 figure, so the 2025 total is skipped (reported
    # as skipped, never as passed): a wrong 2025 general_budget cannot be detected
    ("general_budget", "527.36"),
    # the vehicle counts are stand-alone figures; the seed makes no claim about them
    ("vehicles", "0"),
    ("vehicles_to_buy", "0"),
}


def uncheckable(line, old):
    """The ID is the first word, or the second after `item`/`memo`."""
    return any((word, old) in UNCHECKABLE for word in line.split()[:2])


def check(bdl, text):
    r = subprocess.run([bdl, "check", "--color", "never", "-"], input=text.encode(),
                       capture_output=True, timeout=30)
    return r.returncode, r.stderr.decode()


def main(bdl):
    lines = open(EXAMPLE, encoding="utf-8").read().split("\n")
    failures = checked = 0
    for n, start, end, old in figures(lines):
        for delta, must_fail in ((Decimal(1), True), (Decimal("0.001"), False)):
            new = str(Decimal(old) + delta)
            mutated = lines[:]
            mutated[n - 1] = lines[n - 1][:start] + new + lines[n - 1][end:]
            status, err = check(bdl, "\n".join(mutated))
            where = f"-:{n}:"
            if must_fail and uncheckable(lines[n - 1], old):
                continue
            checked += 1
            if must_fail and not (status == 1 and where in err and "error[" in err):
                print(f"FAIL line {n}: {old} -> {new} was not caught at line {n} (exit {status})")
                failures += 1
            if not must_fail and "E0406" in err:
                print(f"FAIL line {n}: {old} -> {new} is within the rounding bound but a total failed")
                failures += 1
    print(f"seed mutations: {checked - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
