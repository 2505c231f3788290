/* test_import.c - the pieces of bdl import that read text: figures, units, labels, total
 * and memo rows, list numbers, and the names made from labels (src/tools/import_figure.h
 * and import_names.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tools/import_figure.h"
#include "tools/import_names.h"

#include <string.h>

static void expect_figure(const char *text, const char *want, int decimals)
{
    Figure f;
    assert_int_equal(figure_parse(text, &f), FIG_OK);
    assert_string_equal(f.text, want);
    assert_int_equal(f.decimals, decimals);
}

static void figures_as_written(void **state)
{
    (void)state;
    expect_figure("609.35", "609.35", 2);
    expect_figure("1,234.50", "1234.50", 2);
    expect_figure("1,234,567", "1234567", 0);
    expect_figure("(250)", "-250", 0);
    expect_figure("($1,250.00)", "-1250.00", 2);
    expect_figure("-$75", "-75", 0);
    expect_figure("$75", "75", 0);
    expect_figure("\xEF\xBF\xA5" "1,000", "1000", 0); /* ￥ */
    expect_figure("\xE2\x88\x92" "12", "-12", 0);     /* U+2212 minus */
    expect_figure("  13.4 ", "13.4", 1);
    expect_figure("\xE3\x80\x80" "7\xE3\x80\x80", "7", 0); /* ideographic spaces */
    expect_figure("-0.00", "0.00", 2);
}

static void what_is_not_a_figure(void **state)
{
    (void)state;
    Figure f;
    const char *not_stated[] = {"", "-", "\xE2\x80\x94", "N/A", "  "};
    for (size_t i = 0; i < sizeof not_stated / sizeof *not_stated; i++)
        assert_int_equal(figure_parse(not_stated[i], &f), FIG_NOT_STATED);
    const char *bad[] = {"六百", "12,34", "1,2345", ",123", "1.", ".5", "1.2.3", "(12", "12a", "1,234,56.7"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(figure_parse(bad[i], &f), FIG_NOT_A_FIGURE);
    assert_int_equal(figure_parse("44.83%", &f), FIG_PERCENT);
    assert_int_equal(figure_parse("123456789012345678901234567890123456789", &f), FIG_TOO_LARGE);
}

static void units_in_text(void **state)
{
    (void)state;
    UnitInfo u;
    assert_true(unit_in_text("单位：万元", &u));
    assert_int_equal(u.scale, SCALE_TEN_THOUSAND);
    assert_string_equal(unit_bdl_name(u), "万元");
    assert_true(unit_in_text("金额单位：元", &u));
    assert_int_equal(u.scale, SCALE_ONE);
    assert_true(unit_in_text("预算数（亿元）", &u));
    assert_int_equal(u.scale, SCALE_HUNDRED_MILLION);
    assert_true(unit_in_text("($ in thousands)", &u));
    assert_string_equal(unit_bdl_name(u), "USD_thousands");
    assert_true(unit_in_text("Amount ($000s)", &u));
    assert_int_equal(u.scale, SCALE_THOUSAND);
    assert_true(unit_in_text("Dollars in Millions", &u));
    assert_int_equal(u.scale, SCALE_MILLION);
    assert_false(unit_in_text("部门收支总表", &u));
    assert_false(unit_in_text("Revenues", &u));
}

static void total_and_memo_rows(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    const char *rest;
    assert_true(label_is_total("本年收入合计", &a, &rest));
    assert_string_equal(rest, "本年收入");
    assert_true(label_is_total("合计", &a, &rest));
    assert_string_equal(rest, "");
    assert_true(label_is_total("Total General Fund", &a, &rest));
    assert_string_equal(rest, "General Fund");
    assert_true(label_is_total("TOTAL", &a, &rest));
    assert_false(label_is_total("Totalizer", &a, &rest));
    assert_false(label_is_total("一般公共服务支出", &a, &rest));
    assert_true(label_is_memo("其中：一般公共预算拨款政府采购"));
    assert_true(label_is_memo("Of which grants"));
    assert_false(label_is_memo("货物"));
    arena_release(&a);
}

static void list_numbers(void **state)
{
    (void)state;
    assert_string_equal(label_unnumbered("一、一般公共服务支出"), "一般公共服务支出");
    assert_string_equal(label_unnumbered("（二）政府性基金预算拨款"), "政府性基金预算拨款");
    assert_string_equal(label_unnumbered("3. Capital"), "Capital");
    assert_string_equal(label_unnumbered("(4) Grants"), "Grants");
    assert_string_equal(label_unnumbered("其中：货物"), "货物");
    assert_string_equal(label_unnumbered("3.5 percent"), "3.5 percent"); /* a number, not a list number */
    assert_int_equal(label_level("一、本年收入"), 1);
    assert_int_equal(label_level("（一）一般公共预算拨款"), 2);
    assert_int_equal(label_level("1. x"), 3);
    assert_int_equal(label_level("(1) x"), 4);
    assert_int_equal(label_level("收入总计"), 0);
}

static void names_from_labels(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    assert_string_equal(name_from_label(&a, "一、一般公共服务支出", "x"), "一般公共服务支出");
    assert_string_equal(name_from_label(&a, "政府办公厅（室）及相关机构事务", "x"), "政府办公厅_室_及相关机构事务");
    assert_string_equal(name_from_label(&a, "Total General Fund", "x"), "total_general_fund");
    assert_string_equal(name_from_label(&a, "2026年预算数", "x"), "_2026年预算数");
    assert_string_equal(name_from_label(&a, "“三公”经费", "x"), "三公_经费");
    assert_string_equal(name_from_label(&a, "Item", "x"), "item_"); /* a keyword */
    assert_string_equal(name_from_label(&a, "（）", "c201"), "c201");
    NameSet used;
    names_init(&used, &a);
    assert_string_equal(name_unique(&used, "行政运行"), "行政运行");
    assert_string_equal(name_unique(&used, "行政运行"), "行政运行_2");
    assert_string_equal(name_unique(&used, "行政运行"), "行政运行_3");
    assert_string_equal(name_unique(&used, "事业运行"), "事业运行");
    names_free(&used);
    assert_string_equal(label_clean(&a, "2026年\n预算数"), "2026年预算数");
    assert_string_equal(label_clean(&a, "  Total \n General  Fund "), "Total General Fund");
    arena_release(&a);
}

static void strings_in_the_spec(void **state)
{
    (void)state;
    Buf b = {0};
    put_string(&b, "a \"b\" \\ c\n\x01");
    assert_string_equal(b.data, "\"a \\\"b\\\" \\\\ c\\n\\u{1}\"");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(figures_as_written),     cmocka_unit_test(what_is_not_a_figure),
        cmocka_unit_test(units_in_text),          cmocka_unit_test(total_and_memo_rows),
        cmocka_unit_test(list_numbers),           cmocka_unit_test(names_from_labels),
        cmocka_unit_test(strings_in_the_spec),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
