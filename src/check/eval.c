/* eval.c - assertions: each is evaluated per column (or once, when every reference picks
 * its column), with exact arithmetic, dimensional units and not-stated propagation. */
#include "check/eval.h"

#include "base/show.h"
#include "check/names.h"
#include "check/units.h"
#include "check/zh.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef enum VKind { V_NUM, V_BOOL, V_UNSTATED, V_INVALID } VKind;

/* A value during evaluation. Amounts are kept in the base units of their dimension, so
 * every comparison is exact; `scale` and `unit` say how to show them (万元, 万元/人). */
typedef struct EVal {
    VKind kind;
    bool b;
    Num v;
    Dim dim;
    Num scale;         /* base units per shown unit (1 for plain numbers) */
    const char *unit;  /* the shown unit's name, NULL for plain numbers */
    bool untyped;      /* a bare literal: takes a unit from what it meets */
    const Item *missing;
} EVal;

typedef struct Eval {
    Checker *c;
    const Check *check; /* NULL for an amount quoted in a text */
    CheckFacts *facts;  /* the check's, or NULL */
    int column; /* the column being evaluated, -1 when every reference picks one */
    int pick;   /* the column picked by an enclosing x[col], or -1 */
    const Item *row; /* an `each` claim's row being evaluated, or NULL */
    Operand *ops;
    uint32_t nops, capops;
} Eval;

static EVal eval(Eval *ev, const Expr *e);

static EVal invalid(void)
{
    return (EVal){.kind = V_INVALID};
}

static EVal number(Num v)
{
    return (EVal){.kind = V_NUM, .v = v, .scale = {1, 1}};
}

static EVal boolean(bool b)
{
    return (EVal){.kind = V_BOOL, .b = b};
}

static EVal arith_error(Eval *ev, Span at, NumStatus st)
{
    diag_overflow(ev->c->diags, at, st);
    return invalid();
}

/* An amount of `unit` with value v in that unit. */
static EVal amount(Eval *ev, Num v, const Unit *unit, Span at)
{
    EVal r = number(v);
    if (!unit)
        return r;
    NumStatus st = num_mul(v, unit->factor, &r.v);
    if (st != NUM_OK)
        return arith_error(ev, at, st);
    r.dim = dim_of(unit);
    r.scale = unit->factor;
    r.unit = unit->name;
    return r;
}

static void record_operand(Eval *ev, const Expr *e, const Item *it, int col)
{
    VEC_GROW(ev->ops, ev->nops, ev->capops);
    ev->ops[ev->nops++] = (Operand){e, it, col};
}

/* In an `each` claim, what `row.a.b` names from the row being evaluated. */
static const Item *row_target(Eval *ev, const Expr *e)
{
    const Item *it = ev->row;
    const Names *path = &e->u.ref.path;
    for (uint32_t i = 1; it && i < path->n; i++) {
        const Item *child = names_child(ev->c, ev->c->budget, it, path->items[i].text);
        if (!child) {
            char *row = item_path(ev->row);
            diag_report(ev->c->diags, SEV_ERROR, "E0302", path->items[i].span, "row '%s' has no item '%s'", row,
                        path->items[i].text);
            free(row);
        }
        it = child;
    }
    return it;
}

static EVal eval_ref(Eval *ev, const Expr *e)
{
    const ExprFacts *ref = sema_expr(ev->c->sema, e);
    bool of_row = ev->row && e->u.ref.path.items[0].text == ev->check->each->row.text;
    const Item *it = of_row ? row_target(ev, e) : ref->target;
    int col = e->u.ref.column ? ref->column : ev->pick >= 0 ? ev->pick : ev->column;
    const ItemFacts *f = it ? facts_of(ev->c, it) : NULL;
    if (!it || col < 0 || !f->value)
        return invalid();
    record_operand(ev, e, it, col);
    Cell cell = f->value[col];
    if (!cell_stated(cell))
        return (EVal){.kind = V_UNSTATED, .missing = it};
    const BudgetFacts *bf = ev->c->facts;
    bool ratio = column_derived(bf, (uint32_t)col) && bf->columns[col].ratio; /* a rate or share: a plain number */
    return amount(ev, cell_value(cell), ratio ? NULL : f->unit, ref_span(e));
}

static EVal eval_number(Eval *ev, const Expr *e)
{
    if (!packed_has(e->u.num.value))
        return invalid();
    Num v = packed_num(e->u.num.value);
    if (e->u.num.unit) {
        const Unit *u = unit_find(ev->c, e->u.num.unit->text, e->u.num.unit->span);
        return u ? amount(ev, v, u, e->span) : invalid();
    }
    EVal r = number(v);
    r.untyped = e->kind == EXPR_NUM;
    return r;
}

static EVal eval_pick(Eval *ev, const Expr *e)
{
    int column = sema_expr(ev->c->sema, e)->column;
    if (column < 0)
        return invalid();
    int saved = ev->pick;
    ev->pick = column;
    EVal r = eval(ev, e->u.pick.base);
    ev->pick = saved;
    return r;
}

