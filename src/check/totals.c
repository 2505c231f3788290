/* totals.c - every item's figures per column, group sums, and the reconciliation of
 * stated totals with the rounding bound of docs/language.md 9:
 *     |T - sum(Si)| <= (n + 1) * r / 2
 * A group's value wherever it is used is its stated total, or else its computed sum. */
#include "check/totals.h"

#include "base/show.h"
#include "check/columns.h"
#include "check/units.h"
#include "check/zh.h"

#include <stdlib.h>
#include <string.h>

static const Unit *value_unit(Checker *c, const Value *v)
{
    if (!v->unit)
        return c->facts->unit;
    return unit_find(c, v->unit->text, v->unit->span);
}

static void too_many_values(Checker *c, const Item *it)
{
    Budget *b = c->budget;
    Span at = span_join(it->values[b->ncolumns].span, it->values[it->nvalues - 1].span);
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0401", at, "'%s' has %u values but the budget has %u column%s",
                          it->id, it->nvalues, b->ncolumns, b->ncolumns == 1 ? "" : "s");
    if (b->has_columns)
        diag_label(g, b->columns_span, "columns declared here");
    else
        diag_note(g, "without a 'columns' line a budget has one column");
    diag_help(g, "remove the extra values, or add a column to 'columns'");
    diag_zh(g, "%s有 %u 个数值，但预算只有 %u 列；请删去多余的数值，或在列定义中增加列", zh_item(c, it),
            it->nvalues, b->ncolumns);
}

static void unit_mismatch(Checker *c, Span at, const Unit *got, const Unit *want, const Item *it)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0402", at,
                          "'%s' mixes units: %s here, but %s elsewhere", it->id, unit_name(got),
                          unit_name(want));
    diag_note(g, "'%s' and '%s' measure different things and cannot be converted", unit_name(got),
              unit_name(want));
    diag_zh(g, "%s的单位前后不一：此处为%s，其他处为%s，二者计量的不是同一类数量，不能换算", zh_item(c, it),
            unit_name(got), unit_name(want));
}

/* Value i of `it` in the unit `into`, or not stated (an error reported). */
static Cell value_cell(Checker *c, const Item *it, uint32_t i, const Unit *into)
{
    const Value *v = &it->values[i];
    if (!value_stated(v) || !columns_value_fits(c, it, i))
        return packed_none();
    if (v->percent) /* a ratio column's figure: a plain number */
        return v->num;
    const Unit *u = value_unit(c, v);
    if (v->unit && !u)
        return packed_none();
    unit_check_sign(c, v, u);
    if (u == into) /* the common case: nothing to convert */
        return v->num;
    if (!unit_same_dim(u, into)) {
        unit_mismatch(c, v->span, u, into, it);
        return packed_none();
    }
    Num x;
    NumStatus st = unit_convert(packed_num(v->num), u, into, &x);
    if (st != NUM_OK) {
        diag_overflow(c->diags, v->span, st);
        return packed_none();
    }
    return num_pack(c->arena, x);
}

/* An item's figures: its values as written, in the item's unit. */
static void fill_cells(Checker *c, const Item *it, ItemFacts *f)
{
    uint32_t ncols = c->budget->ncolumns, n = it->nvalues < ncols ? it->nvalues : ncols;
    f->value = ARENA_ARRAY(c->arena, Cell, ncols);
    for (uint32_t i = 0; i < n; i++)
        f->value[i] = value_cell(c, it, i, f->unit);
    if (it->nvalues > ncols)
        too_many_values(c, it);
}

/* The unit of the first stated value, else the budget default; *found when one is stated. */
static const Unit *written_unit(Checker *c, const Item *it, bool *found)
{
    *found = false;
    for (uint32_t i = 0; i < it->nvalues; i++) {
        const Value *v = &it->values[i];
        if (value_stated(v)) {
            *found = true;
            return v->unit ? unit_lookup(c, v->unit->text) : c->facts->unit;
        }
    }
    return c->facts->unit;
}

static void leaf_cells(Checker *c, const Item *it)
{
    bool found;
    ItemFacts *f = facts_of(c, it);
    f->unit = written_unit(c, it, &found);
    fill_cells(c, it, f);
}

