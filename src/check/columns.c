/* columns.c - the budget's columns (docs/language.md 4.5-4.7): what each is, the order the
 * derived ones are computed in, bases derived from changes, and every derived figure of
 * every row computed from its formula or checked against it.
 *
 * A published figure may be off from the unrounded one by half the rounding step, so a
 * formula is evaluated on ranges [v - w, v + w] as well as on the figures themselves: a
 * stated figure is wrong only when no unrounded figures within those ranges give it. */
#include "check/columns.h"

#include "base/show.h"
#include "check/names.h"
#include "check/units.h"
#include "check/zh.h"

#include <stdlib.h>
#include <string.h>

/* --- resolving formulas ------------------------------------------------------------- */

typedef enum Dimension { DIM_BAD, DIM_AMOUNT, DIM_RATIO } Dimension;

/* The derived columns a formula reads, as the resolver finds them. */
typedef struct Deps {
    uint32_t *cols;
    uint32_t n, cap;
} Deps;

static void not_a_column(Checker *c, const Expr *e, const char *what)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0330", e->span, "a column's formula reads columns, not %s", what);
    diag_help(g, "name the columns by their IDs, e.g. variance = fy2024 - fy2023, or use share(COLUMN)");
}

static bool resolve_column_ref(Checker *c, const Expr *e, Deps *deps)
{
    ExprFacts *f = sema_expr(c->sema, e);
    f->column = -1;
    if (e->u.ref.path.n != 1 || e->u.ref.column) {
        not_a_column(c, e, e->u.ref.column ? "a column pick" : "an item");
        return false;
    }
    f->column = names_column(c, &e->u.ref.path.items[0]);
    if (f->column < 0)
        return false;
    if (c->budget->columns[f->column].formula) {
        VEC_GROW(deps->cols, deps->n, deps->cap);
        deps->cols[deps->n++] = (uint32_t)f->column;
    }
    return true;
}

static bool resolve_share(Checker *c, const Expr *e, Deps *deps)
{
    uint32_t n = e->u.call.nargs;
    if (n < 1 || n > 2) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0505", e->span, "share() takes a column and, optionally, an item, not %u arguments", n);
        diag_help(g, "share(fy2024) is a row's share of its group; share(fy2024, spending) of the item spending");
        return false;
    }
    const Expr *col = e->u.call.args[0];
    bool ok = col->kind == EXPR_REF && resolve_column_ref(c, col, deps);
    if (col->kind != EXPR_REF)
        not_a_column(c, col, "an expression");
    if (n == 2) {
        const Expr *whole = e->u.call.args[1];
        if (whole->kind != EXPR_REF || whole->u.ref.column) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0330", whole->span, "share()'s second argument names an item");
            diag_help(g, "write the item whose figure the share is of, e.g. share(fy2024, spending)");
            return false;
        }
        sema_expr(c->sema, whole)->column = -1;
        sema_expr(c->sema, whole)->target = names_resolve_path(c, &whole->u.ref.path);
        ok = ok && sema_expr(c->sema, whole)->target;
    }
    return ok;
}

/* Resolves the operands of a formula; false after reporting what is wrong. */
static bool resolve_formula(Checker *c, const Expr *e, Deps *deps)
{
    switch (e->kind) {
    case EXPR_REF: return resolve_column_ref(c, e, deps);
    case EXPR_NUM: not_a_column(c, e, "an amount"); return false;
    case EXPR_PERCENT: not_a_column(c, e, "a percentage"); return false;
    case EXPR_PICK: not_a_column(c, e, "a column pick"); return false;
    case EXPR_UNARY: return resolve_formula(c, e->u.op.lhs, deps);
    case EXPR_BINARY: {
        bool l = resolve_formula(c, e->u.op.lhs, deps);
        return resolve_formula(c, e->u.op.rhs, deps) && l;
    }
    case EXPR_CALL:
        if (strcmp(e->u.call.name->text, "share") == 0)
            return resolve_share(c, e, deps);
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0330", e->u.call.name->span,
                              "a column's formula has no function '%s'", e->u.call.name->text);
        diag_note(g, "the one function of a column's formula is share(COLUMN [, ITEM])");
        return false;
    }
    return false;
}

