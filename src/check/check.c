/* check.c - the checker's driver: declarations first, then each budget through every
 * phase in turn (settings, names, codes, totals, views, the rule sets it follows, checks,
 * texts, the rule sets' ledgers), then each consolidation, built from the budgets it sums
 * and checked like them. */
#include "check/check.h"

#include "check/classify.h"
#include "check/columns.h"
#include "check/consolidate.h"
#include "check/eval.h"
#include "check/names.h"
#include "check/narrative.h"
#include "check/rules.h"
#include "check/totals.h"
#include "check/units.h"

#include <stdlib.h>

static void check_columns(Checker *c, Budget *b)
{
    Map seen = {0};
    for (uint32_t i = 0; i < b->ncolumns; i++) {
        Column *first = map_first(&seen, b, b->columns[i].id, &b->columns[i]);
        if (!first)
            continue;
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0306", b->columns[i].span,
                              "column '%s' is declared twice", b->columns[i].id);
        diag_label(g, first->span, "first declared here");
    }
    map_free(&seen);
}

static void check_meta(Checker *c, Budget *b)
{
    Map seen = {0};
    for (uint32_t i = 0; i < b->nmeta; i++) {
        const Meta *m = &b->meta[i], *first = map_first(&seen, b, m->key, (void *)m);
        if (!first)
            continue;
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0311", m->span, "meta '%s' is set twice", m->key);
        diag_label(g, first->span, "first set here");
    }
    map_free(&seen);
}

/* The default unit and the rounding step; a consolidation's columns are its own doing. */
static void check_settings(Checker *c, Budget *b)
{
    BudgetFacts *f = sema_budget(c->sema, b);
    if (b->unit)
        f->unit = unit_find(c, b->unit->text, b->unit->span);
    f->rounding_valid = b->has_rounding;
    if (b->has_rounding && num_cmp(packed_num(b->rounding.value), num_int(0)) <= 0) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0314", b->rounding.span, "rounding must be greater than zero");
        if (!b->consolidation)
            diag_help(g, "write the step figures are published to, e.g. 'rounding 0.01'");
        f->rounding_valid = false;
    }
    if (b->consolidation)
        return;
    check_meta(c, b);
    check_columns(c, b);
}

static void report_duplicate_budget(Checker *c, const Budget *b, const Budget *first)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0309", b->id_span, "budget '%s' is defined twice", b->id);
    diag_label(g, first->id_span, "first defined here");
}

static void check_budget_ids(Checker *c)
{
    Map seen = {0};
    const Program *p = c->program;
    for (uint32_t i = 0; i < p->nimported_budgets + p->nbudgets; i++) {
        Budget *b = i < p->nimported_budgets ? p->imported_budgets[i] : p->budgets[i - p->nimported_budgets];
        Budget *first = map_first(&seen, p, b->id, b);
        if (first)
            report_duplicate_budget(c, b, first);
    }
    map_free(&seen);
}

static void begin_budget(Checker *c, Budget *b)
{
    c->budget = b;
    c->facts = sema_budget(c->sema, b);
}

static void check_budget(Checker *c, Budget *b)
{
    begin_budget(c, b);
    check_settings(c, b);
    names_index(c, b);
    codes_check(c, b);
    columns_resolve(c, b);
    totals_check(c, b);
    columns_check(c, b);
    views_build(c, b);
    rules_apply(c, b);
    checks_evaluate(c, b);
    texts_check(c, b);
    rules_finish(c, b);
}

/* A consolidation's figures and totals come from its members: it has no codes or totals
 * of its own to check, only its checks and texts. */
static void check_consolidation(Checker *c, Consolidation *k)
{
    Budget *b = k->budget;
    begin_budget(c, b);
    check_settings(c, b);
    consolidation_build(c, k);
    begin_budget(c, b);
    columns_resolve(c, b);
    names_index(c, b);
    checks_evaluate(c, b);
    texts_check(c, b);
    /* Now a budget like any other: later consolidations may sum it, emitters output it. */
    if (k->imported)
        PROGRAM_APPEND(c->program, imported_budgets, b);
    else
        PROGRAM_APPEND(c->program, budgets, b);
}

/* Whether k sums a consolidation not yet checked: `by_id` maps an ID to its
 * consolidation's place in p, plus one. */
static bool waits(Map *by_id, const Program *p, const Consolidation *k, const bool *done)
{
    for (uint32_t i = 0; i < k->budgets.n; i++) {
        uintptr_t j = (uintptr_t)map_get(by_id, p, k->budgets.items[i].text);
        if (j && !done[j - 1] && p->consolidations[j - 1] != k)
            return true;
    }
    return false;
}

/* Each consolidation after the consolidations it sums (a province after its districts,
 * whichever file declares them); those left in a cycle last, where their members are
 * unknown (E0801). */
static void check_consolidations(Checker *c, Program *p)
{
    uint32_t n = p->nconsolidations;
    bool *done = calloc(n ? n : 1, sizeof *done), progress = true;
    Map by_id = {0};
    for (uint32_t i = 0; i < n; i++)
        map_put(&by_id, p, p->consolidations[i]->budget->id, (void *)(uintptr_t)(i + 1));
    while (progress) {
        progress = false;
        for (uint32_t i = 0; i < n; i++)
            if (!done[i] && !waits(&by_id, p, p->consolidations[i], done)) {
                check_consolidation(c, p->consolidations[i]);
                done[i] = progress = true;
            }
    }
    for (uint32_t i = 0; i < n; i++)
        if (!done[i])
            check_consolidation(c, p->consolidations[i]);
    map_free(&by_id);
    free(done);
}

void check_program(Program *p, Sema *sema, SourceSet *sources, Arena *arena, Interns *interns, Diags *diags)
{
    sema_init(sema, arena, p);
    Checker c = {.arena = arena, .interns = interns, .diags = diags, .sources = sources, .program = p,
                 .sema = sema, .suggestions_left = SUGGEST_SUGGESTIONS,
                 .suggest_work_left = SUGGEST_WORK};
    units_declare(&c);
    classifications_declare(&c);
    rulesets_declare(&c);
    check_budget_ids(&c);
    for (uint32_t i = 0; i < p->nimported_budgets; i++)
        check_budget(&c, p->imported_budgets[i]);
    for (uint32_t i = 0; i < p->nbudgets; i++)
        check_budget(&c, p->budgets[i]);
    check_consolidations(&c, p);
    map_free(&c.units);
    map_free(&c.rate_pairs);
    map_free(&c.siblings);
    map_free(&c.bare);
    map_free(&c.same_name);
    map_free(&c.schemes);
    map_free(&c.budget_index[0].by_id);
    map_free(&c.budget_index[1].by_id);
    map_free(&c.codes);
    map_free(&c.code_names);
    map_free(&c.code_lengths);
    map_free(&c.rulesets);
    map_free(&c.roles);
    map_free(&c.broken_rulesets);
    map_free(&c.shared_applies);
    free(c.unit_list);
    matcher_free(&c.unit_names);
}
