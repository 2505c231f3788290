#!/usr/bin/env python3
"""tests/doc_examples.py - every ```bdl block of the documentation does what it says.

docs/language.md promises that each example in a `bdl` code block is a complete file that
`bdl check` accepts with no errors and no warnings; the same holds for every other document
in docs/ and for README.md. docs/diagnostics.md is the other way round: the example under
"## CODE: ..." must be reported with CODE. Each block is written to a temporary file and
checked with --werror (library imports resolve through BDL_LIB, set to the repository's
lib/). Blocks marked ```text show mistakes and are not compiled, and so are the examples
that describe a file they cannot show (bytes written as <XX>, "In the real file ...",
files that import each other): they are counted as described.

    doc_examples.py BDL
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
BLOCK = re.compile(r"^```bdl\n(.*?)^```", re.M | re.S)
DESCRIBED = re.compile(r"<[0-9A-F]{2}( [0-9A-F]{2})*>|# In the real file|# \S+\.bdl says:")


def documents():
    yield os.path.join(ROOT, "README.md")
    docs = os.path.join(ROOT, "docs")
    for name in sorted(os.listdir(docs)):
        if name.endswith(".md"):
            yield os.path.join(docs, name)


def explained_code(text, at):
    """The code of the "## CODE: ..." section holding offset `at`."""
    heads = re.findall(r"^## ([EWN][0-9]{4}):", text[:at], re.M)
    return heads[-1] if heads else None


def main():
    bdl = os.path.abspath(sys.argv[1])
    env = dict(os.environ, BDL_LIB=os.path.join(ROOT, "lib"))
    passed = failed = described = 0
    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, "departments")) # E0602's example imports a directory
        for doc in documents():
            text = open(doc, encoding="utf-8").read()
            explains = os.path.basename(doc) == "diagnostics.md"
            for m in BLOCK.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                if DESCRIBED.search(m.group(1)):
                    described += 1
                    continue
                path = os.path.join(tmp, "example.bdl")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(m.group(1))
                run = subprocess.run([bdl, "check", "--werror", "--color", "never", path],
                                     capture_output=True, text=True, env=env)
                code = explained_code(text, m.start()) if explains else None
                ok = f"[{code}]" in run.stderr if explains else run.returncode == 0
                if ok:
                    passed += 1
                    continue
                failed += 1
                where = os.path.relpath(doc, ROOT)
                want = f"does not report {code}" if explains else "does not compile cleanly"
                print(f"FAIL {where}:{line}: the example {want}")
                print(run.stderr.replace(path, f"{where}:{line}"), end="")
    print(f"doc examples: {passed} passed, {failed} failed, {described} described, not compiled")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