static Dimension bad_dimension(Checker *c, const Expr *e, const char *what)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0332", e->span, "a column's formula cannot %s", what);
    diag_note(g, "a formula gives amounts (A - B) or ratios (A / B, share(A)), in each row");
    return DIM_BAD;
}

static Dimension product_dimension(Checker *c, const Expr *e, Dimension a, Dimension b, bool div)
{
    if (!div && a == DIM_AMOUNT && b == DIM_AMOUNT)
        return bad_dimension(c, e, "multiply an amount by an amount");
    if (div && a == DIM_RATIO && b == DIM_AMOUNT)
        return bad_dimension(c, e, "divide a ratio by an amount");
    if (div)
        return a == b ? DIM_RATIO : DIM_AMOUNT;
    return a == DIM_RATIO && b == DIM_RATIO ? DIM_RATIO : DIM_AMOUNT;
}

/* What a resolved formula gives, from what its operand columns give. */
static Dimension dimension(Checker *c, const Expr *e, const Dimension *dims)
{
    switch (e->kind) {
    case EXPR_REF: return dims[sema_expr(c->sema, e)->column];
    case EXPR_CALL: return dims[sema_expr(c->sema, e->u.call.args[0])->column] == DIM_AMOUNT ? DIM_RATIO : DIM_BAD;
    case EXPR_UNARY:
        if (e->u.op.op == OP_NOT)
            return bad_dimension(c, e, "make a claim: it gives figures, not true or false");
        return dimension(c, e->u.op.lhs, dims);
    case EXPR_BINARY: break;
    default: return DIM_BAD;
    }
    Op op = e->u.op.op;
    if (op >= OP_EQ)
        return bad_dimension(c, e, "make a claim: it gives figures, not true or false");
    Dimension a = dimension(c, e->u.op.lhs, dims), b = dimension(c, e->u.op.rhs, dims);
    if (a == DIM_BAD || b == DIM_BAD)
        return DIM_BAD;
    if ((op == OP_ADD || op == OP_SUB) && a != b)
        return bad_dimension(c, e, "add or subtract an amount and a ratio");
    if (op == OP_ADD || op == OP_SUB)
        return a;
    return product_dimension(c, e, a, b, op == OP_DIV);
}

/* --- what kind each column is -------------------------------------------------------- */

static int column_read(Checker *c, const Expr *e)
{
    return e->kind == EXPR_REF ? sema_expr(c->sema, e)->column : -1;
}

static bool is_period(const ColumnFacts *cols, int col)
{
    return col >= 0 && cols[col].kind == COLUMN_PERIOD;
}

/* A - B of two period columns: *to = A, *from = B. */
static bool change_of(Checker *c, const ColumnFacts *cols, const Expr *e, int *to, int *from)
{
    if (e->kind != EXPR_BINARY || e->u.op.op != OP_SUB)
        return false;
    *to = column_read(c, e->u.op.lhs);
    *from = column_read(c, e->u.op.rhs);
    return is_period(cols, *to) && is_period(cols, *from) && *to != *from;
}

/* (A - B) / B, or D / B where D is the change A - B: *to = A, *from = B. */
static bool rate_of(Checker *c, const ColumnFacts *cols, const Expr *e, int *to, int *from)
{
    if (e->kind != EXPR_BINARY || e->u.op.op != OP_DIV)
        return false;
    int base = column_read(c, e->u.op.rhs), change = column_read(c, e->u.op.lhs), over;
    if (!is_period(cols, base))
        return false;
    *from = base;
    if (change_of(c, cols, e->u.op.lhs, to, &over))
        return over == base;
    if (change < 0 || cols[change].kind != COLUMN_CHANGE || cols[change].from != base)
        return false;
    *to = cols[change].to;
    return true;
}

/* The kind of a column whose formula is e, given the kinds of those it reads. */
static void classify_column(Checker *c, ColumnFacts *cols, uint32_t col, const Expr *e)
{
    ColumnFacts *f = &cols[col];
    int to, from;
    f->kind = f->ratio ? COLUMN_RATIO : COLUMN_AMOUNT;
    if (change_of(c, cols, e, &to, &from))
        f->kind = COLUMN_CHANGE;
    else if (rate_of(c, cols, e, &to, &from))
        f->kind = COLUMN_RATE;
    else if (e->kind == EXPR_CALL)
        f->kind = COLUMN_SHARE;
    if (f->kind == COLUMN_CHANGE || f->kind == COLUMN_RATE) {
        f->to = to;
        f->from = from;
    }
    if (f->kind == COLUMN_SHARE)
        f->to = column_read(c, e->u.call.args[0]);
}

