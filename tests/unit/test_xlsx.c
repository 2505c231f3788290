/* test_xlsx.c - .xlsx workbooks (src/sheet/xlsx.h) on the fixtures that
 * tests/fixtures/make_workbooks.py writes into build/fixtures: every kind of cell, numbers
 * as Excel stores them, merged header cells, indentation, and damaged or hostile files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sheet/book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Run {
    Workbook wb;
    Report d;
    bool ok;
} Run;

static void read_fixture(Run *r, const char *name)
{
    char path[256];
    const char *dir = getenv("BDL_FIXTURES");
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "build/fixtures", name);
    report_init(&r->d, 50, false);
    const char *err = NULL;
    r->ok = workbook_read(&r->wb, path, ',', &r->d, &err);
    if (err)
        fail_msg("%s: %s (run tests/fixtures/make_workbooks.py build/fixtures)", path, err);
}

static void done(Run *r)
{
    workbook_free(&r->wb);
    report_free(&r->d);
}

static const SheetCell *at(const Run *r, size_t sheet, const char *name)
{
    uint32_t row, col;
    assert_true(cell_parse(name, strlen(name), &row, &col));
    return sheet_cell(&r->wb.sheets[sheet], row, col);
}

static void expect(const Run *r, const char *name, SheetCellKind kind, const char *text)
{
    const SheetCell *c = at(r, 0, name);
    if (!c)
        fail_msg("%s is empty", name);
    assert_int_equal(c->kind, kind);
    assert_string_equal(c->text, text);
}

static void every_kind_of_cell(void **state)
{
    (void)state;
    Run r;
    read_fixture(&r, "numbers.xlsx");
    assert_true(r.ok);
    assert_string_equal(r.wb.sheets[0].name, "数字");
    expect(&r, "A1", CELL_TEXT, "收入");
    expect(&r, "A2", CELL_TEXT, "rich text"); /* the runs joined, the phonetic guide left out */
    expect(&r, "A3", CELL_TEXT, "inline");
    expect(&r, "A4", CELL_BOOL, "TRUE");
    expect(&r, "A5", CELL_ERROR, "#DIV/0!");
    expect(&r, "A6", CELL_FORMULA, "B1+1"); /* no cached value */
    expect(&r, "A7", CELL_TEXT, "  indented");
    expect(&r, "A8", CELL_TEXT, "ab"); /* a formula's cached string */
    expect(&r, "A9", CELL_TEXT, "no address");
    assert_int_equal(at(&r, 0, "A7")->indent, 2);
    done(&r);
}

static void numbers_as_their_format_shows(void **state)
{
    (void)state;
    Run r;
    read_fixture(&r, "numbers.xlsx");
    expect(&r, "B1", CELL_NUMBER, "609.35"); /* stored as 609.35000000000002, format 0.00 */
    assert_int_equal(at(&r, 0, "B1")->decimals, 2);
    expect(&r, "B2", CELL_NUMBER, "0.3"); /* General: 15 significant digits */
    assert_int_equal(at(&r, 0, "B2")->decimals, DECIMALS_GENERAL);
    expect(&r, "B3", CELL_NUMBER, "-1234.50");
    expect(&r, "B4", CELL_NUMBER, "3"); /* 2.5 in the format "0" */
    expect(&r, "B5", CELL_DATE, "2026-01-01");
    expect(&r, "B6", CELL_NUMBER, "0.448"); /* 0.4483 shown as 44.8% */
    assert_int_equal(at(&r, 0, "B6")->flags, CELL_PERCENT);
    expect(&r, "B7", CELL_NUMBER, "0.001");
    expect(&r, "B8", CELL_NUMBER, "1218.7"); /* a formula's cached number */
    expect(&r, "B9", CELL_NUMBER, "12");
    done(&r);
}

static void merged_header_cells(void **state)
{
    (void)state;
    Run r;
    read_fixture(&r, "table.xlsx");
    assert_true(r.ok);
    assert_int_equal(r.wb.nsheets, 2);
    const Sheet *s = &r.wb.sheets[0];
    assert_string_equal(s->name, "部门支出总表");
    assert_int_equal(s->nmerges, 4);
    const Merge *m = sheet_merge_at(s, 2, 3); /* D3, inside C3:E3 */
    assert_non_null(m);
    assert_int_equal(m->row, 2);
    assert_int_equal(m->col, 2);
    assert_int_equal(m->cols, 3);
    assert_null(sheet_merge_at(s, 4, 2));
    expect(&r, "E2", CELL_TEXT, "单位：万元");
    expect(&r, "A8", CELL_TEXT, "2010301");
    expect(&r, "E8", CELL_NUMBER, "0.00");
    assert_int_equal(at(&r, 0, "B8")->indent, 2);
    assert_int_equal(s->nrows, 9);
    done(&r);
}

static void expect_refused(const char *fixture, const char *code)
{
    Run r;
    read_fixture(&r, fixture);
    assert_false(r.ok);
    assert_int_equal(r.d.diags.n, 1);
    const Diag *g = r.d.diags.items[0];
    assert_string_equal(g->code, code);
    const Source *at_file = r.d.sources.items[g->span.file]; /* the whole workbook: no place in it */
    assert_string_equal(at_file->place, "");
    assert_non_null(strstr(at_file->name, fixture));
    done(&r);
}

static void damaged_and_hostile_files(void **state)
{
    (void)state;
    expect_refused("truncated.xlsx", "E1001");
    expect_refused("laughs.xlsx", "E1008");
    expect_refused("bomb.xlsx", "E1003");
    expect_refused("encrypted.xlsx", "E1002");
    expect_refused("page.xls", "E1001");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_kind_of_cell),
        cmocka_unit_test(numbers_as_their_format_shows),
        cmocka_unit_test(merged_header_cells),
        cmocka_unit_test(damaged_and_hostile_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
