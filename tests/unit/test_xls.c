/* test_xls.c - .xls workbooks through freexl (src/sheet/xls.h), on the fixture that
 * tests/fixtures/make_workbooks.py writes with xlwt into build/fixtures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sheet/book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void expect(const Sheet *s, const char *name, SheetCellKind kind, const char *text)
{
    uint32_t row, col;
    assert_true(cell_parse(name, strlen(name), &row, &col));
    const SheetCell *c = sheet_cell(s, row, col);
    if (!c)
        fail_msg("%s is empty", name);
    assert_int_equal(c->kind, kind);
    assert_string_equal(c->text, text);
}

static void reads_sheets_and_cells(void **state)
{
    (void)state;
    char path[256];
    const char *dir = getenv("BDL_FIXTURES");
    snprintf(path, sizeof path, "%s/table.xls", dir ? dir : "build/fixtures");
    Workbook wb;
    Report d;
    report_init(&d, 50, false);
    const char *err = NULL;
    bool ok = workbook_read(&wb, path, ',', &d, &err);
    if (err)
        fail_msg("%s: %s (run tests/fixtures/make_workbooks.py build/fixtures)", path, err);
    assert_true(ok);
    assert_int_equal(wb.format, BOOK_XLS);
    assert_int_equal(wb.nsheets, 1);
    const Sheet *s = &wb.sheets[0];
    assert_string_equal(s->name, "部门支出总表");
    expect(s, "A1", CELL_TEXT, "部门支出总表");
    expect(s, "E2", CELL_TEXT, "单位：万元");
    expect(s, "C4", CELL_TEXT, "合计");
    expect(s, "C5", CELL_NUMBER, "609.35");
    expect(s, "C7", CELL_NUMBER, "0.3"); /* the double 0.1 + 0.2, shown as General shows it */
    expect(s, "D7", CELL_NUMBER, "2");
    expect(s, "E7", CELL_NUMBER, "-1234.5");
    expect(s, "A8", CELL_DATE, "2026-01-01");
    assert_int_equal(sheet_cell(s, 4, 2)->decimals, DECIMALS_GENERAL);
    workbook_free(&wb);
    report_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_sheets_and_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
