/* units.c - unit declarations, exact scale conversion, dimensions and rates. */
#include "check/units.h"

#include "base/utf8.h"
#include "check/zh.h"

#include <string.h>

/* Suggests the nearest unit, or declaring one, in g's help line (the fix writes it at
 * `at`); returns the unit's name or NULL. */
static const char *suggest_unit(Checker *c, Diag *g, const char *name, Span at)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < c->nunits; i++) {
        size_t d = edit_distance(name, c->unit_list[i]->name, best_d);
        if (d < best_d) {
            best_d = d;
            best = c->unit_list[i]->name;
        }
    }
    if (best) {
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

/* Base units first, then scaled units in rounds, so `unit 万元 = 10000 元` may come
 * before `unit 元`. What never resolves names an unknown unit (or a cycle). */
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
    bool progress = true;
    while (progress) {
        progress = false;
        for (size_t i = 0; i < c->nunits; i++) {
            Unit *u = c->unit_list[i];
            if (!u->decl->scaled || u->resolved || u->failed)
                continue;
            const Unit *of = map_get(&c->units, c, u->decl->of.text);
            if (of && of->decl->scaled && !of->resolved && !of->failed && of != u)
                continue; /* its base is not settled yet: next round */
            u->failed = !scaled_unit(c, (UnitDecl *)u->decl, u);
            u->resolved = !u->failed;
            progress = true;
        }
    }
    for (size_t i = 0; i < c->nunits; i++) {
        Unit *u = c->unit_list[i];
        if (u->decl->scaled && !u->resolved && !u->failed) {
            diag_report(c->diags, SEV_ERROR, "E0310", u->decl->of.span,
                        "unit '%s' is defined through a cycle of units", u->name);
            u->failed = true;
        }
    }
}

static void declare_rates(Checker *c)
{
    for (uint32_t i = 0; i < c->program->nrates; i++) {
        const RateDecl *r = c->program->rates[i];
        const Unit *from = unit_find(c, r->from.text, r->from.span);
        const Unit *to = unit_find(c, r->to.text, r->to.span);
        if (from && to && unit_same_dim(from, to)) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0315", r->span,
                                  "a rate connects two dimensions, but '%s' and '%s' are one", r->from.text, r->to.text);
            diag_help(g, "'%s' converts to '%s' by its unit declaration; remove this rate", r->from.text, r->to.text);
            continue;
        }
        if (packed_has(r->factor.value) && num_cmp(packed_num(r->factor.value), num_int(0)) <= 0) {
            diag_report(c->diags, SEV_ERROR, "E0315", r->factor.span, "a rate must be greater than zero");
            continue;
        }
        for (uint32_t j = 0; from && to && j < i; j++) {
            const RateDecl *p = c->program->rates[j];
            const Unit *pf = map_get(&c->units, c, p->from.text), *pt = map_get(&c->units, c, p->to.text);
            if (pf && pt && ((unit_same_dim(pf, from) && unit_same_dim(pt, to)) ||
                             (unit_same_dim(pf, to) && unit_same_dim(pt, from)))) {
                Diag *g = diag_report(c->diags, SEV_ERROR, "E0315", r->span,
                                      "a second rate between %s and %s", r->from.text, r->to.text);
                diag_label(g, p->span, "first rate here");
                diag_help(g, "keep one rate per pair of currencies");
                break;
            }
        }
    }
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
    for (uint32_t i = 0; i < c->program->nrates; i++) {
        const RateDecl *r = c->program->rates[i];
        const Unit *rf = map_get(&c->units, c, r->from.text), *rt = map_get(&c->units, c, r->to.text);
        if (!rf || !rt || !packed_has(r->factor.value) || num_cmp(packed_num(r->factor.value), num_int(0)) <= 0)
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