static void derived_from_itself(Checker *c, const Budget *b, uint32_t col)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0331", b->columns[col].span,
                          "column '%s' is derived from itself, through the columns its formula reads", b->columns[col].id);
    diag_help(g, "derive each column from the document's own figures, e.g. change = 2024 - 2023, rate = change / 2023");
}

/* The derived columns in an order where each comes after the derived columns it reads
 * (Kahn's algorithm over the formulas' references); those left over form cycles. */
static void order_columns(Checker *c, Budget *b, BudgetFacts *bf, Deps *deps)
{
    uint32_t n = b->ncolumns, *waiting = calloc(n, sizeof *waiting);
    for (uint32_t i = 0; i < n; i++)
        waiting[i] = deps[i].n;
    bf->order = ARENA_ARRAY(c->arena, uint32_t, n);
    bool progress = true;
    while (progress) {
        progress = false;
        for (uint32_t i = 0; i < n; i++) {
            if (!b->columns[i].formula || waiting[i] != 0)
                continue;
            waiting[i] = UINT32_MAX; /* placed */
            bf->order[bf->nderived++] = i;
            progress = true;
            for (uint32_t j = 0; j < n; j++)
                for (uint32_t k = 0; k < deps[j].n; k++)
                    if (deps[j].cols[k] == i && waiting[j] != UINT32_MAX)
                        waiting[j]--;
        }
    }
    for (uint32_t i = 0; i < n; i++)
        if (b->columns[i].formula && waiting[i] != UINT32_MAX) {
            derived_from_itself(c, b, i);
            bf->columns[i].broken = true;
            bf->order[bf->nderived++] = i;
        }
    free(waiting);
}

static void settle_kinds(Checker *c, Budget *b, BudgetFacts *bf, const bool *resolved)
{
    Dimension *dims = calloc(b->ncolumns, sizeof *dims);
    for (uint32_t i = 0; i < b->ncolumns; i++)
        dims[i] = b->columns[i].formula ? DIM_BAD : DIM_AMOUNT;
    for (uint32_t k = 0; k < bf->nderived; k++) {
        uint32_t col = bf->order[k];
        ColumnFacts *f = &bf->columns[col];
        if (!resolved[col] || f->broken) {
            f->broken = true;
            continue;
        }
        dims[col] = dimension(c, b->columns[col].formula, dims);
        f->broken = dims[col] == DIM_BAD;
        f->ratio = dims[col] == DIM_RATIO;
        classify_column(c, bf->columns, col, b->columns[col].formula);
    }
    free(dims);
}

static void list_periods(Checker *c, Budget *b, BudgetFacts *bf)
{
    bf->periods = ARENA_ARRAY(c->arena, uint32_t, b->ncolumns);
    for (uint32_t i = 0; i < b->ncolumns; i++)
        if (!b->columns[i].formula)
            bf->periods[bf->nperiods++] = i;
}

void columns_resolve(Checker *c, Budget *b)
{
    BudgetFacts *bf = c->facts;
    uint32_t n = b->ncolumns;
    bf->columns = ARENA_ARRAY(c->arena, ColumnFacts, n);
    for (uint32_t i = 0; i < n; i++)
        bf->columns[i] = (ColumnFacts){.kind = COLUMN_PERIOD, .to = -1, .from = -1};
    list_periods(c, b, bf);
    if (bf->nperiods == n)
        return;
    Deps *deps = calloc(n, sizeof *deps);
    bool *resolved = calloc(n, sizeof *resolved);
    for (uint32_t i = 0; i < n; i++)
        if (b->columns[i].formula) {
            bf->columns[i].kind = COLUMN_AMOUNT; /* until its formula is settled */
            resolved[i] = resolve_formula(c, b->columns[i].formula, &deps[i]);
        }
    order_columns(c, b, bf, deps);
    settle_kinds(c, b, bf, resolved);
    for (uint32_t i = 0; i < n; i++)
        free(deps[i].cols);
    free(deps);
    free(resolved);
}

