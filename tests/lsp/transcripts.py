#!/usr/bin/env python3
"""tests/lsp/transcripts.py BDL [--update] [NAME...] - golden JSON-RPC transcripts of `bdl lsp`.

BDL is the program, or a command line that runs it ("valgrind -q ./bdl").

Each tests/golden/lsp/NAME.in is what a client sends, one message a line:
  # ...              a comment (blank lines are skipped too)
  {...}              a JSON message, sent with its Content-Length header
  raw: TEXT          bytes sent exactly as written, with Python escapes (\\r\\n, \\x00): framing
                     tests (a header without Content-Length, a huge length, a body that is
                     not JSON)
In messages, "$text:FILE" (a whole JSON string) is replaced by the text of tests/lsp/files/FILE,
$DIR by the URI of the scratch directory those files are copied to, and $LIB by the
library's directory. The server runs with that directory as its working directory and
BDL_LIB set to the repository's lib/.

Everything the server writes must be framed exactly (a "Content-Length: N" header, an empty
line, N bytes of UTF-8 JSON); each message is then printed as JSON with its keys in the
server's order (a value on one line when it fits in 100 columns, semantic tokens one a
line), then the exit status. The result must equal NAME.expected
byte for byte; --update rewrites it (review the diff). Exit status 1 on any difference.
"""

import codecs
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
GOLDEN = os.path.join(ROOT, "tests", "golden", "lsp")
FILES = os.path.join(HERE, "files")
LIB = os.path.join(ROOT, "lib")


def dir_uri(path):
    return "file://" + urllib.parse.quote(path)


def frame(body):
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def build_input(name, scratch):
    out = b""
    with open(os.path.join(GOLDEN, name + ".in"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("raw: "):
                out += codecs.escape_decode(line[5:].encode("utf-8"))[0]
                continue
            def text_of(m):
                with open(os.path.join(scratch, m.group(1)), encoding="utf-8", newline="") as t:
                    return json.dumps(t.read(), ensure_ascii=False)
            line = re.sub(r'"\$text:([^"]+)"', text_of, line)
            line = line.replace("$DIR", dir_uri(scratch)).replace("$LIB", LIB)
            try:
                json.loads(line)
            except ValueError as e:
                sys.exit(f"{name}.in:{n}: not JSON ({e}); write malformed messages as raw: lines")
            out += frame(line.encode("utf-8"))
    return out


def read_messages(data):
    """The server's output split into messages; raises ValueError on bad framing."""
    messages = []
    while data:
        m = re.match(rb"Content-Length: (\d+)\r\n\r\n", data)
        if not m:
            raise ValueError("bad header at %r" % data[:60])
        n = int(m.group(1))
        body = data[m.end():m.end() + n]
        if len(body) != n:
            raise ValueError("body shorter than its Content-Length")
        messages.append(json.loads(body.decode("utf-8")))
        data = data[m.end() + n:]
    return messages


def pretty(value, indent=""):
    """JSON with each value on one line when it fits in 100 columns, else expanded (a list of
    integers five a line: semantic tokens, one token a line)."""
    flat = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if len(indent) + len(flat) <= 100 or not isinstance(value, (dict, list)) or not value:
        return flat
    inner = indent + " "
    if isinstance(value, list) and all(isinstance(v, int) for v in value):
        rows = [", ".join(str(v) for v in value[i:i + 5]) for i in range(0, len(value), 5)]
        return "[\n" + ",\n".join(inner + r for r in rows) + "\n" + indent + "]"  # semantic tokens
    if isinstance(value, list):
        parts = [inner + pretty(v, inner) for v in value]
        return "[\n" + ",\n".join(parts) + "\n" + indent + "]"
    parts = [inner + json.dumps(k, ensure_ascii=False) + ": " + pretty(v, inner) for k, v in value.items()]
    return "{\n" + ",\n".join(parts) + "\n" + indent + "}"


def run(bdl, name):
    scratch = tempfile.mkdtemp(prefix="bdl-lsp-")
    try:
        for f in sorted(os.listdir(FILES)):
            shutil.copy(os.path.join(FILES, f), scratch)
        sent = build_input(name, scratch)
        env = dict(os.environ, BDL_LIB=LIB)
        p = subprocess.run(bdl + ["lsp"], input=sent, capture_output=True, cwd=scratch, env=env, timeout=60)
        try:
            messages = read_messages(p.stdout)
        except ValueError as e:
            return f"framing error: {e}\n"
        text = "".join(pretty(m) + "\n" for m in messages)
        text += f"exit: {p.returncode}\n"
        if p.stderr:
            text += "stderr:\n" + p.stderr.decode("utf-8", "replace")
        real = os.path.realpath(scratch)
        return text.replace(dir_uri(real), "$DIR").replace(real, "$DIR").replace(LIB, "$LIB")
    finally:
        shutil.rmtree(scratch)


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    bdl = shlex.split(args[0])
    bdl[-1] = os.path.abspath(bdl[-1])
    update = "--update" in args
    names = [a for a in args[1:] if a != "--update"] or sorted(
        f[:-3] for f in os.listdir(GOLDEN) if f.endswith(".in"))
    failed = 0
    for name in names:
        got = run(bdl, name)
        path = os.path.join(GOLDEN, name + ".expected")
        if update:
            with open(path, "w", encoding="utf-8") as f:
                f.write(got)
            continue
        want = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        if got != want:
            failed += 1
            print(f"FAIL lsp transcript {name}")
            import difflib
            diff = difflib.unified_diff(want.splitlines(True), got.splitlines(True), name + ".expected", "actual")
            sys.stdout.writelines(list(diff)[:80])
    if update:
        print(f"updated {len(names)} transcripts: review them with git diff")
    print(f"lsp transcripts: {len(names) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
