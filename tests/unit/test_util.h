/* test_util.h - what the unit tests share: compiling a source held in memory, the
 * diagnostics as "CODE line:col" text, figures as text, and items, facts and checks found
 * by path or position. Include after <cmocka.h>. */
#ifndef BDL_TEST_UTIL_H
#define BDL_TEST_UTIL_H

#include "base/buf.h"
#include "compile/compile.h"

#include <stdlib.h>
#include <string.h>

#ifndef UNITS
#define UNITS "unit 元\nunit 万元 = 10000 元\nunit 辆\n"
#endif

static inline void compile_src(Compilation *c, const char *text)
{
    compilation_init(c, 0, false);
    assert_true(compile_string(c, "t.bdl", text, strlen(text)));
    assert_non_null(c->program);
}

/* All diagnostics as "CODE line:col" (with `ends`, "CODE line:col-line:col"), joined by
 * ", ", in the order kept (position order once the compilation is finished). */
static inline char *diag_text_list(const Compilation *c, bool ends)
{
    Buf b = {0};
    buf_puts(&b, "");
    for (size_t i = 0; i < c->diags.n; i++) {
        const Diag *g = c->diags.items[i];
        Source *src = c->sources.items[g->span.file];
        LineCol s = source_linecol(src, g->span.start);
        buf_printf(&b, "%s%s %u:%u", i ? ", " : "", g->code, s.line, s.col);
        if (ends) {
            LineCol e = source_linecol(src, g->span.end);
            buf_printf(&b, "-%u:%u", e.line, e.col);
        }
    }
    return buf_take(&b);
}

#define assert_diag_text(c, ends, want)                                                          \
    do {                                                                                         \
        char *got_ = diag_text_list((c), (ends));                                                \
        int same_ = strcmp(got_, (want)) == 0;                                                   \
        if (!same_)                                                                              \
            print_error("diagnostics: %s\n     wanted: %s\n", got_, (want));                     \
        free(got_);                                                                              \
        assert_true(same_);                                                                      \
    } while (0)

#define assert_diags(c, want) assert_diag_text((c), false, (want))
#define assert_diag_spans(c, want) assert_diag_text((c), true, (want))

static inline const char *cell_text(Cell cell, char *buf)
{
    if (!cell_stated(cell))
        return "-";
    num_format(cell_value(cell), buf);
    return buf;
}

/* A cell as text: its exact value, or "-" when not stated. */
#define assert_cell(cell, want)                                                                  \
    do {                                                                                         \
        char buf_[NUM_STR_MAX];                                                                  \
        assert_string_equal(cell_text((cell), buf_), (want));                                    \
    } while (0)

#define assert_numtext(n, want)                                                                  \
    do {                                                                                         \
        char buf_[NUM_STR_MAX];                                                                  \
        num_format((n), buf_);                                                                   \
        assert_string_equal(buf_, (want));                                                       \
    } while (0)

static inline const Budget *first_budget(const Compilation *c)
{
    assert_true(c->program->nbudgets > 0);
    return c->program->budgets[0];
}

static inline const Item *child_named(Item *const *items, uint32_t n, const char *id, size_t len)
{
    for (uint32_t i = 0; i < n; i++)
        if (strlen(items[i]->id) == len && memcmp(items[i]->id, id, len) == 0)
            return items[i];
    return NULL;
}

/* The item at a dotted path ("g.a") in the first budget. */
static inline const Item *item_at(const Compilation *c, const char *path)
{
    const Budget *b = first_budget(c);
    Item *const *level = b->items;
    uint32_t n = b->nitems;
    for (const char *p = path;; p++) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        const Item *it = child_named(level, n, p, len);
        assert_non_null(it);
        if (!dot)
            return it;
        level = it->children;
        n = it->nchildren;
        p = dot;
    }
}

/* What the checker found about an item, and about the item at a path. */
static inline const ItemFacts *facts_of_item(const Compilation *c, const Item *it)
{
    return sema_item(&c->sema, it);
}

static inline const ItemFacts *facts_at(const Compilation *c, const char *path)
{
    return facts_of_item(c, item_at(c, path));
}

/* The results of the n-th check (0-based) of the first budget. */
static inline const CheckFacts *check_at(const Compilation *c, uint32_t n)
{
    const Budget *b = first_budget(c);
    assert_true(n < b->nchecks);
    return sema_check(&c->sema, b->checks[n]);
}

#endif
