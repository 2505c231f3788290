#!/usr/bin/env python3
"""tests/xlsx.py - bdl xlsx, read back with openpyxl (Debian python3-openpyxl).

For the examples (kaizhou-2026 and every file of examples/district/) and a budget whose
totals fail or differ by rounding:
  - two runs give the same bytes, and the document's created time is the fixed instant;
  - the sheets: the overview, the check results, one per table in order;
  - every table sheet, row by row against `bdl json`: labels (subtotal and total words,
    indentation by depth), codes, figures (exact decimals), number formats, and each
    subtotal or total a SUM formula whose cells, added up here in exact decimals, give the
    checker's sum, saved as its value; a published total that differs from its sum stands
    beside it in the "stated total" column; frozen header rows;
  - the check results sheet: one row per stated total and column and per check result,
    with its status and, for a failed one, both sides;
  - refusals: standard output on a terminal, no FILE;
  - the round trip: bdl xlsx, then bdl import of the workbook gives the same figures and,
    with the spec's checks carried over to the imported IDs, the same check results
    (skipped with a SKIP line while `bdl import` is not a command of this bdl).
With --all, every spec of tests/golden/valid and tests/golden/errors is read back row by
row too (make test; make check leaves them out for speed).
Usage: tests/xlsx.py BDL [--all]   (BDL_IMPORT=PATH: another bdl to import with, to try
the round trip before `bdl import` is merged)
"""

import atexit
import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from fractions import Fraction
from decimal import Decimal

try:
    import openpyxl
    from openpyxl.utils import column_index_from_string, range_boundaries
except ImportError:
    print("xlsx.py: python3-openpyxl is missing (make test installs it)", file=sys.stderr)
    sys.exit(2)

BDL = sys.argv[1] if len(sys.argv) > 1 else "./bdl"
ALL = "--all" in sys.argv[2:]
IMPORT = os.environ.get("BDL_IMPORT", BDL)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
os.chdir(ROOT)
TMP = tempfile.mkdtemp(prefix="bdl-xlsx-")
atexit.register(shutil.rmtree, TMP, True)
passed = failed = 0

FAILING = "tests/xlsx/failing.bdl"


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}")
    return ok


def run(*args):
    return subprocess.run([BDL, *args], capture_output=True)


def decimal(v):
    """A cell's number as the decimal it was written from (repr is the shortest round trip)."""
    return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)


# ---- the layout bdl xlsx promises, from the JSON document --------------------------------

class Words:
    def __init__(self, zh):
        self.total = "合计" if zh else "Total"
        self.sub = (lambda s: s + "小计") if zh else (lambda s: "Subtotal: " + s)
        self.others = "其他指标" if zh else "Other figures"
        self.stated = "（公布合计）" if zh else " (stated total)"
        self.statuses = ["通过", "未通过", "未能核对", "无法求值"] if zh else ["passed", "failed", "skipped", "invalid"]
        self.about = "概况" if zh else "About"
        self.checks = "核对结果" if zh else "Checks"


def counted(it):
    return it["kind"] != "memo"


def table_rows(group, rows, level=0):
    """Appends (kind, item, level[, rows it adds]) in sheet order, bdl's layout rules;
    returns the indexes of the rows a sum of `group` adds."""
    summed = []
    for ch in group.get("children", []):
        if ch["kind"] == "group":
            rows.append(("head", ch, level))
            inner = table_rows(ch, rows, level + 1)
            rows.append(("subtotal", ch, level, inner))
        else:
            rows.append(("memo" if ch["kind"] == "memo" else "item", ch, level))
        if counted(ch):
            summed.append(len(rows) - 1)
    return summed


def stated_apart(it, col):
    rec = it.get("reconciliation")
    return bool(rec) and rec[col]["status"] in ("rounding", "failed")


def cell_values(ws, formula):
    """The value each reference of a SUM formula reads, from the workbook's saved cells."""
    out = []
    for ref in re.findall(r"[A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?", formula):
        c1, r1, c2, r2 = range_boundaries(ref)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                v = ws.cell(row=r, column=c).value
                out.append(((r, c), v))
    return out


class Book:
    def __init__(self, path):
        self.f = openpyxl.load_workbook(path)                  # formulas
        self.v = openpyxl.load_workbook(path, data_only=True)  # the values saved with them


