#!/usr/bin/env python3
"""bench/run.py - `make bench`: times bdl on generated specs and writes bench/results.md.

For each size N (line items) it runs, on the same generated input:
  flex    build/bench/flexscan FILE  - the project's own flex scanner alone (the ceiling)
  check   bdl check FILE             - report to a file on disk
  json    bdl json FILE -o OUT.json
  html    bdl html FILE -o OUT.html
each --repeat times, and reports the median wall time, MB/s (10^6 bytes of input per second),
line items per second, and the peak RSS of that run (wait4's rusage, in bench/measure.c), with the speed as
a ratio of the flex-only scan. Then the pathological shapes (each at two sizes, to show the
time per unit does not grow), the start-up time on an empty file, and the targets of issue 16.

Results go to standard output and into bench/results.md between the markers
<!-- bench:begin --> and <!-- bench:end --> (the rest of that file is written by hand).
Standard library only; timing arithmetic uses floats, which never touch an amount.
"""

import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


MEASURE = None  # build/bench/measure, set in main()


def settle(argv):
    """Before a run, outside its timing: the previous run's output file is deleted and every
    dirty page is written out. Otherwise a run that writes hundreds of megabytes pays for the
    writeback of the one before (its rename replaces a file still being written back)."""
    if "-o" in argv:
        out = argv[argv.index("-o") + 1]
        if os.path.exists(out):
            os.remove(out)
    os.sync()


def run(argv, stdout="/dev/null"):
    """Runs argv once under the measure launcher: (wall s, peak RSS bytes, exit status, CPU s)."""
    settle(argv)
    result = os.path.join(os.path.dirname(MEASURE), ".measure")
    err = stdout + ".err" if stdout != "/dev/null" else "/dev/null"
    with open(stdout, "wb") as o, open(err, "wb") as e:
        subprocess.run([MEASURE, result] + argv, stdin=subprocess.DEVNULL, stdout=o, stderr=e, check=True)
    wall, rss, status, cpu = open(result).read().split()
    return float(wall), int(rss), int(status), float(cpu)


SHORT_RUN, SHORT_REPEAT = 0.1, 11


