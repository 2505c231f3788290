/* consolidate.c - `consolidate`: the same-named groups of several budgets side by side.
 *
 * The result is an ordinary Budget: one column per member budget (its main column, the
 * first) plus a `total` column, and one merged group per name in `groups`, whose rows are
 * the union of the members' rows matched by ID path. A row a member does not have is 0 for
 * it, because each member's group lists all of its money. Every later phase (checks, JSON,
 * HTML, the report) then treats the roll-up like any budget. */
#include "check/context.h"

#include <stdlib.h>
#include <string.h>

static const char TOTAL_COLUMN[] = "total";

typedef struct Merge {
    Checker *c;
    Budget *out;
    uint32_t ncols; /* members + the total column */
} Merge;

static Budget *find_budget(Checker *c, const char *id)
{
    for (int pass = 0; pass < 2; pass++)
        for (Budget *b = pass ? c->program->budgets : c->program->imported_budgets; b; b = b->next)
            if (b->id == id)
                return b;
    return NULL;
}

static void suggest_budget(Checker *c, Diag *g, const char *id)
{
    const Budget *best = NULL;
    size_t best_d = 3;
    for (int pass = 0; pass < 2; pass++)
        for (const Budget *b = pass ? c->program->budgets : c->program->imported_budgets; b; b = b->next) {
            size_t d = edit_distance(id, b->id, best_d);
            if (d < best_d) {
                best_d = d;
                best = b;
            }
        }
    if (best)
        diag_help(g, "did you mean '%s'?", best->id);
    else
        diag_help(g, "import the file that defines it, e.g. import \"departments/%s.bdl\"", id);
}

static Budget *member(Checker *c, Consolidation *k, uint32_t i)
{
    const PathPart *p = &k->budgets[i];
    for (uint32_t j = 0; j < i; j++)
        if (k->budgets[j].name == p->name) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0801", part_span(p, k->budgets_span.file), "budget '%s' is listed twice", p->name);
            diag_label(g, part_span(&k->budgets[j], k->budgets_span.file), "first listed here");
            return NULL;
        }
    bool total = strcmp(p->name, TOTAL_COLUMN) == 0;
    Budget *b = total ? NULL : find_budget(c, p->name);
    if (b)
        return b;
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0801", part_span(p, k->budgets_span.file), "%s '%s'",
                          total ? "a consolidation cannot sum a budget called" : "unknown budget", p->name);
    if (total)
        diag_note(g, "'total' names the consolidation's total column");
    else
        suggest_budget(c, g, p->name);
    return NULL;
}

/* All members' main columns must be the same (all 2026, say). */
static void check_main_columns(Checker *c, Consolidation *k)
{
    const Budget *first = NULL;
    for (uint32_t i = 0; i < k->nbudgets; i++) {
        const Budget *b = k->members[i];
        if (!b || !b->ncolumns)
            continue;
        if (!first) {
            first = b;
        } else if (b->columns[0].id != first->columns[0].id) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0805", part_span(&k->budgets[i], k->budgets_span.file),
                                  "the main column of '%s' is %s, but that of '%s' is %s", b->id,
                                  b->columns[0].id, first->id, first->columns[0].id);
            diag_note(g, "a consolidation adds up each budget's main (first) column");
            diag_help(g, "put the same year first in every budget's 'columns' line");
        }
    }
}

static void make_columns(Checker *c, Consolidation *k)
{
    Budget *out = k->budget;
    out->ncolumns = k->nbudgets + 1;
    out->columns = ARENA_ARRAY(c->arena, Column, out->ncolumns);
    for (uint32_t i = 0; i < k->nbudgets; i++) {
        const Budget *b = k->members[i];
        out->columns[i] = (Column){k->budgets[i].name, b ? b->title : NULL, part_span(&k->budgets[i], k->budgets_span.file)};
    }
    out->columns[k->nbudgets] = (Column){intern(c->interns, TOTAL_COLUMN, sizeof TOTAL_COLUMN - 1), "合计",
                                         out->id_span};
}

static Item *new_row(Merge *m, const Item *like, Item *parent, const Unit *unit)
{
    Item *it = like->kind == ITEM_GROUP ? &ARENA_NEW(m->c->arena, Group)->item : ARENA_NEW(m->c->arena, Item);
    it->kind = like->kind;
    it->id = like->id;
    it->id_start = like->id_start;
    it->is_row = like->is_row;
    it->span = like->span;
    it->label = like->label;
    it->attrs = like->attrs;
    it->parent = parent;
    it->unit = unit;
    it->value = ARENA_ARRAY(m->c->arena, Cell, m->ncols);
    for (uint32_t i = 0; i < m->ncols; i++)
        it->value[i] = num_pack(m->c->arena, num_int(0)); /* a row a member lacks is 0 for it */
    if (it->kind == ITEM_GROUP)
        item_group(it)->recon = ARENA_ARRAY(m->c->arena, Recon, m->ncols);
    return it;
}

