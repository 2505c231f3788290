/* test_csv.c - CSV files as a one-sheet workbook: RFC 4180 fields, their places, and the
 * text that is refused (src/sheet/csv.h). */
#define _DEFAULT_SOURCE /* mkstemps */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sheet/book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct Run {
    char path[64];
    Workbook wb;
    Report d;
    bool ok;
} Run;

static void read_text(Run *r, const char *text, size_t len)
{
    snprintf(r->path, sizeof r->path, "/tmp/bdl-test-XXXXXX.csv");
    int fd = mkstemps(r->path, 4);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    report_init(&r->d, 50, false);
    const char *err = NULL;
    r->ok = workbook_read(&r->wb, r->path, ',', &r->d, &err);
    assert_null(err);
}

static void done(Run *r)
{
    workbook_free(&r->wb);
    report_free(&r->d);
    unlink(r->path);
}

static const char *text_at(const Run *r, uint32_t row, uint32_t col)
{
    const SheetCell *c = sheet_cell(&r->wb.sheets[0], row, col);
    return c ? c->text : NULL;
}

static void reads_quoted_fields(void **state)
{
    (void)state;
    Run r;
    const char text[] = "\xEF\xBB\xBF项目,预算数\r\n\"一般公共预算拨款收入\",\"609.35\"\r\n\"say \"\"hi\"\"\",\"line\r\nbreak\"\r\n,\n";
    read_text(&r, text, sizeof text - 1);
    assert_true(r.ok);
    assert_int_equal(r.wb.nsheets, 1);
    assert_int_equal(r.wb.sheets[0].nrows, 4);
    assert_string_equal(text_at(&r, 0, 0), "项目");
    assert_string_equal(text_at(&r, 1, 1), "609.35");
    assert_string_equal(text_at(&r, 2, 0), "say \"hi\"");
    assert_string_equal(text_at(&r, 2, 1), "line\nbreak");
    assert_null(text_at(&r, 3, 0)); /* empty, but kept with its place */
    const SheetCell *empty = sheet_cell_at(&r.wb.sheets[0], 3, 1);
    assert_non_null(empty);
    assert_int_equal(empty->kind, CELL_EMPTY);
    const SheetCell *c = sheet_cell(&r.wb.sheets[0], 1, 1);
    assert_int_equal(c->kind, CELL_TEXT);
    assert_memory_equal(text + c->at, "\"609.35\"", c->end - c->at);
    done(&r);
}

static void names_the_sheet_after_the_file(void **state)
{
    (void)state;
    Run r;
    read_text(&r, "a\n", 2);
    char want[64];
    snprintf(want, sizeof want, "%s", strrchr(r.path, '/') + 1);
    *strrchr(want, '.') = '\0';
    assert_string_equal(r.wb.sheets[0].name, want);
    done(&r);
}

/* The one diagnostic reported, with its code and byte span. */
static void expect_diag(Run *r, const char *code, uint32_t start)
{
    assert_false(r->ok);
    assert_int_equal(r->d.diags.n, 1);
    assert_string_equal(r->d.diags.items[0]->code, code);
    assert_int_equal(r->d.diags.items[0]->span.start, start);
}

static void refuses_an_unclosed_quote(void **state)
{
    (void)state;
    Run r;
    read_text(&r, "a,b\n1,\"open\n", 12);
    expect_diag(&r, "E1010", 6);
    done(&r);
}

static void refuses_text_after_a_closing_quote(void **state)
{
    (void)state;
    Run r;
    read_text(&r, "\"a\"b,c\n", 7);
    expect_diag(&r, "E1010", 3);
    done(&r);
}

static void refuses_gb18030(void **state)
{
    (void)state;
    Run r;
    const char gbk[] = "\xCF\xEE\xC4\xBF,\xD4\xA4\xCB\xE3\xCA\xFD\n"; /* 项目,预算数 in GBK */
    read_text(&r, gbk, sizeof gbk - 1);
    expect_diag(&r, "E1009", 0);
    assert_non_null(r.d.diags.items[0]->help);
    assert_non_null(strstr(r.d.diags.items[0]->help, "iconv -f GB18030"));
    done(&r);
}

static void refuses_nul_bytes(void **state)
{
    (void)state;
    Run r;
    read_text(&r, "a,b\0c\n", 6);
    expect_diag(&r, "E1009", 3);
    done(&r);
}

static void stops_at_a_field_too_long(void **state)
{
    (void)state;
    size_t n = SHEET_MAX_CELL_BYTES + 10;
    char *text = malloc(n + 4);
    memset(text, 'x', n);
    memcpy(text + n, ",1\n", 3);
    Run r;
    read_text(&r, text, n + 3);
    expect_diag(&r, "E1003", 0);
    free(text);
    done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_quoted_fields),
        cmocka_unit_test(names_the_sheet_after_the_file),
        cmocka_unit_test(refuses_an_unclosed_quote),
        cmocka_unit_test(refuses_text_after_a_closing_quote),
        cmocka_unit_test(refuses_gb18030),
        cmocka_unit_test(refuses_nul_bytes),
        cmocka_unit_test(stops_at_a_field_too_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
