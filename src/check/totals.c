/* totals.c - every item's figures per column, group sums, and the reconciliation of
 * stated totals with the rounding bound of design section 6:
 *     |T - sum(Si)| <= (n + 1) * r / 2
 * A group's value wherever it is used is its stated total, or else its computed sum. */
#include "check/context.h"

#include <stdlib.h>

static const Unit *value_unit(Checker *c, const ValueUnit *written)
{
    if (!written)
        return c->budget->unit;
    return unit_find(c, written->name, written->span);
}

static void too_many_values(Checker *c, Item *it)
{
    Budget *b = c->budget;
    const Values all = item_values(it), *vs = &all;
    Span at = span_join(value_span(it, b->ncolumns), value_span(it, vs->n - 1));
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0401", at, "'%s' has %u values but the budget has %u column%s",
                          it->id, vs->n, b->ncolumns, b->ncolumns == 1 ? "" : "s");
    if (b->has_columns)
        diag_label(g, b->columns_span, "columns declared here");
    else
        diag_note(g, "without a 'columns' line a budget has one column");
    diag_help(g, "remove the extra values, or add a column to 'columns'");
}

static void unit_mismatch(Checker *c, Span at, const Unit *got, const Unit *want, const Item *it)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0402", at,
                          "'%s' mixes units: %s here, but %s elsewhere", it->id, unit_name(got),
                          unit_name(want));
    diag_note(g, "'%s' and '%s' measure different things and cannot be converted", unit_name(got),
              unit_name(want));
}

/* Converts the written values of `it` into cells in the unit `into`. */
static void fill_cells(Checker *c, Item *it, const Unit *into, Cell *cells)
{
    const Values all = item_values(it), *vs = &all;
    uint32_t n = vs->n < c->budget->ncolumns ? vs->n : c->budget->ncolumns;
    for (uint32_t i = 0; i < n; i++) {
        const ValueUnit *written = value_unit_at(vs, i);
        if (!cell_stated(vs->nums[i]))
            continue;
        const Unit *u = value_unit(c, written);
        if (written && !u)
            continue;
        if (u == into) { /* the common case: nothing to convert */
            cells[i] = vs->nums[i];
            continue;
        }
        if (!unit_same_dim(u, into)) {
            unit_mismatch(c, value_span(it, i), u, into, it);
            continue;
        }
        Num x;
        NumStatus st = unit_convert(cell_value(vs->nums[i]), u, into, &x);
        if (st != NUM_OK) {
            report_overflow(c, value_span(it, i), st);
            continue;
        }
        cells[i] = num_pack(c->arena, x);
    }
    if (vs->n > c->budget->ncolumns)
        too_many_values(c, it);
}

/* The unit of the first stated value that names one, else the budget default. */
static const Unit *written_unit(Checker *c, const Values *vs, bool *found)
{
    *found = false;
    for (uint32_t i = 0; i < vs->n; i++) {
        if (cell_stated(vs->nums[i])) {
            const ValueUnit *written = value_unit_at(vs, i);
            *found = true;
            return written ? map_get(&c->units, c, written->name) : c->budget->unit;
        }
    }
    return c->budget->unit;
}

static Cell *new_cells(Checker *c)
{
    return ARENA_ARRAY(c->arena, Cell, c->budget->ncolumns);
}

/* Whether an item's numbers can be its figures as written: one for every column, and none
 * written with a unit of its own (so all are in the budget's unit: nothing to convert). */
static bool figures_as_written(Checker *c, const Values *vs)
{
    if (vs->n < c->budget->ncolumns)
        return false;
    for (uint32_t i = 0; i < c->budget->ncolumns; i++)
        if (value_unit_at(vs, i))
            return false;
    return true;
}

/* An item's figures: its values as written when nothing needs converting or filling in
 * (most items: no copy), else cells filled from them in the item's unit. */
static void set_figures(Checker *c, Item *it, bool as_written)
{
    if (as_written) {
        it->value = it->nums;
        if (it->nvalues > c->budget->ncolumns)
            too_many_values(c, it);
        return;
    }
    it->value = new_cells(c);
    fill_cells(c, it, it->unit, it->value);
}

static void leaf_cells(Checker *c, Item *it)
{
    bool found;
    Values vs = item_values(it);
    it->unit = written_unit(c, &vs, &found);
    set_figures(c, it, figures_as_written(c, &vs));
}

static void show_child(Checker *c, Diag *g, const Item *child, int col)
{
    Buf b = {0};
    if (cell_stated(child->value[col]))
        show_amount(&b, cell_value(child->value[col]), child->unit);
    else
        buf_puts(&b, "not stated");
    Source *src = c->sources->items[child->span.file];
    LineCol lc = source_linecol(src, child->span.start);
    diag_note(g, "%s = %s (%s:%u:%u)", child->id, b.data, src->name, lc.line, lc.col);
    buf_free(&b);
}

