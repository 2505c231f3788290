/* build.c - AST constructors for the grammar actions. Statements inside a body are
 * sorted into place here, where misplaced ones (a `year` inside a group) are reported. */
#include "build.h"

#include <string.h>

void ptrlist_push(Arena *a, PtrList *l, void *p)
{
    if (l->n == l->cap) {
        uint32_t cap = l->cap ? l->cap * 2 : 4;
        void **items = ARENA_ARRAY(a, void *, cap);
        if (l->n)
            memcpy(items, l->items, l->n * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = p;
}

const char *span_text(ParseCtx *c, Span s)
{
    return intern(c->interns, c->source->text + s.start, s.end - s.start);
}

void stmts_append(StmtList *l, Stmt *s)
{
    if (l->tail)
        l->tail->next = s;
    else
        l->head = s;
    while (s->next)
        s = s->next;
    l->tail = s;
}

Stmt *stmt_new(ParseCtx *c, StmtKind kind, Span span)
{
    Stmt *s = ARENA_NEW(c->arena, Stmt);
    s->kind = kind;
    s->span = span;
    return s;
}

Value *value_number(ParseCtx *c, NumLit n, const char *unit, Span unit_span, Span span)
{
    Value *v = ARENA_NEW(c->arena, Value);
    v->span = span;
    v->stated = !n.invalid;
    v->num = n.value;
    v->decimals = n.decimals;
    v->unit_name = unit;
    v->unit_span = unit_span;
    return v;
}

Value *value_not_stated(ParseCtx *c, Span span)
{
    Value *v = ARENA_NEW(c->arena, Value);
    v->span = span;
    return v;
}

Values values_from(ParseCtx *c, PtrList *l, Span span)
{
    Values vs = {ARENA_ARRAY(c->arena, Value, l->n), l->n, span};
    for (uint32_t i = 0; i < l->n; i++)
        vs.items[i] = *(Value *)l->items[i];
    return vs;
}

void attrs_add_code(ParseCtx *c, Attrs *a, const char *scheme, Span num_span, Span span)
{
    CodeRef *r = ARENA_NEW(c->arena, CodeRef);
    r->scheme = scheme;
    r->code = (char *)span_text(c, num_span);
    r->span = span;
    if (a->last_code)
        a->last_code->next = r;
    else
        a->codes = r;
    a->last_code = r;
}

void attrs_add_note(ParseCtx *c, Attrs *a, char *text, Span span)
{
    Note *n = ARENA_NEW(c->arena, Note);
    n->text = text;
    n->span = span;
    if (a->last_note)
        a->last_note->next = n;
    else
        a->notes = n;
    a->last_note = n;
}

void attrs_add_tag(ParseCtx *c, Attrs *a, const char *key, char *value, Span span)
{
    Tag *t = ARENA_NEW(c->arena, Tag);
    t->key = key;
    t->value = value;
    t->span = span;
    if (a->last_tag)
        a->last_tag->next = t;
    else
        a->tags = t;
    a->last_tag = t;
}

Item *item_new(ParseCtx *c, ItemKind kind, const char *id, Span id_span, Label label,
               Values values, Attrs attrs, Span span)
{
    Item *it = ARENA_NEW(c->arena, Item);
    it->kind = kind;
    it->id = id;
    it->id_span = id_span;
    it->label = label.text;
    it->values = values;
    it->attrs = attrs;
    it->span = span;
    return it;
}

static const char *stmt_word(StmtKind k)
{
    switch (k) {
    case STMT_YEAR: return "year";
    case STMT_UNIT: return "unit";
    case STMT_ROUNDING: return "rounding";
    case STMT_COLUMNS: return "columns";
    case STMT_META: return "meta";
    default: return "statement";
    }
}

static void misplaced_setting(ParseCtx *c, Stmt *s)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0312", s->span,
                          "'%s' belongs to the budget, not to a group", stmt_word(s->kind));
    diag_help(g, "move this line to the budget's body, outside every group");
}

/* Appends a chain of checks at *tail (the end of a list) and returns the new end. */
static Check **append_checks(Check **tail, Check *chk)
{
    *tail = chk;
    while (*tail)
        tail = &(*tail)->next;
    return tail;
}

