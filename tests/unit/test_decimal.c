/* test_decimal.c - decimal text rounded exactly, the one double conversion, date serials
 * and what number formats show (src/sheet/decimal.h, src/sheet/numfmt.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sheet/decimal.h"
#include "sheet/numfmt.h"
#include "sheet/sheet.h"

#include <string.h>

static void expect_round(const char *in, int decimals, const char *want)
{
    char out[DECIMAL_MAX];
    assert_true(decimal_round(in, decimals, out));
    assert_string_equal(out, want);
}

static void rounds_to_the_decimals_shown(void **state)
{
    (void)state;
    expect_round("609.35000000000002", 2, "609.35");
    expect_round("609.3", 2, "609.30");
    expect_round("2.5", 0, "3");
    expect_round("-2.5", 0, "-3"); /* half away from zero, as 四舍五入 */
    expect_round("0.125", 2, "0.13");
    expect_round("-0.004", 2, "0.00"); /* no "-0" */
    expect_round("9.995", 2, "10.00");
    expect_round("999.5", 0, "1000");
    expect_round("0.5", 0, "1");
    expect_round("0.49", 0, "0");
    expect_round("1234567890123456789012345.5", 0, "1234567890123456789012346");
}

static void general_keeps_fifteen_significant_digits(void **state)
{
    (void)state;
    expect_round("0.30000000000000004", DECIMALS_GENERAL, "0.3");
    expect_round("609.35000000000002", DECIMALS_GENERAL, "609.35");
    expect_round("123456789012345678", DECIMALS_GENERAL, "123456789012346000");
    expect_round("1E-3", DECIMALS_GENERAL, "0.001");
    expect_round("6.0935E2", DECIMALS_GENERAL, "609.35");
    expect_round("-1.5e+3", DECIMALS_GENERAL, "-1500");
    expect_round("007.100", DECIMALS_GENERAL, "7.1");
    expect_round("0", DECIMALS_GENERAL, "0");
    expect_round("0.000", 2, "0.00");
}

static void refuses_what_is_not_a_number(void **state)
{
    (void)state;
    char out[DECIMAL_MAX];
    const char *bad[] = {"", "-", ".", "1.2.3", "1e", "1e+", "12a", " 1", "1,234", "1e99999", "1e200"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(decimal_round(bad[i], DECIMALS_GENERAL, out));
}

static void shortest_text_of_a_double(void **state)
{
    (void)state;
    char out[32];
    decimal_from_double(609.35, out);
    assert_string_equal(out, "609.35");
    decimal_from_double(0.1 + 0.2, out);
    assert_string_equal(out, "0.30000000000000004");
    decimal_from_double(-1234.5, out);
    assert_string_equal(out, "-1234.5");
    decimal_from_double(1e20, out);
    assert_string_equal(out, "1e+20");
}

static void date_serials(void **state)
{
    (void)state;
    char out[32];
    assert_true(decimal_date("46023", false, out));
    assert_string_equal(out, "2026-01-01");
    assert_true(decimal_date("60", false, out));
    assert_string_equal(out, "1900-02-29"); /* the leap day Excel kept from Lotus */
    assert_true(decimal_date("61", false, out));
    assert_string_equal(out, "1900-03-01");
    assert_true(decimal_date("1", false, out));
    assert_string_equal(out, "1900-01-01");
    assert_true(decimal_date("0", true, out));
    assert_string_equal(out, "1904-01-01");
    assert_true(decimal_date("46023.5", false, out));
    assert_string_equal(out, "2026-01-01 12:00:00");
    assert_false(decimal_date("-1", false, out));
    assert_false(decimal_date("3000000", false, out));
}

static void number_formats(void **state)
{
    (void)state;
    NumFmt f = numfmt_parse("#,##0.00_ ;[Red]\\-#,##0.00\\ ");
    assert_int_equal(f.decimals, 2);
    assert_false(f.date);
    f = numfmt_parse("0.0%");
    assert_int_equal(f.decimals, 1);
    assert_true(f.percent);
    assert_true(numfmt_parse("yyyy\"年\"m\"月\"d\"日\"").date);
    assert_true(numfmt_parse("[h]:mm:ss").date);
    assert_false(numfmt_parse("[Red]0.000").date);
    assert_int_equal(numfmt_parse("[Red]0.000").decimals, 3);
    assert_int_equal(numfmt_parse("0.00E+00").decimals, DECIMALS_GENERAL);
    assert_int_equal(numfmt_parse("General").decimals, DECIMALS_GENERAL);
    assert_int_equal(numfmt_parse("@").decimals, DECIMALS_GENERAL);
    assert_int_equal(numfmt_parse("\"¥\"#,##0").decimals, 0);
    assert_int_equal(numfmt_parse("_(* #,##0.00_);_(* \\(#,##0.00\\)").decimals, 2);
    assert_int_equal(numfmt_builtin(4).decimals, 2);
    assert_true(numfmt_builtin(14).date);
    assert_true(numfmt_builtin(10).percent);
    assert_int_equal(numfmt_builtin(0).decimals, DECIMALS_GENERAL);
}

static void cell_names(void **state)
{
    (void)state;
    char out[16];
    cell_name(6, 2, out);
    assert_string_equal(out, "C7");
    cell_name(0, 26, out);
    assert_string_equal(out, "AA1");
    cell_name(1048575, 16383, out);
    assert_string_equal(out, "XFD1048576");
    uint32_t r, c;
    assert_true(cell_parse("$AB$12", 6, &r, &c));
    assert_int_equal(r, 11);
    assert_int_equal(c, 27);
    assert_false(cell_parse("XFE1", 4, &r, &c));
    assert_false(cell_parse("A0", 2, &r, &c));
    assert_false(cell_parse("A1048577", 8, &r, &c));
    assert_false(cell_parse("1A", 2, &r, &c));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rounds_to_the_decimals_shown),
        cmocka_unit_test(general_keeps_fifteen_significant_digits),
        cmocka_unit_test(refuses_what_is_not_a_number),
        cmocka_unit_test(shortest_text_of_a_double),
        cmocka_unit_test(date_serials),
        cmocka_unit_test(number_formats),
        cmocka_unit_test(cell_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