def check_derived(cell, value, kind, where):
    """A derived column's cell: the row's figure as a number, never a SUM (rates and shares
    do not add up); a rate or share as a percentage. The JSON gives it exactly, a fraction
    ("1/60") when it has no finite decimal, so it is compared as the double nearest it."""
    if value is None:
        return check(cell.value is None, f"{where}: {cell.value!r} where nothing is derived")
    ok = check(isinstance(cell.value, (int, float)), f"{where}: {cell.value!r} is not a number")
    # a figure with no finite decimal is written to 12 decimals (xlsx_cells.c)
    ok &= ok and check(round(float(Fraction(value)), 12) == round(float(cell.value), 12), f"{where}: {cell.value} != {value}")
    ratio = kind in ("rate", "share", "ratio")
    return ok & check(cell.number_format.endswith("%") == ratio, f"{where}: format {cell.number_format} for a {kind}")


def decimals(v):
    """Decimals of the exact decimal a saved number was written from."""
    d = decimal(v).normalize()
    return max(0, -d.as_tuple().exponent)


def check_view_total(book, name, group, spec, columns):
    """A view deeper than one level: its rows are catalogue codes (which the JSON does not
    list below the first level); its 合计 row adds up the first level, and holds its
    derived columns' figures as any row does."""
    ws, wv = book.f[name], book.v[name]
    label = 2 if ws["A3"].value in ("科目编码", "Code") else 1
    last = ws.max_row
    check(ws.cell(row=last, column=label).value in ("合计", "Total"), f"{spec} {name}: the last row is not the total")
    first = label + 1 + (ws.cell(row=3, column=label + 1).value in ("单位", "Unit"))
    for col, want in enumerate(group["computed"]):
        cell = ws.cell(row=last, column=first + col)
        kind = columns[col].get("kind", "period")
        if kind != "period":
            check_derived(cell, group["values"][col], kind, f"{spec} {name} {cell.coordinate}")
        elif isinstance(cell.value, str):
            total = sum((decimal(v) for _, v in cell_values(wv, cell.value) if v is not None), Decimal(0))
            check(want is not None and total == Decimal(want), f"{spec} {name} {cell.coordinate}: adds up to {total}, not {want}")
        else:  # nothing to add up in that column
            check(cell.value is None or decimal(cell.value) == Decimal(group["values"][col]),
                  f"{spec} {name} {cell.coordinate}: {cell.value}")