Item *group_new(ParseCtx *c, const char *id, Span id_span, Label label, Values totals,
                Attrs attrs, StmtList body, Span span, Check **hoisted)
{
    Item *g = item_new(c, ITEM_GROUP, id, id_span, label, totals, attrs, span);
    g->incomplete = body.lost;
    Item **tail = &g->children;
    Check **checks = hoisted;
    for (Stmt *s = body.head; s; s = s->next) {
        if (s->kind == STMT_ITEM) {
            s->u.item->parent = g;
            *tail = s->u.item;
            tail = &s->u.item->next;
            g->nchildren++;
        } else if (s->kind == STMT_CHECK) {
            checks = append_checks(checks, s->u.check);
        } else {
            misplaced_setting(c, s);
        }
    }
    return g;
}

Check *check_new(ParseCtx *c, bool is_warn, Expr *e, Value *within, Label msg, Span span)
{
    Check *k = ARENA_NEW(c->arena, Check);
    k->is_warn = is_warn;
    k->expr = e;
    if (within) {
        k->has_within = true;
        k->within = *within;
    }
    k->message = msg.text;
    k->span = span;
    return k;
}

Column *column_new(ParseCtx *c, const char *id, Label label, Span span)
{
    Column *col = ARENA_NEW(c->arena, Column);
    col->id = id;
    col->label = label.text;
    col->span = span;
    return col;
}

Meta *meta_new(ParseCtx *c, const char *key, char *value, Span span)
{
    Meta *m = ARENA_NEW(c->arena, Meta);
    m->key = key;
    m->value = value;
    m->span = span;
    return m;
}

static void duplicate_setting(ParseCtx *c, Stmt *s, Span first)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0308", s->span, "'%s' is set twice in this budget",
                          stmt_word(s->kind));
    diag_label(g, first, "first set here");
    diag_help(g, "keep one of the two lines");
}

/* Applies one budget-level setting; `seen` holds the first span of each kind. */
static void budget_setting(ParseCtx *c, Budget *b, Stmt *s, Span *seen, bool *set)
{
    if (set[s->kind]) {
        duplicate_setting(c, s, seen[s->kind]);
        return;
    }
    set[s->kind] = true;
    seen[s->kind] = s->span;
    switch (s->kind) {
    case STMT_YEAR:
        b->has_year = true;
        b->year = s->u.num;
        break;
    case STMT_UNIT:
        b->unit_name = s->u.unit.name;
        b->unit_span = s->u.unit.span;
        break;
    case STMT_ROUNDING:
        b->has_rounding = !s->u.num.invalid;
        b->rounding = s->u.num;
        break;
    case STMT_COLUMNS:
        b->has_columns = true;
        b->columns_span = s->span;
        b->ncolumns = s->u.columns.n;
        b->columns = ARENA_ARRAY(c->arena, Column, b->ncolumns);
        for (uint32_t i = 0; i < b->ncolumns; i++)
            b->columns[i] = *(Column *)s->u.columns.items[i];
        break;
    default:
        break;
    }
}

void budget_add(ParseCtx *c, const char *id, Span id_span, Label title, StmtList body, Span span)
{
    Budget *b = ARENA_NEW(c->arena, Budget);
    b->id = id;
    b->id_span = id_span;
    b->title = title.text;
    b->span = span;
    Span seen[STMT_META + 1] = {{0, 0, 0}};
    bool set[STMT_META + 1] = {false};
    Item **tail = &b->items;
    Check **checks = &b->checks;
    Meta **meta = &b->meta;
    for (Stmt *s = body.head; s; s = s->next) {
        if (s->kind == STMT_ITEM) {
            *tail = s->u.item;
            tail = &s->u.item->next;
            b->nitems++;
        } else if (s->kind == STMT_CHECK) {
            checks = append_checks(checks, s->u.check);
        } else if (s->kind == STMT_META) {
            *meta = s->u.meta;
            meta = &s->u.meta->next;
        } else {
            budget_setting(c, b, s, seen, set);
        }
    }
    *c->budgets_tail = b;
    c->budgets_tail = &b->next;
}

void unit_add(ParseCtx *c, const char *name, Span name_span, NumLit *factor, const char *of,
              Span of_span, Label label, Span span)
{
    UnitDecl *u = ARENA_NEW(c->arena, UnitDecl);
    u->name = name;
    u->name_span = name_span;
    u->span = span;
    u->label = label.text;
    if (factor) {
        u->scaled = true;
        u->factor = *factor;
        u->of_name = of;
        u->of_span = of_span;
    }
    *c->units_tail = u;
    c->units_tail = &u->next;
}