/* --- figures written as their column wants ------------------------------------------ */

bool columns_value_fits(Checker *c, const Item *it, uint32_t col)
{
    const Value *v = &it->values[col];
    const ColumnFacts *cf = c->facts->columns ? &c->facts->columns[col] : NULL;
    bool ratio = cf && !cf->broken && cf->ratio;
    if (v->percent == ratio && !(ratio && (v->unit || v->sign)))
        return true;
    const char *id = c->budget->columns[col].id;
    Diag *g;
    if (!ratio) {
        g = diag_report(c->diags, SEV_ERROR, "E0411", v->span, "column '%s' holds amounts, not percentages", id);
        diag_help(g, "a percentage belongs in a rate or share column, e.g. columns 2026, pct = share(2026)");
    } else if (!v->percent) {
        g = diag_report(c->diags, SEV_ERROR, "E0411", v->span, "column '%s' holds %s: write the figure as a percentage",
                        id, cf->kind == COLUMN_SHARE ? "shares" : "ratios");
        diag_help(g, "write it as the document prints it, e.g. 51.3%%");
    } else {
        g = diag_report(c->diags, SEV_ERROR, "E0411", v->span, "a figure of column '%s' is a ratio, with no unit or sign", id);
        diag_help(g, "write the percentage alone, e.g. 10%%");
    }
    return false;
}

/* --- widths and derived bases -------------------------------------------------------- */

static bool row_states(const Item *it, uint32_t col)
{
    return col < it->nvalues && value_stated(&it->values[col]);
}

/* Half the step a stated figure of the row is published to: r/2, or half the last
 * decimal a percentage shows. */
static Num stated_width(Checker *c, const Item *it, uint32_t col)
{
    Num w = num_int(0);
    if (it->values[col].percent)
        num_div(num_step(it->values[col].decimals), num_int(2), &w);
    else if (c->facts->rounding_valid)
        num_div(packed_num(c->budget->rounding.value), num_int(2), &w);
    return w;
}

/* A group's sum is off by as much as its items' figures together. */
static Num summed_width(Checker *c, const Item *g, uint32_t col)
{
    Num w = num_int(0), x;
    const Unit *into = facts_of(c, g)->unit;
    for (uint32_t i = 0; i < g->nchildren; i++) {
        const Item *ch = g->children[i];
        const ItemFacts *f = facts_of(c, ch);
        if (ch->kind == ITEM_MEMO || f->excluded || !f->derived)
            continue;
        if (unit_convert(packed_num(f->derived[col].width), f->unit, into, &x) != NUM_OK || num_add(w, x, &w) != NUM_OK)
            return w;
    }
    return w;
}

static Num period_width(Checker *c, const Item *it, uint32_t col)
{
    if (row_states(it, col))
        return stated_width(c, it, col);
    return it->kind == ITEM_GROUP ? summed_width(c, it, col) : num_int(0);
}

/* For a change D = A - B of which the row states two: the third. */
static void derive_base(Checker *c, const Item *it, ItemFacts *f, const ColumnFacts *cf, uint32_t d)
{
    Cell *v = f->value;
    uint32_t to = (uint32_t)cf->to, from = (uint32_t)cf->from;
    if (!cell_stated(v[d]) || cell_stated(v[to]) == cell_stated(v[from]))
        return;
    uint32_t missing = cell_stated(v[to]) ? from : to;
    Num x, w;
    NumStatus st = missing == from ? num_sub(cell_value(v[to]), cell_value(v[d]), &x)
                                   : num_add(cell_value(v[from]), cell_value(v[d]), &x);
    if (st == NUM_OK)
        st = num_add(packed_num(f->derived[missing == from ? to : from].width), packed_num(f->derived[d].width), &w);
    if (st != NUM_OK) {
        diag_overflow(c->diags, it->values[d].span, st);
        return;
    }
    v[missing] = num_pack(c->arena, x);
    f->derived[missing] = (Derived){.computed = v[missing], .width = num_pack(c->arena, w), .missing = -1,
                                    .status = DERIVED_BASE};
    c->facts->derived_counts[DERIVED_BASE]++;
}

