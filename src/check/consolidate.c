/* consolidate.c - `consolidate`: the same-named groups of several budgets side by side.
 *
 * The result is an ordinary Budget: one column per member budget (its main column, the
 * first) plus a `total` column, and one merged group per name in `groups`, whose rows are
 * the union of the members' rows matched by ID path. A row a member does not have is 0 for
 * it, because each member's group lists all of its money. Every later phase (checks, JSON,
 * HTML, the report) then treats the roll-up like any budget. */
#include "check/consolidate.h"

#include "base/utf8.h"
#include "check/names.h"
#include "check/totals.h"
#include "check/units.h"
#include "check/zh.h"

#include <stdlib.h>
#include <string.h>

static const char TOTAL_COLUMN[] = "total";

typedef struct Merge {
    Checker *c;
    Budget *out;
    Budget **members; /* one per member column (NULL: unknown, reported) */
    uint32_t ncols; /* members + the total column */
    Map kids;       /* (merged group, NULL) -> Kids: its rows so far */
    Map rows;       /* (merged group, id) -> its row of that ID */
} Merge;

/* The rows of a merged group as they are met; the group's children point at them. */
typedef struct Kids {
    Item **items;
    uint32_t n, cap;
} Kids;

/* Adds the budgets appended to the list since the last lookup to its index (the first of
 * an ID stays): consolidations join the lists as they are checked. */
static void index_budgets(Checker *c, BudgetIndex *x, Budget *const *list, uint32_t n)
{
    for (; x->indexed < n; x->indexed++)
        map_first(&x->by_id, c, list[x->indexed]->id, list[x->indexed]);
}

/* The budget called `id`, imported ones first; found through an index, not by walking
 * every budget for every member of every consolidation. */
static Budget *find_budget(Checker *c, const char *id)
{
    const Program *p = c->program;
    index_budgets(c, &c->budget_index[0], p->imported_budgets, p->nimported_budgets);
    index_budgets(c, &c->budget_index[1], p->budgets, p->nbudgets);
    Budget *b = map_get(&c->budget_index[0].by_id, c, id);
    return b ? b : map_get(&c->budget_index[1].by_id, c, id);
}

static void consider_budget(Checker *c, const char *id, const Budget *b, const Budget **best, size_t *best_d)
{
    size_t d = suggest_distance(c, id, b->id, *best_d);
    if (d < *best_d) {
        *best_d = d;
        *best = b;
    }
}

static void suggest_budget(Checker *c, Diag *g, const char *id, Span at)
{
    const Budget *best = NULL;
    size_t best_d = 3;
    const Program *p = c->program;
    bool looked = suggest_begin(c);
    for (uint32_t i = 0; looked && i < p->nimported_budgets && c->suggest_work_left; i++)
        consider_budget(c, id, p->imported_budgets[i], &best, &best_d);
    for (uint32_t i = 0; looked && i < p->nbudgets && c->suggest_work_left; i++)
        consider_budget(c, id, p->budgets[i], &best, &best_d);
    if (best && c->suggest_work_left) {
        diag_help(g, "did you mean '%s'?", best->id);
        diag_fix(g, at, best->id);
    } else {
        diag_help(g, "import the file that defines it, e.g. import \"departments/%s.bdl\"", id);
    }
}

/* listed: (consolidation, name) -> the first listing of each budget */
static Budget *member(Checker *c, Consolidation *k, uint32_t i, Map *listed)
{
    const Name *p = &k->budgets.items[i];
    const Name *first = map_first(listed, k, p->text, (void *)p);
    if (first) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0801", p->span, "budget '%s' is listed twice", p->text);
        diag_label(g, first->span, "first listed here");
        return NULL;
    }
    bool total = strcmp(p->text, TOTAL_COLUMN) == 0;
    Budget *b = total ? NULL : find_budget(c, p->text);
    if (b)
        return b;
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0801", p->span, "%s '%s'",
                          total ? "a consolidation cannot sum a budget called" : "unknown budget", p->text);
    if (total)
        diag_note(g, "'total' names the consolidation's total column");
    else
        suggest_budget(c, g, p->text, p->span);
    return NULL;
}

/* The column of a member that a consolidation adds up: its main (first) column, or, for
 * a consolidation of consolidations, the member's total column. */
static uint32_t main_column(const Budget *b)
{
    return b->consolidation ? b->ncolumns - 1 : 0;
}