static void total_mismatch(Checker *c, Item *g_item, int col, Num stated, Num sum, Num diff,
                           Num bound, uint32_t n)
{
    Budget *b = c->budget;
    Span stated_at = value_span(g_item, (uint32_t)col);
    Buf s = {0}, m = {0}, d = {0}, r = {0};
    show_amount(&s, stated, g_item->unit);
    show_amount(&m, sum, g_item->unit);
    show_amount(&d, diff, g_item->unit);
    show_amount(&r, bound, g_item->unit);
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0406", stated_at,
                          "total of '%s' [%s] is stated as %s, but its items sum to %s", g_item->id,
                          b->columns[col].id, s.data, m.data);
    diag_primary(g, "total stated here");
    if (item_children(g_item))
        diag_label(g, item_children(g_item)->span, "summed items defined from here");
    enum { MAX_LISTED = 20 };
    uint32_t listed = 0;
    for (Item *ch = item_children(g_item); ch; ch = ch->next) {
        if (ch->kind == ITEM_MEMO || ch->excluded)
            continue;
        if (listed++ < MAX_LISTED)
            show_child(c, g, ch, col);
    }
    if (listed > MAX_LISTED)
        diag_note(g, "... and %u more items", listed - MAX_LISTED);
    if (b->has_rounding) {
        char rs[NUM_STR_MAX];
        num_format(packed_num(b->rounding.value), rs);
        diag_note(g, "difference %s exceeds the rounding bound (%u + 1) × %s / 2 = %s", d.data, n, rs,
                  r.data);
    } else {
        diag_note(g, "difference %s; without 'rounding' a total must match exactly", d.data);
    }
    diag_help(g, "if the items are right, the total is %s", m.data);
    buf_free(&s), buf_free(&m), buf_free(&d), buf_free(&r);
}

/* Sums the children of g in column col; returns false (and the culprit) if one is not stated. */
static bool sum_children(Checker *c, Item *g, int col, Num *sum, uint32_t *n, const Item **missing)
{
    NumSum acc = num_sum_start();
    *sum = num_int(0);
    *n = 0;
    for (Item *ch = item_children(g); ch; ch = ch->next) {
        if (ch->kind == ITEM_MEMO || ch->excluded)
            continue;
        (*n)++;
        if (!cell_stated(ch->value[col])) {
            *missing = ch;
            return false;
        }
        Num v;
        NumStatus st = unit_convert(cell_value(ch->value[col]), ch->unit, g->unit, &v);
        if (st == NUM_OK)
            st = num_sum_add(&acc, v);
        if (st != NUM_OK) {
            report_overflow(c, ch->span, st);
            *missing = ch;
            return false;
        }
    }
    *sum = num_sum_total(acc);
    return true;
}

/* How far a stated total of n items may be from their sum: (n + 1) x rounding / 2, or 0
 * without a rounding setting. Groups of the same size share it, and most groups are small:
 * it is computed once per size and budget (two 128-bit operations a column were 1.6% of a
 * check at 1M items). */
static Num rounding_bound(Checker *c, uint32_t n)
{
    Budget *b = c->budget;
    if (!b->has_rounding)
        return num_int(0);
    BoundCache *k = &c->bounds;
    if (k->budget != b) {
        k->budget = b;
        k->known = 0;
    }
    uint64_t bit = n < BOUND_CACHE ? (uint64_t)1 << n : 0;
    if (k->known & bit)
        return k->bound[n];
    Num bound;
    if (num_mul(num_int(n + 1), packed_num(b->rounding.value), &bound) != NUM_OK ||
        num_div(bound, num_int(2), &bound) != NUM_OK)
        bound = num_int(0);
    if (bit) {
        k->bound[n] = bound;
        k->known |= bit;
    }
    return bound;
}

static void reconcile(Checker *c, Item *g, int col, Num sum, uint32_t n)
{
    Recon *rc = &item_recon(g)[col];
    Num stated = cell_value(g->value[col]), diff;
    if (num_sub(stated, sum, &diff) != NUM_OK) {
        report_overflow(c, value_span(g, (uint32_t)col), NUM_OVERFLOW);
        recon_set(c->arena, rc, RECON_SKIPPED, num_int(0), num_int(0), NULL);
        return;
    }
    Num bound = rounding_bound(c, n);
    ReconStatus status = num_is_zero(diff) ? RECON_EXACT
                         : num_cmp(num_abs(diff), bound) <= 0 ? RECON_ROUNDING
                                                                : RECON_FAILED;
    recon_set(c->arena, rc, status, diff, bound, NULL);
    if (status == RECON_FAILED)
        total_mismatch(c, g, col, stated, sum, diff, bound, n);
}