static void show_child(Checker *c, Diag *g, const Item *child, uint32_t col)
{
    Buf b = {0};
    const ItemFacts *f = facts_of(c, child);
    if (cell_stated(f->value[col]))
        show_amount(&b, cell_value(f->value[col]), unit_shown(f->unit));
    else
        buf_puts(&b, "not stated");
    Source *src = c->sources->items[child->span.file];
    LineCol lc = source_linecol(src, child->span.start);
    diag_note(g, "%s = %s (%s:%u:%u)", child->id, b.data, src->name, lc.line, lc.col);
    buf_free(&b);
}

static bool summed(Checker *c, const Item *child)
{
    return child->kind != ITEM_MEMO && !facts_of(c, child)->excluded;
}

/* The stated figures and what they were compared with, for E0406. */
typedef struct Mismatch {
    Num stated, sum, diff, bound;
    uint32_t n;
} Mismatch;

static void list_children(Checker *c, Diag *g, const Item *group, uint32_t col)
{
    enum { MAX_LISTED = 20 };
    uint32_t listed = 0;
    if (group->nchildren)
        diag_label(g, group->children[0]->span, "summed items defined from here");
    for (uint32_t i = 0; i < group->nchildren; i++)
        if (summed(c, group->children[i]) && listed++ < MAX_LISTED)
            show_child(c, g, group->children[i], col);
    if (listed > MAX_LISTED)
        diag_note(g, "... and %u more items", listed - MAX_LISTED);
}

/* The fix of E0406: the sum in place of the stated total, with the decimals the total shows
 * (13.40 stays two places) and the group's unit when the total was written with a unit or
 * the budget's default unit is another. None when the sum has no decimal form. */
static void fix_total(Checker *c, Diag *g, const Value *v, Num sum, const Unit *unit)
{
    if (!num_is_decimal(sum) || c->budget->consolidation)
        return;
    char digits[NUM_STR_MAX];
    num_format(sum, digits);
    const char *point = strchr(digits, '.');
    if ((point ? (int)strlen(point + 1) : 0) < v->decimals)
        num_format_fixed(sum, v->decimals, digits);
    Buf text = {0};
    buf_puts(&text, digits);
    if (unit && (v->unit || unit != c->facts->unit))
        buf_printf(&text, " %s", unit->name);
    diag_fix(g, v->span, text.data);
    buf_free(&text);
}

static void total_mismatch(Checker *c, const Item *group, uint32_t col, const Mismatch *m)
{
    Budget *b = c->budget;
    const char *unit = unit_shown(facts_of(c, group)->unit);
    Buf s = {0}, sum = {0}, d = {0}, r = {0};
    show_amount(&s, m->stated, unit);
    show_amount(&sum, m->sum, unit);
    show_amount(&d, m->diff, unit);
    show_amount(&r, m->bound, unit);
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0406", group->values[col].span,
                          "total of '%s' [%s] is stated as %s, but its items sum to %s", group->id,
                          b->columns[col].id, s.data, sum.data);
    diag_primary(g, "total stated here");
    list_children(c, g, group, col);
    if (c->facts->rounding_valid) {
        char rs[NUM_STR_MAX];
        num_format(packed_num(b->rounding.value), rs);
        diag_note(g, "difference %s exceeds the rounding bound (%u + 1) × %s / 2 = %s", d.data, m->n, rs, r.data);
    } else {
        diag_note(g, "difference %s; without 'rounding' a total must match exactly", d.data);
    }
    diag_help(g, "if the items are right, the total is %s", sum.data);
    diag_zh(g, "%s%s的合计公布为 %s，但明细之和为 %s；差额 %s%s%s", zh_column(c, col), zh_item(c, group), s.data,
            sum.data, d.data, c->facts->rounding_valid ? "，超出允许误差 ±" : "，未设金额精度时合计须与明细完全一致",
            c->facts->rounding_valid ? r.data : "");
    fix_total(c, g, &group->values[col], m->sum, facts_of(c, group)->unit);
    buf_free(&s), buf_free(&sum), buf_free(&d), buf_free(&r);
}

