#!/usr/bin/env python3
"""bench/province/run.py - `make bench-province`: a province's budgets built by make.

    run.py --bdl ./bdl [--dir build/province] [--jobs 2] [--repeat 3] [--seed 22]
           [--departments 3000] [--districts 40] [--results bench/results.md]

Generates the specs (gen.py, into DIR/specs, once per seed and size), then times
bench/province/Makefile building them into DIR/out with `make -jJOBS`:

  full build   from an empty DIR/out: every department, district and the province;
  no-op        make again: it must run no command and say "Nothing to be done";
  one change   one department moves 0.01 万元 between two of its line items (its totals
               and claims still hold): make must rebuild exactly that department, its
               district and the province, and the new figure must be in its JSON.

Each figure is the median of REPEAT runs; DIR/out is deleted at the end (1.3 GB at full
size), DIR/specs kept for the next run. The commands make ran are read from its output
(each recipe line is `BDL build SPECS/NAME.bdl ...`). Writes the results to standard
output and into RESULTS between <!-- province:begin --> and <!-- province:end -->.
Exits 1 when an expectation fails.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BEGIN, END = "<!-- province:begin -->", "<!-- province:end -->"
ITEM = re.compile(r'^(      p\d{4} "[^"]*" +)(\d+)\.(\d\d)(,.*)$')


def generate(a, specs):
    want = "seed %d departments %d districts %d " % (a.seed, a.departments, a.districts)
    manifest = os.path.join(specs, "manifest.txt")
    if os.path.exists(manifest) and open(manifest, encoding="utf-8").readline().startswith(want):
        return
    shutil.rmtree(specs, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), specs, "--seed", str(a.seed),
                    "--departments", str(a.departments), "--districts", str(a.districts)], check=True)


def make(a, specs, out):
    """Runs the Makefile; returns (wall seconds, the names it built, its output)."""
    cmd = ["make", "-C", HERE, "--no-print-directory", "-j%d" % a.jobs,
           "BDL=" + os.path.abspath(a.bdl), "SPECS=" + specs, "OUT=" + out]
    start = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    wall = time.monotonic() - start
    text = p.stdout.decode("utf-8", "replace")
    if p.returncode != 0:
        sys.exit("run.py: make failed (exit %d):\n%s" % (p.returncode, text[-3000:]))
    built = re.findall(r" build \S*/([A-Za-z0-9_]+)\.bdl ", text)
    return wall, built, text


def move_a_cent(path):
    """0.01 from the second line item of the first 款 group to the first, in 2026: every
    total stays as stated. Returns the original text and the first item's new figure."""
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    # Two neighbouring lines that are both items are in one group.
    found = next(([i, i + 1] for i in range(len(lines) - 1) if ITEM.match(lines[i]) and ITEM.match(lines[i + 1])), [])
    if not found:
        sys.exit("run.py: %s has no two line items to change" % path)
    new = []
    for i, delta in zip(found, (1, -1)):
        head, units, cents, tail = ITEM.match(lines[i]).groups()
        value = int(units) * 100 + int(cents) + delta
        lines[i] = "%s%d.%02d%s" % (head, value // 100, value % 100, tail)
        new.append(("%d.%02d" % (value // 100, value % 100)).rstrip("0").rstrip("."))  # as JSON writes it
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return text, new[0]


def manifest(specs):
    with open(os.path.join(specs, "manifest.txt"), encoding="utf-8") as f:
        head = f.readline().split()
        rows = [line.split() for line in f if line.strip()]
    return dict(zip(head[::2], head[1::2])), rows


def run(a):
    specs = os.path.abspath(os.path.join(a.dir, "specs"))
    out = os.path.abspath(os.path.join(a.dir, "out"))
    generate(a, specs)
    info, rows = manifest(specs)
    names = len(rows) + a.districts + 1
    size = sum(os.path.getsize(os.path.join(specs, f)) for f in os.listdir(specs) if f.endswith(".bdl"))
    failures, full, noop, change = [], [], [], []
    # The department to change: one in the middle, in a district of its own.
    dept, district = rows[len(rows) // 2][0], rows[len(rows) // 2][1]
    expected = sorted([dept, district, "province"])
    for _ in range(a.repeat):
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run(["sync"])
        wall, built, _ = make(a, specs, out)
        full.append(wall)
        if len(built) != names or len(set(built)) != names:
            failures.append("full build ran %d commands for %d specs" % (len(built), names))
        wall, built, text = make(a, specs, out)
        noop.append(wall)
        if built or "Nothing to be done" not in text:
            failures.append("the no-op rebuild ran %s" % (built or text.strip()[:200]))
        path = os.path.join(specs, dept + ".bdl")
        original, figure = move_a_cent(path)
        try:
            wall, built, _ = make(a, specs, out)
            change.append(wall)
            if sorted(built) != expected:
                failures.append("after a change to %s make rebuilt %s, not %s" % (dept, sorted(built), expected))
            if '"%s"' % figure not in open(os.path.join(out, dept + ".json"), encoding="utf-8").read():
                failures.append("the rebuilt %s.json lacks the new figure %s" % (dept, figure))
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
        make(a, specs, out)  # back to the generated state, untimed
    outputs_mb = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out)) / 1e6
    shutil.rmtree(out)  # 1.3 GB at full size; the specs are kept for the next run
    return {
        "departments": len(rows), "districts": a.districts, "items": int(info["items"]), "seed": int(info["seed"]),
        "mb": size / 1e6, "names": names, "jobs": a.jobs, "repeat": a.repeat, "dept": dept,
        "district": district, "full": statistics.median(full), "noop": statistics.median(noop),
        "change": statistics.median(change), "failures": failures,
        "outputs_mb": outputs_mb,
    }


def report(r):
    load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else ["?"] * 3
    lines = [
        "Measured %s by `make bench-province` (median of %d runs, `make -j%d`; load average at start %s)."
        % (time.strftime("%Y-%m-%d %H:%M"), r["repeat"], r["jobs"], " ".join(load)),
        "",
        "| input | |",
        "|---|---|",
        "| departments | %d, in %d districts (`gen.py`, seed %d) |" % (r["departments"], r["districts"], r["seed"]),
        "| line items | %d (%.0f per department; 50 to 2,000 each) |" % (r["items"], r["items"] / r["departments"]),
        "| specs | %d files, %.1f MB |" % (r["names"] + 1, r["mb"]),
        "| outputs | %d JSON + %d HTML, %.1f MB |" % (r["names"], r["names"], r["outputs_mb"]),
        "",
        "| build | wall s | what make ran |",
        "|---|---:|---|",
        "| full | %.2f | %d `bdl build` (%.1f ms of wall time per spec) |"
        % (r["full"], r["names"], 1000 * r["full"] / r["names"]),
        "| no-op | %.2f | nothing (\"Nothing to be done\"): reading the %d depfiles is the cost |"
        % (r["noop"], r["names"]),
        "| one department changed | %.2f | `%s`, `%s`, `province` |" % (r["change"], r["dept"], r["district"]),
        "",
        "Expectations: %s." % ("all held" if not r["failures"] else "FAILED: " + "; ".join(r["failures"])),
    ]
    return "\n".join(lines) + "\n"


def write_results(path, text):
    doc = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    if BEGIN in doc and END in doc:
        doc = doc[: doc.index(BEGIN) + len(BEGIN)] + "\n" + text + doc[doc.index(END):]
    else:
        doc += "\n## Province scale (issue 22)\n\n%s\n%s%s\n" % (BEGIN, text, END)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(doc)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bdl", required=True)
    ap.add_argument("--dir", default="build/province")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=22)
    ap.add_argument("--departments", type=int, default=3000)
    ap.add_argument("--districts", type=int, default=40)
    ap.add_argument("--results", default=os.path.join(HERE, "..", "results.md"), help="'' to write none")
    a = ap.parse_args()
    r = run(a)
    text = report(r)
    sys.stdout.write(text)
    if a.results:
        write_results(a.results, text)
    return 1 if r["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