void columns_settle_item(Checker *c, const Item *it)
{
    const BudgetFacts *bf = c->facts;
    if (!bf->nderived)
        return;
    ItemFacts *f = facts_of(c, it);
    uint32_t n = c->budget->ncolumns;
    f->derived = ARENA_ARRAY(c->arena, Derived, n);
    for (uint32_t col = 0; col < n; col++) {
        f->derived[col].missing = -1;
        Num w = column_derived(bf, col) ? (row_states(it, col) ? stated_width(c, it, col) : num_int(0))
                                        : period_width(c, it, col);
        f->derived[col].width = num_pack(c->arena, w);
    }
    for (uint32_t col = 0; col < n; col++)
        if (bf->columns[col].kind == COLUMN_CHANGE && !bf->columns[col].broken && row_states(it, col))
            derive_base(c, it, f, &bf->columns[col], col);
}

/* --- evaluating a formula in a row ---------------------------------------------------- */

typedef enum Outcome { OUT_OK, OUT_MISSING, OUT_ZERO, OUT_UNBOUNDED, OUT_OVERFLOW } Outcome;

/* A formula's value in a row: the figure from the published figures, and the range it
 * may lie in given how far each may be from the unrounded one. */
typedef struct Reading {
    Num at, lo, hi;
} Reading;

/* The figures one evaluation read, for the notes of a wrong figure. */
typedef struct Read {
    const Item *item;
    uint32_t col;
} Read;

typedef struct Row {
    Checker *c;
    const Item *it;
    int missing;    /* OUT_MISSING: the column not stated */
    Read *reads;
    uint32_t nreads, capreads;
} Row;

static Outcome num_outcome(NumStatus st)
{
    return st == NUM_OK ? OUT_OK : st == NUM_DIV_ZERO ? OUT_ZERO : OUT_OVERFLOW;
}

static Outcome cell_reading(Row *r, const Item *it, uint32_t col, const Unit *into, Reading *out)
{
    const ItemFacts *f = facts_of(r->c, it);
    VEC_GROW(r->reads, r->nreads, r->capreads);
    r->reads[r->nreads++] = (Read){it, col};
    if (!f->value || !cell_stated(f->value[col])) {
        r->missing = (int)col;
        return OUT_MISSING;
    }
    Num v = cell_value(f->value[col]), w = f->derived ? packed_num(f->derived[col].width) : num_int(0);
    bool ratio = r->c->facts->columns[col].ratio;
    if (!ratio && into && (unit_convert(v, f->unit, into, &v) != NUM_OK || unit_convert(w, f->unit, into, &w) != NUM_OK))
        return OUT_OVERFLOW;
    out->at = v;
    NumStatus st = num_sub(v, w, &out->lo);
    if (st == NUM_OK)
        st = num_add(v, w, &out->hi);
    return num_outcome(st);
}

static Num num_min(Num a, Num b)
{
    return num_cmp(a, b) <= 0 ? a : b;
}

static Num num_max(Num a, Num b)
{
    return num_cmp(a, b) >= 0 ? a : b;
}

/* a * b or a / b over ranges: the smallest and largest of the four corners. */
static Outcome range_product(const Reading *a, const Reading *b, bool div, Reading *out)
{
    NumStatus (*op)(Num, Num, Num *) = div ? num_div : num_mul;
    NumStatus st = op(a->at, b->at, &out->at);
    if (st != NUM_OK)
        return num_outcome(st);
    if (div && num_cmp(b->lo, num_int(0)) <= 0 && num_cmp(b->hi, num_int(0)) >= 0)
        return OUT_UNBOUNDED; /* the divisor may round from zero: any ratio is possible */
    Num corner[4];
    const Num x[2] = {a->lo, a->hi}, y[2] = {b->lo, b->hi};
    for (int i = 0; i < 4; i++)
        if ((st = op(x[i / 2], y[i % 2], &corner[i])) != NUM_OK)
            return num_outcome(st);
    out->lo = num_min(num_min(corner[0], corner[1]), num_min(corner[2], corner[3]));
    out->hi = num_max(num_max(corner[0], corner[1]), num_max(corner[2], corner[3]));
    return OUT_OK;
}

