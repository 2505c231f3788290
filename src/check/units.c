/* units.c - unit declarations, exact scale conversion, dimensions and rates. */
#include "check/units.h"

#include "base/utf8.h"
#include "base/vec.h"
#include "check/names.h"
#include "check/zh.h"

#include <stdlib.h>
#include <string.h>

/* Suggests the nearest unit, or declaring one, in g's help line (the fix writes it at
 * `at`); returns the unit's name or NULL. */
static const char *suggest_unit(Checker *c, Diag *g, const char *name, Span at)
{
    const char *best = NULL;
    size_t best_d = 3;
    bool looked = c->nunits && suggest_begin(c);
    for (size_t i = 0; looked && i < c->nunits && c->suggest_work_left; i++) {
        size_t d = suggest_distance(c, name, c->unit_list[i]->name, best_d);
        if (d < best_d) {
            best_d = d;
            best = c->unit_list[i]->name;
        }
    }
    if (best && c->suggest_work_left) {
        diag_help(g, "did you mean '%s'?", best);
        diag_fix(g, at, best);
    } else if (c->nunits == 0)
        diag_help(g, "declare it first, e.g. 'unit %s' at the top of the file", name);
    else
        diag_help(g, "declare it with 'unit %s' (or 'unit %s = FACTOR OTHER_UNIT')", name, name);
    return best;
}

const Unit *unit_lookup(Checker *c, const char *name)
{
    return map_get(&c->units, c, name);
}

const Unit *unit_find(Checker *c, const char *name, Span at)
{
    const Unit *u = map_get(&c->units, c, name);
    if (u && u->failed)
        return NULL; /* its declaration was already reported */
    if (!u) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0305", at, "unknown unit '%s'", name);
        const char *near = suggest_unit(c, g, name, at);
        diag_zh(g, "单位“%s”未声明%s", name, near ? zh_suggestion(c, near) : "；请先在文件开头声明该单位");
    }
    return u;
}

static void unit_register(Checker *c, Unit *u)
{
    map_put(&c->units, c, u->name, u);
    VEC_GROW(c->unit_list, c->nunits, c->cap_units);
    c->unit_list[c->nunits++] = u;
}

static bool scaled_unit(Checker *c, UnitDecl *d, Unit *u)
{
    if (!packed_has(d->factor.value))
        return false;
    if (num_cmp(packed_num(d->factor.value), num_int(0)) <= 0) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0310", d->factor.span,
                              "a unit's factor must be greater than zero");
        diag_help(g, "write how many '%s' make one '%s', e.g. 'unit 万元 = 10000 元'", d->of.text,
                  d->name.text);
        return false;
    }
    const Unit *of = unit_find(c, d->of.text, d->of.span);
    if (!of)
        return false;
    if (of == u) {
        diag_report(c->diags, SEV_ERROR, "E0310", d->of.span, "unit '%s' is defined in terms of itself", d->name.text);
        return false;
    }
    u->base = of->base;
    NumStatus st = num_mul(packed_num(d->factor.value), of->factor, &u->factor);
    if (st != NUM_OK) {
        diag_overflow(c->diags, d->factor.span, st);
        return false;
    }
    return true;
}

static void duplicate_unit(Checker *c, const UnitDecl *d, const Unit *prev)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0304", d->name.span, "unit '%s' is declared twice", d->name.text);
    diag_label(g, prev->decl->name.span, "first declared here");
}

static Unit *new_unit(Checker *c, const UnitDecl *d)
{
    Unit *u = ARENA_NEW(c->arena, Unit);
    u->name = d->name.text;
    u->decl = d;
    u->base = u;
    u->factor = num_int(1);
    return u;
}

/* The unit a scaled unit is defined by, while it is still to be settled: NULL when the
 * definition is settled (a base unit, resolved, failed, unknown, or the unit itself). */
static Unit *pending_of(Checker *c, const Unit *u)
{
    Unit *of = map_get(&c->units, c, u->decl->of.text);
    return of && of != u && of->decl->scaled && !of->resolved && !of->failed ? of : NULL;
}

/* Settles u and the units it is defined through, innermost first: `unit A = k B` waits for
 * B. The chain is followed with a stack of its own, so units may be declared in any order
 * (base last) and a chain of any length costs its length. A chain that comes back to a unit
 * on it is a cycle: its units, and those defined through them, stay unsettled. */
static void settle(Checker *c, Unit *u, Map *seen, Unit ***stack, size_t *cap)
{
    size_t n = 0;
    for (Unit *v = u; v && !map_get(seen, v, NULL); v = pending_of(c, v)) {
        map_put(seen, v, NULL, v);
        VEC_GROW(*stack, n, *cap);
        (*stack)[n++] = v;
    }
    while (n > 0) {
        Unit *v = (*stack)[--n];
        if (pending_of(c, v))
            continue; /* defined through a cycle: reported below */
        v->failed = !scaled_unit(c, (UnitDecl *)v->decl, v);
        v->resolved = !v->failed;
    }
}

