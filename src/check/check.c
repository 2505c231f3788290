/* check.c - the checker's driver: budget settings, then names, totals and assertions. */
#include "check/context.h"

#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *item_label(const Item *it)
{
    return it->label ? it->label : it->id;
}

Item *item_next(const Item *it)
{
    if (item_children(it))
        return item_children(it);
    while (it && !it->next)
        it = it->parent;
    return it ? it->next : NULL;
}

const char *unit_name(const Unit *u)
{
    return u ? u->name : "";
}

void num_show(Num v, char buf[NUM_STR_MAX])
{
    if (num_is_decimal(v)) {
        num_format(v, buf);
        return;
    }
    char fixed[NUM_STR_MAX];
    num_format_fixed(v, 8, fixed);
    memcpy(buf, "\xE2\x89\x88", 3); /* ≈ */
    snprintf(buf + 3, NUM_STR_MAX - 3, "%.*s", NUM_STR_MAX - 4, fixed);
}

void show_amount_in(Buf *b, Num v, const char *unit)
{
    char s[NUM_STR_MAX];
    num_show(v, s);
    buf_puts(b, s);
    if (unit)
        buf_printf(b, " %s", unit);
}

void show_amount(Buf *b, Num v, const Unit *u)
{
    show_amount_in(b, v, u ? u->name : NULL);
}

void show_percent(Buf *b, Num v)
{
    Num pct;
    char s[NUM_STR_MAX];
    if (num_mul(v, num_int(100), &pct) != NUM_OK)
        pct = v;
    num_show(pct, s);
    buf_printf(b, "%s%%", s);
}

char *span_source(Checker *c, Span s)
{
    Source *src = c->sources->items[s.file];
    return utf8_printable(src->text + s.start, s.end - s.start);
}

void report_overflow(Checker *c, Span at, NumStatus st)
{
    if (st == NUM_DIV_ZERO) {
        diag_report(c->diags, SEV_ERROR, "E0405", at, "division by zero");
        return;
    }
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0404", at, "arithmetic overflow: the exact result does not fit in 128 bits");
    diag_note(g, "BDL never rounds or wraps an amount; split the figure or use a larger unit");
}

CheckStatus check_status(const Check *k)
{
    CheckStatus s = CHECK_SKIPPED;
    for (uint32_t i = 0; i < k->nresults; i++) {
        CheckStatus r = k->results[i].status;
        if (r == CHECK_FAILED || r == CHECK_INVALID)
            return r;
        if (r == CHECK_PASSED)
            s = CHECK_PASSED;
    }
    return s;
}

void budget_stats(const Budget *b, CheckStats *out)
{
    out->checks_passed = b->check_counts[CHECK_PASSED];
    out->checks_failed = b->check_counts[CHECK_FAILED];
    out->checks_skipped = b->check_counts[CHECK_SKIPPED];
    out->checks_invalid = b->check_counts[CHECK_INVALID];
    out->totals_exact = b->recon_counts[RECON_EXACT];
    out->totals_rounding = b->recon_counts[RECON_ROUNDING];
    out->totals_failed = b->recon_counts[RECON_FAILED];
    out->totals_skipped = b->recon_counts[RECON_SKIPPED];
}

/* A file may hold a million budgets, columns, meta keys or tags: pairwise comparison
 * made finding the duplicates quadratic. */
void *first_named(Map *seen, const void *scope, const char *name, void *it)
{
    void *first = map_get(seen, scope, name);
    if (!first)
        map_put(seen, scope, name, it);
    return first;
}

static void check_columns(Checker *c, Budget *b)
{
    if (!b->has_columns) {
        /* Without a 'columns' line a budget has one column, named after its year if any. */
        b->ncolumns = 1;
        b->columns = ARENA_NEW(c->arena, Column);
        Span y = b->year.span;
        b->columns[0].id = b->has_year ? intern(c->interns, c->sources->items[y.file]->text + y.start, y.end - y.start)
                                       : intern(c->interns, "value", 5);
        b->columns[0].span = b->id_span;
        return;
    }
    Map seen = {0};
    for (uint32_t i = 0; i < b->ncolumns; i++) {
        Column *first = first_named(&seen, b, b->columns[i].id, &b->columns[i]);
        if (!first)
            continue;
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0306", b->columns[i].span,
                              "column '%s' is declared twice", b->columns[i].id);
        diag_label(g, first->span, "first declared here");
    }
    map_free(&seen);
}

static void check_settings(Checker *c, Budget *b)
{
    if (b->unit_name)
        b->unit = unit_find(c, b->unit_name, b->unit_span);
    if (b->has_rounding && num_cmp(packed_num(b->rounding.value), num_int(0)) <= 0) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0314", b->rounding.span, "rounding must be greater than zero");
        diag_help(g, "write the step figures are published to, e.g. 'rounding 0.01'");
        b->has_rounding = false;
    }
    Map seen = {0};
    for (Meta *m = b->meta; m; m = m->next) {
        Meta *first = first_named(&seen, b, m->key, m);
        if (!first)
            continue;
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0311", m->span, "meta '%s' is set twice", m->key);
        diag_label(g, first->span, "first set here");
    }
    map_free(&seen);
    check_columns(c, b);
}

static void check_budget_ids(Checker *c)
{
    Map seen = {0};
    for (int pass = 0; pass < 2; pass++)
        for (Budget *b = pass ? c->program->budgets : c->program->imported_budgets; b; b = b->next) {
            Budget *first = first_named(&seen, c->program, b->id, b);
            if (!first)
                continue;
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0309", b->id_span, "budget '%s' is defined twice", b->id);
            diag_label(g, first->id_span, "first defined here");
        }
    map_free(&seen);
}

static void check_budget(Checker *c, Budget *b)
{
    c->budget = b;
    check_settings(c, b);
    names_index(c, b);
    codes_check(c, b);
    totals_check(c, b);
    views_build(c, b);
    checks_evaluate(c, b);
    texts_check(c, b);
}

void check_program(Program *p, SourceSet *sources, Arena *arena, Interns *interns, Diags *diags)
{
    Checker c = {0};
    c.arena = arena;
    c.interns = interns;
    c.diags = diags;
    c.sources = sources;
    c.program = p;
    c.suggestions_left = 100;
    units_declare(&c);
    classifications_declare(&c);
    check_budget_ids(&c);
    for (Budget *b = p->imported_budgets; b; b = b->next)
        check_budget(&c, b);
    for (Budget *b = p->budgets; b; b = b->next)
        check_budget(&c, b);
    consolidations_check(&c);
    map_free(&c.units);
    map_free(&c.siblings);
    map_free(&c.bare);
    map_free(&c.same_name);
    map_free(&c.schemes);
    map_free(&c.codes);
    free(c.unit_list);
}
