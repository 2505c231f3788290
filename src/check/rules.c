/* rules.c - rule sets: their declaration, the binding of their roles in a budget, their
 * claims instantiated as the budget's checks, their other statements, and the ledger of
 * obligations (language.md 16). A claim is copied once per budget that applies it: each
 * role it names becomes a copy of the amount the role is bound to, so the checks are
 * evaluated, reported and output exactly like the budget's own. */
#include "check/rules.h"

#include "base/buf.h"
#include "base/show.h"
#include "base/utf8.h"
#include "check/eval.h"
#include "check/names.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* --- declaring rule sets ------------------------------------------------------------------ */

/* The role, column or param `id` of rule set r (indexed as the set is declared). */
static const Role *role_named(const Checker *c, const RuleSet *r, const char *id)
{
    return map_get(&c->roles, r, id);
}

static const char *kind_word(RoleKind k)
{
    static const char *const words[] = {"a role", "a column", "a param"};
    return words[k];
}

static void bad_rules(Checker *c, Span at, const char *help, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* E1111 in a rule set: the rule set is not applied anywhere. */
static void bad_rules(Checker *c, Span at, const char *help, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = str_vprintf(fmt, ap);
    va_end(ap);
    Diag *g = diag_report(c->diags, SEV_ERROR, "E1111", at, "%s", msg);
    if (help)
        diag_help(g, "%s", help);
    free(msg);
}

static bool names_role(Checker *c, const RuleSet *r, const Name *n, RoleKind kind)
{
    const Role *role = role_named(c, r, n->text);
    if (role && role->kind == kind)
        return true;
    static const char *const forms[] = {"declare it: role ID \"label\"", "declare it: column ID \"label\"",
                                        "declare it: param ID \"label\" = 10%"};
    if (role)
        bad_rules(c, n->span, NULL, "'%s' is %s of rule set '%s', not %s", n->text, kind_word(role->kind), r->id,
                  kind_word(kind));
    else
        bad_rules(c, n->span, forms[kind], "'%s' is not declared in rule set '%s'", n->text, r->id);
    return false;
}

/* Both operands are checked before the result is known, so that every bad name is reported. */
static bool all_named(bool first, bool second)
{
    return first && second;
}

/* A claim names roles (one name each, not paths) and picks column roles. */
static bool claim_names(Checker *c, const RuleSet *r, const Expr *e)
{
    switch (e->kind) {
    case EXPR_REF:
        if (e->u.ref.path.n != 1) {
            bad_rules(c, e->span, "bind the role to the path in the budget's apply block",
                      "a rule names roles, not paths");
            return false;
        }
        return all_named(names_role(c, r, &e->u.ref.path.items[0], ROLE_FIGURE),
                         !e->u.ref.column || names_role(c, r, e->u.ref.column, ROLE_COLUMN));
    case EXPR_PICK:
        return all_named(names_role(c, r, e->u.pick.column, ROLE_COLUMN), claim_names(c, r, e->u.pick.base));
    case EXPR_UNARY:
        return claim_names(c, r, e->u.op.lhs);
    case EXPR_BINARY:
        return all_named(claim_names(c, r, e->u.op.lhs), claim_names(c, r, e->u.op.rhs));
    case EXPR_CALL: {
        bool ok = true;
        for (uint32_t i = 0; i < e->u.call.nargs; i++)
            ok &= claim_names(c, r, e->u.call.args[i]);
        return ok;
    }
    default:
        return true;
    }
}

static bool stmt_names(Checker *c, const RuleSet *r, const RuleStmt *s)
{
    if (s->kind == RULE_CLAIM)
        return claim_names(c, r, s->check->expr);
    bool ok = true;
    for (uint32_t i = 0; i < s->roles.n; i++)
        ok &= names_role(c, r, &s->roles.items[i], ROLE_FIGURE);
    if (s->from.text)
        ok &= names_role(c, r, &s->from, ROLE_COLUMN);
    if (s->to.text)
        ok &= names_role(c, r, &s->to, ROLE_COLUMN);
    if (s->over.text)
        ok &= names_role(c, r, &s->over, ROLE_PARAM);
    return ok;
}

static bool obligation_ok(Checker *c, const RuleSet *r, const Obligation *o)
{
    if (!o->nstmts && !o->pending) {
        bad_rules(c, o->id.span, "write what it checks, or `pending \"why\"` to list it as not implemented yet",
                  "obligation '%s' has nothing to check", o->id.text);
        return false;
    }
    if (o->nstmts && o->pending) {
        bad_rules(c, o->id.span, "an obligation is checked or pending, not both: drop one",
                  "obligation '%s' has statements and is pending", o->id.text);
        return false;
    }
    bool ok = true;
    for (uint32_t i = 0; i < o->nstmts; i++)
        ok &= stmt_names(c, r, &o->stmts[i]);
    return ok;
}

static bool twice(Checker *c, const void *first, const Name *id, const char *what)
{
    if (!first)
        return false;
    bad_rules(c, id->span, NULL, "%s '%s' is declared twice in this rule set", what, id->text);
    return true;
}

/* Indexes r's roles (in c->roles: the first of an ID is kept) and checks the set. */
static bool ruleset_ok(Checker *c, const RuleSet *r)
{
    bool ok = true;
    for (uint32_t i = 0; i < r->nroles; i++) {
        const Role *role = &r->roles[i];
        ok &= !twice(c, map_first(&c->roles, r, role->id.text, (void *)role), &role->id, "role");
        if (role->kind == ROLE_PARAM && !packed_has(role->value.value))
            ok = false; /* its default was reported as it was read */
    }
    Map seen = {0};
    for (uint32_t i = 0; i < r->nobligations; i++) {
        const Obligation *o = &r->obligations[i];
        ok &= !twice(c, map_first(&seen, r, o->id.text, (void *)o), &o->id, "obligation");
        ok &= obligation_ok(c, r, o);
    }
    map_free(&seen);
    return ok;
}

static void unknown_rules(Checker *c, const Name *n)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E1101", n->span, "no rule set called '%s'", n->text);
    const RuleSet *best = NULL;
    size_t distance = strlen(n->text) < 4 ? 2 : 4;
    bool looked = suggest_begin(c);
    for (uint32_t i = 0; looked && i < c->program->nrulesets && c->suggest_work_left; i++) {
        size_t d = suggest_distance(c, n->text, c->program->rulesets[i]->id, distance + 1);
        if (d < distance)
            best = c->program->rulesets[i], distance = d;
    }
    if (best && c->suggest_work_left)
        diag_help(g, "did you mean '%s'?", best->id);
    else
        diag_help(g, "import the file that declares it, e.g. import \"std/cn/department-budget\"");
}

