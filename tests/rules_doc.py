#!/usr/bin/env python3
"""tests/rules_doc.py - docs/rules.md lists every obligation of every shipped rule set.

For each rule set file of lib/std (a file holding `rules ID`), its section of docs/rules.md
(the one headed by the file's std/... path) must have one row per obligation, in order, with
its title, whether it is checked or not implemented yet, and its source as the file writes
them; and no row the file does not have.

    rules_doc.py
"""

import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OBLIGATION = re.compile(r'^  obligation (\w+) "([^"]*)"(?: source "([^"]*)")?(?: pending "([^"]*)")?', re.M)
ROW = re.compile(r"^\| `(\w+)` \| (.*?) \| (checked|not implemented yet: .*?) \| (.*?) \|$", re.M)


def packs():
    lib = os.path.join(ROOT, "lib")
    for folder, _, files in sorted(os.walk(lib)):
        for f in sorted(files):
            path = os.path.join(folder, f)
            if f.endswith(".bdl") and re.search(r"^rules ", open(path, encoding="utf-8").read(), re.M):
                yield os.path.relpath(path, lib)[:-4], path


def main():
    doc = open(os.path.join(ROOT, "docs", "rules.md"), encoding="utf-8").read()
    failed = passed = 0
    for name, path in packs():
        head = re.search(r"^## " + re.escape(name) + r" .*$", doc, re.M)
        if not head:
            print(f"FAIL {name}: no section '## {name} ...' in docs/rules.md")
            failed += 1
            continue
        end = doc.find("\n## ", head.end())
        rows = ROW.findall(doc[head.end():end if end >= 0 else len(doc)])
        want = []
        for oid, title, source, pending in OBLIGATION.findall(open(path, encoding="utf-8").read()):
            status = "not implemented yet: " + pending if pending else "checked"
            want.append((oid, title, status, source))
        if rows == want:
            passed += 1
            continue
        failed += 1
        print(f"FAIL {name}: docs/rules.md does not list its obligations as {os.path.relpath(path, ROOT)} writes them")
        for a, b in zip(rows + [None] * len(want), want + [None] * len(rows)):
            if a != b:
                print(f"  docs: {a}\n  file: {b}")
                break
    print(f"rules doc: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