/* A bare literal meeting an amount is read in the budget's default unit when that unit
 * measures the same thing (81.99 next to 元 figures in a 万元 budget is 81.99 万元), and
 * otherwise in the other amount's unit (5 next to vehicles is 5 辆). */
static EVal adopt_unit(Eval *ev, EVal lit, const EVal *other, Span at)
{
    if (!lit.untyped || other->untyped || other->kind != V_NUM || other->dim.n == 0)
        return lit;
    const Unit *d = ev->c->facts->unit;
    Dim dd = dim_of(d);
    Num scale = other->scale;
    const char *unit = other->unit;
    if (d && dim_equal(&dd, &other->dim)) {
        scale = d->factor;
        unit = d->name;
    }
    NumStatus st = num_mul(lit.v, scale, &lit.v);
    if (st != NUM_OK)
        return arith_error(ev, at, st);
    lit.dim = other->dim;
    lit.scale = scale;
    lit.unit = unit;
    lit.untyped = false;
    return lit;
}

static void describe_dim(Buf *b, const EVal *v)
{
    if (v->unit)
        buf_puts(b, v->unit);
    else
        dim_write(b, &v->dim);
}

static bool unit_clash(Eval *ev, Span at, const EVal *a, const EVal *b, const char *what)
{
    Buf x = {0}, y = {0};
    describe_dim(&x, a);
    describe_dim(&y, b);
    Diag *g = diag_report(ev->c->diags, SEV_ERROR, "E0403", at, "cannot %s %s and %s", what, x.data, y.data);
    if (a->dim.n == 0 || b->dim.n == 0)
        diag_help(g, "a share is an amount divided by an amount of the same kind, e.g. x / total ~= 5%%");
    else
        diag_note(g, "amounts of different dimensions only combine through a 'rate' declaration");
    buf_free(&x), buf_free(&y);
    return false;
}

/* Brings a and b to one unit for + - and comparisons; false after reporting a clash. */
static bool unify(Eval *ev, Span at, EVal *a, EVal *b, const char *what)
{
    *a = adopt_unit(ev, *a, b, at);
    *b = adopt_unit(ev, *b, a, at);
    if (a->kind == V_INVALID || b->kind == V_INVALID)
        return false;
    if (dim_equal(&a->dim, &b->dim))
        return true;
    Num k;
    const RateDecl *r = NULL;
    if (a->dim.n == 1 && b->dim.n == 1 && a->dim.exp[0] == 1 && b->dim.exp[0] == 1)
        r = rate_find(ev->c, b->dim.base[0], a->dim.base[0], &k);
    if (!r)
        return unit_clash(ev, at, a, b, what);
    NumStatus st = num_mul(b->v, k, &b->v);
    if (st != NUM_OK) {
        diag_overflow(ev->c->diags, at, st);
        return false;
    }
    b->dim = a->dim;
    b->scale = a->scale;
    b->unit = a->unit;
    if (ev->facts)
        ev->facts->rate_used = r;
    return true;
}

static bool want_numbers(Eval *ev, Span at, const EVal *a, const EVal *b)
{
    if (a->kind == V_NUM && (!b || b->kind == V_NUM))
        return true;
    diag_report(ev->c->diags, SEV_ERROR, "E0502", at, "arithmetic needs amounts, not a true/false claim");
    return false;
}

/* Not-stated and invalid operands make the result so too (invalid wins). */
static bool settled(const EVal *a, const EVal *b, EVal *out)
{
    if (a->kind == V_INVALID || (b && b->kind == V_INVALID)) {
        *out = invalid();
        return true;
    }
    if (a->kind == V_UNSTATED || (b && b->kind == V_UNSTATED)) {
        *out = a->kind == V_UNSTATED ? *a : *b;
        return true;
    }
    return false;
}

static EVal add_sub(Eval *ev, const Expr *e, EVal a, EVal b, bool sub)
{
    if (!unify(ev, e->span, &a, &b, sub ? "subtract" : "add"))
        return invalid();
    EVal r = a.untyped ? b : a;
    r.untyped = a.untyped && b.untyped;
    NumStatus st = sub ? num_sub(a.v, b.v, &r.v) : num_add(a.v, b.v, &r.v);
    return st == NUM_OK ? r : arith_error(ev, e->span, st);
}

/* The shown unit of a product or quotient: 万元 × 2 is 万元, 万元 / 人 is 万元/人, and an
 * amount over an amount of its own kind is a plain share. */
static void compose_unit(Eval *ev, EVal *r, const EVal *a, const EVal *b, bool div)
{
    if (r->dim.n == 0) {
        r->scale = num_int(1);
        r->unit = NULL;
        return;
    }
    NumStatus st = div ? num_div(a->scale, b->scale, &r->scale) : num_mul(a->scale, b->scale, &r->scale);
    if (st != NUM_OK)
        r->scale = num_int(1);
    if (!b->unit)
        r->unit = a->unit;
    else if (!a->unit && !div)
        r->unit = b->unit;
    else {
        char *u = str_printf("%s%s%s", a->unit ? a->unit : "1", div ? "/" : "·", b->unit);
        r->unit = arena_strdup(ev->c->arena, u);
        free(u);
    }
}