static Outcome range_sum(const Reading *a, const Reading *b, bool sub, Reading *out)
{
    NumStatus st = sub ? num_sub(a->at, b->at, &out->at) : num_add(a->at, b->at, &out->at);
    if (st == NUM_OK)
        st = sub ? num_sub(a->lo, b->hi, &out->lo) : num_add(a->lo, b->lo, &out->lo);
    if (st == NUM_OK)
        st = sub ? num_sub(a->hi, b->lo, &out->hi) : num_add(a->hi, b->hi, &out->hi);
    return num_outcome(st);
}

/* share(A [, WHOLE]): the row's figure over its group's (or WHOLE's), in the whole's unit;
 * a top-level row is its table's total. */
static Outcome share_reading(Row *r, const Expr *e, Reading *out)
{
    uint32_t col = (uint32_t)sema_expr(r->c->sema, e->u.call.args[0])->column;
    const Item *whole = e->u.call.nargs == 2 ? sema_expr(r->c->sema, e->u.call.args[1])->target : r->it->parent;
    Reading part, all = {num_int(1), num_int(1), num_int(1)};
    const Unit *into = whole ? facts_of(r->c, whole)->unit : facts_of(r->c, r->it)->unit;
    if (whole && !unit_same_dim(facts_of(r->c, r->it)->unit, into))
        return OUT_UNBOUNDED;
    Outcome o = cell_reading(r, r->it, col, into, &part);
    if (o == OUT_OK && whole)
        o = cell_reading(r, whole, col, into, &all);
    if (o != OUT_OK)
        return o;
    if (!whole && num_is_zero(part.at))
        return OUT_ZERO;
    if (!whole) {
        *out = all; /* 100% */
        return OUT_OK;
    }
    return range_product(&part, &all, true, out);
}

static Outcome reading(Row *r, const Expr *e, Reading *out)
{
    Reading a, b;
    Outcome o;
    switch (e->kind) {
    case EXPR_REF: return cell_reading(r, r->it, (uint32_t)sema_expr(r->c->sema, e)->column, NULL, out);
    case EXPR_CALL: return share_reading(r, e, out);
    case EXPR_UNARY:
        if ((o = reading(r, e->u.op.lhs, &a)) != OUT_OK)
            return o;
        NumStatus st = num_neg(a.at, &out->at);
        if (st == NUM_OK)
            st = num_neg(a.hi, &out->lo);
        if (st == NUM_OK)
            st = num_neg(a.lo, &out->hi);
        return num_outcome(st);
    case EXPR_BINARY:
        if ((o = reading(r, e->u.op.lhs, &a)) != OUT_OK || (o = reading(r, e->u.op.rhs, &b)) != OUT_OK)
            return o;
        if (e->u.op.op == OP_ADD || e->u.op.op == OP_SUB)
            return range_sum(&a, &b, e->u.op.op == OP_SUB, out);
        return range_product(&a, &b, e->u.op.op == OP_DIV, out);
    default: return OUT_OVERFLOW;
    }
}

/* --- checking a derived figure ---------------------------------------------------------- */

static void show_figure(Buf *b, Num v, bool ratio, int decimals, const char *unit)
{
    char s[NUM_STR_MAX];
    Num pct;
    if (!ratio) {
        show_amount(b, v, unit);
        return;
    }
    if (num_mul(v, num_int(100), &pct) != NUM_OK)
        pct = v;
    if (decimals < 0) {
        show_percent(b, v);
        return;
    }
    Num rounded;
    bool exact = num_round(pct, num_step(decimals), &rounded) == NUM_OK && num_cmp(rounded, pct) == 0;
    if (exact) {
        show_percent(b, v);
        return;
    }
    num_format_fixed(pct, decimals, s);
    size_t n = strlen(s);
    while (n > 1 && s[n - 1] == '0' && s[n - 2] != '.')
        s[--n] = '\0'; /* ≈-31.803%, not ≈-31.8030% */
    buf_printf(b, "≈%s%%", s);
}