static void declare_shared(Checker *c, const Apply *a)
{
    const Apply *first = map_first(&c->shared_applies, c, a->as.text, (void *)a);
    if (first) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E1104", a->as.span, "shared bindings '%s' are declared twice",
                              a->as.text);
        diag_label(g, first->as.span, "first declared here");
        return;
    }
    if (map_get(&c->rulesets, c, a->as.text)) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E1104", a->as.span, "'%s' names a rule set already", a->as.text);
        diag_help(g, "give the shared bindings a name of their own");
        return;
    }
    if (!map_get(&c->rulesets, c, a->rules.text))
        unknown_rules(c, &a->rules);
}

void rulesets_declare(Checker *c)
{
    const Program *p = c->program;
    for (uint32_t i = 0; i < p->nrulesets; i++) {
        RuleSet *r = p->rulesets[i];
        const RuleSet *first = map_first(&c->rulesets, c, r->id, r);
        if (first) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E1111", r->id_span, "rule set '%s' is declared twice", r->id);
            diag_label(g, first->id_span, "first declared here");
        } else if (!ruleset_ok(c, r)) {
            map_put(&c->broken_rulesets, r, NULL, r);
        }
    }
    for (uint32_t i = 0; i < p->nshared_applies; i++)
        declare_shared(c, p->shared_applies[i]);
}

/* --- binding roles ------------------------------------------------------------------------ */

/* One `apply` of a budget being settled. */
typedef struct Binder {
    Checker *c;
    Budget *b;
    const Apply *apply; /* the budget's own block: what is reported is reported at it */
    const RuleSet *set;
    Ledger *ledger;
    Check **added;      /* the checks the budget gains */
    uint32_t nadded, cap_added;
} Binder;

static RoleFacts *facts_of_role(const Binder *bd, const Role *r)
{
    return &bd->ledger->roles[r - bd->set->roles];
}

/* "rule T1 of department_budget (std/cn/department-budget.bdl:40:3): title" */
static void note_origin(const Binder *bd, Diag *g, const Obligation *o)
{
    rule_note(bd->c, g, bd->set, o);
}

static void bind_block(Binder *bd, const Apply *block)
{
    Map seen = {0};
    for (uint32_t i = 0; i < block->nbindings; i++) {
        const Binding *bi = &block->bindings[i];
        const Role *role = role_named(bd->c, bd->set, bi->role.text);
        if (!role) {
            Diag *g = diag_report(bd->c->diags, SEV_ERROR, "E1103", bi->role.span, "rule set '%s' has no role '%s'",
                                  bd->set->id, bi->role.text);
            const Role *best = NULL;
            size_t distance = 3;
            bool looked = suggest_begin(bd->c);
            for (uint32_t k = 0; looked && k < bd->set->nroles && bd->c->suggest_work_left; k++) {
                size_t d = suggest_distance(bd->c, bi->role.text, bd->set->roles[k].id.text, distance + 1);
                if (d < distance)
                    best = &bd->set->roles[k], distance = d;
            }
            if (best && bd->c->suggest_work_left)
                diag_help(g, "did you mean '%s'?", best->id.text);
            continue;
        }
        const Binding *first = map_first(&seen, block, role->id.text, (void *)bi);
        if (first) {
            Diag *g = diag_report(bd->c->diags, SEV_ERROR, "E1104", bi->role.span, "role '%s' is bound twice",
                                  role->id.text);
            diag_label(g, first->role.span, "first bound here");
            continue;
        }
        facts_of_role(bd, role)->binding = bi; /* a budget's own binding overrides a shared one */
    }
    map_free(&seen);
}