static EVal mul_div(Eval *ev, const Expr *e, EVal a, EVal b, bool div)
{
    EVal r = number(num_int(0));
    r.untyped = a.untyped && b.untyped;
    bool fits;
    r.dim = dim_combine(&a.dim, &b.dim, div ? -1 : 1, &fits);
    if (!fits) {
        diag_report(ev->c->diags, SEV_ERROR, "E0403", e->span, "this product mixes more than %d kinds of unit", MAX_DIMS);
        return invalid();
    }
    NumStatus st = div ? num_div(a.v, b.v, &r.v) : num_mul(a.v, b.v, &r.v);
    if (st == NUM_DIV_ZERO) {
        diag_report(ev->c->diags, SEV_ERROR, "E0405", e->u.op.rhs->span, "division by zero");
        return invalid();
    }
    if (st != NUM_OK)
        return arith_error(ev, e->span, st);
    compose_unit(ev, &r, &a, &b, div);
    return r;
}

static bool literal_of(const Expr *e, Num *value, int *decimals, bool *percent)
{
    bool neg = false;
    if (e->kind == EXPR_UNARY && e->u.op.op == OP_NEG) {
        neg = true;
        e = e->u.op.lhs;
    }
    if ((e->kind != EXPR_NUM && e->kind != EXPR_PERCENT) || !packed_has(e->u.num.value))
        return false;
    Num v = packed_num(e->u.num.value);
    *value = neg ? (Num){-v.num, v.den} : v;
    *decimals = e->u.num.decimals;
    *percent = e->kind == EXPR_PERCENT;
    return true;
}

/* The value of v in the unit it is shown in. */
static Num in_shown_unit(const EVal *v)
{
    Num r = v->v;
    if (v->unit)
        num_div(v->v, v->scale, &r);
    return r;
}

static EVal approx(Eval *ev, const Expr *e, EVal a)
{
    Num lit;
    int decimals;
    bool percent;
    if (!literal_of(e->u.op.rhs, &lit, &decimals, &percent)) {
        Diag *g = diag_report(ev->c->diags, SEV_ERROR, "E0503", e->u.op.rhs->span,
                              "'~=' compares with a number as published, written literally");
        diag_help(g, "write the published figure on the right, e.g. x ~= 44.83%%");
        return invalid();
    }
    if (settled(&a, NULL, &a))
        return a;
    if (!want_numbers(ev, e->span, &a, NULL))
        return invalid();
    if (percent && a.dim.n != 0) {
        EVal pct = number(lit);
        unit_clash(ev, e->span, &a, &pct, "compare");
        return invalid();
    }
    EVal published = number(lit);
    published.untyped = !percent;
    published = adopt_unit(ev, published, &a, e->span);
    if (published.kind == V_INVALID)
        return published;
    Num x = a.v, rounded;
    NumStatus st = published.unit ? num_div(a.v, published.scale, &x) : NUM_OK;
    if (st == NUM_OK)
        st = num_round(x, num_step(decimals), &rounded);
    if (st != NUM_OK)
        return arith_error(ev, e->span, st);
    return boolean(num_cmp(rounded, lit) == 0);
}

static bool compare(Op op, int cmp)
{
    switch (op) {
    case OP_EQ: return cmp == 0;
    case OP_NE: return cmp != 0;
    case OP_LT: return cmp < 0;
    case OP_LE: return cmp <= 0;
    case OP_GT: return cmp > 0;
    default: return cmp >= 0;
    }
}

/* How many figures a claim reads: each reference is one published figure. */
static uint32_t figures_read(const Expr *e)
{
    switch (e->kind) {
    case EXPR_REF: return 1;
    case EXPR_PICK: return figures_read(e->u.pick.base);
    case EXPR_UNARY: return figures_read(e->u.op.lhs);
    case EXPR_BINARY: return figures_read(e->u.op.lhs) + figures_read(e->u.op.rhs);
    case EXPR_CALL: {
        uint32_t n = 0;
        for (uint32_t i = 0; i < e->u.call.nargs; i++)
            n += figures_read(e->u.call.args[i]);
        return n;
    }
    default: return 0;
    }
}

/* `within rounding`: each of the n figures compared may be off by half the budget's
 * rounding step, so n × step / 2 in the budget's unit (0 without `rounding`; 11.3). */
static Num rounding_bound(const Checker *c, const Check *k)
{
    Num bound = num_int(0);
    if (c->facts->rounding_valid &&
        num_mul(packed_num(c->budget->rounding.value), num_int(figures_read(k->expr)), &bound) == NUM_OK)
        num_div(bound, num_int(2), &bound);
    return bound;
}