def measure(argv, repeat, stdout="/dev/null"):
    """The median run of `repeat` (by wall time): (wall, rss, status, cpu). A run shorter than
    SHORT_RUN seconds is repeated at least SHORT_REPEAT times: on a shared machine a 15 ms run
    varies by a third from one run to the next, and three samples leave the median to chance."""
    runs = [run(argv, stdout)]
    if runs[0][0] < SHORT_RUN:
        repeat = max(repeat, SHORT_REPEAT)
    runs = sorted(runs + [run(argv, stdout) for _ in range(repeat - 1)])
    return runs[len(runs) // 2]


def generate(shape, args, path):
    gen = os.path.join(HERE, "gen.py")
    if os.path.exists(path) and os.path.getmtime(path) >= os.path.getmtime(gen):
        return
    print("generating %s" % path, file=sys.stderr)
    subprocess.run([sys.executable, gen, shape] + [str(a) for a in args] + ["-o", path], check=True)


def machine(cflags):
    cpu = sh("lscpu | sed -n 's/^Model name: *//p' | head -n 1")
    ncpu = os.cpu_count()
    caches = sh("lscpu | grep -E '^(L1d|L2|L3)' | sed 's/  */ /g' | paste -sd ';' -")
    mem = sh("awk '/MemTotal/ {printf \"%.1f GiB\", $2 / 1048576}' /proc/meminfo")
    hyp = sh("lscpu | sed -n 's/^Hypervisor vendor: *//p'")
    return [
        ("CPU", "%s, %d CPUs%s" % (cpu, ncpu, ", %s guest" % hyp if hyp else "")),
        ("caches", caches),
        ("memory", mem),
        ("OS", "%s %s" % (platform.system(), platform.release())),
        ("compiler", sh("cc --version | head -n 1") + ", CFLAGS " + cflags),
        ("flex / bison", sh("flex --version") + " / " + sh("bison --version | head -n 1")),
        ("cJSON", sh("pkg-config --modversion libcjson")),
        ("load average at start", sh("cut -d' ' -f1-3 /proc/loadavg")),
    ]


def mb(nbytes):
    return nbytes / 1e6


def fmt_rate(x):
    return "%.0f" % x if x >= 100 else "%.1f" % x


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bdl", default="./bdl")
    ap.add_argument("--flexscan", default="build/bench/flexscan")
    ap.add_argument("--measure", default="build/bench/measure")
    ap.add_argument("--dir", default="build/bench")
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shapes", default="1", help="0 to skip the pathological shapes")
    ap.add_argument("--results", default=os.path.join(HERE, "results.md"), help="'' to write none")
    ap.add_argument("--cflags", default="-O2 -g")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    global MEASURE
    MEASURE = os.path.abspath(a.measure)
    bdl, flex = os.path.abspath(a.bdl), os.path.abspath(a.flexscan)
    sizes = [int(s) for s in a.sizes.split(",") if s]
    out = []  # markdown lines
    failures = []

    def say(line=""):
        print(line)
        out.append(line)

    desc = machine(a.cflags)
    say("Measured %s by `make bench` (median of %d runs each, of %d for a run under %.1f s)." % (
        datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), a.repeat, max(a.repeat, SHORT_REPEAT), SHORT_RUN))
    say()
    say("| machine | |")
    say("|---|---|")
    for k, v in desc:
        say("| %s | %s |" % (k, v))
    say()

    # --- the realistic specs -------------------------------------------------------------
    say("### Realistic specs")
    say()
    say("MB = 10^6 bytes of input; MB/s and items/s are from the wall time. RSS = peak resident set "
        "(getrusage). `vs flex` = speed as a fraction of the flex-only scan of the same file. "
        "`cpu s` = user + system time of the same run: on a shared machine the wall time also "
        "counts waiting for a CPU. Before each run the previous run's output is deleted and pending "
        "writes are flushed (sync), outside the timing.")
    say()
    say("| items | input MB | run | wall s | cpu s | MB/s | items/s | peak RSS MB | RSS B/item | vs flex |")
    say("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    table = {}
    for n in sizes:
        path = os.path.join(a.dir, "realistic-%d.bdl" % n)
        generate("realistic", [n], path)
        size = os.path.getsize(path)
        runs = [
            ("flex", [flex, path], "/dev/null"),
            ("check", [bdl, "check", path], os.path.join(a.dir, "check-%d.txt" % n)),
            ("json", [bdl, "json", path, "-o", os.path.join(a.dir, "out-%d.json" % n)], "/dev/null"),
            ("html", [bdl, "html", path, "-o", os.path.join(a.dir, "out-%d.html" % n)], "/dev/null"),
        ]
        for name, argv, stdout in runs:
            wall, rss, status, cpu = measure(argv, a.repeat, stdout)
            table[(n, name)] = (wall, rss, size)
            if status != 0:
                failures.append("%s on %d items exited %d" % (name, n, status))
            ratio = table[(n, "flex")][0] / wall
            say("| %d | %.1f | %s%s | %.3f | %.3f | %s | %.0f | %.1f | %.0f | %s |" % (
                n, mb(size), name, "" if status == 0 else " (exit %d)" % status, wall, cpu,
                fmt_rate(mb(size) / wall), n / wall, mb(rss), rss / n,
                "1 (ceiling)" if name == "flex" else "%.2f" % ratio))
    say()
    if len(sizes) >= 2:
        lo, hi = sizes[-2], sizes[-1]
        say("Scaling, time per item at %d items over time per item at %d items:" % (hi, lo))
        say()
        for name in ("flex", "check", "json", "html"):
            r = (table[(hi, name)][0] / hi) / (table[(lo, name)][0] / lo)
            say("- %s: %.2f" % (name, r))
        say()

    # --- pathological shapes -------------------------------------------------------------
    shapes = []
    if a.shapes != "0":
        say("### Pathological shapes")
        say()
        say("Each shape at two sizes; `per-unit ratio` is the time per unit at the larger size over "
            "the smaller (about 1 when linear, about 10 when quadratic).")
        say()
        say("| shape | units | input MB | run | wall s | peak RSS MB | exit | per-unit ratio |")
        say("|---|---:|---:|---|---:|---:|---:|---:|")
        specs = [
            ("one group with N children", "wide", lambda u: [u], [100000, 1000000], "children", 0),
            ("N sibling groups", "siblings", lambda u: [u], [10000, 100000], "groups", 0),
            ("N assertions naming 100 items each", "asserts", lambda u: [u, 100], [1000, 10000], "assertions", 0),
            ("a chain of N nested groups (E0203 at depth 100)", "deep", lambda u: [u], [10000, 100000], "levels", 1),
        ]
        for title, shape, args, units, what, want in specs:
            first = {}  # run name -> (units, wall) at the smaller size
            for u in units:
                path = os.path.join(a.dir, "%s-%d.bdl" % (shape, u))
                generate(shape, args(u), path)
                size = os.path.getsize(path)
                runs = (("check", [bdl, "check", path]),
                        ("json", [bdl, "json", path, "-o", os.path.join(a.dir, "%s-%d.json" % (shape, u))]))
                for name, argv in runs:
                    wall, rss, status, _ = measure(argv, a.repeat, os.path.join(a.dir, "%s-%d.%s.txt" % (shape, u, name)))
                    if status != want:
                        failures.append("%s on %s %d exited %d" % (name, shape, u, status))
                    ratio = ""
                    if name in first:
                        pu, pw = first[name]
                        r = (wall / u) / (pw / pu)
                        shapes.append((title, name, r))
                        ratio = "%.2f" % r
                    else:
                        first[name] = (u, wall)
                    say("| %s | %d %s | %.1f | %s | %.3f | %.1f | %d | %s |" % (
                        title, u, what, mb(size), name, wall, mb(rss), status, ratio))
        say()

    # --- start-up --------------------------------------------------------------------------
    empty = os.path.join(a.dir, "empty.bdl")
    generate("empty", [], empty)
    start = statistics.median(run([bdl, "check", empty])[0] for _ in range(31))
    say("### Start-up")
    say()
    say("`bdl check` on an empty file, median of 31 runs: %.2f ms." % (start * 1000))
    say()

    # --- targets ---------------------------------------------------------------------------
    say("### Targets (issue 16's performance guard)")
    say()
    say("| target | measured | holds |")
    say("|---|---|---|")

    def target(what, measured, ok):
        say("| %s | %s | %s |" % (what, measured, "yes" if ok else "**no**"))

    big = sizes[-1]
    if (big, "check") in table:
        w, r, size = table[(big, "check")]
        target("check >= 800,000 items/s (%d items)" % big, "%.0f items/s" % (big / w), big / w >= 8e5)
        target("check >= 80 MB/s", "%s MB/s" % fmt_rate(mb(size) / w), mb(size) / w >= 80)
        target("check peak RSS <= 600 B/item", "%.0f B/item" % (r / big), r / big <= 600)
        for name in ("json", "html"):
            jr = table[(big, name)][1]
            target("%s peak RSS <= 2x check" % name, "%.2fx" % (jr / r), jr <= 2 * r)
        if len(sizes) >= 2:
            lo = sizes[-2]
            s = (w / big) / (table[(lo, "check")][0] / lo)
            target("check time per item at %d <= 1.25x %d" % (big, lo), "%.2f" % s, s <= 1.25)
    if (10000, "check") in table:
        w10k = table[(10000, "check")][0]
        target("check on 10,000 items <= 20 ms", "%.1f ms" % (w10k * 1000), w10k <= 0.020)
    for title, name, ratio in shapes:
        target("%s: %s not quadratic" % (title, name), "per-unit ratio %.2f" % ratio, ratio < 2)
    target("start-up on an empty file <= 5 ms", "%.2f ms" % (start * 1000), start <= 0.005)
    say()
    say("Load average at the end: %s (2 CPUs shared with other builds and fuzzers)." %
        sh("cut -d' ' -f1-3 /proc/loadavg"))
    if failures:
        say()
        say("Runs with an unexpected exit status: " + "; ".join(failures))

    if a.results:
        text = open(a.results, encoding="utf-8").read() if os.path.exists(a.results) else (
            "# Benchmark results\n\n%s\n%s\n" % (BEGIN, END))
        block = "%s\n%s\n%s" % (BEGIN, "\n".join(out), END)
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda m: block, text, flags=re.S)
        with open(a.results, "w", encoding="utf-8") as f:
            f.write(text)
        print("\nwrote %s" % a.results, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
