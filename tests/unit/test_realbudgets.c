/* test_realbudgets.c - the features for real budgets on small sources: import paths,
 * classification codes and views, consolidation, and narrative text. */
#define _XOPEN_SOURCE 700 /* realpath, mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#define UNITS "unit 元\nunit 万元 = 10000 元\n"
#include "compile/paths.h"
#include "test_util.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

/* All diagnostic codes, joined by spaces, in position order. */
static char *codes(Compilation *c)
{
    Buf b = {0};
    buf_puts(&b, "");
    for (size_t i = 0; i < c->diags.n; i++)
        buf_printf(&b, "%s%s", i ? " " : "", c->diags.items[i]->code);
    return buf_take(&b);
}

#define assert_codes(c, want)                                                                    \
    do {                                                                                         \
        char *got_ = codes(c);                                                                   \
        if (strcmp(got_, (want)) != 0)                                                           \
            print_error("codes: '%s', wanted '%s'\n", got_, (want));                             \
        int same_ = strcmp(got_, (want)) == 0;                                                   \
        free(got_);                                                                              \
        assert_true(same_);                                                                      \
    } while (0)

static void assert_num(Num n, const char *want)
{
    char s[NUM_STR_MAX];
    num_format(n, s);
    assert_string_equal(s, want);
}

static const Budget *budget_named(Compilation *c, const char *id)
{
    for (uint32_t i = 0; i < c->program->nbudgets; i++)
        if (strcmp(c->program->budgets[i]->id, id) == 0)
            return c->program->budgets[i];
    fail_msg("no budget %s", id);
    return NULL;
}

static const Item *child(Item *const *items, uint32_t n, const char *id)
{
    const Item *it = child_named(items, n, id, strlen(id));
    if (!it)
        fail_msg("no item %s", id);
    return it;
}

/* The figure of `it` in column col. */
static Num figure(Compilation *c, const Item *it, uint32_t col)
{
    return cell_value(sema_cell(&c->sema, it, col));
}

/* ---- import paths ----------------------------------------------------------------------- */

static void paths_normalize_lexically(void **state)
{
    (void)state;
    static const char *cases[][2] = {
        {"a/./b/../c.bdl", "a/c.bdl"}, {"./x.bdl", "x.bdl"},       {"../x.bdl", "../x.bdl"},
        {"a/../../x.bdl", "../x.bdl"}, {"/a/../../x", "/x"},        {"a//b", "a/b"},
        {".", "."},                     {"a/..", "."},               {"../../a/../b", "../../b"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = path_normalize(cases[i][0]);
        assert_string_equal(got, cases[i][1]);
        free(got);
    }
}

/* Canonical paths that need not exist: what exists is resolved (links too), the rest is
 * taken as written, so where a path leads is known whether or not it is there. */
static void expect_canonical(const char *path, const char *want, bool want_exists)
{
    bool exists;
    char *got = path_canonical(path, &exists);
    assert_non_null(got);
    assert_string_equal(got, want);
    assert_int_equal(exists, want_exists);
    free(got);
}

static void paths_canonical_without_existing(void **state)
{
    (void)state;
    char dir[] = "/tmp/bdl-paths-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *real = realpath(dir, NULL), *sub = str_printf("%s/sub", dir), *out = str_printf("%s/out", dir);
    char *gone = str_printf("%s/gone", dir), *loop = str_printf("%s/loop", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(symlink("/usr/../etc", out), 0);
    assert_int_equal(symlink("/nonexistent-bdl/x", gone), 0);
    assert_int_equal(symlink("loop", loop), 0);
    char *p = str_printf("%s/sub/missing/../x.bdl", dir), *want = str_printf("%s/sub/x.bdl", real);
    expect_canonical(p, want, false);         /* missing parts taken as written */
    free(p), free(want);
    p = str_printf("%s/out/passwd", dir);
    expect_canonical(p, "/etc/passwd", true); /* a link followed */
    free(p);
    expect_canonical(gone, "/nonexistent-bdl/x", false); /* a dangling link followed too */
    p = str_printf("%s/out/nope/../..", dir);
    expect_canonical(p, "/", false);
    free(p);
    bool exists;
    errno = 0;
    assert_null(path_canonical(loop, &exists)); /* a loop of links cannot be resolved */
    assert_int_equal(errno, ELOOP);
    assert_true(path_within("/a/b", "/a") && path_within("/a", "/a") && path_within("/x", "/"));
    assert_false(path_within("/a-b/c", "/a") || path_within("/ab", "/a"));
    unlink(out), unlink(gone), unlink(loop), rmdir(sub), rmdir(dir);
    free(real), free(sub), free(out), free(gone), free(loop);
}

static void missing_import_is_reported(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, "import \"surely-missing-file.bdl\"\nbudget b { item a 1 }\n");
    assert_codes(&c, "E0601");
    compilation_free(&c);
}

/* ---- classifications and views --------------------------------------------------------- */

#define SCHEME                                                                                   \
    "classification fn \"功能\" {\n"                                                            \
    "  1 \"一般公共服务\" {\n"                                                                   \
    "    101 \"政府办公\" { 10101 \"行政运行\" }\n"                                              \
    "    102 \"财政事务\"\n"                                                                     \
    "  }\n"                                                                                      \
    "  2 \"社会保障\"\n"                                                                         \
    "}\n"

static void codes_checked_and_labels_taken(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, SCHEME "budget b {\n"
                           "  group g code 1 {\n"
                           "    a 1 code 10101\n"
                           "    x \"别的名字\" 2 code 102\n"
                           "    y 3 code 2\n"
                           "    z 4 code 103\n"
                           "  }\n"
                           "  w 5 code 3\n"
                           "}\n");
    /* 103 has a known parent, so the partial catalogue lacks it (W0703); 3 has none (E0702) */
    assert_codes(&c, "W0701 E0703 W0703 E0702");
    const Item *g = first_budget(&c)->items[0], *a = child(g->children, g->nchildren, "a");
    assert_string_equal(sema_label(&c.sema, a), "行政运行");
    assert_string_equal(facts_of_item(&c, a)->codes[0]->name, "行政运行");
    compilation_free(&c);
}