/* The column ID a member's main column stands for (2026): a consolidation's total stands
 * for its first known member's, down to a budget. Members are always consolidated before
 * the consolidation that sums them, so the walk ends. */
static const char *main_column_id(const Checker *c, const Budget *b)
{
    while (b && b->consolidation) {
        const BudgetFacts *f = sema_budget(c->sema, b);
        const Budget *next = NULL;
        for (uint32_t i = 0; f->members && !next && i < b->consolidation->budgets.n; i++)
            next = f->members[i];
        b = next;
    }
    return b && b->ncolumns ? b->columns[0].id : NULL;
}

/* All members' main columns must be the same (all 2026, say). */
static void check_main_columns(Checker *c, Consolidation *k, Budget **members)
{
    const Budget *first = NULL;
    const char *first_id = NULL;
    for (uint32_t i = 0; i < k->budgets.n; i++) {
        const Budget *b = members[i];
        const char *id = b ? main_column_id(c, b) : NULL;
        if (!id)
            continue;
        if (!first) {
            first = b, first_id = id;
        } else if (id != first_id) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0805", k->budgets.items[i].span,
                                  "the main column of '%s' is %s, but that of '%s' is %s", b->id,
                                  id, first->id, first_id);
            diag_note(g, "a consolidation adds up each budget's main (first) column");
            diag_help(g, "put the same year first in every budget's 'columns' line");
        }
    }
}

static void make_columns(Checker *c, Consolidation *k, Budget **members)
{
    Budget *out = k->budget;
    uint32_t n = k->budgets.n;
    out->ncolumns = n + 1;
    out->columns = ARENA_ARRAY(c->arena, Column, out->ncolumns);
    for (uint32_t i = 0; i < n; i++)
        out->columns[i] = (Column){.id = k->budgets.items[i].text, .label = members[i] ? members[i]->title : NULL,
                                   .span = k->budgets.items[i].span};
    out->columns[n] = (Column){.id = intern(c->interns, TOTAL_COLUMN, sizeof TOTAL_COLUMN - 1), .label = "合计",
                               .span = out->id_span};
}

static Item *new_row(Merge *m, const Item *like, const Unit *unit)
{
    Checker *c = m->c;
    Item *it = item_derived(c->arena, c->program, like->kind, like->id, like->id_span);
    sema_reserve_items(c->sema, c->program->nitems_made);
    it->span = like->span;
    it->label = like->label;
    it->codes = like->codes;
    it->ncodes = like->ncodes;
    it->tags = like->tags;
    it->ntags = like->ntags;
    const ItemFacts *lf = facts_of(c, like);
    ItemFacts *f = facts_of(c, it);
    f->codes = lf->codes;
    f->unit = unit;
    f->value = ARENA_ARRAY(c->arena, Cell, m->ncols);
    for (uint32_t i = 0; i < m->ncols; i++)
        f->value[i] = num_pack(c->arena, num_int(0)); /* a row a member lacks is 0 for it */
    if (it->kind == ITEM_GROUP)
        f->recon = ARENA_ARRAY(c->arena, Recon, m->ncols);
    return it;
}

static void append_child(Merge *m, Item *g, Item *ch)
{
    map_put(&m->rows, g, ch->id, ch);
    Kids *k = map_get(&m->kids, g, NULL);
    if (!k) {
        k = ARENA_NEW(m->c->arena, Kids);
        map_put(&m->kids, g, NULL, k);
    }
    ARENA_GROW(m->c->arena, k->items, k->n, k->cap);
    ch->parent = g;
    ch->sibling = k->n;
    k->items[k->n++] = ch;
    g->children = k->items;
    g->nchildren = k->n;
}

static bool convert_cell(Merge *m, const Item *src, const Item *dst, uint32_t col, Num *out)
{
    const ItemFacts *sf = facts_of(m->c, src), *df = facts_of(m->c, dst);
    uint32_t main = main_column(m->members[col]);
    if (!sf->value || !cell_stated(sf->value[main]))
        return false;
    if (!unit_same_dim(sf->unit, df->unit)) {
        Diag *g = diag_report(m->c->diags, SEV_ERROR, "E0402", src->id_span,
                              "'%s' is in %s, but the consolidated '%s' adds up %s", src->id,
                              unit_name(sf->unit), dst->id, unit_name(df->unit));
        diag_label(g, m->out->id_span, "consolidation defined here");
        diag_zh(g, "%s的单位是%s，但汇总后的%s按%s合计；不同类别的单位不能相加", zh_item(m->c, src),
                unit_name(sf->unit), zh_item(m->c, dst), unit_name(df->unit));
        return false;
    }
    NumStatus st = unit_convert(cell_value(sf->value[main]), sf->unit, df->unit, out);
    if (st != NUM_OK)
        diag_overflow(m->c->diags, src->span, st);
    return st == NUM_OK;
}