def check_table(book, name, budget, group, words, spec, view):
    ws, wv = book.f[name], book.v[name]
    where = f"{spec} sheet {name}"
    if group is None:
        rows = [("item" if i["kind"] != "memo" else "memo", i, 0)
                for i in budget["items"] if i["kind"] != "group"]
    elif view and view["depth"] != 1:
        return check_view_total(book, name, group, spec, budget["columns"])
    else:
        rows = []
        rows.append(("total", group, 0, table_rows(group, rows)))
    header = [c.value for c in ws[3]]
    ncols = len(budget["columns"])
    has_code = header[0] in ("科目编码", "Code")
    label_col = 2 if has_code else 1
    first_value = label_col + 1 + (header[label_col] in ("单位", "Unit"))
    check(ws.freeze_panes == f"{openpyxl.utils.get_column_letter(first_value)}4", f"{where}: frozen at {ws.freeze_panes}")
    stated_cols = {}
    for i, h in enumerate(header):
        if h and h.endswith(words.stated):
            stated_cols[h[: -len(words.stated)]] = i + 1
    heads = header[first_value - 1:first_value - 1 + ncols]
    unit = budget["unit"]
    rounding = budget.get("rounding")
    places = None if not rounding else len(rounding.split(".")[1]) if "." in rounding else 0
    ok = True
    for n, row in enumerate(rows):
        kind, it, level = row[0], row[1], row[2]
        r = 4 + n
        label = ws.cell(row=r, column=label_col)
        want = words.total if kind == "total" else words.sub(it["label"]) if kind == "subtotal" else it["label"]
        ok &= check(label.value == (want or None), f"{where} row {r}: label {label.value!r}, expected {want!r}")
        ok &= check(int(label.alignment.indent or 0) == min(level, 15), f"{where} row {r}: indent {label.alignment.indent}")
        if has_code and kind not in ("subtotal", "total"):
            codes = " ".join(c["code"] for c in it["codes"]) or None
            got = ws.cell(row=r, column=1).value
            ok &= check(got == codes or (got or "").endswith(codes or "\0"), f"{where} row {r}: code {got!r}")
        for col in range(ncols):
            cell, saved = ws.cell(row=r, column=first_value + col), wv.cell(row=r, column=first_value + col)
            if kind == "head":
                ok &= check(cell.value is None, f"{where} row {r}: a heading row with a figure")
                continue
            value = it["values"][col]
            if budget["columns"][col].get("kind", "period") != "period":
                ok &= check_derived(cell, value, budget["columns"][col]["kind"], f"{where} {cell.coordinate}")
                continue
            sums = kind in ("subtotal", "total") and it["computed"][col] is not None and \
                it["reconciliation"][col]["status"] != "skipped"
            if sums and (not row[3] or any(rows[k][1]["unit"] != it["unit"] for k in row[3])):
                sums, value = False, it["computed"][col]  # nothing to add, or the checker's converted sum
            rollup_total = budget["consolidation"] is not None and col == ncols - 1
            if rollup_total and value is not None:
                first = openpyxl.utils.get_column_letter(first_value)
                last = openpyxl.utils.get_column_letter(first_value + ncols - 2)
                ok &= check(cell.value == f"=SUM({first}{r}:{last}{r})", f"{where} {cell.coordinate}: {cell.value!r}")
                ok &= check(decimal(saved.value) == Decimal(value), f"{where} {cell.coordinate}: saved {saved.value}")
            elif sums:
                expect = Decimal(it["computed"][col])
                ok &= check(isinstance(cell.value, str) and cell.value.startswith("=SUM("),
                            f"{where} {cell.coordinate}: {cell.value!r} is not a SUM")
                refs = cell_values(wv, cell.value)
                total = sum((decimal(v) for _, v in refs if v is not None), Decimal(0))
                ok &= check(total == expect, f"{where} {cell.coordinate}: its cells add up to {total}, not {expect}")
                want_cells = set()
                for k in row[3]:
                    child = rows[k]
                    c = first_value + col
                    if child[0] == "subtotal" and stated_apart(child[1], col):
                        c = stated_cols[heads[col]]
                    want_cells.add((4 + k, c))
                ok &= check({rc for rc, _ in refs} == want_cells, f"{where} {cell.coordinate}: adds {refs}")
                ok &= check(decimal(saved.value) == expect, f"{where} {cell.coordinate}: saved {saved.value}")
                if stated_apart(it, col):
                    beside = ws.cell(row=r, column=stated_cols[heads[col]])
                    ok &= check(decimal(beside.value) == Decimal(value),
                                f"{where} {beside.coordinate}: stated {beside.value}, expected {value}")
            elif value is None:
                ok &= check(cell.value is None, f"{where} {cell.coordinate}: {cell.value!r} where nothing is stated")
            else:
                ok &= check(decimal(cell.value) == Decimal(value), f"{where} {cell.coordinate}: {cell.value} != {value}")
            if cell.value is not None:
                shown = len(cell.number_format.split(".")[1]) if "." in cell.number_format else 0
                exact = decimals(saved.value)
                ok &= check(cell.number_format.startswith("#,##0") and shown >= min(exact, 12),
                            f"{where} {cell.coordinate}: format {cell.number_format} hides digits of {saved.value}")
                if places is not None and it["unit"] == unit:
                    ok &= check(shown == max(places, exact), f"{where} {cell.coordinate}: format {cell.number_format}")
    extra = ws.cell(row=4 + len(rows), column=label_col).value
    check(extra is None, f"{where}: a row after the last: {extra!r}")
    return ok


