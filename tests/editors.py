#!/usr/bin/env python3
"""tests/editors.py - the editor support in editors/ holds together.

- editors/vscode: package.json is a valid extension manifest (the fields VS Code and vsce
  need, its version bdl's, pinned dependencies, every file it names present), the language
  configuration and the TextMate grammar are JSON, every rule of the grammar names a rule
  that exists, and every regular expression in it compiles;
- the keywords each editor highlights (the TextMate grammar, Vim's syntax file, the Emacs
  mode) are exactly the keywords of the scanner (grammar/lexer.l).
Python's re stands in for Oniguruma here: the grammar keeps to what both read alike.
Exit status 1 on any problem, each printed as FAIL.
"""

import json
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
VSCODE = os.path.join(ROOT, "editors", "vscode")
problems = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        problems.append(what)
    return ok


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        check(False, f"{os.path.relpath(path, ROOT)}: {e}")
        return None


def bdl_version():
    text = open(os.path.join(ROOT, "src", "base", "version.h"), encoding="utf-8").read()
    return re.search(r'#define BDL_VERSION "([^"]+)"', text).group(1)


def manifest():
    m = load_json(os.path.join(VSCODE, "package.json"))
    if m is None:
        return None
    for key in ("name", "displayName", "description", "version", "publisher", "engines", "main", "contributes"):
        check(key in m, f"package.json has no '{key}'")
    check(m.get("version") == bdl_version(), f"package.json version {m.get('version')} is not bdl's {bdl_version()}")
    check(re.match(r"^\^\d+\.\d+\.\d+$", m.get("engines", {}).get("vscode", "")), "engines.vscode is not ^X.Y.Z")
    check(os.path.isfile(os.path.join(VSCODE, m.get("main", ""))), f"main {m.get('main')} is missing")
    deps = {**m.get("dependencies", {}), **m.get("devDependencies", {})}
    for dep in ("vscode-languageclient", "@vscode/vsce"):
        check(re.match(r"^\d+\.\d+\.\d+$", deps.get(dep, "")), f"{dep} is not pinned to one version")
    langs = m.get("contributes", {}).get("languages", [])
    bdl = [lang for lang in langs if lang.get("id") == "bdl"]
    if check(len(bdl) == 1, "contributes.languages has no 'bdl'"):
        check(".bdl" in bdl[0].get("extensions", []), "the bdl language does not claim .bdl files")
        check(load_json(os.path.join(VSCODE, bdl[0].get("configuration", "-"))) is not None,
              "the language configuration is missing")
    grammars = m.get("contributes", {}).get("grammars", [])
    check(len(grammars) == 1 and grammars[0].get("language") == "bdl", "contributes.grammars has no bdl grammar")
    return grammars[0] if grammars else None


def grammar_rules(rule, repository, where):
    """Every rule below `rule`, checking its includes and regexes on the way."""
    yield rule
    for key in ("match", "begin", "end"):
        if key in rule:
            try:
                re.compile(rule[key])
            except re.error as e:
                check(False, f"grammar {where}: {key} {rule[key]!r}: {e}")
    for sub in rule.get("patterns", []):
        inc = sub.get("include")
        if inc is not None:
            check(inc == "$self" or (inc.startswith("#") and inc[1:] in repository), f"grammar {where}: include {inc} names no rule")
        yield from grammar_rules(sub, repository, where)


def grammar_keywords(rules):
    words = set()
    for rule in rules:
        for m in re.finditer(r"\\b\(([a-z|]+)\)\\b", rule.get("match", "")):
            words.update(m.group(1).split("|"))
    return words


def grammar(entry):
    g = load_json(os.path.join(VSCODE, entry.get("path", "-"))) if entry else None
    if g is None:
        return set()
    check(g.get("scopeName") == entry.get("scopeName"), "the grammar's scopeName is not the manifest's")
    repo = g.get("repository", {})
    rules = list(grammar_rules(g, repo, "top"))
    for name, rule in repo.items():
        rules.extend(grammar_rules(rule, repo, name))
    return grammar_keywords(rules)


def lexer_keywords():
    text = open(os.path.join(ROOT, "grammar", "lexer.l"), encoding="utf-8").read()
    return set(re.findall(r'^"([a-z]+)"\s+\{ return KW_', text, re.M))


def vim_keywords():
    text = open(os.path.join(ROOT, "editors", "nvim", "syntax", "bdl.vim"), encoding="utf-8").read()
    words = set()
    for line in re.findall(r"^syntax keyword \w+ (.*)$", text, re.M):
        words.update(line.split())
    return words


def emacs_keywords():
    text = open(os.path.join(ROOT, "editors", "emacs", "bdl-mode.el"), encoding="utf-8").read()
    block = re.search(r"\(defconst bdl-keywords\s+'\((.*?)\)", text, re.S).group(1)
    return set(re.findall(r'"([a-z]+)"', block))


def main():
    keywords = lexer_keywords()
    check(len(keywords) >= 20, "too few keywords read from grammar/lexer.l")
    for editor, words in (("the TextMate grammar", grammar(manifest())), ("Vim's syntax", vim_keywords()),
                          ("the Emacs mode", emacs_keywords())):
        check(words == keywords, f"{editor} highlights {sorted(words - keywords)} but not {sorted(keywords - words)}")
    for p in problems:
        print("FAIL " + p)
    print(f"editors: {checks - len(problems)} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