static Item *child_named(Item *g, const char *id)
{
    for (Item *ch = item_children(g); ch; ch = ch->next)
        if (ch->id == id)
            return ch;
    return NULL;
}

static void append_child(Item *g, Item *ch)
{
    Group *gr = item_group(g);
    Item **p = &gr->children;
    while (*p)
        p = &(*p)->next;
    *p = ch;
    gr->nchildren++;
}

static bool convert_cell(Merge *m, const Item *src, Item *dst, Num *out)
{
    if (!src->value || !cell_stated(src->value[0]))
        return false;
    if (!unit_same_dim(src->unit, dst->unit)) {
        Diag *g = diag_report(m->c->diags, SEV_ERROR, "E0402", item_id_span(src),
                              "'%s' is in %s, but the consolidated '%s' adds up %s", src->id,
                              unit_name(src->unit), dst->id, unit_name(dst->unit));
        diag_label(g, m->out->id_span, "consolidation defined here");
        return false;
    }
    NumStatus st = unit_convert(cell_value(src->value[0]), src->unit, dst->unit, out);
    if (st != NUM_OK)
        report_overflow(m->c, src->span, st);
    return st == NUM_OK;
}

static void kind_clash(Merge *m, const Item *src, const Item *dst)
{
    static const char *kinds[] = {"an item", "a group", "a memo"};
    Diag *g = diag_report(m->c->diags, SEV_ERROR, "E0803", item_id_span(src), "'%s' is %s here, but %s in an earlier budget",
                          src->id, kinds[src->kind], kinds[dst->kind]);
    diag_label(g, item_id_span(dst), "as first met");
    diag_help(g, "rows are matched by ID: give rows of different kinds different IDs");
}

/* The member's reconciliation of a group, in the consolidation's unit. */
static void copy_recon(Merge *m, const Item *src, Item *dst, uint32_t col)
{
    Recon r = item_recon(src) ? item_recon(src)[0] : (Recon){0};
    Num diff = packed_num(r.diff), bound = packed_num(r.bound); /* 0 where none was set */
    if (r.status == RECON_EXACT || r.status == RECON_ROUNDING || r.status == RECON_FAILED) {
        unit_convert(diff, src->unit, dst->unit, &diff);
        unit_convert(bound, src->unit, dst->unit, &bound);
    }
    recon_set(m->c->arena, &item_recon(dst)[col], r.status, diff, bound, r.missing);
}

/* Adds member `col`'s group `src` into the merged `dst`, row by row. */
static void merge_rows(Merge *m, const Item *src, Item *dst, uint32_t col)
{
    Num v;
    dst->value[col] = convert_cell(m, src, dst, &v) ? num_pack(m->c->arena, v) : packed_none();
    if (dst->kind == ITEM_GROUP)
        copy_recon(m, src, dst, col);
    for (const Item *ch = item_children(src); ch; ch = ch->next) {
        if (ch->excluded)
            continue;
        Item *row = child_named(dst, ch->id);
        if (!row) {
            row = new_row(m, ch, dst, dst->unit);
            append_child(dst, row);
        } else if (row->kind != ch->kind) {
            kind_clash(m, ch, row);
            continue;
        }
        merge_rows(m, ch, row, col);
    }
}

static void missing_group(Merge *m, Consolidation *k, uint32_t i, const PathPart *g, const Item *found)
{
    Diag *d = diag_report(m->c->diags, SEV_ERROR, "E0802", part_span(g, k->groups_span.file), "budget '%s' has no group '%s'",
                          k->members[i]->id, g->name);
    if (found)
        diag_label(d, item_id_span(found), "'%s' is not a group there", g->name);
    else
        diag_label(d, k->members[i]->id_span, "budget defined here");
    diag_help(d, "consolidate only groups every listed budget has, under the same ID");
}

static const Item *member_group(Checker *c, const Budget *b, const char *id)
{
    return names_child(c, b, NULL, id);
}