/* Sums the children of g in column col; returns false (and the culprit) if one is not stated. */
static bool sum_children(Checker *c, const Item *g, uint32_t col, Num *sum, uint32_t *n, const Item **missing)
{
    NumSum acc = num_sum_start();
    const Unit *into = facts_of(c, g)->unit;
    *sum = num_int(0);
    *n = 0;
    for (uint32_t i = 0; i < g->nchildren; i++) {
        const Item *ch = g->children[i];
        if (!summed(c, ch))
            continue;
        (*n)++;
        const ItemFacts *f = facts_of(c, ch);
        if (!cell_stated(f->value[col])) {
            *missing = ch;
            return false;
        }
        Num v;
        NumStatus st = unit_convert(cell_value(f->value[col]), f->unit, into, &v);
        if (st == NUM_OK)
            st = num_sum_add(&acc, v);
        if (st != NUM_OK) {
            diag_overflow(c->diags, ch->span, st);
            *missing = ch;
            return false;
        }
    }
    *sum = num_sum_total(acc);
    return true;
}

/* How far a stated total of n items may be from their sum: (n + 1) x rounding / 2, or 0
 * without a rounding setting. False (E0404 at the setting) when the bound overflows: the
 * total can then not be compared, rather than compared with a bound of 0. */
static bool rounding_bound(Checker *c, uint32_t n, Num *bound)
{
    *bound = num_int(0);
    if (!c->facts->rounding_valid)
        return true;
    NumStatus st = num_mul(num_int(n + 1), packed_num(c->budget->rounding.value), bound);
    if (st == NUM_OK)
        st = num_div(*bound, num_int(2), bound);
    if (st == NUM_OK)
        return true;
    diag_overflow(c->diags, c->budget->rounding.span, st);
    *bound = num_int(0);
    return false;
}

static void recon_set(Checker *c, Recon *r, ReconStatus status, Num diff, Num bound, const Item *missing)
{
    r->status = status;
    r->diff = num_pack(c->arena, diff);
    r->bound = num_pack(c->arena, bound);
    r->missing = missing;
}

static void reconcile(Checker *c, const Item *g, uint32_t col, Num sum, uint32_t n)
{
    ItemFacts *f = facts_of(c, g);
    Recon *rc = &f->recon[col];
    Mismatch m = {cell_value(f->value[col]), sum, num_int(0), num_int(0), n};
    if (!rounding_bound(c, n, &m.bound)) {
        recon_set(c, rc, RECON_SKIPPED, num_int(0), num_int(0), NULL);
        return;
    }
    if (num_sub(m.stated, sum, &m.diff) != NUM_OK) {
        diag_overflow(c->diags, g->values[col].span, NUM_OVERFLOW);
        recon_set(c, rc, RECON_SKIPPED, num_int(0), num_int(0), NULL);
        return;
    }
    ReconStatus status = num_is_zero(m.diff) ? RECON_EXACT
                         : num_cmp(num_abs(m.diff), m.bound) <= 0 ? RECON_ROUNDING
                                                                  : RECON_FAILED;
    recon_set(c, rc, status, m.diff, m.bound, NULL);
    if (status == RECON_FAILED)
        total_mismatch(c, g, col, &m);
}

static void check_children_units(Checker *c, const Item *g)
{
    ItemFacts *gf = facts_of(c, g);
    for (uint32_t i = 0; i < g->nchildren; i++) {
        const Item *ch = g->children[i];
        ItemFacts *f = facts_of(c, ch);
        if (f->excluded || unit_same_dim(f->unit, gf->unit))
            continue;
        Span at = ch->nvalues ? ch->values[0].span : ch->id_span;
        Diag *d = diag_report(c->diags, SEV_ERROR, "E0402", at,
                              "'%s' is in %s, but group '%s' adds up %s", ch->id, unit_name(f->unit),
                              g->id, unit_name(gf->unit));
        diag_label(d, g->id_span, "group defined here");
        diag_help(d, "move '%s' out of the group, or give it a unit of the same kind", ch->id);
        diag_zh(d, "%s的单位是%s，但所属分组%s按%s合计；不同类别的单位不能相加，该项未计入合计", zh_item(c, ch),
                unit_name(f->unit), zh_item(c, g), unit_name(gf->unit));
        f->excluded = true; /* left out of the sum, so the error is reported once */
        gf->incomplete = true;
    }
}

static const Unit *group_unit(Checker *c, const Item *g)
{
    bool found;
    const Unit *u = written_unit(c, g, &found);
    if (found)
        return u;
    for (uint32_t i = 0; i < g->nchildren; i++)
        if (g->children[i]->kind != ITEM_MEMO)
            return facts_of(c, g->children[i])->unit;
    return c->facts->unit;
}