static void kind_clash(Merge *m, const Item *src, const Item *dst)
{
    static const char *kinds[] = {"an item", "a group", "a memo"};
    Diag *g = diag_report(m->c->diags, SEV_ERROR, "E0803", src->id_span, "'%s' is %s here, but %s in an earlier budget",
                          src->id, kinds[src->kind], kinds[dst->kind]);
    diag_label(g, dst->id_span, "as first met");
    diag_help(g, "rows are matched by ID: give rows of different kinds different IDs");
}

/* The member's reconciliation of a group, in the consolidation's unit. */
static void copy_recon(Merge *m, const Item *src, const Item *dst, uint32_t col)
{
    const ItemFacts *sf = facts_of(m->c, src), *df = facts_of(m->c, dst);
    Recon r = sf->recon ? sf->recon[main_column(m->members[col])] : (Recon){0};
    Recon *into = &df->recon[col];
    into->status = r.status;
    into->missing = r.missing;
    Num diff = packed_num(r.diff), bound = packed_num(r.bound); /* 0 where none was set */
    if (r.status == RECON_EXACT || r.status == RECON_ROUNDING || r.status == RECON_FAILED) {
        unit_convert(diff, sf->unit, df->unit, &diff);
        unit_convert(bound, sf->unit, df->unit, &bound);
    }
    into->diff = num_pack(m->c->arena, diff);
    into->bound = num_pack(m->c->arena, bound);
}

/* Adds member `col`'s group `src` into the merged `dst`, row by row. */
static void merge_rows(Merge *m, const Item *src, Item *dst, uint32_t col)
{
    Num v;
    ItemFacts *df = facts_of(m->c, dst);
    df->value[col] = convert_cell(m, src, dst, col, &v) ? num_pack(m->c->arena, v) : packed_none();
    if (dst->kind == ITEM_GROUP)
        copy_recon(m, src, dst, col);
    for (uint32_t i = 0; i < src->nchildren; i++) {
        const Item *ch = src->children[i];
        if (facts_of(m->c, ch)->excluded)
            continue;
        Item *row = map_get(&m->rows, dst, ch->id);
        if (!row) {
            row = new_row(m, ch, df->unit);
            append_child(m, dst, row);
        } else if (row->kind != ch->kind) {
            kind_clash(m, ch, row);
            continue;
        }
        merge_rows(m, ch, row, col);
    }
}

static void missing_group(Merge *m, const Budget *b, const Name *g, const Item *found)
{
    Diag *d = diag_report(m->c->diags, SEV_ERROR, "E0802", g->span, "budget '%s' has no group '%s'", b->id, g->text);
    if (found)
        diag_label(d, found->id_span, "'%s' is not a group there", g->text);
    else
        diag_label(d, b->id_span, "budget defined here");
    diag_help(d, "consolidate only groups every listed budget has, under the same ID");
}

/* The sum of the rows of `it` in each column. */
static void sum_rows(Merge *m, const Item *it, Recon *recon)
{
    for (uint32_t col = 0; col < m->ncols; col++) {
        NumSum sum = num_sum_start();
        bool stated = true;
        for (uint32_t i = 0; i < it->nchildren && stated; i++)
            if (it->children[i]->kind != ITEM_MEMO)
                stated = cell_sum_add(&sum, facts_of(m->c, it->children[i])->value[col]);
        recon[col].computed = stated ? num_pack(m->c->arena, num_sum_total(sum)) : packed_none();
    }
}

/* The total column's reconciliation: the members' differences added up, so its bound is
 * theirs; a member's failure (already reported there) fails it too. */