/* Sums of the rows per column, the total column, and reconciliation of the total. */
static void settle(Merge *m, Item *it)
{
    uint32_t last = m->ncols - 1;
    for (Item *ch = item_children(it); ch; ch = ch->next)
        settle(m, ch);
    NumSum total = num_sum_start();
    bool stated = true;
    for (uint32_t col = 0; col < last && stated; col++)
        stated = cell_sum_add(&total, it->value[col]);
    it->value[last] = stated ? num_pack(m->c->arena, num_sum_total(total)) : packed_none();
    if (it->kind != ITEM_GROUP)
        return;
    for (uint32_t col = 0; col < m->ncols; col++) {
        NumSum sum = num_sum_start();
        stated = true;
        for (Item *ch = item_children(it); ch && stated; ch = ch->next)
            if (ch->kind != ITEM_MEMO)
                stated = cell_sum_add(&sum, ch->value[col]);
        item_recon(it)[col].computed = stated ? num_pack(m->c->arena, num_sum_total(sum)) : packed_none();
    }
    ReconStatus status = RECON_NONE;
    Num diff = num_int(0), bound = num_int(0);
    const Item *missing = NULL;
    bool failed = false;
    for (uint32_t col = 0; col < last; col++) {
        const Recon *mr = &item_recon(it)[col];
        if (mr->status == RECON_NONE)
            continue;
        if (mr->status == RECON_SKIPPED || status == RECON_SKIPPED) {
            status = RECON_SKIPPED;
            missing = missing ? missing : mr->missing;
            continue;
        }
        failed |= mr->status == RECON_FAILED; /* already reported for that budget */
        num_add(bound, packed_num(mr->bound), &bound);
        status = RECON_EXACT;
    }
    /* The total's difference is the members' differences added up, so its bound is theirs. */
    Cell stated_total = it->value[last], sum = item_recon(it)[last].computed;
    if (status == RECON_EXACT && cell_stated(stated_total) && cell_stated(sum) &&
        num_sub(cell_value(stated_total), cell_value(sum), &diff) == NUM_OK && !num_is_zero(diff))
        status = num_cmp(num_abs(diff), bound) <= 0 ? RECON_ROUNDING : RECON_FAILED;
    if (status != RECON_SKIPPED && failed)
        status = RECON_FAILED;
    recon_set(m->c->arena, &item_recon(it)[last], status, diff, bound, missing);
    recon_count(m->out, item_recon(it), m->ncols);
}

static Item *merge_group(Merge *m, Consolidation *k, const PathPart *g)
{
    Item *out = NULL;
    for (uint32_t i = 0; i < k->nbudgets; i++) {
        if (!k->members[i])
            continue;
        const Item *src = member_group(m->c, k->members[i], g->name);
        if (!src || src->kind != ITEM_GROUP) {
            missing_group(m, k, i, g, src);
            continue;
        }
        if (!out) {
            const Unit *u = k->budget->unit && unit_same_dim(k->budget->unit, src->unit) ? k->budget->unit : src->unit;
            out = new_row(m, src, NULL, u);
        }
        merge_rows(m, src, out, i);
    }
    if (out)
        settle(m, out);
    return out;
}

static void consolidation_settings(Checker *c, Budget *b)
{
    if (b->unit_name)
        b->unit = unit_find(c, b->unit_name, b->unit_span);
    if (b->has_rounding && num_cmp(packed_num(b->rounding.value), num_int(0)) <= 0) {
        diag_report(c->diags, SEV_ERROR, "E0314", b->rounding.span, "rounding must be greater than zero");
        b->has_rounding = false;
    }
}

static bool required_lines(Checker *c, Consolidation *k)
{
    const char *missing = !k->nbudgets ? "budgets" : !k->ngroups ? "groups" : NULL;
    if (!missing)
        return true;
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0804", k->budget->id_span, "consolidation '%s' has no '%s' line",
                          k->budget->id, missing);
    diag_help(g, "list what to add up: budgets dept_a, dept_b ... and groups income, by_function ...");
    return false;
}

static void build(Checker *c, Consolidation *k)
{
    Budget *out = k->budget;
    const Budget *same = find_budget(c, out->id);
    if (same && same != out) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0309", out->id_span, "budget '%s' is defined twice", out->id);
        diag_label(g, same->id_span, "first defined here");
    }
    consolidation_settings(c, out);
    bool complete = required_lines(c, k);
    k->members = ARENA_ARRAY(c->arena, Budget *, k->nbudgets ? k->nbudgets : 1);
    for (uint32_t i = 0; i < k->nbudgets; i++)
        k->members[i] = member(c, k, i);
    check_main_columns(c, k);
    make_columns(c, k);
    Merge m = {c, out, out->ncolumns};
    Item **tail = &out->items;
    for (uint32_t i = 0; complete && i < k->ngroups; i++) {
        Item *g = merge_group(&m, k, &k->groups[i]);
        if (!g)
            continue;
        *tail = g;
        tail = &g->next;
        out->nitems++;
    }
}

static void append_budget(Budget **list, Budget *b)
{
    while (*list)
        list = &(*list)->next;
    *list = b;
}

void consolidations_check(Checker *c)
{
    for (Consolidation *k = c->program->consolidations; k; k = k->next) {
        build(c, k);
        c->budget = k->budget;
        names_index(c, k->budget);
        checks_evaluate(c, k->budget);
        texts_check(c, k->budget);
        /* Now a budget like any other: later consolidations may sum it, emitters output it. */
        append_budget(k->imported ? &c->program->imported_budgets : &c->program->budgets, k->budget);
    }
}