def check_checks(book, name, budget, words, spec):
    ws = book.f[name]
    want = []
    def walk(items):
        for it in items:
            for col, rec in enumerate(it.get("reconciliation") or []):
                if rec["status"] != "none":
                    st = {"failed": 1, "skipped": 2}.get(rec["status"], 0)
                    want.append(("total", it["path"], col, st, None))
            walk(it.get("children", []))
    walk(budget["items"])
    for k in budget["checks"]:
        results = k["results"] or [{"status": k["status"], "column": None}]
        for r in results:
            st = ["passed", "failed", "skipped", "invalid"].index(r["status"])
            want.append(("check", k["expr"], r["column"], st, r))
    got = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    check(len(got) == len(want), f"{spec} {name}: {len(got)} rows, expected {len(want)}")
    for g, w in zip(got, want):
        check(g[2] == w[1], f"{spec} {name}: row {g} is not {w[1]}")
        check(g[4] == words.statuses[w[3]], f"{spec} {name}: {w[1]} status {g[4]}")
        if w[0] == "check" and w[4].get("left") is not None:
            def side(text, exact):  # "609.35 万元", or a share as "12.34%"
                if text.endswith("%"):
                    return Decimal(text[:-1]) == Decimal(exact) * 100
                return text.split(" ")[0] == exact or text.startswith("≈")
            check(side(g[5], w[4]["left"]) and side(g[6], w[4]["right"]), f"{spec} {name}: {w[1]} sides {g[5]!r} {g[6]!r}")
    counts = [sum(1 for w in want if w[3] == s) for s in range(4)]
    tally = "，".join(f"{words.statuses[s]} {counts[s]}" for s in range(4)) if words.total == "合计" else \
        ", ".join(f"{words.statuses[s]} {counts[s]}" for s in range(4))
    check(ws["A2"].value == tally, f"{spec} {name}: tally {ws['A2'].value!r}, expected {tally!r}")
    check(ws.freeze_panes == "D4", f"{spec} {name}: frozen at {ws.freeze_panes}")


def han(s):
    return bool(s) and any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in s)


def chinese(budget):
    """Whether a budget's own words hold Han (its title, labels that are not IDs, column
    labels, metadata, check messages, texts): a workbook speaks Chinese when one of its
    budgets does."""
    def labels(items):
        return any((han(i["label"]) and i["label"] != i["id"]) or labels(i.get("children", [])) for i in items)
    columns = budget["columns"][:-1] if budget["consolidation"] else budget["columns"]
    return (han(budget["title"]) or labels(budget["items"]) or any(han(c["label"]) for c in columns)
            or any(han(v) for v in budget["meta"].values()) or any(han(k["message"]) for k in budget["checks"])
            or any(han(t["title"]) or han(t["text"]) for t in budget["texts"]))


def view_of(doc, budget, group):
    """The view a group is laid out as: its own, or in a roll-up its first budget's."""
    if group.get("view") or not budget["consolidation"]:
        return group.get("view")
    first_id = budget["consolidation"]["budgets"][0]["id"]
    first = next((b for b in doc["budgets"] if b["id"] == first_id), None)
    twin = next((i for i in first["items"] if i["id"] == group["id"]), None) if first else None
    return twin.get("view") if twin else None


def check_spec(spec):
    a, b = os.path.join(TMP, "a.xlsx"), os.path.join(TMP, "b.xlsx")
    r1, r2 = run("xlsx", spec, "-o", a), run("xlsx", spec, "-o", b)
    if not check(r1.returncode in (0, 1) and r2.returncode == r1.returncode, f"{spec}: bdl xlsx exited {r1.returncode}"):
        print(r1.stderr.decode())
        return
    check(open(a, "rb").read() == open(b, "rb").read(), f"{spec}: two runs differ")
    doc = json.loads(run("json", spec).stdout)
    book = Book(a)
    props = book.f.properties
    check(props.created == datetime(1980, 1, 1) and props.modified == datetime(1980, 1, 1),
          f"{spec}: created {props.created}")
    names = book.f.sheetnames
    at = 0
    zh = any(chinese(b) for b in doc["budgets"])  # one workbook, one language: Chinese if any budget is
    words = Words(zh)
    for budget in doc["budgets"]:
        unique = r"( \(\d+\))?$"  # a budget ID repeated (E0309) makes its sheets' names again
        check(re.search(re.escape(words.about) + unique, names[at]) and
              re.search(re.escape(words.checks) + unique, names[at + 1]), f"{spec}: sheets {names}")
        about = {row[0].value: row[1].value for row in book.f[names[at]].iter_rows(min_row=3) if row[0].value}
        check(about.get("预算编号" if zh else "Budget ID") == budget["id"], f"{spec}: overview {about}")
        check(about.get("来源文件" if zh else "Source file") == doc["source"], f"{spec}: overview source")
        if budget["unit"]:
            check(about.get("单位" if zh else "Unit") == budget["unit"], f"{spec}: overview unit")
        check_checks(book, names[at + 1], budget, words, spec)
        at += 2
        groups = [i for i in budget["items"] if i["kind"] == "group"]
        tables = groups + ([None] if len(groups) < len(budget["items"]) else [])
        prefix = budget["id"] + " " if len(doc["budgets"]) > 1 else ""
        check(names[at - 2].startswith(prefix + words.about), f"{spec}: sheet {names[at - 2]!r}")
        for g in tables:
            want = prefix + (g["label"] if g else words.others)
            want = re.sub(r"[\[\]:*?/\\]", "_", want)[:31]
            check(names[at] == want or names[at].startswith(want[:27] + " ("), f"{spec}: sheet {names[at]!r} for {want!r}")
            check_table(book, names[at], budget, g, words, spec, view_of(doc, budget, g) if g else None)
            at += 1
    if not doc["budgets"]:
        check(names == ["About"], f"{spec}: a file without budget gives sheets {names}")
        at = len(names)
    check(at == len(names), f"{spec}: sheets {names[at:]} left over")
    return a, doc


