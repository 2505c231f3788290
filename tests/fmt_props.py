#!/usr/bin/env python3
"""Properties of `bdl fmt`, over every .bdl in the repository and a generated corpus:

  idempotent:          fmt(fmt(x)) == fmt(x)
  meaning-preserving:  the JSON of fmt(x) equals the JSON of x, locations aside

usage: fmt_props.py BDL [--seed N] [--count N]
Files with syntax errors are skipped (fmt refuses them, which tests/golden covers).
"""
import json
import random
import re
import subprocess
import sys
from pathlib import Path

LOCATION_KEYS = {"line", "apply_line", "span", "labels"}  # apply_line: where a ledger's apply block is


def run(bdl, args, data):
    return subprocess.run([bdl] + args, input=data, capture_output=True, timeout=60)


def normalise(value, key=None):
    """Drops positions, which formatting may move, and white space inside expressions."""
    if isinstance(value, dict):
        return {k: normalise(v, k) for k, v in value.items() if k not in LOCATION_KEYS}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, str):
        value = re.sub(r":\d+:\d+", ":L:C", value)
        if key in ("expr", "formula", "message", "message_zh", "label", "help") or key is None:
            value = re.sub(r"\s+", "", value)
    return value


def check_one(bdl, name, data):
    """Returns a list of failure messages for one input."""
    first = run(bdl, ["fmt", "--color", "never", "-"], data)
    if first.returncode != 0:
        return []  # syntax errors: not formatted, by design
    second = run(bdl, ["fmt", "-"], first.stdout)
    failures = []
    if second.stdout != first.stdout:
        failures.append(f"{name}: not idempotent")
    before = run(bdl, ["json", "--color", "never", "-"], data)
    after = run(bdl, ["json", "--color", "never", "-"], first.stdout)
    try:
        same = normalise(json.loads(before.stdout)) == normalise(json.loads(after.stdout))
    except json.JSONDecodeError as err:
        return failures + [f"{name}: bad JSON ({err})"]
    if not same:
        failures.append(f"{name}: formatting changed the meaning")
    return failures


WORDS = ["income", "expense", "staff", "rent", "收入", "支出", "办公费", "travel", "it_services"]


def spaces(rng):
    return rng.choice([" ", "  ", "\t", "   "])


def value(rng):
    r = rng.random()
    if r < 0.1:
        return "-"
    num = f"{rng.randint(0, 99999)}.{rng.randint(0, 99):02d}" if r < 0.6 else str(rng.randint(0, 500))
    if rng.random() < 0.1:
        num = "-" + num
    return num + (" 元" if rng.random() < 0.05 else "")


def item_line(rng, name, ncols):
    parts = [rng.choice(["", "item "]) + name]
    if rng.random() < 0.7:
        parts.append(f'"{rng.choice(WORDS)}{rng.randint(1, 9)}"')
    vals = [value(rng) for _ in range(rng.randint(0, ncols))]
    if vals:
        parts.append(("," + spaces(rng)).join(vals))
    if rng.random() < 0.2:
        parts.append(f"code {rng.randint(100, 999)}")
    if rng.random() < 0.2:
        parts.append('note "说明"')
    line = spaces(rng).join(parts)
    if rng.random() < 0.15:
        line += spaces(rng) + "# " + rng.choice(WORDS)
    return line


def group(rng, depth, ncols, counter):
    counter[0] += 1
    name = f"g{counter[0]}"
    head = f'group {name} "组{counter[0]}"'
    if rng.random() < 0.5:
        head += " = " + ", ".join(value(rng) for _ in range(ncols))
    lines = [head + " {"]
    for _ in range(rng.randint(1, 6)):
        if depth < 3 and rng.random() < 0.2:
            lines += ["  " + l for l in group(rng, depth + 1, ncols, counter)]
        else:
            counter[0] += 1
            lines.append(spaces(rng) + item_line(rng, f"i{counter[0]}", ncols))
        if rng.random() < 0.15:
            lines.append("")
        if rng.random() < 0.1:
            lines.append("  # a comment line")
    lines.append("}")
    return lines


def generate(rng):
    ncols = rng.randint(1, 3)
    cols = ", ".join(f'{2026 - i} "{2026 - i}年"' for i in range(ncols))
    lines = ["# generated", "unit 元", "unit 万元 = 10000 元", "", 'budget b "预算" {',
             "unit 万元", "rounding 0.01", f"columns {cols}"]
    counter = [0]
    for _ in range(rng.randint(1, 4)):
        lines += group(rng, 0, ncols, counter)
        lines += [""] * rng.randint(0, 3)
    lines.append("assert g1 >= 0")
    lines.append("}")
    sep = "\r\n" if rng.random() < 0.1 else "\n"
    return sep.join(lines).encode() + (b"\n" if rng.random() < 0.8 else b"")


def main(argv):
    bdl = argv[1]
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 1
    count = int(argv[argv.index("--count") + 1]) if "--count" in argv else 200
    failures, checked = [], 0
    for path in sorted(Path(".").glob("**/*.bdl")):
        if "build" in path.parts or path.parts[0].startswith("."):
            continue
        failures += check_one(bdl, str(path), path.read_bytes())
        checked += 1
    rng = random.Random(seed)
    for i in range(count):
        failures += check_one(bdl, f"generated #{i} (seed {seed})", generate(rng))
        checked += 1
    for f in failures:
        print("FAIL", f)
    print(f"fmt: {checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