/* `within` on the check: the tolerance, in base units of the compared amounts. */
static bool tolerance(Eval *ev, const EVal *side, Num *out)
{
    const Value *w = ev->check->within;
    if (ev->check->within_rounding) {
        EVal t = number(rounding_bound(ev->c, ev->check));
        t.untyped = true;
        t = adopt_unit(ev, t, side, w->span);
        *out = t.v;
        return t.kind == V_NUM;
    }
    if (!value_stated(w)) /* reported by check_within (E0506): no tolerance to apply */
        return false;
    EVal t = number(packed_num(w->num));
    if (w->unit) {
        const Unit *u = unit_lookup(ev->c, w->unit->text);
        t = u ? amount(ev, packed_num(w->num), u, w->span) : invalid();
    } else {
        t.untyped = true;
        t = adopt_unit(ev, t, side, w->span);
    }
    if (t.kind == V_NUM && t.dim.n && !dim_equal(&t.dim, &side->dim))
        return unit_clash(ev, w->span, side, &t, "compare a tolerance of");
    if (w->sign && t.kind == V_NUM) /* a sign checks the dimension of what it is compared with */
        unit_check_sign(ev->c, w, t.dim.n == 1 ? t.dim.base[0] : NULL);
    *out = t.v;
    return t.kind == V_NUM;
}

static EVal comparison(Eval *ev, const Expr *e, EVal a, EVal b)
{
    if (!unify(ev, e->span, &a, &b, "compare"))
        return invalid();
    int cmp = num_cmp(a.v, b.v);
    const Check *k = ev->check;
    if (k && k->within && e == k->expr && (e->u.op.op == OP_EQ || e->u.op.op == OP_NE)) {
        Num diff, tol;
        if (!tolerance(ev, &a, &tol))
            return invalid();
        if (num_sub(a.v, b.v, &diff) != NUM_OK)
            return arith_error(ev, e->span, NUM_OVERFLOW);
        cmp = num_cmp(num_abs(diff), tol) <= 0 ? 0 : 1;
    }
    return boolean(compare(e->u.op.op, cmp));
}

static EVal logic(Eval *ev, const Expr *e, EVal a, EVal b)
{
    bool is_and = e->u.op.op == OP_AND;
    if ((a.kind == V_BOOL && a.b != is_and) || (b.kind == V_BOOL && b.b != is_and))
        return boolean(!is_and); /* false and _, true or _: decided whatever the other is */
    EVal r;
    if (settled(&a, &b, &r))
        return r;
    if (a.kind != V_BOOL || b.kind != V_BOOL) {
        diag_report(ev->c->diags, SEV_ERROR, "E0502", e->span, "'%s' joins claims, not amounts",
                    is_and ? "and" : "or");
        return invalid();
    }
    return boolean(is_and ? a.b && b.b : a.b || b.b);
}

static EVal eval_binary(Eval *ev, const Expr *e)
{
    Op op = e->u.op.op;
    EVal a = eval(ev, e->u.op.lhs);
    if (op == OP_APPROX)
        return approx(ev, e, a);
    EVal b = eval(ev, e->u.op.rhs), r;
    if (op == OP_AND || op == OP_OR)
        return logic(ev, e, a, b);
    if (settled(&a, &b, &r))
        return r;
    if (!want_numbers(ev, e->span, &a, &b))
        return invalid();
    switch (op) {
    case OP_ADD: return add_sub(ev, e, a, b, false);
    case OP_SUB: return add_sub(ev, e, a, b, true);
    case OP_MUL: return mul_div(ev, e, a, b, false);
    case OP_DIV: return mul_div(ev, e, a, b, true);
    default: return comparison(ev, e, a, b);
    }
}

static EVal eval_unary(Eval *ev, const Expr *e)
{
    EVal a = eval(ev, e->u.op.lhs), r;
    if (settled(&a, NULL, &r))
        return r;
    if (e->u.op.op == OP_NOT) {
        if (a.kind == V_BOOL)
            return boolean(!a.b);
        diag_report(ev->c->diags, SEV_ERROR, "E0502", e->span, "'not' applies to a claim, not an amount");
        return invalid();
    }
    if (!want_numbers(ev, e->span, &a, NULL))
        return invalid();
    a.v.num = -a.v.num;
    return a;
}

static EVal call_fold(Eval *ev, const Expr *e, int which)
{
    Expr *const *args = e->u.call.args;
    EVal acc = eval(ev, args[0]), r;
    for (uint32_t i = 1; i < e->u.call.nargs; i++) {
        EVal next = eval(ev, args[i]);
        if (settled(&acc, &next, &r))
            return r;
        if (!want_numbers(ev, e->span, &acc, &next))
            return invalid();
        if (which == 0) {
            acc = add_sub(ev, e, acc, next, false);
        } else if (unify(ev, e->span, &acc, &next, "compare")) {
            int cmp = num_cmp(next.v, acc.v);
            if ((which < 0 && cmp < 0) || (which > 0 && cmp > 0))
                acc = next;
        } else {
            return invalid();
        }
    }
    if (settled(&acc, NULL, &r))
        return r;
    return want_numbers(ev, e->span, &acc, NULL) ? acc : invalid();
}

