/* names.c - item IDs: uniqueness among siblings, and resolution of references
 * (dotted paths from the budget, or bare names unique in the budget). */
#include "check/names.h"

#include "base/buf.h"
#include "base/utf8.h"
#include "check/zh.h"

#include <stdlib.h>
#include <string.h>

static void duplicate_id(Checker *c, const Item *it, const Item *first)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0301", it->id_span, "'%s' is defined twice in %s",
                          it->id, it->parent ? "this group" : "this budget");
    diag_label(g, first->id_span, "first defined here");
    diag_help(g, "IDs must be unique among siblings; rename one of them");
}

static void duplicate_tags(Checker *c, const Item *it)
{
    if (it->ntags < 2)
        return;
    Map seen = {0};
    for (uint32_t i = 0; i < it->ntags; i++) {
        const Tag *t = &it->tags[i];
        const Tag *first = t->key ? map_first(&seen, it, t->key, (void *)t) : NULL; /* notes have no key */
        if (!first)
            continue;
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0311", t->span, "tag '%s' is set twice on '%s'", t->key, it->id);
        diag_label(g, first->span, "first set here");
    }
    map_free(&seen);
}

/* A scope (a group's children, or a budget's top level) of at most SMALL_SCOPE items is
 * searched in order; a larger one is hashed in c->siblings. Most groups are small, and
 * scanning a few neighbours beats a probe into a table of a million entries. */
enum { SMALL_SCOPE = 16 };

typedef struct Scope {
    Item **items;
    uint32_t n;
    const void *key; /* the parent item, or the budget */
} Scope;

static Scope scope_of(const Budget *b, const Item *parent)
{
    if (parent)
        return (Scope){parent->children, parent->nchildren, parent};
    return (Scope){b->items, b->nitems, b};
}

/* The first item called `id` among the scope's first `upto` items. */
static Item *scan_scope(Scope s, uint32_t upto, const char *id)
{
    for (uint32_t i = 0; i < upto; i++)
        if (s.items[i]->id == id)
            return s.items[i];
    return NULL;
}

Item *names_child(Checker *c, const Budget *b, const Item *parent, const char *id)
{
    Scope s = scope_of(b, parent);
    if (s.n > SMALL_SCOPE)
        return map_get(&c->siblings, s.key, id);
    return scan_scope(s, s.n, id);
}

void names_index(Checker *c, Budget *b)
{
    for (Item *it = b->nitems ? b->items[0] : NULL; it; it = item_next(b, it)) {
        duplicate_tags(c, it);
        Scope s = scope_of(b, it->parent);
        bool hashed = s.n > SMALL_SCOPE;
        Item *first = hashed ? map_get(&c->siblings, s.key, it->id) : scan_scope(s, it->sibling, it->id);
        if (first) {
            duplicate_id(c, it, first);
            facts_of(c, it)->excluded = true; /* neither referable nor summed: only the first counts */
            if (it->parent)
                facts_of(c, it->parent)->incomplete = true;
        } else if (hashed) {
            map_put(&c->siblings, s.key, it->id, it);
        }
    }
}

/* Bare names are indexed on first use: most specs name items by their dotted path. The
 * bare map holds the last item of each ID; same_name leads from an item to the one before
 * it with its ID (kept out of Item: only an ambiguous bare name needs it). */
static void index_bare_names(Checker *c, Budget *b)
{
    for (Item *it = b->nitems ? b->items[0] : NULL; it; it = item_next(b, it)) {
        if (names_child(c, b, it->parent, it->id) != it)
            continue; /* a duplicate */
        Item *before = map_put(&c->bare, b, it->id, it);
        if (before)
            map_put(&c->same_name, it, NULL, before);
    }
    c->bare_indexed = b;
}

static Item *same_name_before(Checker *c, const Item *it)
{
    return map_get(&c->same_name, it, NULL);
}