# ---- the round trip through bdl import --------------------------------------------------

def figures(doc):
    """(table label, row label) -> values and -> reconciliation per column, for every row of
    every table; and each path's key."""
    out, recon, paths = {}, {}, {}
    for b in doc["budgets"]:
        def walk(table, items):
            for it in items:
                key = (table, it["label"]) if it["path"] != table_path else (table, None)
                out[key] = it["values"]
                recon[key] = [r["status"] for r in it.get("reconciliation", [])]
                paths[it["path"]] = key
                walk(table, it.get("children", []))
        for it in b["items"]:
            table = it["label"] if it["kind"] == "group" else "其他指标"
            table_path = it["path"] if it["kind"] == "group" else None
            walk(table, [it])
    return out, recon, paths


def round_trip(spec, xlsx, doc):
    if not re.search(rb"^  import ", subprocess.run([IMPORT, "help"], capture_output=True).stdout, re.M):
        print(f"SKIP round trip of {spec}: bdl import is not a command of {IMPORT} yet")
        return
    imported = os.path.join(TMP, "imported.bdl")
    r = subprocess.run([IMPORT, "import", xlsx, "-o", imported], capture_output=True)
    if not check(r.returncode == 0, f"{spec}: bdl import of its workbook exited {r.returncode}"):
        print(r.stderr.decode())
        return
    back = json.loads(run("json", imported).stdout)
    want, want_recon, paths = figures(doc)
    got, got_recon, back_paths = figures(back)
    norm = lambda vs: [None if v is None else Decimal(v).normalize() for v in vs]
    for key, values in want.items():
        check(key in got and norm(got[key]) == norm(values), f"{spec} round trip: {key} {values} came back {got.get(key)}")
    # Every stated total comes back reconciled as it was; a view states none, and its 合计
    # row comes back as a stated total that its rows add up to.
    views = {paths[it["path"]] for b in doc["budgets"] for it in b["items"] if it.get("view")}
    for key, statuses in want_recon.items():
        back_statuses = got_recon.get(key, [])
        if key in views:
            check(all(s in ("exact", "none") for s in back_statuses), f"{spec} round trip: view {key} {back_statuses}")
        else:
            check(back_statuses == statuses, f"{spec} round trip: totals of {key} {back_statuses}, expected {statuses}")
    # The spec's checks, written over the imported IDs, must give the same results.
    by_key = {v: k for k, v in back_paths.items()}
    def rename(expr):
        return re.sub(r"[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*(?:\.[\w\u4e00-\u9fff]+)*(?=\[|\s|$|\))",
                      lambda m: by_key.get(paths.get(m.group(0)), m.group(0)), expr)
    # A rule set's claims come from its apply block, which a workbook does not carry: only
    # the spec's own claims are written over the imported IDs.
    own = [k for k in doc["budgets"][0]["checks"] if not k.get("rule")]
    checks = "".join(f"  assert {rename(k['expr'])}\n" for k in own)
    text = open(imported, encoding="utf-8").read().rstrip()
    assert text.endswith("}")
    with open(imported, "w", encoding="utf-8") as f:
        f.write(text[:-1] + checks + "}\n")
    again = json.loads(run("json", imported).stdout)
    carried = again["budgets"][0]["checks"][-len(own):]
    got_status = [[r["status"] for r in k["results"]] for k in carried]
    want_status = [[r["status"] for r in k["results"]] for k in own]
    check(got_status == want_status, f"{spec} round trip: check results {got_status}, expected {want_status}")