static void check_children_units(Checker *c, Item *g)
{
    for (Item *ch = item_children(g); ch; ch = ch->next) {
        if (ch->excluded || unit_same_dim(ch->unit, g->unit))
            continue;
        Span at = ch->nvalues ? value_span(ch, 0) : item_id_span(ch);
        Diag *d = diag_report(c->diags, SEV_ERROR, "E0402", at,
                              "'%s' is in %s, but group '%s' adds up %s", ch->id, unit_name(ch->unit),
                              g->id, unit_name(g->unit));
        diag_label(d, item_id_span(g), "group defined here");
        diag_help(d, "move '%s' out of the group, or give it a unit of the same kind", ch->id);
        ch->excluded = true; /* left out of the sum, so the error is reported once */
        g->incomplete = true;
    }
}

static const Unit *group_unit(Checker *c, Item *g)
{
    bool found;
    Values vs = item_values(g);
    const Unit *u = written_unit(c, &vs, &found);
    if (found)
        return u;
    for (Item *ch = item_children(g); ch; ch = ch->next)
        if (ch->kind != ITEM_MEMO)
            return ch->unit;
    return c->budget->unit;
}

static void memo_check(Checker *c, Item *g, Item *memo, uint32_t col)
{
    Num v;
    if (memo->excluded || !cell_stated(memo->value[col]) || !cell_stated(g->value[col]) ||
        unit_convert(cell_value(memo->value[col]), memo->unit, g->unit, &v) != NUM_OK ||
        num_cmp(v, cell_value(g->value[col])) <= 0 || !unit_same_dim(memo->unit, g->unit))
        return;
    Buf a = {0}, t = {0};
    show_amount(&a, cell_value(memo->value[col]), memo->unit);
    show_amount(&t, cell_value(g->value[col]), g->unit);
    Diag *d = diag_report(c->diags, SEV_WARNING, "W0401", value_span(memo, col),
                          "memo '%s' (%s) is larger than its group '%s' (%s) [%s]", memo->id, a.data,
                          g->id, t.data, c->budget->columns[col].id);
    diag_note(d, "a memo line (其中) is part of its group's total, so it cannot exceed it");
    buf_free(&a), buf_free(&t);
}

/* A group that states its total for every column in the budget's unit (most do) has
 * nothing filled in later: its figures are its totals as written, without a copy. */
static bool totals_as_written(Checker *c, const Item *g)
{
    Values vs = item_values(g);
    if (g->unit != c->budget->unit || !figures_as_written(c, &vs))
        return false;
    for (uint32_t i = 0; i < c->budget->ncolumns; i++)
        if (!cell_stated(vs.nums[i]))
            return false;
    return true;
}

static void group_cells(Checker *c, Item *g)
{
    g->unit = group_unit(c, g);
    check_children_units(c, g);
    Recon *recon = item_group(g)->recon = ARENA_ARRAY(c->arena, Recon, c->budget->ncolumns);
    set_figures(c, g, totals_as_written(c, g));
    for (uint32_t col = 0; col < c->budget->ncolumns; col++) {
        Num sum;
        uint32_t n;
        const Item *missing = NULL;
        bool complete = sum_children(c, g, (int)col, &sum, &n, &missing);
        Cell computed = complete ? num_pack(c->arena, sum) : packed_none();
        recon[col].computed = computed;
        if (!cell_stated(g->value[col])) {
            g->value[col] = computed;
            continue;
        }
        if (!complete || g->incomplete) {
            recon_set(c->arena, &recon[col], RECON_SKIPPED, num_int(0), num_int(0), missing);
            continue;
        }
        reconcile(c, g, (int)col, sum, n);
    }
    recon_count(c->budget, recon, c->budget->ncolumns);
    for (Item *ch = item_children(g); ch; ch = ch->next)
        if (ch->kind == ITEM_MEMO)
            for (uint32_t col = 0; col < c->budget->ncolumns; col++)
                memo_check(c, g, ch, col);
}

/* Post-order without recursion: children are settled before their group. */
static Item *first_leaf(Item *it)
{
    while (item_children(it))
        it = item_children(it);
    return it;
}

static Item *next_postorder(Item *it)
{
    if (it->next)
        return first_leaf(it->next);
    return it->parent;
}

static void misplaced_memo(Checker *c, Item *it)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0313", it->span,
                          "memo '%s' stands outside any group", it->id);
    diag_help(g, "a memo (其中) line belongs inside the group it is part of; use 'item' for a stand-alone figure");
}

void totals_check(Checker *c, Budget *b)
{
    if (!b->items)
        return;
    for (Item *it = first_leaf(b->items), *next; it; it = next) {
        next = next_postorder(it);
        if (it->kind == ITEM_GROUP)
            group_cells(c, it);
        else
            leaf_cells(c, it);
        if (it->kind == ITEM_MEMO && !it->parent)
            misplaced_memo(c, it);
    }
}