static uint32_t item_depth(const Item *it)
{
    uint32_t d = 0;
    for (; it->parent; it = it->parent)
        d++;
    return d;
}

bool suggest_begin(Checker *c)
{
    if (c->suggestions_left == 0 || c->suggest_work_left == 0)
        return false;
    c->suggestions_left--;
    return true;
}

size_t suggest_distance(Checker *c, const char *name, const char *candidate, size_t cap)
{
    size_t work = 0, d = c->suggest_work_left ? edit_distance(name, candidate, cap, &work) : cap;
    c->suggest_work_left = work < c->suggest_work_left ? c->suggest_work_left - work : 0;
    return d;
}

typedef struct Nearest {
    const char *name;
    const Item *best;
    size_t distance;
} Nearest;

static void consider(Checker *c, Nearest *n, const Item *it)
{
    size_t d = suggest_distance(c, n->name, it->id, n->distance + 1);
    if (d < n->distance || (n->best && d == n->distance && item_depth(it) < item_depth(n->best))) {
        n->distance = d;
        n->best = it;
    }
}

/* Suggests the nearest ID among the children of `parent`, or in the whole budget, in g's
 * help line; the fix writes the child's ID, or the item's whole path in place of a path's
 * first name. Returns the suggestion (in the arena), or NULL. */
static const char *suggest_name(Checker *c, Diag *g, const Name *name, const Item *parent, bool whole_budget)
{
    if (!suggest_begin(c))
        return NULL;
    Nearest n = {name->text, NULL, strlen(name->text) < 4 ? 2 : 3};
    const Budget *b = c->budget;
    if (whole_budget)
        for (const Item *it = b->nitems ? b->items[0] : NULL; it && c->suggest_work_left; it = item_next(b, it))
            consider(c, &n, it);
    else
        for (uint32_t i = 0; i < parent->nchildren && c->suggest_work_left; i++)
            consider(c, &n, parent->children[i]);
    if (!n.best || !c->suggest_work_left) /* a scan cut short might have missed the nearest */
        return NULL;
    char *path = item_path(n.best);
    diag_help(g, "did you mean '%s'?", path);
    diag_fix(g, name->span, whole_budget ? path : n.best->id);
    const char *kept = arena_strdup(c->arena, path);
    free(path);
    return kept;
}

static void ambiguous(Checker *c, const Name *p, Item *last)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0303", p->span, "'%s' is ambiguous", p->text);
    size_t n = 0;
    for (Item *it = last; it; it = same_name_before(c, it))
        n++;
    Item **all = xmalloc(n * sizeof *all); /* the candidates in source order */
    size_t i = n;
    for (Item *it = last; it; it = same_name_before(c, it))
        all[--i] = it;
    for (i = 0; i < n; i++) {
        char *path = item_path(all[i]);
        diag_label(g, all[i]->id_span, "could be '%s'", path);
        free(path);
    }
    free(all);
    diag_help(g, "write the dotted path of the one you mean");
}

static Item *resolve_first(Checker *c, const Name *p)
{
    Item *top = names_child(c, c->budget, NULL, p->text);
    if (top)
        return top;
    if (c->bare_indexed != c->budget)
        index_bare_names(c, c->budget);
    Item *last = map_get(&c->bare, c->budget, p->text);
    if (last && !same_name_before(c, last))
        return last;
    if (last) {
        ambiguous(c, p, last);
        return NULL;
    }
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0302", p->span, "unknown name '%s'", p->text);
    const char *near = suggest_name(c, g, p, NULL, true);
    diag_zh(g, "找不到名称“%s”%s", p->text, zh_suggestion(c, near));
    return NULL;
}