static bool misfit(Binder *bd, const Binding *bi, const char *help, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* E1105: the binding is not what the role needs. */
static bool misfit(Binder *bd, const Binding *bi, const char *help, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = str_vprintf(fmt, ap);
    va_end(ap);
    Diag *g = diag_report(bd->c->diags, SEV_ERROR, "E1105", bi->span, "%s", msg);
    diag_help(g, "%s", help);
    free(msg);
    return false;
}

static bool settle_figure(Binder *bd, const Role *role, RoleFacts *rf)
{
    const Binding *bi = rf->binding;
    if (bi->kind == BIND_NONE && !role->optional) {
        Diag *g = diag_report(bd->c->diags, SEV_ERROR, "E1106", bi->span, "'%s' (%s) cannot be none: the rules require it",
                              role->id.text, role->label ? role->label : role->id.text);
        diag_help(g, "bind it to its figure, or write %s = - \"why\" when the spec does not give it", role->id.text);
        return false;
    }
    if (bi->kind != BIND_EXPR)
        return true;
    if (names_has_pick(bi->expr))
        return misfit(bd, bi, "bind the figure itself: the rule set picks the columns it compares",
                      "a binding cannot pick a column");
    names_resolve_expr(bd->c, bi->expr);
    Amount a = eval_amount(bd->c, bi->expr);
    if (a.is_claim)
        return misfit(bd, bi, "bind it to an item or an amount", "'%s' is a figure, not a claim", role->id.text);
    if (bi->expr->kind == EXPR_REF)
        rf->item = sema_expr(bd->c->sema, bi->expr)->target;
    return a.valid && (bi->expr->kind != EXPR_REF || rf->item);
}

/* The column a binding names: a column ID as written (2026) or a name (actual). */
static bool settle_column(Binder *bd, const Role *role, RoleFacts *rf)
{
    const Binding *bi = rf->binding;
    const Expr *e = bi->expr;
    if (bi->kind != BIND_EXPR)
        return true;
    const char *id = NULL;
    if (e->kind == EXPR_NUM && !e->u.num.unit)
        id = intern(bd->c->interns, bd->c->sources->items[e->span.file]->text + e->span.start, e->span.end - e->span.start);
    else if (e->kind == EXPR_REF && e->u.ref.path.n == 1 && !e->u.ref.column)
        id = e->u.ref.path.items[0].text;
    if (!id)
        return misfit(bd, bi, "write the column's ID, e.g. current = 2026", "'%s' is a column of the budget",
                      role->id.text);
    for (uint32_t i = 0; i < bd->b->ncolumns; i++)
        if (bd->b->columns[i].id == id)
            rf->column = (int)i;
    if (rf->column >= 0)
        return true;
    Diag *g = diag_report(bd->c->diags, SEV_ERROR, "E0307", e->span, "budget '%s' has no column '%s'", bd->b->id, id);
    diag_help(g, "bind %s to one of the budget's columns, or to none \"why\" when it has no such column", role->id.text);
    return false;
}

static bool settle_param(Binder *bd, const Role *role, RoleFacts *rf)
{
    const Binding *bi = rf->binding;
    const Expr *e = bi->kind == BIND_EXPR ? bi->expr : NULL;
    bool literal = e && (e->kind == EXPR_PERCENT || (e->kind == EXPR_NUM && !e->u.num.unit)) && packed_has(e->u.num.value);
    if (!literal || num_cmp(packed_num(e->u.num.value), num_int(0)) < 0)
        return misfit(bd, bi, "write a number or a percentage, e.g. change_threshold = 10%",
                      "'%s' is a setting: bind it to a number or a percentage of 0 or more", role->id.text);
    rf->value = packed_num(e->u.num.value);
    return true;
}

static void settle_roles(Binder *bd)
{
    Buf unbound = {0};
    uint32_t nunbound = 0;
    for (uint32_t i = 0; i < bd->set->nroles; i++) {
        const Role *role = &bd->set->roles[i];
        RoleFacts *rf = facts_of_role(bd, role);
        rf->column = -1;
        rf->value = num_int(0);
        if (!rf->binding && role->kind == ROLE_PARAM) {
            rf->value = packed_num(role->value.value);
            continue;
        }
        if (!rf->binding) {
            buf_printf(&unbound, "%s%s", nunbound++ ? ", " : "", role->id.text);
            rf->broken = true;
            continue;
        }
        bool ok = role->kind == ROLE_FIGURE   ? settle_figure(bd, role, rf)
                  : role->kind == ROLE_COLUMN ? settle_column(bd, role, rf)
                                              : settle_param(bd, role, rf);
        rf->broken = !ok;
    }
    if (nunbound) {
        Diag *g = diag_report(bd->c->diags, SEV_ERROR, "E1102", bd->apply->rules.span,
                              "%u role%s of rule set '%s' %s not bound: %s", nunbound, nunbound > 1 ? "s" : "",
                              bd->set->id, nunbound > 1 ? "are" : "is", unbound.data);
        for (uint32_t i = 0; i < bd->set->nroles; i++) {
            const Role *role = &bd->set->roles[i];
            if (facts_of_role(bd, role)->binding || role->kind == ROLE_PARAM)
                continue;
            Source *src = bd->c->sources->items[role->span.file];
            LineCol lc = source_linecol(src, role->span.start);
            diag_note(g, "%s: %s (%s:%u:%u)", role->id.text, role->label ? role->label : kind_word(role->kind),
                      src->name, lc.line, lc.col);
        }
        diag_help(g, "bind each: ROLE = path or amount; ROLE = none \"why\" when it is legitimately absent; "
                     "ROLE = - \"why\" when the spec does not give it");
    }
    buf_free(&unbound);
}

/* --- which obligations apply ------------------------------------------------------------- */

typedef void (*RoleVisit)(void *ctx, const Name *role, bool absent_ok);

static void claim_roles(const Expr *e, RoleVisit visit, void *ctx)
{
    switch (e->kind) {
    case EXPR_REF:
        visit(ctx, &e->u.ref.path.items[0], false);
        if (e->u.ref.column)
            visit(ctx, e->u.ref.column, false);
        break;
    case EXPR_PICK:
        visit(ctx, e->u.pick.column, false);
        claim_roles(e->u.pick.base, visit, ctx);
        break;
    case EXPR_UNARY:
        claim_roles(e->u.op.lhs, visit, ctx);
        break;
    case EXPR_BINARY:
        claim_roles(e->u.op.lhs, visit, ctx);
        claim_roles(e->u.op.rhs, visit, ctx);
        break;
    case EXPR_CALL:
        for (uint32_t i = 0; i < e->u.call.nargs; i++)
            claim_roles(e->u.call.args[i], visit, ctx);
        break;
    default:
        break;
    }
}

/* Every role a statement reads; `stated` accepts roles bound to none or to '-'. */
static void stmt_roles(const RuleStmt *s, RoleVisit visit, void *ctx)
{
    if (s->kind == RULE_CLAIM) {
        claim_roles(s->check->expr, visit, ctx);
        return;
    }
    for (uint32_t i = 0; i < s->roles.n; i++)
        visit(ctx, &s->roles.items[i], s->kind == RULE_STATED);
    const Name *words[] = {&s->from, &s->to, &s->over};
    for (size_t i = 0; i < 3; i++)
        if (words[i]->text)
            visit(ctx, words[i], false);
}

/* What keeps an obligation from being checked: a role left unbound or wrongly bound
 * (invalid), bound to none (not applicable), bound to '-' (skipped), in that order. */
typedef struct Blocker {
    const Binder *bd;
    DutyStatus status;
    const Binding *because;
} Blocker;

static int block_rank(DutyStatus s)
{
    return s == DUTY_INVALID ? 3 : s == DUTY_NOT_APPLICABLE ? 2 : s == DUTY_SKIPPED ? 1 : 0;
}

static void consider_role(void *ctx, const Name *name, bool absent_ok)
{
    Blocker *bl = ctx;
    const RoleFacts *rf = facts_of_role(bl->bd, role_named(bl->bd->c, bl->bd->set, name->text));
    DutyStatus s = DUTY_PASSED;
    if (rf->broken)
        s = DUTY_INVALID;
    else if (rf->binding && rf->binding->kind == BIND_NONE && !absent_ok)
        s = DUTY_NOT_APPLICABLE;
    else if (rf->binding && rf->binding->kind == BIND_UNSTATED && !absent_ok)
        s = DUTY_SKIPPED;
    if (block_rank(s) > block_rank(bl->status)) {
        bl->status = s;
        bl->because = s == DUTY_INVALID ? NULL : rf->binding;
    }
}

/* --- claims become checks of the budget ------------------------------------------------- */

static Expr *derive(Binder *bd, const Expr *e)
{
    Expr *copy = expr_derived(bd->c->arena, bd->c->program, e);
    sema_reserve_checks(bd->c->sema, bd->c->program->nexprs_made, bd->c->program->nchecks_made);
    return copy;
}

/* A copy of a binding's amount standing where the role is named (`at`, in the rule's
 * text, which is what the check shows), resolved as the binding was. */
static Expr *bound_copy(Binder *bd, const Expr *orig, Span at)
{
    Expr *e = derive(bd, orig);
    e->span = at;
    if (e->kind == EXPR_REF)
        *sema_expr(bd->c->sema, e) = *sema_expr(bd->c->sema, orig);
    if (e->kind == EXPR_UNARY || e->kind == EXPR_BINARY) {
        e->u.op.lhs = bound_copy(bd, orig->u.op.lhs, at);
        if (orig->u.op.rhs)
            e->u.op.rhs = bound_copy(bd, orig->u.op.rhs, at);
    } else if (e->kind == EXPR_CALL) {
        e->u.call.args = ARENA_ARRAY(bd->c->arena, Expr *, orig->u.call.nargs);
        for (uint32_t i = 0; i < orig->u.call.nargs; i++)
            e->u.call.args[i] = bound_copy(bd, orig->u.call.args[i], at);
    }
    return e;
}

static const RoleFacts *role_facts(const Binder *bd, const Name *n)
{
    return facts_of_role(bd, role_named(bd->c, bd->set, n->text));
}

/* A pick of column role `column` around `base`. */
static Expr *picked(Binder *bd, Expr *base, const Name *column, Span at)
{
    Expr pick = {.kind = EXPR_PICK, .span = at, .depth = (uint16_t)(base->depth + 1)};
    pick.u.pick.base = base;
    pick.u.pick.column = column;
    Expr *e = derive(bd, &pick);
    ExprFacts *f = sema_expr(bd->c->sema, e);
    f->column = role_facts(bd, column)->column;
    f->target = NULL;
    return e;
}

static Expr *instantiate(Binder *bd, const Expr *e)
{
    Expr *n;
    switch (e->kind) {
    case EXPR_REF:
        n = bound_copy(bd, role_facts(bd, &e->u.ref.path.items[0])->binding->expr, e->span);
        return e->u.ref.column ? picked(bd, n, e->u.ref.column, e->span) : n;
    case EXPR_PICK:
        return picked(bd, instantiate(bd, e->u.pick.base), e->u.pick.column, e->span);
    case EXPR_UNARY:
    case EXPR_BINARY:
        n = derive(bd, e);
        n->u.op.lhs = instantiate(bd, e->u.op.lhs);
        if (e->u.op.rhs)
            n->u.op.rhs = instantiate(bd, e->u.op.rhs);
        return n;
    case EXPR_CALL:
        n = derive(bd, e);
        n->u.call.args = ARENA_ARRAY(bd->c->arena, Expr *, e->u.call.nargs);
        for (uint32_t i = 0; i < e->u.call.nargs; i++)
            n->u.call.args[i] = instantiate(bd, e->u.call.args[i]);
        return n;
    default:
        return (Expr *)e; /* a literal: shared, it has no facts of its own */
    }
}

static Check *add_claim(Binder *bd, const Obligation *o, const Check *origin)
{
    Applied *from = ARENA_NEW(bd->c->arena, Applied);
    *from = (Applied){bd->apply, bd->set, o, origin};
    Check *k = check_derived(bd->c->arena, bd->c->program, origin, instantiate(bd, origin->expr));
    sema_reserve_checks(bd->c->sema, bd->c->program->nexprs_made, bd->c->program->nchecks_made);
    k->applied = from;
    k->span = bd->apply->rules.span;
    k->message = origin->message ? origin->message : o->title;
    VEC_GROW(bd->added, bd->nadded, bd->cap_added);
    bd->added[bd->nadded++] = k;
    return k;
}

static void settle_duty(Binder *bd, const Obligation *o, Duty *d)
{
    d->obligation = o;
    if (o->pending) {
        d->status = DUTY_NOT_IMPLEMENTED;
        d->reason = o->pending;
        return;
    }
    Blocker bl = {bd, DUTY_PASSED, NULL};
    for (uint32_t i = 0; i < o->nstmts; i++)
        stmt_roles(&o->stmts[i], consider_role, &bl);
    d->status = bl.status;
    d->because = bl.because;
    d->reason = bl.because ? bl.because->reason : NULL;
    if (d->status != DUTY_PASSED)
        return;
    for (uint32_t i = 0; i < o->nstmts; i++)
        d->nchecks += o->stmts[i].kind == RULE_CLAIM;
    d->checks = ARENA_ARRAY(bd->c->arena, Check *, d->nchecks ? d->nchecks : 1);
    uint32_t n = 0;
    for (uint32_t i = 0; i < o->nstmts; i++)
        if (o->stmts[i].kind == RULE_CLAIM)
            d->checks[n++] = add_claim(bd, o, o->stmts[i].check);
}

/* The rule set `a` names, directly or through shared bindings; NULL when there is none to
 * follow (reported here, or where the shared bindings or the rule set are written). */
static const RuleSet *followed(Checker *c, const Apply *a, const Apply **shared)
{
    *shared = NULL;
    const RuleSet *r = map_get(&c->rulesets, c, a->rules.text);
    if (!r) {
        *shared = map_get(&c->shared_applies, c, a->rules.text);
        if (!*shared) {
            unknown_rules(c, &a->rules);
            return NULL;
        }
        r = map_get(&c->rulesets, c, (*shared)->rules.text);
    }
    return r && !map_get(&c->broken_rulesets, r, NULL) ? r : NULL;
}

static void add_checks(Binder *bd)
{
    Budget *b = bd->b;
    if (!bd->nadded)
        return;
    Check **all = ARENA_ARRAY(bd->c->arena, Check *, b->nchecks + bd->nadded);
    if (b->nchecks)
        memcpy(all, b->checks, b->nchecks * sizeof *all);
    memcpy(all + b->nchecks, bd->added, bd->nadded * sizeof *all);
    b->checks = all;
    b->nchecks += bd->nadded;
}

static void apply_one(Binder *bd, const Apply *a, Map *followed_sets)
{
    const Apply *shared;
    bd->apply = a;
    bd->set = followed(bd->c, a, &shared);
    bd->ledger = sema_ledger(bd->c->sema, a);
    if (!bd->set)
        return;
    const Apply *first = map_first(followed_sets, bd->b, bd->set->id, (void *)a);
    if (first) {
        Diag *g = diag_report(bd->c->diags, SEV_ERROR, "E1104", a->rules.span, "budget '%s' follows rule set '%s' twice",
                              bd->b->id, bd->set->id);
        diag_label(g, first->rules.span, "first applied here");
        bd->set = NULL;
        return;
    }
    Ledger *l = bd->ledger;
    *l = (Ledger){.set = bd->set, .shared = shared};
    l->roles = ARENA_ARRAY(bd->c->arena, RoleFacts, bd->set->nroles ? bd->set->nroles : 1);
    l->duties = ARENA_ARRAY(bd->c->arena, Duty, bd->set->nobligations ? bd->set->nobligations : 1);
    if (shared)
        bind_block(bd, shared);
    bind_block(bd, a);
    settle_roles(bd);
    for (uint32_t i = 0; i < bd->set->nobligations; i++)
        settle_duty(bd, &bd->set->obligations[i], &l->duties[i]);
}

void rules_apply(Checker *c, Budget *b)
{
    if (!b->napplies)
        return;
    Binder bd = {.c = c, .b = b};
    Map followed_sets = {0};
    for (uint32_t i = 0; i < b->napplies; i++)
        apply_one(&bd, b->applies[i], &followed_sets);
    map_free(&followed_sets);
    add_checks(&bd);
    free(bd.added);
}

/* --- the other statements ----------------------------------------------------------------- */

/* Invalid, then failed, then skipped: an obligation is passed only when all of it is. */
static DutyStatus worse(DutyStatus a, DutyStatus b)
{
    static const int rank[DUTY_STATUSES] = {0, 2, 1, 3, 0, 0};
    return rank[b] > rank[a] ? b : a;
}

/* The item a statement reads a role's figures from (notes, labels); a role bound to an
 * amount that is not one item cannot be read so (E1105). */
static const Item *statement_item(Binder *bd, const Name *n, const char *why)
{
    const RoleFacts *rf = role_facts(bd, n);
    if (!rf->item) {
        Diag *g = diag_report(bd->c->diags, SEV_ERROR, "E1105", rf->binding->span,
                              "'%s' is bound to an amount, but the rule %s", n->text, why);
        diag_help(g, "bind %s to one item of the budget", n->text);
    }
    return rf->item;
}

static bool has_words(const char *text, char *const *words, uint32_t n)
{
    for (uint32_t i = 0; text && i < n; i++)
        if (!strstr(text, words[i]))
            return false;
    return text != NULL;
}

static bool noted_with(const Item *it, char *const *words, uint32_t n)
{
    for (uint32_t i = 0; i < it->ntags; i++)
        if (!it->tags[i].key && has_words(it->tags[i].value, words, n))
            return true;
    return false;
}

static bool has_note(const Item *it)
{
    for (uint32_t i = 0; i < it->ntags; i++)
        if (!it->tags[i].key)
            return true;
    return false;
}

/* A group whose every figure is stated and zero: a table with nothing in it. (A single
 * item of 0 is a figure stated as 0, not an empty table.) */
static bool empty_table(const Checker *c, const Budget *b, const Item *it)
{
    bool stated = false;
    if (it->kind != ITEM_GROUP)
        return false;
    for (uint32_t col = 0; col < b->ncolumns; col++) {
        Cell v = sema_cell(c->sema, it, col);
        if (cell_stated(v) && num_cmp(cell_value(v), num_int(0)) != 0)
            return false;
        stated |= cell_stated(v);
    }
    return stated;
}

/* The required words, quoted as the message's language quotes: "政府性基金" and "无" in
 * English, 「政府性基金」、「无」 in Chinese. */
static void quote_words(Buf *out, const Role *role, bool zh)
{
    for (uint32_t i = 0; i < role->nempty_words; i++)
        buf_printf(out, zh ? "%s「%s」" : "%s\"%s\"", i ? (zh ? "、" : " and ") : "", role->empty_words[i]);
}

/* E1107: a table stated empty without the wording the rules require. */
static void empty_unsaid(Binder *bd, const Obligation *o, const Role *role, const Item *zero_table)
{
    Buf words = {0}, zh = {0};
    quote_words(&words, role, false);
    quote_words(&zh, role, true);
    const Binding *bi = role_facts(bd, &role->id)->binding;
    Diag *g = diag_report(bd->c->diags, SEV_ERROR, "E1107", bd->apply->rules.span,
                          "'%s' (%s) is stated empty without saying %s", role->id.text,
                          role->label ? role->label : role->id.text, words.data);
    diag_label(g, zero_table ? zero_table->id_span : bi->span, zero_table ? "every figure of it is 0" : "stated empty here");
    diag_zh(g, "“%s”（%s）列为空表，但未按要求说明%s", role->label ? role->label : role->id.text, role->id.text, zh.data);
    note_origin(bd, g, o);
    if (zero_table)
        diag_help(g, "say why the table is empty in a note on it: note \"...%s...\"", role->empty_words[0]);
    else
        diag_help(g, "say it in the reason: %s = none \"...%s...\"", role->id.text, role->empty_words[0]);
    buf_free(&words), buf_free(&zh);
}

static DutyStatus run_stated(Binder *bd, const Obligation *o, const RuleStmt *s)
{
    DutyStatus st = DUTY_PASSED;
    for (uint32_t i = 0; i < s->roles.n; i++) {
        const Role *role = role_named(bd->c, bd->set, s->roles.items[i].text);
        const RoleFacts *rf = facts_of_role(bd, role);
        if (rf->binding->kind == BIND_UNSTATED) {
            st = worse(st, DUTY_SKIPPED);
        } else if (rf->binding->kind == BIND_NONE) {
            if (!has_words(rf->binding->reason, role->empty_words, role->nempty_words))
                empty_unsaid(bd, o, role, NULL), st = DUTY_FAILED;
        } else if (role->optional && rf->item && empty_table(bd->c, bd->b, rf->item) &&
                   !noted_with(rf->item, role->empty_words, role->nempty_words)) {
            empty_unsaid(bd, o, role, rf->item), st = DUTY_FAILED;
        }
    }
    return st;
}

/* |now - before| >= threshold * |before|, or a change from zero: the rules want a reason. */
static bool needs_reason(Num before, Num now, Num threshold)
{
    Num change, bound;
    if (num_cmp(before, num_int(0)) == 0)
        return num_cmp(now, num_int(0)) != 0;
    if (num_sub(now, before, &change) != NUM_OK || num_mul(threshold, num_abs(before), &bound) != NUM_OK)
        return true; /* too large to compare exactly: as large a change as there is */
    return num_cmp(num_abs(change), bound) >= 0;
}

static void show_change(Buf *out, Num before, Num now, const char *unit)
{
    char a[NUM_STR_MAX], b[NUM_STR_MAX], d[NUM_STR_MAX];
    Num change, share;
    num_show(before, a);
    num_show(now, b);
    buf_printf(out, "%s -> %s %s", a, b, unit);
    if (num_sub(now, before, &change) != NUM_OK)
        return;
    num_show(change, d);
    buf_printf(out, " (%s%s", num_cmp(change, num_int(0)) > 0 ? "+" : "", d);
    if (num_cmp(before, num_int(0)) != 0 && num_div(change, num_abs(before), &share) == NUM_OK &&
        num_mul(share, num_int(100), &share) == NUM_OK && num_round(share, num_step(2), &share) == NUM_OK) {
        num_show(share, d);
        buf_printf(out, ", %s%s%%", num_cmp(share, num_int(0)) > 0 ? "+" : "", d);
    }
    buf_putc(out, ')');
}

static void reason_missing(Binder *bd, const Obligation *o, const RuleStmt *s, const Item *it, Num before, Num now)
{
    const RoleFacts *from = role_facts(bd, &s->from), *to = role_facts(bd, &s->to);
    char *path = item_path(it), pct[NUM_STR_MAX];
    Buf change = {0};
    show_change(&change, before, now, unit_name(facts_of(bd->c, it)->unit));
    Num threshold = role_facts(bd, &s->over)->value, shown;
    if (num_mul(threshold, num_int(100), &shown) != NUM_OK)
        shown = threshold;
    num_show(shown, pct);
    Diag *g = diag_report(bd->c->diags, SEV_ERROR, "E1108", bd->apply->rules.span,
                          "'%s' changes by %s%% or more from %s to %s, and no note says why", path, pct,
                          bd->b->columns[from->column].id, bd->b->columns[to->column].id);
    diag_label(g, it->id_span, "this item carries no note");
    diag_note(g, "%s: %s", path, change.data);
    note_origin(bd, g, o);
    diag_help(g, "write the reason on the item: note \"主要原因是……\" (or set %s for this budget)", s->over.text);
    buf_free(&change);
    free(path);
}

static DutyStatus run_reasons(Binder *bd, const Obligation *o, const RuleStmt *s)
{
    DutyStatus st = DUTY_PASSED;
    int from = role_facts(bd, &s->from)->column, to = role_facts(bd, &s->to)->column;
    for (uint32_t i = 0; i < s->roles.n; i++) {
        const Item *it = statement_item(bd, &s->roles.items[i], "reads its note");
        if (!it)
            return DUTY_INVALID;
        Cell before = sema_cell(bd->c->sema, it, (uint32_t)from), now = sema_cell(bd->c->sema, it, (uint32_t)to);
        if (!cell_stated(before) || !cell_stated(now)) {
            st = worse(st, DUTY_SKIPPED);
        } else if (needs_reason(cell_value(before), cell_value(now), role_facts(bd, &s->over)->value) && !has_note(it)) {
            reason_missing(bd, o, s, it, cell_value(before), cell_value(now));
            st = DUTY_FAILED;
        }
    }
    return st;
}

static void rate_on_zero(Binder *bd, const Obligation *o, const RuleStmt *s, const Item *it, const RateQuote *q)
{
    char *path = item_path(it);
    Diag *g = diag_report(bd->c->diags, SEV_ERROR, "E1109", bd->apply->rules.span,
                          "a growth rate is quoted for '%s', whose figure in %s is 0", path,
                          bd->b->columns[role_facts(bd, &s->from)->column].id);
    diag_label(g, q->span, "growth rate quoted here");
    note_origin(bd, g, o);
    diag_help(g, "a change from zero has no rate: write the amount of the change instead, e.g. 增加1万元");
    free(path);
}

/* Every growth rate quoted for the role's item: on a base not stated it cannot be told
 * (skipped), on a base of 0 it is wrong. An item no text quotes a rate for is fine. */
/* Every growth rate quoted for a role's item: on a base not stated it cannot be told
 * (skipped), on a base of 0 it is wrong. An item no text quotes a rate for is fine. The
 * quotes are read once, each looked up among the roles' items. */
static DutyStatus run_zero_base(Binder *bd, const Obligation *o, const RuleStmt *s)
{
    DutyStatus st = DUTY_PASSED;
    Map items = {0};
    for (uint32_t i = 0; i < s->roles.n; i++) {
        const Item *it = statement_item(bd, &s->roles.items[i], "looks for its label in the texts");
        if (!it)
            st = DUTY_INVALID;
        else
            map_put(&items, bd->b, it, (void *)it);
    }
    int from = role_facts(bd, &s->from)->column;
    for (uint32_t t = 0; st != DUTY_INVALID && t < bd->b->ntexts; t++) {
        const TextFacts *tf = sema_text(bd->c->sema, bd->b->texts[t]);
        for (uint32_t q = 0; q < tf->nrates; q++) {
            const Item *it = map_get(&items, bd->b, tf->rates[q].item);
            Cell base = it ? sema_cell(bd->c->sema, it, (uint32_t)from) : packed_none();
            if (it && !cell_stated(base))
                st = worse(st, DUTY_SKIPPED);
            else if (it && num_cmp(cell_value(base), num_int(0)) == 0)
                rate_on_zero(bd, o, s, it, &tf->rates[q]), st = DUTY_FAILED;
        }
    }
    map_free(&items);
    return st;
}

static void sums_differ(Binder *bd, const Obligation *o, const Item *it, int total, Num sum, Num bound)
{
    char *path = item_path(it), a[NUM_STR_MAX], b[NUM_STR_MAX], r[NUM_STR_MAX];
    const char *unit = unit_name(facts_of(bd->c, it)->unit), *col = bd->b->columns[total].id;
    num_show(cell_value(sema_cell(bd->c->sema, it, (uint32_t)total)), a);
    num_show(sum, b);
    num_show(bound, r);
    Diag *g = diag_report(bd->c->diags, SEV_ERROR, "E1110", bd->apply->rules.span,
                          "'%s' [%s] is %s %s, but the other columns sum to %s %s", path, col, a, unit, b, unit);
    diag_label(g, it->id_span, "its figures");
    diag_note(g, "allowed difference: %s %s (the rounding of the figures summed)", r, unit);
    note_origin(bd, g, o);
    free(path);
}

/* The figure in `total` against the sum of the other columns, within the rounding of the
 * n + 1 figures (section 9). */
static DutyStatus column_sum(Binder *bd, const Obligation *o, const Item *it, int total)
{
    NumSum acc = num_sum_start();
    uint32_t n = 0;
    for (uint32_t col = 0; col < bd->b->ncolumns; col++)
        if ((int)col != total && (n++, !cell_sum_add(&acc, sema_cell(bd->c->sema, it, col))))
            return DUTY_SKIPPED;
    Cell stated = sema_cell(bd->c->sema, it, (uint32_t)total);
    Num sum = num_sum_total(acc), diff, bound = num_int(0);
    if (!cell_stated(stated) || num_sub(cell_value(stated), sum, &diff) != NUM_OK)
        return DUTY_SKIPPED;
    if (bd->c->facts->rounding_valid && num_mul(num_int((int64_t)n + 1), packed_num(bd->b->rounding.value), &bound) == NUM_OK)
        num_div(bound, num_int(2), &bound);
    if (num_cmp(num_abs(diff), bound) <= 0)
        return DUTY_PASSED;
    sums_differ(bd, o, it, total, sum, bound);
    return DUTY_FAILED;
}

static DutyStatus run_sums(Binder *bd, const Obligation *o, const RuleStmt *s)
{
    DutyStatus st = DUTY_PASSED;
    for (uint32_t i = 0; i < s->roles.n; i++) {
        const Item *it = statement_item(bd, &s->roles.items[i], "reads its figure in every column");
        if (!it)
            return DUTY_INVALID;
        st = worse(st, column_sum(bd, o, it, role_facts(bd, &s->to)->column));
    }
    return st;
}

/* --- the ledger ------------------------------------------------------------------------- */

static DutyStatus of_check(const Checker *c, const Check *k)
{
    static const DutyStatus by_check[CHECK_STATUSES] = {DUTY_PASSED, DUTY_FAILED, DUTY_SKIPPED, DUTY_INVALID};
    return by_check[sema_check(c->sema, k)->status];
}

/* A `stated` table bound to '-' is why its obligation was skipped: say so in the ledger. */
static void skipped_because(const Binder *bd, Duty *d)
{
    const Obligation *o = d->obligation;
    for (uint32_t i = 0; i < o->nstmts && !d->because; i++) {
        const RuleStmt *s = &o->stmts[i];
        for (uint32_t k = 0; s->kind == RULE_STATED && k < s->roles.n && !d->because; k++) {
            const Binding *bi = role_facts(bd, &s->roles.items[k])->binding;
            if (bi->kind == BIND_UNSTATED)
                d->because = bi, d->reason = bi->reason;
        }
    }
}

static void finish_duty(Binder *bd, Duty *d)
{
    const Obligation *o = d->obligation;
    DutyStatus st = DUTY_PASSED;
    uint32_t claim = 0;
    for (uint32_t i = 0; i < o->nstmts; i++) {
        const RuleStmt *s = &o->stmts[i];
        switch (s->kind) {
        case RULE_CLAIM: st = worse(st, of_check(bd->c, d->checks[claim++])); break;
        case RULE_STATED: st = worse(st, run_stated(bd, o, s)); break;
        case RULE_REASONS: st = worse(st, run_reasons(bd, o, s)); break;
        case RULE_ZERO_BASE: st = worse(st, run_zero_base(bd, o, s)); break;
        case RULE_SUMS: st = worse(st, run_sums(bd, o, s)); break;
        }
    }
    d->status = st;
    if (st == DUTY_SKIPPED)
        skipped_because(bd, d);
}

void rules_finish(Checker *c, Budget *b)
{
    for (uint32_t i = 0; i < b->napplies; i++) {
        Ledger *l = sema_ledger(c->sema, b->applies[i]);
        if (!l->set)
            continue;
        Binder bd = {.c = c, .b = b, .apply = b->applies[i], .set = l->set, .ledger = l};
        for (uint32_t k = 0; k < l->set->nobligations; k++) {
            Duty *d = &l->duties[k];
            if (d->status == DUTY_PASSED)
                finish_duty(&bd, d);
            l->counts[d->status]++;
        }
    }
}
