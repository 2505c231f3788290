#!/usr/bin/env python3
"""tests/page_language.py - every page speaks one language (issue 18).

Each page `bdl html` makes of a golden test (tests/golden/valid, tests/golden/errors,
tests/golden/html/pages) and of an example (examples/, examples/district/) is read as a
reader sees it: the visible text of
<body>, without what the page quotes from the spec or the compiler's own log:
  <code> (source text, codes, file names), <span class="at"> (a location), and on a zh-CN
  page the <details> holding a diagnostic's English original (collapsed: the visible
  message above it is Chinese).
What is left must be in the page's language:
  - zh-CN page: no Latin word that the spec did not write (IDs, column IDs, unit names,
    labels and messages are the author's), apart from the few technical terms the Chinese
    texts use (TERMS);
  - English page: no Han character or CJK punctuation that the spec did not write.
The author's words are read from every source file the compilation read (the JSON's
"sources"), strings and names alike, comments left out: a word that only a comment holds
does not excuse it on the page.

    page_language.py BDL
"""

import glob
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

# Latin words a Chinese text may use as they are: the program's name, encodings and bytes
# (UTF-8, NUL, BOM, CR, LF), "ID", which Chinese budget staff write so too, and the words of
# the language a message tells the reader to write (also, each).
TERMS = {"bdl", "UTF", "NUL", "BOM", "CR", "LF", "ID", "also", "each"}

LATIN_WORD = re.compile(r"[A-Za-z]+")
# Han ideographs, CJK punctuation (、。「」【】…), full-width forms (，：（）).
CJK_RUN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
# A BDL string ("..." or """...""") or a comment (# or // to the end of the line).
LEXEME = re.compile(r'"""(?:.|\n)*?"""|"(?:\\.|[^"\\\n])*"|#[^\n]*|//[^\n]*')


def spec_text(path):
    """The text of a BDL file with its comments left out; each string also as the compiler
    may read it, escapes dropped ("C:\\data" with its unknown escape shows as C:ata)."""
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return ""

    def kept(m):
        s = m.group(0)
        return s + " " + re.sub(r"\\.", "", s) if s.startswith('"') else " "
    return LEXEME.sub(kept, text)


def source_path(name):
    """A source as the JSON names it: relative to the working directory, or std/... for the
    library (with BDL_LIB set, without its .bdl)."""
    path = os.path.join(ROOT, "lib", name) if name.startswith("std/") else os.path.join(ROOT, name)
    return path if os.path.exists(path) or not os.path.exists(path + ".bdl") else path + ".bdl"


class VisibleText(html.parser.HTMLParser):
    """The text of <body> a reader sees, without the quoted parts (see the module's doc)."""

    QUOTED = {"code", "style", "title", "script"}
    VOID = {"br", "meta", "link", "img", "input", "hr", "wbr"}

    def __init__(self, skip_details):
        super().__init__(convert_charrefs=True)
        self.stack, self.skip_details, self.parts = [], skip_details, []

    def quoted(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        return tag in self.QUOTED or (tag == "span" and cls == "at") or (tag == "details" and self.skip_details)

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            self.parts.append(" ")
            return
        self.stack.append(self.quoted(tag, attrs))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()
        self.parts.append(" ")

    def handle_data(self, data):
        if not any(self.stack):
            self.parts.append(data)


def pages():
    """(source file, extra arguments) for every page under test."""
    for pattern in ("tests/golden/valid/*.bdl", "tests/golden/errors/*.bdl", "tests/golden/html/pages/*.bdl",
                    "examples/*.bdl"):
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            yield path
    for path in sorted(glob.glob(os.path.join(ROOT, "examples/district/*.bdl"))):
        if re.search(r"^(budget|consolidate) ", open(path, encoding="utf-8").read(), re.M):
            yield path


def compile_page(bdl, src, tmp):
    """The page and the author's text for src, or None when bdl wrote no page."""
    rel = os.path.relpath(src, ROOT)
    out = os.path.join(tmp, "page.html")
    env = dict(os.environ, BDL_LIB=os.environ.get("BDL_LIB", os.path.join(ROOT, "lib")))
    if os.path.exists(out):
        os.remove(out)
    subprocess.run([bdl, "html", rel, "-o", out], cwd=ROOT, env=env, capture_output=True)
    if not os.path.exists(out):
        return None
    doc = subprocess.run([bdl, "json", rel], cwd=ROOT, env=env, capture_output=True, text=True).stdout
    try:
        sources = [s if isinstance(s, str) else s.get("file", "") for s in json.loads(doc).get("sources", [])]
    except ValueError:
        sources = []
    author = "\n".join(spec_text(source_path(s)) for s in sources + [rel])
    return open(out, encoding="utf-8").read(), author


def foreign(page, author):
    """The words of `page` not in its language and not the author's, with their context."""
    lang = re.search(r'<html lang="([^"]+)"', page).group(1)
    reader = VisibleText(skip_details=lang == "zh-CN")
    reader.feed(page[page.index("<body>"):])
    text = re.sub(r"\s+", " ", "".join(reader.parts))
    if lang == "zh-CN":
        allowed = set(LATIN_WORD.findall(author)) | TERMS
        found = [(m.group(0), m.start()) for m in LATIN_WORD.finditer(text) if m.group(0) not in allowed]
    else:
        found = [(m.group(0), m.start()) for m in CJK_RUN.finditer(text) if m.group(0) not in author]
    return lang, [(w, text[max(0, at - 40):at + len(w) + 40]) for w, at in found]


def self_test():
    """The scan finds what it is there to find (a test that cannot fail is no test)."""
    page = '<html lang="%s"><body><p>%s <code>E0302</code> <span class="at">a.bdl:1:2</span></p></body></html>'
    zh = foreign(page % ("zh-CN", "找不到名称“incme”, did you mean income"), 'x "incme" income')[1]
    en = foreign(page % ("en", "Total 合计 of 收入"), 'x "收入"')[1]
    quoted = foreign(page % ("zh-CN", "<details><summary>英文原文</summary>unknown name</details>"), "")[1]
    return [w for w, _ in zh] == ["did", "you", "mean"] and [w for w, _ in en] == ["合计"] and not quoted


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    bdl = os.path.abspath(sys.argv[1])
    passed = failed = 0
    if not self_test():
        print("FAIL the scan does not find English on a zh-CN page or Chinese on an English one")
        failed += 1
    langs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for src in pages():
            made = compile_page(bdl, src, tmp)
            rel = os.path.relpath(src, ROOT)
            if made is None:
                print(f"FAIL {rel}: bdl html wrote no page")
                failed += 1
                continue
            lang, words = foreign(*made)
            langs[lang] = langs.get(lang, 0) + 1
            if not words:
                passed += 1
                continue
            failed += 1
            print(f"FAIL {rel} ({lang}): {len(words)} word(s) not in the page's language")
            for word, context in words[:5]:
                print(f"  {word!r} in: …{context}…")
    if not langs.get("zh-CN") or not langs.get("en"):
        print(f"FAIL expected pages in both languages, got {langs}")
        failed += 1
    print(f"page language: {passed} passed, {failed} failed "
          f"({langs.get('zh-CN', 0)} zh-CN pages, {langs.get('en', 0)} English)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