static Item *resolve_child(Checker *c, const Item *parent, const Name *p)
{
    Item *it = names_child(c, c->budget, parent, p->text);
    if (it)
        return it;
    if (!parent->nchildren) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0302", p->span, "'%s' has no items, so no '%s'", parent->id,
                              p->text);
        diag_zh(g, "%s没有下级项目，因此没有“%s”", zh_item(c, parent), p->text);
        return NULL;
    }
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0302", p->span, "group '%s' has no item '%s'", parent->id, p->text);
    const char *near = suggest_name(c, g, p, parent, false);
    diag_zh(g, "分组%s中没有项目“%s”%s", zh_item(c, parent), p->text, zh_suggestion(c, near));
    return NULL;
}

int names_column(Checker *c, const Name *column)
{
    Budget *b = c->budget;
    for (uint32_t i = 0; i < b->ncolumns; i++)
        if (b->columns[i].id == column->text)
            return (int)i;
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0307", column->span, "budget '%s' has no column '%s'", b->id,
                          column->text);
    Buf cols = {0}, zh = {0};
    for (uint32_t i = 0; i < b->ncolumns; i++) {
        buf_printf(&cols, "%s%s", i ? ", " : "", b->columns[i].id);
        buf_printf(&zh, "%s%s", i ? "、" : "", b->columns[i].id);
    }
    diag_note(g, "the columns are: %s", cols.data ? cols.data : "(none)");
    diag_zh(g, "预算“%s”没有“%s”列；现有的列为 %s", b->id, column->text, zh.data ? zh.data : "（无）");
    buf_free(&cols);
    buf_free(&zh);
    return -1;
}

const Item *names_resolve_path(Checker *c, const Names *path)
{
    Item *it = resolve_first(c, &path->items[0]);
    for (uint32_t i = 1; it && i < path->n; i++)
        it = resolve_child(c, it, &path->items[i]);
    return it;
}

static void resolve_ref(Checker *c, const Expr *e)
{
    ExprFacts *f = sema_expr(c->sema, e);
    f->column = -1;
    if (e->u.ref.column) /* the column first, as a pick around the reference was */
        f->column = names_column(c, e->u.ref.column);
    if (c->row_name && e->u.ref.path.items[0].text == c->row_name)
        f->target = NULL; /* an `each` claim's row: found per row as it is evaluated */
    else
        f->target = names_resolve_path(c, &e->u.ref.path);
}

bool names_has_pick(const Expr *e)
{
    switch (e->kind) {
    case EXPR_REF:
        return e->u.ref.column != NULL;
    case EXPR_PICK:
        return true;
    case EXPR_UNARY:
        return names_has_pick(e->u.op.lhs);
    case EXPR_BINARY:
        return names_has_pick(e->u.op.lhs) || names_has_pick(e->u.op.rhs);
    case EXPR_CALL:
        for (uint32_t i = 0; i < e->u.call.nargs; i++)
            if (names_has_pick(e->u.call.args[i]))
                return true;
        return false;
    default:
        return false;
    }
}

void names_resolve_expr(Checker *c, const Expr *e)
{
    switch (e->kind) {
    case EXPR_REF:
        resolve_ref(c, e);
        break;
    case EXPR_PICK:
        sema_expr(c->sema, e)->column = -1;
        if (names_has_pick(e->u.pick.base)) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0316", e->u.pick.column->span,
                                  "a column is already picked inside this expression");
            diag_help(g, "pick one column per reference, e.g. a[2026] - a[2025]");
            names_resolve_expr(c, e->u.pick.base);
            return; /* the column stays -1: the check is invalid */
        }
        sema_expr(c->sema, e)->column = names_column(c, e->u.pick.column);
        names_resolve_expr(c, e->u.pick.base);
        break;
    case EXPR_UNARY:
        names_resolve_expr(c, e->u.op.lhs);
        break;
    case EXPR_BINARY:
        names_resolve_expr(c, e->u.op.lhs);
        names_resolve_expr(c, e->u.op.rhs);
        break;
    case EXPR_CALL:
        for (uint32_t i = 0; i < e->u.call.nargs; i++)
            names_resolve_expr(c, e->u.call.args[i]);
        break;
    default:
        break;
    }
}
