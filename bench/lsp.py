#!/usr/bin/env python3
"""bench/lsp.py - `make bench-lsp`: how long `bdl lsp` takes to publish diagnostics after an edit.

    lsp.py --bdl ./bdl [--items 10000] [--edits 100] [--dir build/bench] [--results bench/results.md]

It generates `gen.py realistic N` (once, into --dir), starts `bdl lsp` as an editor would,
opens the spec, then sends --edits changes, one at a time, each an incremental didChange of
one line item's figure (UTF-16 range), and times each from the moment the change is
written to the moment the publishDiagnostics of that document version is read back.
Every other edit breaks the item's group total, the next one restores it, so half the
runs publish an E0406 with its related information and half publish none; the run fails
if a publication does not say so. The server's CPU time per edit (from /proc) is given
too: on a shared machine the wall times also count waiting for a core. Results (p50, p95 and the slowest, in ms; the target of
issue 20 is 50 ms) go to standard output and into RESULTS between <!-- lsp:begin --> and
<!-- lsp:end -->. Never part of make test: timings are not tests on a shared machine.
Standard library only; timing arithmetic uses floats, which never touch an amount.
"""

import argparse
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BEGIN, END = "<!-- lsp:begin -->", "<!-- lsp:end -->"
TARGET_MS = 50


class Client:
    def __init__(self, argv):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, method, params, request=False):
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()
        return msg.get("id")

    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise EOFError("bdl lsp closed its output")
            if line in (b"\r\n", b"\n"):
                break
            m = re.match(rb"Content-Length: *(\d+)", line)
            if m:
                length = int(m.group(1))
        return json.loads(self.p.stdout.read(length))

    def wait(self, pred):
        while True:
            m = self.read()
            if pred(m):
                return m

    def cpu_seconds(self):
        """The server's user and system time so far (from /proc; 0 where there is none)."""
        try:
            fields = open("/proc/%d/stat" % self.p.pid).read().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self):
        self.send("shutdown", None, request=True)
        self.wait(lambda m: m.get("id") == self.next_id)
        self.send("exit", None)
        self.p.stdin.close()
        return self.p.wait(timeout=30)


def published(version):
    return lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == version


def utf16(s):
    return len(s.encode("utf-16-le")) // 2


def edit_sites(text, n):
    """Lines of line items with two figures, spread through the file: (line, start, end, figure)."""
    sites = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = re.match(r"^(\s+(?!group|memo|assert|warn|item|unit|columns)[^\s\"]+\s+\"[^\"]*\"\s+)(\d+\.\d\d),", line)
        if m:
            sites.append((i, utf16(m.group(1)), utf16(m.group(1)) + len(m.group(2)), m.group(2)))
    step = max(1, len(sites) // n)
    return sites[::step][:n]


def bump(figure):
    """The figure plus 1 in its last digit: the group's total then fails by 0.01 x 100."""
    whole, frac = figure.split(".")
    return "%d.%s" % (int(whole) + 1, frac)


def run(bdl, path, edits):
    text = open(path, encoding="utf-8").read()
    uri = "file://" + os.path.abspath(path)
    c = Client([bdl, "lsp"])
    c.send("initialize", {"capabilities": {}, "processId": os.getpid()}, request=True)
    c.wait(lambda m: m.get("id") == 1)
    c.send("initialized", {})
    t0 = time.perf_counter()
    c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "bdl", "version": 1, "text": text}})
    first = c.wait(published(1))
    opened = (time.perf_counter() - t0) * 1000
    if first["params"]["diagnostics"]:
        sys.exit("lsp.py: the generated spec should have no diagnostics")
    times, version = [], 1
    sites = edit_sites(text, (edits + 1) // 2)
    cpu0 = c.cpu_seconds()
    for k in range(edits):
        line, start, end, figure = sites[(k // 2) % len(sites)]
        broken = k % 2 == 0
        new = bump(figure) if broken else figure
        old_end = end if broken else start + len(bump(figure))
        version += 1
        change = {"range": {"start": {"line": line, "character": start}, "end": {"line": line, "character": old_end}},
                  "text": new}
        t = time.perf_counter()
        c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        diags = c.wait(published(version))["params"]["diagnostics"]
        times.append((time.perf_counter() - t) * 1000)
        codes = [d["code"] for d in diags]
        if broken and "E0406" not in codes or not broken and codes:
            sys.exit("lsp.py: edit %d published %s" % (k, codes or "nothing"))
    cpu = (c.cpu_seconds() - cpu0) * 1000 / edits
    status = c.close()
    if status != 0:
        sys.exit("lsp.py: bdl lsp exited %d" % status)
    return opened, times, cpu, len(text.encode("utf-8"))


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def report(items, size, opened, times, cpu):
    p50, p95 = percentile(times, 50), percentile(times, 95)
    when = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else ["?"] * 3
    lines = [
        "Measured %s by `make bench-lsp` (load average at start %s)." % (when, " ".join(load)),
        "",
        "| spec | MB | open: first diagnostics ms | edits | p50 ms | p95 ms | slowest ms | server CPU ms per edit | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
        "| `gen.py realistic %d` | %.1f | %.1f | %d | %.1f | %.1f | %.1f | %.1f | %s |"
        % (items, size / 1e6, opened, len(times), p50, p95, max(times), cpu,
           "p95 under %d ms: met" % TARGET_MS if p95 < TARGET_MS else "p95 under %d ms: NOT met" % TARGET_MS),
    ]
    return "\n".join(lines) + "\n"


def write_results(path, text):
    doc = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    if BEGIN in doc and END in doc:
        doc = doc[: doc.index(BEGIN) + len(BEGIN)] + "\n" + text + doc[doc.index(END):]
    else:
        doc += "\n## Language server (issue 20)\n\n%s\n%s%s\n" % (BEGIN, text, END)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(doc)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bdl", required=True)
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=100)
    ap.add_argument("--dir", default="build/bench")
    ap.add_argument("--results", default=os.path.join(HERE, "results.md"), help="'' to write none")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    path = os.path.join(a.dir, "realistic-%d.bdl" % a.items)
    gen = os.path.join(HERE, "gen.py")
    if not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(gen):
        subprocess.run([sys.executable, gen, "realistic", str(a.items), "-o", path], check=True)
    opened, times, cpu, size = run(os.path.abspath(a.bdl), path, a.edits)
    text = report(a.items, size, opened, times, cpu)
    print(text, end="")
    if a.results:
        write_results(a.results, text)


if __name__ == "__main__":
    main()