static void view_rolls_up_by_level(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, SCHEME "budget b {\n"
                           "  columns 2026, 2025\n"
                           "  group g {\n"
                           "    a 1, 2 code 10101\n"
                           "    group h code 102 { p 3, - ; q 4, 1 }\n"
                           "    s 5, 5 code 2\n"
                           "  }\n"
                           "  view v = rollup fn of g depth 2\n"
                           "}\n");
    assert_codes(&c, "");
    const Budget *b = first_budget(&c);
    const Item *v = child(b->items, b->nitems, "v");
    assert_non_null(v->view);
    assert_int_equal(sema_view(&c.sema, v)->levels, 2);
    const Item *r1 = child(v->children, v->nchildren, "1"), *r2 = child(v->children, v->nchildren, "2");
    assert_int_equal(r1->kind, ITEM_GROUP);
    assert_num(figure(&c, r1, 0), "8");
    assert_false(cell_stated(sema_cell(&c.sema, r1, 1))); /* p is not stated in 2025 */
    assert_num(figure(&c, child(r1->children, r1->nchildren, "101"), 0), "1");
    assert_num(figure(&c, child(r1->children, r1->nchildren, "102"), 0), "7");
    assert_int_equal(r2->kind, ITEM_PLAIN);
    assert_num(figure(&c, v, 0), "13");
    compilation_free(&c);
}

/* ---- consolidation --------------------------------------------------------------------- */

static void consolidation_adds_columns_and_rows(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, UNITS "budget a { unit 万元; columns 2026, 2025; rounding 0.01\n"
                          "  group inc = 3.01, 1 { x 1, 1; y 2, 0 } }\n"
                          "budget b { unit 万元; columns 2026\n"
                          "  group inc { x 5000 元; z 4 } }\n"
                          "consolidate s { unit 万元; budgets a, b; groups inc\n"
                          "  assert inc[total] == 7.51 }\n");
    assert_codes(&c, "");
    const Budget *s = budget_named(&c, "s");
    assert_int_equal(s->ncolumns, 3);
    assert_string_equal(s->columns[2].id, "total");
    const Item *inc = s->items[0];
    const Recon *recon = facts_of_item(&c, inc)->recon;
    assert_num(figure(&c, inc, 0), "3.01");
    assert_num(figure(&c, inc, 2), "7.51");
    assert_num(figure(&c, child(inc->children, inc->nchildren, "x"), 1), "0.5");
    assert_num(figure(&c, child(inc->children, inc->nchildren, "z"), 0), "0"); /* a has no z */
    assert_int_equal(recon[0].status, RECON_ROUNDING);
    assert_int_equal(recon[2].status, RECON_ROUNDING);
    assert_num(packed_num(recon[2].diff), "0.01");
    assert_int_equal(sema_check(&c.sema, s->checks[0])->status, CHECK_PASSED);
    compilation_free(&c);
}

/* ---- narrative text -------------------------------------------------------------------- */

static void text_writes_figures_in(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, UNITS "budget b { unit 万元; rounding 0.01; columns 2026, 2025\n"
                          "  item inc \"收入\" 609.35, 527.36\n"
                          "  item h \"卫生\" 13.40, 1\n"
                          "  item e 1234 元\n"
                          "  text t \"收入{inc}万元，增加{inc[2026] - inc[2025]}万元，{h}，{e}，{h / inc:%}，{{x}}\"\n"
                          "}\n");
    assert_codes(&c, "");
    assert_string_equal(sema_text(&c.sema, first_budget(&c)->texts[0])->rendered, "收入609.35万元，增加81.99万元，13.4，0.12，2.2%，{x}");
    compilation_free(&c);
}

static void hand_written_numbers_are_compared(void **state)
{
    (void)state;
    Compilation c;
    compile_src(&c, UNITS "budget b { unit 万元; rounding 0.01; columns 2026, 2025\n"
                          "  item basic \"基本支出\" 273.19, 207.20\n"
                          "  text ok \"基本支出273.19万元，基本支出增加65.99万元，2026年\"\n"
                          "  text bad \"基本支出增加65.98万元。基本支出比上年减少65.99万元\"\n"
                          "}\n");
    assert_codes(&c, "W0901 W0901");
    compilation_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paths_normalize_lexically),
        cmocka_unit_test(paths_canonical_without_existing),
        cmocka_unit_test(missing_import_is_reported),
        cmocka_unit_test(codes_checked_and_labels_taken),
        cmocka_unit_test(view_rolls_up_by_level),
        cmocka_unit_test(consolidation_adds_columns_and_rows),
        cmocka_unit_test(text_writes_figures_in),
        cmocka_unit_test(hand_written_numbers_are_compared),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