/* Base units first, then each scaled unit once the unit it is defined by is settled, so
 * `unit 万元 = 10000 元` may come before `unit 元`. What never settles is defined through
 * a cycle of units. */
static void declare_units(Checker *c)
{
    for (uint32_t i = 0; i < c->program->nunits; i++) {
        const UnitDecl *d = c->program->units[i];
        const Unit *prev = map_get(&c->units, c, d->name.text);
        if (prev)
            duplicate_unit(c, d, prev);
        else
            unit_register(c, new_unit(c, d));
    }
    Map seen = {0};
    Unit **stack = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < c->nunits; i++)
        if (c->unit_list[i]->decl->scaled && !c->unit_list[i]->resolved && !c->unit_list[i]->failed)
            settle(c, c->unit_list[i], &seen, &stack, &cap);
    free(stack);
    map_free(&seen);
    for (size_t i = 0; i < c->nunits; i++) {
        Unit *u = c->unit_list[i];
        if (u->decl->scaled && !u->resolved && !u->failed) {
            diag_report(c->diags, SEV_ERROR, "E0310", u->decl->of.span,
                        "unit '%s' is defined through a cycle of units", u->name);
            u->failed = true;
        }
    }
}

/* A rate's key: its two dimensions, in an order of their own (a rate USD = 7.1 元 is found
 * from either end). */
static void pair_key(const Unit *a, const Unit *b, const void **k1, const void **k2)
{
    bool swap = (uintptr_t)a->base > (uintptr_t)b->base;
    *k1 = swap ? b->base : a->base;
    *k2 = swap ? a->base : b->base;
}

/* The rate of every pair of dimensions is found through c->rate_pairs (the first rate of
 * the pair, then rate_next along the others), never by comparing each rate with every
 * other: 30,000 rates took 2.5 s. */
static void index_rate(Checker *c, uint32_t i, Map *last)
{
    const RateDecl *r = c->program->rates[i];
    const Unit *from = map_get(&c->units, c, r->from.text), *to = map_get(&c->units, c, r->to.text);
    c->rate_next[i] = 0;
    if (!from || !to)
        return;
    const void *k1, *k2;
    pair_key(from, to, &k1, &k2);
    uint32_t tail = (uint32_t)(uintptr_t)map_put(last, k1, k2, (void *)(uintptr_t)(i + 1));
    if (tail)
        c->rate_next[tail - 1] = i + 1;
    else
        map_put(&c->rate_pairs, k1, k2, (void *)(uintptr_t)(i + 1));
}

static const RateDecl *first_rate_between(Checker *c, const Unit *from, const Unit *to)
{
    const void *k1, *k2;
    pair_key(from, to, &k1, &k2);
    uint32_t first = (uint32_t)(uintptr_t)map_get(&c->rate_pairs, k1, k2);
    return first ? c->program->rates[first - 1] : NULL;
}

static void declare_rates(Checker *c)
{
    c->rate_next = ARENA_ARRAY(c->arena, uint32_t, c->program->nrates ? c->program->nrates : 1);
    Map last = {0}; /* each pair's last rate so far */
    for (uint32_t i = 0; i < c->program->nrates; i++) {
        const RateDecl *r = c->program->rates[i];
        const Unit *from = unit_find(c, r->from.text, r->from.span);
        const Unit *to = unit_find(c, r->to.text, r->to.span);
        const RateDecl *p = from && to ? first_rate_between(c, from, to) : NULL;
        if (from && to && unit_same_dim(from, to)) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0315", r->span,
                                  "a rate connects two dimensions, but '%s' and '%s' are one", r->from.text, r->to.text);
            diag_help(g, "'%s' converts to '%s' by its unit declaration; remove this rate", r->from.text, r->to.text);
        } else if (packed_has(r->factor.value) && num_cmp(packed_num(r->factor.value), num_int(0)) <= 0) {
            diag_report(c->diags, SEV_ERROR, "E0315", r->factor.span, "a rate must be greater than zero");
        } else if (p) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0315", r->span,
                                  "a second rate between %s and %s", r->from.text, r->to.text);
            diag_label(g, p->span, "first rate here");
            diag_help(g, "keep one rate per pair of currencies");
        }
        index_rate(c, i, &last);
    }
    map_free(&last);
}

/* A sign belongs to a dimension: declared on any of its units, it is its base unit's. */
static void declare_signs(Checker *c)
{
    for (size_t i = 0; i < c->nunits; i++) {
        const Unit *u = c->unit_list[i];
        Unit *base = (Unit *)u->base;
        if (!u->decl->sign || u->failed)
            continue;
        if (base->sign && base->sign != u->decl->sign) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0320", u->decl->sign_span,
                                  "unit '%s' is given the sign %s, but its currency %s has the sign %s", u->name,
                                  sign_text(u->decl->sign), base->name, sign_text(base->sign));
            diag_help(g, "one currency has one sign: keep the one its figures are printed with");
            continue;
        }
        base->sign = u->decl->sign;
    }
}

void units_declare(Checker *c)
{
    declare_units(c);
    declare_rates(c);
    declare_signs(c);
}