static void note_read(Checker *c, Diag *g, const Read *rd)
{
    const ItemFacts *f = facts_of(c, rd->item);
    const Budget *b = c->budget;
    bool ratio = c->facts->columns[rd->col].ratio;
    Buf v = {0};
    show_figure(&v, cell_value(f->value[rd->col]), ratio, -1, unit_shown(f->unit));
    char *path = item_path(rd->item);
    DerivedStatus st = f->derived ? f->derived[rd->col].status : DERIVED_NONE;
    if (st == DERIVED_BASE) {
        diag_note(g, "%s[%s] = %s (not stated: derived from the row's change)", path, b->columns[rd->col].id, v.data);
    } else if (st == DERIVED_COMPUTED) {
        diag_note(g, "%s[%s] = %s (not stated: computed by its column's formula)", path, b->columns[rd->col].id, v.data);
    } else {
        Span at = rd->col < rd->item->nvalues ? rd->item->values[rd->col].span : rd->item->span;
        Source *src = c->sources->items[at.file];
        LineCol lc = source_linecol(src, at.start);
        diag_note(g, "%s[%s] = %s (%s:%u:%u)", path, b->columns[rd->col].id, v.data, src->name, lc.line, lc.col);
    }
    free(path);
    buf_free(&v);
}

static void note_reads(Checker *c, Diag *g, const Row *r)
{
    for (uint32_t i = 0; i < r->nreads; i++) {
        bool repeated = false;
        for (uint32_t j = 0; j < i && !repeated; j++)
            repeated = r->reads[j].item == r->reads[i].item && r->reads[j].col == r->reads[i].col;
        if (!repeated)
            note_read(c, g, &r->reads[i]);
    }
}

/* The decimals a stated ratio shows as a percentage (51.3% shows 1). */
static int percent_decimals(const Value *v)
{
    return v->decimals >= 2 ? v->decimals - 2 : 0;
}

static void wrong_figure(Checker *c, const Row *r, uint32_t col, const Reading *x)
{
    const Item *it = r->it;
    const Value *v = &it->values[col];
    const ItemFacts *f = facts_of(c, it);
    bool ratio = c->facts->columns[col].ratio, point = num_cmp(x->lo, x->hi) == 0;
    int dec = ratio ? percent_decimals(v) : -1;
    const char *unit = unit_shown(f->unit);
    Buf stated = {0}, got = {0}, shown = {0}, lo = {0}, hi = {0};
    show_figure(&stated, cell_value(f->value[col]), ratio, dec, unit);
    Num rounded = x->at;
    if (ratio)
        num_round(x->at, num_step(v->decimals), &rounded);
    show_figure(&got, x->at, ratio, ratio ? dec + 2 : -1, unit);
    show_figure(&shown, rounded, ratio, dec, unit);
    show_figure(&lo, x->lo, ratio, ratio ? dec + 2 : -1, unit);
    show_figure(&hi, x->hi, ratio, ratio ? dec + 2 : -1, unit);
    char *path = item_path(it), *formula = span_printable(c->sources, c->budget->columns[col].formula->span);
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0410", v->span, "'%s' [%s] is stated as %s, but %s is %s%s%s", path,
                          c->budget->columns[col].id, stated.data, formula, got.data,
                          ratio && point ? ", which rounds to " : "", ratio && point ? shown.data : "");
    diag_primary(g, "stated here");
    diag_zh(g, "%s%s的公布数为 %s，但按本列公式 %s 计算为 %s；若其他数字无误，此处应为 %s", zh_column(c, col),
            zh_item(c, it), stated.data, formula, got.data, shown.data);
    note_reads(c, g, r);
    if (!point)
        diag_note(g, "allowing for the rounding of the figures it reads, %s lies between %s and %s", formula, lo.data, hi.data);
    else if (!ratio)
        diag_note(g, "without 'rounding' a derived figure must match exactly");
    diag_help(g, "if the other figures are right, the figure is %s", shown.data);
    free(path), free(formula);
    buf_free(&stated), buf_free(&got), buf_free(&shown), buf_free(&lo), buf_free(&hi);
}

static void zero_base(Checker *c, const Row *r, uint32_t col)
{
    char *path = item_path(r->it), *formula = span_printable(c->sources, c->budget->columns[col].formula->span);
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0405", r->it->values[col].span,
                          "'%s' [%s] is stated, but %s divides by zero in this row", path, c->budget->columns[col].id, formula);
    diag_primary(g, "stated here");
    diag_zh(g, "%s%s列示了数字，但本列公式 %s 在该行的除数为零：基数为零时增减率不是一个数，原文未列示处请写“-”",
            zh_column(c, col), zh_item(c, r->it), formula);
    note_reads(c, g, r);
    diag_help(g, "a rate of change from zero is not a figure: write '-' where the document has none");
    free(path), free(formula);
}