static void reconcile_total(Merge *m, Cell stated_total, Recon *recon)
{
    uint32_t last = m->ncols - 1;
    ReconStatus status = RECON_NONE;
    Num diff = num_int(0), bound = num_int(0);
    const Item *missing = NULL;
    bool failed = false;
    for (uint32_t col = 0; col < last; col++) {
        const Recon *mr = &recon[col];
        if (mr->status == RECON_NONE)
            continue;
        if (mr->status == RECON_SKIPPED || status == RECON_SKIPPED) {
            status = RECON_SKIPPED;
            missing = missing ? missing : mr->missing;
            continue;
        }
        failed |= mr->status == RECON_FAILED;
        num_add(bound, packed_num(mr->bound), &bound);
        status = RECON_EXACT;
    }
    Cell sum = recon[last].computed;
    if (status == RECON_EXACT && cell_stated(stated_total) && cell_stated(sum) &&
        num_sub(cell_value(stated_total), cell_value(sum), &diff) == NUM_OK && !num_is_zero(diff))
        status = num_cmp(num_abs(diff), bound) <= 0 ? RECON_ROUNDING : RECON_FAILED;
    if (status != RECON_SKIPPED && failed)
        status = RECON_FAILED;
    recon[last] = (Recon){recon[last].computed, num_pack(m->c->arena, diff), num_pack(m->c->arena, bound), missing,
                          status};
}

/* Sums of the rows per column, the total column, and reconciliation of the total. */
static void settle(Merge *m, Item *it)
{
    uint32_t last = m->ncols - 1;
    for (uint32_t i = 0; i < it->nchildren; i++)
        settle(m, it->children[i]);
    ItemFacts *f = facts_of(m->c, it);
    NumSum total = num_sum_start();
    bool stated = true;
    for (uint32_t col = 0; col < last && stated; col++)
        stated = cell_sum_add(&total, f->value[col]);
    f->value[last] = stated ? num_pack(m->c->arena, num_sum_total(total)) : packed_none();
    if (it->kind != ITEM_GROUP)
        return;
    sum_rows(m, it, f->recon);
    reconcile_total(m, f->value[last], f->recon);
    totals_count(m->c->facts, f->recon, m->ncols);
}

static Item *merge_group(Merge *m, Consolidation *k, Budget **members, const Name *g)
{
    Item *out = NULL;
    const Unit *unit = m->c->facts->unit;
    for (uint32_t i = 0; i < k->budgets.n; i++) {
        if (!members[i])
            continue;
        const Item *src = names_child(m->c, members[i], NULL, g->text);
        if (!src || src->kind != ITEM_GROUP) {
            missing_group(m, members[i], g, src);
            continue;
        }
        if (!out) {
            const Unit *su = facts_of(m->c, src)->unit;
            out = new_row(m, src, unit && unit_same_dim(unit, su) ? unit : su);
        }
        merge_rows(m, src, out, i);
    }
    if (out)
        settle(m, out);
    return out;
}

static bool required_lines(Checker *c, Consolidation *k)
{
    const char *missing = !k->budgets.n ? "budgets" : !k->groups.n ? "groups" : NULL;
    if (!missing)
        return true;
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0804", k->budget->id_span, "consolidation '%s' has no '%s' line",
                          k->budget->id, missing);
    diag_help(g, "list what to add up: budgets dept_a, dept_b ... and groups income, by_function ...");
    return false;
}

static void merge_groups(Merge *m, Consolidation *k, Budget **members)
{
    Budget *out = k->budget;
    out->items = ARENA_ARRAY(m->c->arena, Item *, k->groups.n);
    for (uint32_t i = 0; i < k->groups.n; i++) {
        Item *g = merge_group(m, k, members, &k->groups.items[i]);
        if (!g)
            continue;
        g->sibling = out->nitems;
        out->items[out->nitems++] = g;
    }
}

void consolidation_build(Checker *c, Consolidation *k)
{
    Budget *out = k->budget;
    const Budget *same = find_budget(c, out->id);
    if (same && same != out) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0309", out->id_span, "budget '%s' is defined twice", out->id);
        diag_label(g, same->id_span, "first defined here");
    }
    bool complete = required_lines(c, k);
    Budget **members = c->facts->members = ARENA_ARRAY(c->arena, Budget *, k->budgets.n ? k->budgets.n : 1);
    Map listed = {0};
    for (uint32_t i = 0; i < k->budgets.n; i++)
        members[i] = member(c, k, i, &listed);
    map_free(&listed);
    check_main_columns(c, k, members);
    make_columns(c, k, members);
    Merge m = {c, out, members, out->ncolumns, {0}, {0}};
    if (complete)
        merge_groups(&m, k, members);
    map_free(&m.kids);
    map_free(&m.rows);
}
