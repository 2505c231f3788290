/* test_fixes.c - the replacements diagnostics suggest (Diag.fix), which editors offer as
 * quick fixes: a stated total set to its items' sum, a misspelled name, unit or budget
 * changed to the nearest one. Each fix is applied to the source, which must then compile
 * without that diagnostic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_util.h"

/* The first diagnostic with `code`. */
static const Diag *diag_with(const Compilation *c, const char *code)
{
    for (size_t i = 0; i < c->diags.n; i++)
        if (strcmp(c->diags.items[i]->code, code) == 0)
            return c->diags.items[i];
    fail_msg("no %s", code);
    return NULL;
}

/* src with the fix of its first `code` diagnostic applied; the caller frees it. */
static char *apply_fix(const char *src, const char *code, const char *want_old, const char *want_new)
{
    Compilation c;
    compile_src(&c, src);
    const Diag *g = diag_with(&c, code);
    assert_non_null(g->fix.text);
    assert_int_equal(g->fix.span.file, 0);
    size_t old_len = g->fix.span.end - g->fix.span.start;
    assert_int_equal(old_len, strlen(want_old));
    assert_memory_equal(src + g->fix.span.start, want_old, old_len);
    assert_string_equal(g->fix.text, want_new);
    Buf b = {0};
    buf_put(&b, src, g->fix.span.start);
    buf_puts(&b, g->fix.text);
    buf_puts(&b, src + g->fix.span.end);
    compilation_free(&c);
    return buf_take(&b);
}

static void assert_fixed(const char *src, const char *code, const char *old, const char *new_text, const char *after)
{
    char *fixed = apply_fix(src, code, old, new_text);
    Compilation c;
    compile_src(&c, fixed);
    assert_diags(&c, after);
    compilation_free(&c);
    free(fixed);
}

static void total_set_to_sum(void **state)
{
    (void)state;
    assert_fixed(UNITS "budget b {\n  unit 万元\n  rounding 0.01\n"
                       "  group g = 609.35 {\n    a 544.64\n    b 64.81\n  }\n}\n",
                 "E0406", "609.35", "609.45", "");
}

static void total_keeps_its_decimals(void **state)
{
    (void)state;
    assert_fixed(UNITS "budget b {\n  group g = 3.00 {\n    a 1.5\n    b 2.5\n  }\n}\n", "E0406", "3.00", "4.00",
                 "");
}

/* A total written with its unit keeps one; the sum is in the group's unit. */
static void total_with_unit(void **state)
{
    (void)state;
    assert_fixed(UNITS "budget b {\n  unit 元\n  columns x, y\n"
                       "  group g = 1 万元, 2 万元 {\n    a 5000 元, 20000\n    b 5000 元, 1\n  }\n}\n",
                 "E0406", "2 万元", "2.0001 万元", "");
}

/* Without its unit, a total is in the budget's unit: a group in another unit writes it. */
static void total_in_group_unit(void **state)
{
    (void)state;
    assert_fixed(UNITS "budget b {\n  unit 元\n  columns x, y\n"
                       "  group g = 3 万元, 7 {\n    a 1 万元, 1 万元\n    b 2 万元, 1 万元\n  }\n}\n",
                 "E0406", "7", "2 万元", "");
}

/* A sum without a decimal form (1/3 of a unit) has no fix, only the help line. */
static void total_without_decimal_form(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, "unit a\nunit t = 3 a\nbudget b {\n  unit t\n  group g = 1 {\n    x 1 a\n  }\n}\n");
    const Diag *g = diag_with(&c, "E0406");
    assert_non_null(g->help);
    assert_null(g->fix.text);
    compilation_free(&c);
}

static void name_of_child(void **state)
{
    (void)state;
    assert_fixed(UNITS "budget b {\n  group g { general 1; other 2 }\n  assert g.generl == 1\n}\n", "E0302",
                 "generl", "general", "");
}

/* The first name of a path is found in the whole budget: the fix writes the item's path. */
static void first_name_gets_path(void **state)
{
    (void)state;
    assert_fixed(UNITS "budget b {\n  group g { general 1; other 2 }\n  assert genral == 1\n}\n", "E0302",
                 "genral", "g.general", "");
}

static void unit_misspelled(void **state)
{
    (void)state;
    assert_fixed(UNITS "budget b {\n  item a 1 万圆\n}\n", "E0305", "万圆", "万元", "");
}

static void budget_name(void **state)
{
    (void)state;
    assert_fixed("budget audit { group g { a 1 } }\n"
                 "consolidate d {\n  budgets audt\n  groups g\n}\n",
                 "E0801", "audt", "audit", "");
}

/* No near name, no fix. */
static void nothing_near(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, UNITS "budget b {\n  item a 1\n  assert zzzzzz == 1\n}\n");
    assert_null(diag_with(&c, "E0302")->fix.text);
    compilation_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(total_set_to_sum),
        cmocka_unit_test(total_keeps_its_decimals),
        cmocka_unit_test(total_with_unit),
        cmocka_unit_test(total_in_group_unit),
        cmocka_unit_test(total_without_decimal_form),
        cmocka_unit_test(name_of_child),
        cmocka_unit_test(first_name_gets_path),
        cmocka_unit_test(unit_misspelled),
        cmocka_unit_test(budget_name),
        cmocka_unit_test(nothing_near),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