static bool sign_declared(Checker *c, Sign s)
{
    for (size_t i = 0; i < c->nunits; i++)
        if (c->unit_list[i]->base->sign == s)
            return true;
    return false;
}

void unit_check_sign(Checker *c, const Value *v, const Unit *u)
{
    if (!v->sign || (u && u->base->sign == v->sign))
        return;
    const char *sign = sign_text((Sign)v->sign);
    Diag *g;
    if (!sign_declared(c, (Sign)v->sign)) {
        g = diag_report(c->diags, SEV_ERROR, "E0321", v->span, "%s is written before this figure, but no unit has the sign %s",
                        sign, sign);
        diag_help(g, "give the currency's unit its sign, e.g. unit USD sign \"%s\"", sign);
        return;
    }
    g = diag_report(c->diags, SEV_ERROR, "E0321", v->span, "%s is written before this figure, but it is in %s", sign,
                    u ? u->name : "no unit");
    if (u && u->base->sign)
        diag_note(g, "%s is written %s", u->base->name, sign_text(u->base->sign));
    else
        diag_note(g, "%s has no currency sign", u ? u->name : "a plain number");
    diag_help(g, "remove the sign, or write the figure in the unit it stands for");
}

bool unit_same_dim(const Unit *a, const Unit *b)
{
    return (a ? a->base : NULL) == (b ? b->base : NULL);
}

NumStatus unit_convert(Num v, const Unit *from, const Unit *to, Num *out)
{
    if (from == to || !from || !to) {
        *out = v;
        return NUM_OK;
    }
    Num ratio;
    NumStatus st = num_div(from->factor, to->factor, &ratio);
    return st == NUM_OK ? num_mul(v, ratio, out) : st;
}

Dim dim_of(const Unit *u)
{
    Dim d = {{0}, {0}, 0};
    if (u) {
        d.base[0] = u->base;
        d.exp[0] = 1;
        d.n = 1;
    }
    return d;
}

bool dim_equal(const Dim *a, const Dim *b)
{
    if (a->n != b->n)
        return false;
    for (int i = 0; i < a->n; i++) {
        int j = 0;
        while (j < b->n && b->base[j] != a->base[i])
            j++;
        if (j == b->n || b->exp[j] != a->exp[i])
            return false;
    }
    return true;
}

/* a * b (sign 1) or a / b (sign -1); *ok is false when the result would need more than
 * MAX_DIMS distinct base units (the caller reports it). */
Dim dim_combine(const Dim *a, const Dim *b, int sign, bool *ok)
{
    Dim d = *a;
    *ok = true;
    for (int i = 0; i < b->n; i++) {
        int j = 0;
        while (j < d.n && d.base[j] != b->base[i])
            j++;
        if (j == d.n) {
            if (d.n == MAX_DIMS) {
                *ok = false;
                continue;
            }
            d.base[j] = b->base[i];
            d.exp[j] = 0;
            d.n++;
        }
        d.exp[j] = (int8_t)(d.exp[j] + sign * b->exp[i]);
    }
    int out = 0;
    for (int i = 0; i < d.n; i++) {
        if (d.exp[i] == 0)
            continue;
        d.base[out] = d.base[i];
        d.exp[out++] = d.exp[i];
    }
    d.n = (uint8_t)out;
    return d;
}

void dim_write(Buf *b, const Dim *d)
{
    if (d->n == 0) {
        buf_puts(b, "a plain number");
        return;
    }
    bool first = true;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < d->n; i++) {
            int e = d->exp[i];
            if ((pass == 0) != (e > 0))
                continue;
            buf_puts(b, pass == 1 ? "/" : (first ? "" : "·"));
            buf_puts(b, d->base[i]->name);
            int mag = e > 0 ? e : -e;
            if (mag > 1)
                buf_printf(b, "^%d", mag);
            first = false;
        }
    }
}

const RateDecl *rate_find(Checker *c, const Unit *from, const Unit *to, Num *factor)
{
    const void *k1, *k2;
    pair_key(from, to, &k1, &k2);
    for (uint32_t next = (uint32_t)(uintptr_t)map_get(&c->rate_pairs, k1, k2); next; next = c->rate_next[next - 1]) {
        const RateDecl *r = c->program->rates[next - 1];
        const Unit *rf = map_get(&c->units, c, r->from.text), *rt = map_get(&c->units, c, r->to.text);
        if (!packed_has(r->factor.value) || num_cmp(packed_num(r->factor.value), num_int(0)) <= 0)
            continue;
        /* one `from` = factor `to`; in base units: 1 from.base = factor*to.factor/from.factor to.base */
        Num k;
        if (num_mul(packed_num(r->factor.value), rt->factor, &k) != NUM_OK || num_div(k, rf->factor, &k) != NUM_OK)
            continue;
        if (rf->base == from->base && rt->base == to->base) {
            *factor = k;
            return r;
        }
        if (rf->base == to->base && rt->base == from->base && num_div(num_int(1), k, factor) == NUM_OK)
            return r;
    }
    return NULL;
}
