#!/usr/bin/env python3
"""tests/xlsx_calc.py - a real spreadsheet program computes the workbook's totals.

For examples/kaizhou-2026.bdl, examples/district/district.bdl (the roll-up) and a budget
whose totals fail or differ by rounding, `bdl xlsx` writes the workbook; the values bdl
saved with its formulas are taken out (so that nothing but a recalculation can fill the
cells), and LibreOffice (headless, Debian libreoffice-calc-nogui; `make check-xlsx-calc`
installs it when missing) opens it, recalculates and exports every sheet as CSV. Then:
  - every formula cell LibreOffice computed equals the value bdl saved with it, and
  - every table's 合计 row equals the checked budget's sums (`bdl json`: a group's
    `computed`, a roll-up's total column its `values`),
both when rounded to the decimals the cell's number format shows: LibreOffice adds
doubles, bdl exact decimals. LibreOffice runs once per workbook, a few seconds each.
Usage: tests/xlsx_calc.py BDL
"""

import atexit
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal, ROUND_HALF_UP

import openpyxl

BDL = sys.argv[1] if len(sys.argv) > 1 else "./bdl"
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TMP = tempfile.mkdtemp(prefix="bdl-calc-")
atexit.register(shutil.rmtree, TMP, True)
SPECS = ["examples/kaizhou-2026.bdl", "examples/district/district.bdl", "tests/xlsx/failing.bdl"]
# Every sheet, as UTF-8 with values as stored (not as shown); token 12 (-1): all sheets.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}")
    return ok


def strip_saved_values(src, dst):
    """A copy of the workbook with each formula's saved <v> removed; returns how many."""
    n = 0
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data, k = re.subn(rb"(<f>[^<]*</f>)<v>[^<]*</v>", rb"\1", data)
                n += k
            zout.writestr(info, data)
    return n


def recalculated(path, base):
    """Sheet name -> rows of strings, as LibreOffice computed them."""
    out = os.path.join(TMP, "out-" + base)
    r = subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{TMP}/profile",
                        "--convert-to", CSV_FILTER, "--outdir", out, path], capture_output=True, timeout=300)
    if not check(r.returncode == 0, f"soffice on {path}: {r.stderr.decode()[-400:]}"):
        return {}
    sheets, stem = {}, os.path.splitext(os.path.basename(path))[0]
    for f in os.listdir(out):
        with open(os.path.join(out, f), encoding="utf-8", newline="") as fh:
            sheets[f[len(stem) + 1:-4]] = list(csv.reader(fh))
    return sheets


def shown(value, fmt):
    """value rounded half-up to the decimals of a number format like #,##0.00."""
    places = len(fmt.split(".")[1]) if "." in fmt else 0
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def computed_at(rows, r, c):
    row = rows[r - 1] if r - 1 < len(rows) else []
    return row[c - 1] if c - 1 < len(row) and row[c - 1] != "" else None


def total_row_figures(budget, group):
    """What the 合计 row of a group's table holds per column: the checker's sums."""
    out = []
    last = len(budget["columns"]) - 1
    for col, comp in enumerate(group["computed"]):
        if budget["consolidation"] is not None and col == last:
            out.append(group["values"][col])
        elif group["reconciliation"][col]["status"] == "skipped":
            out.append(None)
        else:
            out.append(comp)
    return out


def columns_of(ws):
    """The label column and the first figure column of a table sheet, from its header."""
    header = [c.value for c in ws[3]]
    label = 1 + (header[0] in ("科目编码", "Code"))
    return label, label + 1 + (header[label] in ("单位", "Unit"))


def check_spec(spec):
    base = os.path.splitext(os.path.basename(spec))[0]
    xlsx, bare = os.path.join(TMP, base + ".xlsx"), os.path.join(TMP, base + "-bare.xlsx")
    made = subprocess.run([BDL, "xlsx", spec, "-o", xlsx], capture_output=True)
    if not check(made.returncode in (0, 1) and os.path.exists(xlsx), f"bdl xlsx {spec}: {made.stderr.decode()}"):
        return
    n = strip_saved_values(xlsx, bare)
    check(n > 0, f"{spec}: no formula to recalculate")
    sheets = recalculated(bare, base + "-bare")
    book = openpyxl.load_workbook(xlsx)
    saved = openpyxl.load_workbook(xlsx, data_only=True)
    formulas = 0
    for ws in book.worksheets:
        rows = sheets.get(ws.title)
        if not check(rows is not None, f"{spec}: LibreOffice exported no sheet {ws.title!r} ({sorted(sheets)})"):
            continue
        for row in ws.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    continue
                formulas += 1
                got = computed_at(rows, cell.row, cell.column)
                want = saved[ws.title].cell(row=cell.row, column=cell.column).value
                check(got is not None and shown(got, cell.number_format) == shown(repr(want), cell.number_format),
                      f"{spec} {ws.title}!{cell.coordinate} {cell.value}: LibreOffice {got}, bdl saved {want}")
    check(formulas == n, f"{spec}: {formulas} formulas read back, {n} stripped")
    doc = json.loads(subprocess.run([BDL, "json", spec], capture_output=True).stdout)
    for budget in doc["budgets"]:
        for group in (i for i in budget["items"] if i["kind"] == "group"):
            ws = book[group["label"][:31]]
            label, first = columns_of(ws)
            total = max(r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=label).value in ("合计", "Total"))
            for col, want in enumerate(total_row_figures(budget, group)):
                if want is None:
                    continue
                cell = ws.cell(row=total, column=first + col)
                got = computed_at(sheets.get(ws.title, []), total, first + col)
                check(got is not None and shown(got, cell.number_format) == Decimal(want),
                      f"{spec} {ws.title}!{cell.coordinate}: LibreOffice {got}, the checker {want}")


def main():
    if not shutil.which("soffice"):
        print("xlsx_calc.py: soffice not found (make check-xlsx-calc installs libreoffice-calc-nogui)",
              file=sys.stderr)
        sys.exit(2)
    for spec in SPECS:
        check_spec(spec)
    print(f"xlsx-calc: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