static void memo_check(Checker *c, const Item *g, const Item *memo, uint32_t col)
{
    const ItemFacts *gf = facts_of(c, g), *mf = facts_of(c, memo);
    Num v;
    if (mf->excluded || !cell_stated(mf->value[col]) || !cell_stated(gf->value[col]) ||
        unit_convert(cell_value(mf->value[col]), mf->unit, gf->unit, &v) != NUM_OK ||
        num_cmp(v, cell_value(gf->value[col])) <= 0 || !unit_same_dim(mf->unit, gf->unit))
        return;
    Buf a = {0}, t = {0};
    show_amount(&a, cell_value(mf->value[col]), unit_shown(mf->unit));
    show_amount(&t, cell_value(gf->value[col]), unit_shown(gf->unit));
    Diag *d = diag_report(c->diags, SEV_WARNING, "W0401", memo->values[col].span,
                          "memo '%s' (%s) is larger than its group '%s' (%s) [%s]", memo->id, a.data,
                          g->id, t.data, c->budget->columns[col].id);
    diag_note(d, "a memo line (其中) is part of its group's total, so it cannot exceed it");
    diag_zh(d, "%s其中项%s为 %s，大于所属分组%s的 %s；其中项是分组合计的一部分，不能超过合计",
            zh_column(c, col), zh_item(c, memo), a.data, zh_item(c, g), t.data);
    buf_free(&a), buf_free(&t);
}

void totals_count(BudgetFacts *f, const Recon *r, uint32_t ncolumns)
{
    for (uint32_t col = 0; col < ncolumns; col++)
        f->recon_counts[r[col].status]++;
}

/* Column col of group g: its sum, and the stated total reconciled with it. */
static void group_column(Checker *c, const Item *g, ItemFacts *f, uint32_t col)
{
    Num sum;
    uint32_t n;
    const Item *missing = NULL;
    bool complete = sum_children(c, g, col, &sum, &n, &missing);
    Cell computed = complete ? num_pack(c->arena, sum) : packed_none();
    f->recon[col].computed = computed;
    if (!cell_stated(f->value[col]))
        f->value[col] = computed;
    else if (!complete || f->incomplete || g->broken)
        recon_set(c, &f->recon[col], RECON_SKIPPED, num_int(0), num_int(0), missing);
    else
        reconcile(c, g, col, sum, n);
}

static void group_cells(Checker *c, const Item *g)
{
    uint32_t ncols = c->budget->ncolumns;
    ItemFacts *f = facts_of(c, g);
    f->unit = group_unit(c, g);
    check_children_units(c, g);
    f->recon = ARENA_ARRAY(c->arena, Recon, ncols);
    fill_cells(c, g, f);
    for (uint32_t col = 0; col < ncols; col++)
        if (!column_derived(c->facts, col)) /* rates and shares do not add up: columns.c */
            group_column(c, g, f, col);
    totals_count(c->facts, f->recon, ncols);
    for (uint32_t i = 0; i < g->nchildren; i++)
        if (g->children[i]->kind == ITEM_MEMO)
            for (uint32_t col = 0; col < ncols; col++)
                if (!column_derived(c->facts, col))
                    memo_check(c, g, g->children[i], col);
}

/* Post-order without recursion: children are settled before their group. */
static Item *first_leaf(Item *it)
{
    while (it->nchildren)
        it = it->children[0];
    return it;
}

static Item *next_postorder(const Budget *b, Item *it)
{
    Item **siblings = it->parent ? it->parent->children : b->items;
    uint32_t n = it->parent ? it->parent->nchildren : b->nitems;
    if (it->sibling + 1 < n)
        return first_leaf(siblings[it->sibling + 1]);
    return it->parent;
}

static void misplaced_memo(Checker *c, const Item *it)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0313", it->span,
                          "memo '%s' stands outside any group", it->id);
    diag_help(g, "a memo (其中) line belongs inside the group it is part of; use 'item' for a stand-alone figure");
}

void totals_check(Checker *c, Budget *b)
{
    if (!b->nitems)
        return;
    for (Item *it = first_leaf(b->items[0]); it; it = next_postorder(b, it)) {
        if (it->kind == ITEM_GROUP)
            group_cells(c, it);
        else
            leaf_cells(c, it);
        columns_settle_item(c, it);
        if (it->kind == ITEM_MEMO && !it->parent)
            misplaced_memo(c, it);
    }
}