def refusals():
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(BDL, [BDL, "xlsx", "examples/kaizhou-2026.bdl"])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    check(os.WEXITSTATUS(status) == 2 and b"binary" in out, f"xlsx to a terminal: {status} {out[:200]!r}")
    piped = subprocess.run([BDL, "xlsx", "examples/kaizhou-2026.bdl", "-o", "-"], capture_output=True)
    check(piped.returncode == 0 and piped.stdout[:2] == b"PK", "xlsx -o - to a pipe")
    check(run("xlsx").returncode == 2, "xlsx without FILE")
    old = os.path.join(TMP, "kept.xlsx")
    open(old, "wb").write(b"old")
    bad = run("xlsx", "examples/kaizhou-2026.bdl", "-o", "/dev/full")
    check(bad.returncode == 2 and b"cannot write /dev/full" in bad.stderr, f"xlsx to a full device: {bad.stderr!r}")
    check(open(old, "rb").read() == b"old", "an existing output is untouched")


def limits():
    """Excel's limits (docs/limits.md): rows per sheet, characters per cell, sheet names."""
    scratch = os.path.join(TMP, "scratch")
    os.mkdir(scratch)
    env = dict(os.environ, TMPDIR=scratch)
    big, out = os.path.join(TMP, "big.bdl"), os.path.join(TMP, "big.xlsx")
    with open(big, "w") as f:  # 3 header rows, 1,048,573 items and the total: one row too many
        f.write("budget big {\n  group g {\n" + "".join(f"    i{i} 1\n" for i in range(1048573)) + "  }\n}\n")
    r = subprocess.run([BDL, "xlsx", big, "-o", out], capture_output=True, env=env)
    check(r.returncode == 2 and b"cannot write " + out.encode() + b": File too large" in r.stderr,
          f"a table longer than a sheet: {r.returncode} {r.stderr[-200:]!r}")
    check(not os.path.exists(out) and not os.listdir(scratch), f"files left behind: {os.listdir(scratch)}")
    long = os.path.join(TMP, "long.bdl")
    name = "预算表" * 20
    with open(long, "w", encoding="utf-8") as f:
        f.write(f'budget long {{\n  group a "{name}" {{\n    x "{"长" * 40000}" 1\n  }}\n'
                f'  group b "{name}" {{\n    y 2\n  }}\n  group c "\'[a]:b*?/c\\\\d\'" {{\n    z 3\n  }}\n}}\n')
    r = subprocess.run([BDL, "xlsx", long, "-o", out], capture_output=True, env=env)
    if check(r.returncode == 0, f"long texts: {r.stderr!r}"):
        wb = openpyxl.load_workbook(out)
        label = wb.worksheets[2]["A4"].value
        check(len(label) == 32767 and label.endswith("…"), f"a 40,000-character label: {len(label)} characters")
        check(wb.sheetnames[2:] == [name[:31], name[:27] + " (2)", "_a__b___c_d"], f"sheet names {wb.sheetnames}")


def main():
    specs = ["examples/kaizhou-2026.bdl"] + sorted(
        os.path.join("examples/district", f) for f in os.listdir("examples/district")
        if f.endswith(".bdl") and re.search(r"^(budget|consolidate) ", open(os.path.join("examples/district", f),
                                                                           encoding="utf-8").read(), re.M))
    # And every golden spec, valid or not: whatever the checker made of it is laid out so.
    golden = sorted(os.path.join(d, f) for d in ("tests/golden/valid", "tests/golden/errors")
                    for f in os.listdir(d) if f.endswith(".bdl")) if ALL else []
    for spec in specs + golden:
        made = check_spec(spec)
        if made and spec in ("examples/kaizhou-2026.bdl", "examples/district/dcoc.bdl"):
            round_trip(spec, *made)
    # The failing budget's stated totals stand beside their sums (checked row by row too);
    # its parent adds the nested group's published total, as the checker does.
    made = check_spec(FAILING)
    ws = Book(made[0]).f["支出"]
    check([c.value for c in ws[3]][3:5] == ["2026年（公布合计）", "2025年（公布合计）"], "failing: stated columns")
    check(ws["B10"].value == "=SUM(D7,B8)" and ws["D7"].value == 10.01 and ws["E10"].value == 30,
          f"failing: {ws['B10'].value} {ws['D7'].value} {ws['E10'].value}")
    check(ws["C10"].font.color is not None and ws["C10"].font.color.rgb.endswith("FF0000"), "failing: the failed total is red")
    refusals()
    limits()
    print(f"xlsx: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