/* How a stated figure compares with the formula's reading. */
static DerivedStatus compare_figure(Checker *c, const Item *it, uint32_t col, const Reading *x)
{
    const ItemFacts *f = facts_of(c, it);
    Num stated = cell_value(f->value[col]), w = packed_num(f->derived[col].width), lo, hi, rounded;
    if (num_cmp(stated, x->at) == 0)
        return DERIVED_EXACT;
    if (num_cmp(x->lo, x->hi) == 0 && c->facts->columns[col].ratio)
        return num_round(x->at, num_step(it->values[col].decimals), &rounded) == NUM_OK && num_cmp(rounded, stated) == 0
                   ? DERIVED_ROUNDING
                   : DERIVED_FAILED;
    if (num_sub(x->lo, w, &lo) != NUM_OK || num_add(x->hi, w, &hi) != NUM_OK)
        return DERIVED_SKIPPED;
    return num_cmp(lo, stated) <= 0 && num_cmp(stated, hi) <= 0 ? DERIVED_ROUNDING : DERIVED_FAILED;
}

static DerivedStatus stated_figure(Checker *c, Row *r, uint32_t col, Outcome o, const Reading *x)
{
    Derived *d = &facts_of(c, r->it)->derived[col];
    if (o == OUT_MISSING)
        d->missing = r->missing;
    if (o == OUT_ZERO)
        zero_base(c, r, col);
    if (o == OUT_OVERFLOW)
        diag_overflow(c->diags, r->it->values[col].span, NUM_OVERFLOW);
    if (o == OUT_ZERO)
        return DERIVED_FAILED;
    if (o != OUT_OK)
        return DERIVED_SKIPPED;
    DerivedStatus st = compare_figure(c, r->it, col, x);
    if (st == DERIVED_FAILED)
        wrong_figure(c, r, col, x);
    return st;
}

/* Column col of row it: computed where the row leaves it out, checked where it states it. */
static void derive_cell(Checker *c, const Item *it, uint32_t col)
{
    ItemFacts *f = facts_of(c, it);
    Row r = {.c = c, .it = it, .missing = -1};
    Reading x;
    Outcome o = reading(&r, c->budget->columns[col].formula, &x);
    Derived *d = &f->derived[col];
    if (o == OUT_OK)
        d->computed = num_pack(c->arena, x.at);
    if (row_states(it, col) && cell_stated(f->value[col])) {
        d->status = stated_figure(c, &r, col, o, &x);
    } else if (!row_states(it, col)) {
        d->status = DERIVED_COMPUTED;
        f->value[col] = d->computed;
        Num up, down;
        if (o == OUT_OK && num_sub(x.hi, x.at, &up) == NUM_OK && num_sub(x.at, x.lo, &down) == NUM_OK)
            d->width = num_pack(c->arena, num_max(up, down));
    }
    c->facts->derived_counts[d->status]++;
    free(r.reads);
}

/* Children before their row; a view's rows nest only as deep as its scheme's levels. */
static void settle_rows(Checker *c, const Item *it)
{
    for (uint32_t i = 0; i < it->nchildren; i++)
        settle_rows(c, it->children[i]);
    columns_settle_item(c, it);
}

void columns_derive_rows(Checker *c, const Item *root)
{
    const BudgetFacts *bf = c->facts;
    if (!bf->nderived)
        return;
    settle_rows(c, root);
    for (const Item *it = root; it; it = item_next_within(it, root))
        for (uint32_t k = 0; k < bf->nderived; k++)
            if (!bf->columns[bf->order[k]].broken)
                derive_cell(c, it, bf->order[k]);
}

void columns_check(Checker *c, Budget *b)
{
    const BudgetFacts *bf = c->facts;
    if (!bf->nderived || !b->nitems)
        return;
    for (const Item *it = b->items[0]; it; it = item_next(b, it)) {
        if (!facts_of(c, it)->derived)
            continue;
        for (uint32_t k = 0; k < bf->nderived; k++)
            if (!bf->columns[bf->order[k]].broken)
                derive_cell(c, it, bf->order[k]);
    }
}
