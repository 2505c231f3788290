#!/usr/bin/env python3
"""tests/include_graph.py - the module graph of src/ must be a DAG.

A module is a source file without its extension (src/check/names.c and a names.h beside it
are one module, check/names); the grammar's files belong to the syntax folder (bison's
parser.h is syntax/parser, flex's scanner syntax/lexer). Every `#include "x/y.h"` of a file
is an edge from its module to module x/y. The graph of modules, and the graph of folders
it induces, must have no cycle: a cycle is printed, and the exit status is 1.

Also refused: an include of a project header without its folder ("names.h"), which would
hide the edge, an include of a header that does not exist, and an emitter, tool or part of
the language server that reaches into the checker: of check/, they may read only the facts
it leaves (check/sema).
"""

import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
GENERATED = {"parser.h": "syntax/parser"}


def modules():
    """(module, path) for every file of src/ and grammar/."""
    for folder, _, files in os.walk(os.path.join(ROOT, "src")):
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                path = os.path.join(folder, f)
                rel = os.path.relpath(path, os.path.join(ROOT, "src"))
                yield os.path.splitext(rel)[0], path
    yield "syntax/parser", os.path.join(ROOT, "grammar", "parser.y")
    yield "syntax/lexer", os.path.join(ROOT, "grammar", "lexer.l")


def edges(problems):
    graph = {}
    for module, path in modules():
        deps = graph.setdefault(module, set())
        for name in INCLUDE.findall(open(path, encoding="utf-8").read()):
            if name in GENERATED:
                target = GENERATED[name]
            elif "/" not in name:
                problems.append(f"{os.path.relpath(path, ROOT)}: include \"{name}\" without its folder")
                continue
            elif not os.path.exists(os.path.join(ROOT, "src", name)):
                problems.append(f"{os.path.relpath(path, ROOT)}: include \"{name}\": no such header")
                continue
            else:
                target = os.path.splitext(name)[0]
            if target != module:
                deps.add(target)
    return graph


# (folder of the including module, module it may not include unless listed)
CHECKER_READERS = ("emit", "tools", "lsp")
CHECKER_RESULTS = {"check/sema"}


def layering(graph, problems):
    for module, deps in sorted(graph.items()):
        if module.split("/")[0] not in CHECKER_READERS:
            continue
        for dep in sorted(deps):
            if dep.startswith("check/") and dep not in CHECKER_RESULTS:
                problems.append(f"{module} includes {dep}: emitters, tools and the language server read the facts (check/sema), not the checker")


def find_cycle(graph):
    """A cycle as a list of nodes (first == last), or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == "open":
                return stack[stack.index(dep):] + [dep]
            if dep not in state:
                found = visit(dep)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def folders(graph):
    out = {}
    for module, deps in graph.items():
        mine = module.split("/")[0]
        out.setdefault(mine, set()).update(d.split("/")[0] for d in deps if d.split("/")[0] != mine)
    return out


def main():
    problems = []
    graph = edges(problems)
    layering(graph, problems)
    for what, g in (("module", graph), ("folder", folders(graph))):
        cycle = find_cycle(g)
        if cycle:
            problems.append(f"{what} cycle: " + " -> ".join(cycle))
    for p in problems:
        print("FAIL " + p)
    nedges = sum(len(d) for d in graph.values())
    print(f"include graph: {len(graph)} modules, {nedges} edges, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