static EVal call_round(Eval *ev, const Expr *e)
{
    EVal x = eval(ev, e->u.call.args[0]), step = eval(ev, e->u.call.args[1]), r;
    if (settled(&x, &step, &r))
        return r;
    if (!want_numbers(ev, e->span, &x, &step))
        return invalid();
    Num shown = in_shown_unit(&x), s = step.v, out;
    if (!step.untyped && step.dim.n) { /* a step with a unit: expressed in x's shown unit */
        if (!dim_equal(&step.dim, &x.dim)) {
            unit_clash(ev, e->span, &x, &step, "round");
            return invalid();
        }
        if (x.unit)
            num_div(step.v, x.scale, &s);
    }
    if (num_cmp(s, num_int(0)) <= 0) {
        diag_report(ev->c->diags, SEV_ERROR, "E0405", e->u.call.args[1]->span,
                    "round() needs a step greater than zero");
        return invalid();
    }
    NumStatus st = num_round(shown, s, &out);
    if (st == NUM_OK && x.unit)
        st = num_mul(out, x.scale, &out);
    if (st != NUM_OK)
        return arith_error(ev, e->span, st);
    x.v = out;
    return x;
}

static const struct {
    const char *name;
    uint32_t min_args, max_args;
} functions[] = {{"sum", 1, UINT32_MAX}, {"min", 1, UINT32_MAX}, {"max", 1, UINT32_MAX},
                 {"abs", 1, 1},          {"round", 2, 2}};

static EVal eval_call(Eval *ev, const Expr *e)
{
    const char *name = e->u.call.name->text;
    uint32_t n = e->u.call.nargs;
    size_t f = 0, nf = sizeof functions / sizeof functions[0];
    while (f < nf && strcmp(functions[f].name, name) != 0)
        f++;
    if (f == nf) {
        Diag *g = diag_report(ev->c->diags, SEV_ERROR, "E0504", e->u.call.name->span,
                              "unknown function '%s'", name);
        diag_note(g, "the functions are sum, min, max, abs and round");
        return invalid();
    }
    if (n < functions[f].min_args || n > functions[f].max_args) {
        diag_report(ev->c->diags, SEV_ERROR, "E0505", e->span, "%s() takes %s, not %u", name,
                              functions[f].max_args == 1 ? "one argument"
                              : functions[f].max_args == 2 ? "two arguments (value, step)"
                                                           : "at least one argument",
                              n);
        return invalid();
    }
    if (strcmp(name, "round") == 0)
        return call_round(ev, e);
    if (strcmp(name, "abs") == 0) {
        EVal x = eval(ev, e->u.call.args[0]), r;
        if (settled(&x, NULL, &r))
            return r;
        if (!want_numbers(ev, e->span, &x, NULL))
            return invalid();
        x.v = num_abs(x.v);
        return x;
    }
    return call_fold(ev, e, name[1] == 'u' ? 0 : name[1] == 'i' ? -1 : 1);
}

static EVal eval(Eval *ev, const Expr *e)
{
    switch (e->kind) {
    case EXPR_NUM:
    case EXPR_PERCENT: return eval_number(ev, e);
    case EXPR_REF: return eval_ref(ev, e);
    case EXPR_PICK: return eval_pick(ev, e);
    case EXPR_UNARY: return eval_unary(ev, e);
    case EXPR_BINARY: return eval_binary(ev, e);
    case EXPR_CALL: return eval_call(ev, e);
    }
    return invalid();
}

/* True when every reference in e is inside a column pick (then one evaluation suffices). */
static bool all_picked(const Expr *e, bool picked)
{
    switch (e->kind) {
    case EXPR_REF: return picked || e->u.ref.column;
    case EXPR_PICK: return all_picked(e->u.pick.base, true);
    case EXPR_UNARY: return all_picked(e->u.op.lhs, picked);
    case EXPR_BINARY: return all_picked(e->u.op.lhs, picked) && all_picked(e->u.op.rhs, picked);
    case EXPR_CALL:
        for (uint32_t i = 0; i < e->u.call.nargs; i++)
            if (!all_picked(e->u.call.args[i], picked))
                return false;
        return true;
    default: return true;
    }
}

/* For a failed top-level comparison: both sides in one unit, for the report. */
static void record_sides(Eval *ev, CheckResult *r)
{
    const Expr *e = ev->check->expr;
    if (e->kind != EXPR_BINARY || e->u.op.op < OP_EQ || e->u.op.op > OP_APPROX)
        return;
    uint32_t saved = ev->nops;
    EVal a = eval(ev, e->u.op.lhs), b;
    Num lit;
    int decimals = 0;
    bool percent = false, approx_op = e->u.op.op == OP_APPROX;
    if (approx_op) {
        if (!literal_of(e->u.op.rhs, &lit, &decimals, &percent))
            return;
        b = number(lit);
        b.untyped = !percent;
    } else {
        b = eval(ev, e->u.op.rhs);
    }
    ev->nops = saved;
    if (a.kind != V_NUM || b.kind != V_NUM)
        return;
    a = adopt_unit(ev, a, &b, e->span);
    b = adopt_unit(ev, b, &a, e->span);
    if (a.kind != V_NUM || b.kind != V_NUM || !dim_equal(&a.dim, &b.dim))
        return;
    EVal shown = b.unit && approx_op ? b : a; /* ~=: in the published figure's unit */
    Num l = a.v, rv = b.v;
    if (shown.unit && (num_div(a.v, shown.scale, &l) != NUM_OK || num_div(b.v, shown.scale, &rv) != NUM_OK))
        return;
    r->has_sides = true;
    r->percent = percent;
    r->rhs_decimals = approx_op ? decimals - (percent ? 2 : 0) : -1;
    r->lhs = num_pack(ev->c->arena, l);
    r->rhs = num_pack(ev->c->arena, rv);
    r->side_unit = shown.unit;
}