void rate_add(ParseCtx *c, const char *from, Span from_span, NumLit factor, const char *to,
              Span to_span, Span span)
{
    RateDecl *r = ARENA_NEW(c->arena, RateDecl);
    r->from = from;
    r->from_span = from_span;
    r->factor = factor;
    r->to = to;
    r->to_span = to_span;
    r->span = span;
    *c->rates_tail = r;
    c->rates_tail = &r->next;
}

/* Keeps every expression within MAX_EXPR_DEPTH; a deeper one is cut (after one report). */
static bool too_deep(ParseCtx *c, uint32_t depth, Span span)
{
    if (depth <= MAX_EXPR_DEPTH)
        return false;
    if (!c->expr_too_deep_reported) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0204", span,
                              "expression nested more than %d deep", MAX_EXPR_DEPTH);
        diag_help(g, "split the claim into several assertions");
        c->expr_too_deep_reported = true;
    }
    return true;
}

/* What stands for an expression cut at the depth limit: an invalid number, so the check
 * is reported invalid and never passes on what is left. */
static Expr *cut_expr(ParseCtx *c, Span span)
{
    Expr *e = ARENA_NEW(c->arena, Expr);
    e->kind = EXPR_NUM;
    e->span = span;
    e->u.num.invalid = true;
    e->u.num.value = num_int(0);
    return e;
}

static uint32_t depth_of(const Expr *a, const Expr *b)
{
    uint32_t d = a->depth;
    if (b && b->depth > d)
        d = b->depth;
    return d + 1;
}

static Expr *expr_new(ParseCtx *c, ExprKind kind, Span span)
{
    Expr *e = ARENA_NEW(c->arena, Expr);
    e->kind = kind;
    e->span = span;
    return e;
}

Expr *expr_number(ParseCtx *c, ExprKind kind, NumLit n, Span span)
{
    Expr *e = expr_new(c, kind, span);
    e->u.num = n;
    if (kind == EXPR_PERCENT && !n.invalid) {
        num_div(n.value, num_int(100), &e->u.num.value);
        e->u.num.decimals += 2;
    }
    return e;
}

PathPart *path_part(ParseCtx *c, const char *name, Span span)
{
    PathPart *p = ARENA_NEW(c->arena, PathPart);
    p->name = name;
    p->span = span;
    return p;
}

Expr *expr_ref(ParseCtx *c, PtrList *parts, Span span)
{
    Expr *e = expr_new(c, EXPR_REF, span);
    e->u.ref.n = parts->n;
    e->u.ref.parts = ARENA_ARRAY(c->arena, PathPart, parts->n);
    for (uint32_t i = 0; i < parts->n; i++)
        e->u.ref.parts[i] = *(PathPart *)parts->items[i];
    return e;
}

Expr *expr_pick(ParseCtx *c, Expr *base, const char *column, Span column_span, Span span)
{
    if (too_deep(c, depth_of(base, NULL), span))
        return cut_expr(c, span);
    Expr *e = expr_new(c, EXPR_PICK, span);
    e->depth = depth_of(base, NULL);
    e->u.pick.base = base;
    e->u.pick.column = column;
    e->u.pick.column_span = column_span;
    e->u.pick.index = -1;
    return e;
}

Expr *expr_op(ParseCtx *c, Op op, Expr *lhs, Expr *rhs, Span span)
{
    if (too_deep(c, depth_of(lhs, rhs), span))
        return cut_expr(c, span);
    Expr *e = expr_new(c, rhs ? EXPR_BINARY : EXPR_UNARY, span);
    e->depth = depth_of(lhs, rhs);
    e->u.op.op = op;
    e->u.op.lhs = lhs;
    e->u.op.rhs = rhs;
    return e;
}

Expr *expr_call(ParseCtx *c, const char *name, Span name_span, PtrList *args, Span span)
{
    Expr *e = expr_new(c, EXPR_CALL, span);
    for (uint32_t i = 0; i < args->n; i++) {
        uint32_t d = depth_of(args->items[i], NULL);
        if (d > e->depth)
            e->depth = d;
    }
    if (too_deep(c, e->depth, span))
        return cut_expr(c, span);
    e->u.call.name = name;
    e->u.call.name_span = name_span;
    e->u.call.args.n = args->n;
    e->u.call.args.items = (Expr **)args->items;
    return e;
}