static CheckResult run_once(Eval *ev, int column)
{
    ev->column = column;
    ev->pick = -1;
    ev->nops = 0;
    EVal v = eval(ev, ev->check->expr);
    if (ev->facts->broken)
        v = invalid();
    CheckResult r = {.column = column};
    if (v.kind == V_BOOL) {
        r.status = v.b ? CHECK_PASSED : CHECK_FAILED;
    } else if (v.kind == V_UNSTATED) {
        r.status = CHECK_SKIPPED;
        r.missing = v.missing;
    } else {
        if (v.kind == V_NUM)
            diag_report(ev->c->diags, SEV_ERROR, "E0502", ev->check->expr->span,
                        "an assertion must be a claim (a comparison), not an amount");
        r.status = CHECK_INVALID;
    }
    if (r.status == CHECK_FAILED || r.status == CHECK_PASSED)
        record_sides(ev, &r); /* the editor shows both sides of a passed claim too */
    r.noperands = ev->nops;
    r.operands = ARENA_ARRAY(ev->c->arena, Operand, ev->nops ? ev->nops : 1);
    if (ev->nops)
        memcpy(r.operands, ev->ops, ev->nops * sizeof *ev->ops);
    return r;
}

/* "income[2026] = 609.35 万元 (收入预算, file:12:30)": each operand, the column it was read
 * in, and where that figure is written. */
static void note_operand(Checker *c, Diag *g, const Operand *op)
{
    Buf b = {0};
    const Item *it = op->item;
    const ItemFacts *f = facts_of(c, it);
    char *path = item_path(it);
    Cell cell = f->value[op->column];
    const BudgetFacts *bf = c->facts;
    bool ratio = column_derived(bf, (uint32_t)op->column) && bf->columns[op->column].ratio;
    if (cell_stated(cell) && ratio)
        show_percent(&b, cell_value(cell));
    else if (cell_stated(cell))
        show_amount(&b, cell_value(cell), unit_shown(f->unit));
    else
        buf_puts(&b, "not stated");
    Span at = (uint32_t)op->column < it->nvalues ? it->values[op->column].span : it->span;
    Source *src = c->sources->items[at.file];
    LineCol lc = source_linecol(src, at.start);
    const char *colname = c->budget->columns[op->column].id;
    const char *label = sema_given_label(c->sema, it);
    if (label)
        diag_note(g, "%s[%s] = %s (%s, %s:%u:%u)", path, colname, b.data, label, src->name, lc.line,
                  lc.col);
    else
        diag_note(g, "%s[%s] = %s (%s:%u:%u)", path, colname, b.data, src->name, lc.line, lc.col);
    free(path);
    buf_free(&b);
}

static void show_side(Buf *b, const CheckResult *r, Num v, int decimals)
{
    char s[NUM_STR_MAX];
    if (decimals >= 0) {
        Num shown = v;
        if (r->percent)
            num_mul(v, num_int(100), &shown);
        num_format_fixed(shown, decimals, s);
        buf_printf(b, "%s%s", s, r->percent ? "%" : "");
        if (!r->percent && r->side_unit)
            buf_printf(b, " %s", r->side_unit);
    } else if (r->percent) {
        show_percent(b, v);
    } else {
        show_amount(b, v, r->side_unit);
    }
}

/* Both sides of a failed comparison, as a note and, appended to zh, in Chinese. */
static void note_sides(Checker *c, Diag *g, const CheckResult *r, Op op, Buf *zh)
{
    char col[64] = "";
    const char *zh_col = r->column >= 0 ? zh_column(c, (uint32_t)r->column) : "";
    if (r->column >= 0)
        snprintf(col, sizeof col, "[%s] ", c->budget->columns[r->column].id);
    Buf l = {0}, rt = {0}, d = {0};
    show_side(&l, r, cell_value(r->lhs), -1);
    show_side(&rt, r, cell_value(r->rhs), r->rhs_decimals);
    if (op == OP_APPROX) {
        Buf rounded = {0};
        show_side(&rounded, r, cell_value(r->lhs), r->rhs_decimals);
        diag_note(g, "%sleft side is %s, which rounds to %s, but %s is published", col, l.data,
                  rounded.data, rt.data);
        buf_printf(zh, "；%s左边为 %s，四舍五入为 %s，但公布为 %s", zh_col, l.data, rounded.data, rt.data);
        buf_free(&rounded);
    } else {
        Num diff;
        if (num_sub(cell_value(r->lhs), cell_value(r->rhs), &diff) == NUM_OK)
            show_amount(&d, diff, r->side_unit);
        diag_note(g, "%sleft side %s, right side %s, difference %s", col, l.data, rt.data,
                  d.data ? d.data : "too large to compute");
        buf_printf(zh, "；%s左边 %s，右边 %s，差额 %s", zh_col, l.data, rt.data, d.data ? d.data : "过大，无法计算");
    }
    buf_free(&l), buf_free(&rt), buf_free(&d);
}

void rule_note(Checker *c, Diag *g, const RuleSet *set, const Obligation *o)
{
    Source *src = c->sources->items[o->id.span.file];
    LineCol lc = source_linecol(src, o->id.span.start);
    diag_note(g, "rule %s of %s (%s:%u:%u)%s%s", o->id.text, set->id, src->name, lc.line, lc.col,
              o->title ? ": " : "", o->title ? o->title : "");
}

/* A failed column of a check: each operand once, then both sides. */
static void note_result(Checker *c, Diag *g, const Check *k, const CheckResult *r, Buf *zh)
{
    for (uint32_t j = 0; j < r->noperands; j++) {
        const Operand *op = &r->operands[j];
        bool repeated = false;
        for (uint32_t s = 0; s < j && !repeated; s++)
            repeated = r->operands[s].item == op->item && r->operands[s].column == op->column;
        if (!repeated)
            note_operand(c, g, op);
    }
    if (r->has_sides)
        note_sides(c, g, r, k->expr->u.op.op, zh);
}

/* One diagnostic for the check's failed results (of one row, for an `each` claim). */
static void report_failure(Checker *c, const Check *k, const CheckFacts *kf, const Item *row)
{
    char *text = span_printable(c->sources, k->expr->span), *path = row ? item_path(row) : NULL;
    const char *what = k->is_warn ? "warning check" : "assertion", *claim = k->message ? k->message : text;
    Severity sev = k->is_warn ? SEV_WARNING : SEV_ERROR;
    const char *code = k->is_warn ? "W0501" : "E0501";
    /* a claim a rule set adds is reported where the budget applies the set */
    Span at = k->applied ? k->applied->apply->rules.span : k->expr->span;
    Diag *g = row ? diag_report(c->diags, sev, code, at, "%s failed for '%s': %s", what, path, claim)
                  : diag_report(c->diags, sev, code, at, "%s failed: %s", what, claim);
    if (k->applied) {
        rule_note(c, g, k->applied->set, k->applied->obligation);
        diag_note(g, "claim: %s", text);
    }
    Buf zh = {0};
    buf_printf(&zh, "%s未通过：%s", k->is_warn ? "警告核对" : "断言", claim);
    if (row)
        buf_printf(&zh, "（行 %s）", zh_item(c, row));
    free(text);
    free(path);
    if (row)
        diag_label(g, row->id_span, "the row");
    for (uint32_t i = 0; i < kf->nresults; i++)
        if (kf->results[i].status == CHECK_FAILED && kf->results[i].row == row)
            note_result(c, g, k, &kf->results[i], &zh);
    if (kf->rate_used) {
        const RateDecl *r = kf->rate_used;
        char f[NUM_STR_MAX];
        num_format(packed_num(r->factor.value), f);
        diag_note(g, "amounts were converted at the rate 1 %s = %s %s", r->from.text, f, r->to.text);
    }
    if (k->within_rounding) {
        char bound[NUM_STR_MAX], step[NUM_STR_MAX] = "0";
        num_show(rounding_bound(c, k), bound);
        if (c->facts->rounding_valid)
            num_show(packed_num(c->budget->rounding.value), step);
        diag_note(g, "allowed difference: within rounding, %u figures × %s / 2 = %s %s", figures_read(k->expr), step,
                  bound, unit_name(c->facts->unit));
    } else if (k->within) {
        char *within = span_printable(c->sources, k->within->span);
        diag_note(g, "allowed difference: within %s", within);
        buf_printf(&zh, "；允许差额 %s", within);
        free(within);
    }
    diag_zh(g, "%s", zh.data);
    buf_free(&zh);
}

/* `within` needs a ==/!= comparison and a stated, non-negative amount. */
static void check_within(Checker *c, const Check *k, CheckFacts *kf)
{
    if (!k->within)
        return;
    Op op = k->expr->kind == EXPR_BINARY ? k->expr->u.op.op : OP_ADD;
    const char *problem = NULL, *help = "write the allowed difference as an amount, e.g. assert a == b within 0.05";
    if (op != OP_EQ && op != OP_NE) {
        problem = "'within' only applies to a == or != comparison";
        help = "write the tolerance into the comparison, e.g. a <= b + 0.05";
    } else if (k->within_rounding) {
        return; /* the tolerance is the budget's rounding */
    } else if (!value_stated(k->within)) {
        problem = "'within' needs a stated tolerance, not '-'";
    } else if (num_cmp(packed_num(k->within->num), num_int(0)) < 0) {
        problem = "a tolerance cannot be negative";
    } else if (k->within->unit && !unit_find(c, k->within->unit->text, k->within->unit->span)) {
        kf->broken = true;
    }
    if (problem) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0506", k->within->span, "%s", problem);
        diag_help(g, "%s", help);
        kf->broken = true;
    }
}

static void no_rows(Checker *c, const EachRows *e, bool item)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0507", names_span(&e->group), "'each' needs a group with rows: %s",
                          item ? "this is an item, not a group" : "this group has no items");
    diag_zh(g, "“each”需要一个有行的分组：%s", item ? "这是单项，不是分组" : "该分组没有任何项目");
    diag_help(g, "name the group whose rows the claim is about, e.g. assert each row in spending: row >= 0");
}

/* The rows an `each` claim is made of: the group's own items, or every item below it;
 * NULL (reported) when there are none. */
static const Item **each_rows(Checker *c, const EachRows *e, uint32_t *n)
{
    const Item *g = names_resolve_path(c, &e->group);
    *n = 0;
    if (!g)
        return NULL;
    if (g->kind != ITEM_GROUP || !g->nchildren) {
        no_rows(c, e, g->kind != ITEM_GROUP);
        return NULL;
    }
    for (const Item *it = g->children[0]; it; it = e->under ? item_next_within(it, g) : NULL)
        (*n)++;
    const Item **rows = ARENA_ARRAY(c->arena, const Item *, e->under ? *n : g->nchildren);
    if (!e->under) {
        memcpy(rows, g->children, g->nchildren * sizeof *rows);
        *n = g->nchildren;
        return rows;
    }
    uint32_t i = 0;
    for (const Item *it = g->children[0]; it; it = item_next_within(it, g))
        rows[i++] = it;
    return rows;
}

static void resolve_check(Eval *ev, const Check *k, CheckFacts *kf)
{
    ev->c->row_name = k->each ? k->each->row.text : NULL;
    if (!k->applied) /* a rule set's claim was resolved through the budget's bindings */
        names_resolve_expr(ev->c, k->expr);
    ev->c->row_name = NULL;
    check_within(ev->c, k, kf);
}

static void report_rows(Checker *c, const Check *k, const CheckFacts *kf, const Item **rows, uint32_t nrows)
{
    for (uint32_t r = 0; r < nrows; r++)
        for (uint32_t i = 0; i < kf->nresults; i++)
            if (kf->results[i].row == rows[r] && kf->results[i].status == CHECK_FAILED) {
                report_failure(c, k, kf, rows[r]);
                break;
            }
}

/* A claim in each period column (or once, when every reference picks its column), and
 * for an `each` claim in every row. */
static void evaluate(Eval *ev, const Check *k)
{
    CheckFacts *kf = ev->facts = sema_check(ev->c->sema, k);
    const BudgetFacts *bf = ev->c->facts;
    ev->check = k;
    uint32_t nrows = 1;
    const Item **rows = k->each ? each_rows(ev->c, k->each, &nrows) : NULL;
    kf->broken |= k->each && !rows;
    resolve_check(ev, k, kf);
    bool once = all_picked(k->expr, false);
    uint32_t ncols = once ? 1 : bf->nperiods;
    kf->nresults = nrows * ncols;
    kf->results = ARENA_ARRAY(ev->c->arena, CheckResult, kf->nresults ? kf->nresults : 1);
    for (uint32_t r = 0; r < nrows; r++) {
        ev->row = rows ? rows[r] : NULL;
        for (uint32_t i = 0; i < ncols; i++) {
            CheckResult *res = &kf->results[r * ncols + i];
            *res = run_once(ev, once ? -1 : (int)bf->periods[i]);
            res->row = ev->row;
        }
    }
    ev->row = NULL;
    kf->status = kf->nresults ? check_status_of(kf->results, kf->nresults) : CHECK_INVALID;
    ev->c->facts->check_counts[kf->status]++;
    if (kf->status == CHECK_FAILED && rows)
        report_rows(ev->c, k, kf, rows, nrows);
    else if (kf->status == CHECK_FAILED)
        report_failure(ev->c, k, kf, NULL);
}

void checks_evaluate(Checker *c, Budget *b)
{
    Eval ev = {c, NULL, NULL, -1, -1, NULL, NULL, 0, 0};
    for (uint32_t i = 0; i < b->nchecks; i++)
        evaluate(&ev, b->checks[i]);
    free(ev.ops);
}

Amount eval_amount(Checker *c, const Expr *e)
{
    Eval ev = {c, NULL, NULL, 0, -1, NULL, NULL, 0, 0};
    EVal v = eval(&ev, e);
    free(ev.ops);
    Amount a = {0};
    a.valid = v.kind != V_INVALID;
    a.is_claim = v.kind == V_BOOL;
    a.missing = v.kind == V_UNSTATED ? v.missing : NULL;
    if (v.kind != V_NUM)
        return a;
    a.stated = true;
    const Unit *d = c->facts->unit;
    Dim dd = dim_of(d);
    a.value = v.v;
    if (d && dim_equal(&dd, &v.dim)) { /* amounts of the budget's kind: in its unit */
        num_div(v.v, d->factor, &a.value);
        a.unit = d->name;
    } else if (v.unit) {
        num_div(v.v, v.scale, &a.value);
        a.unit = v.unit;
    }
    return a;
}
