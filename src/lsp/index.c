/* index.c - the occurrence index: one walk over every file's declarations, budgets, items,
 * checks and texts, each name recorded with the target the checker resolved it to. */
#include "lsp/index.h"

#include "base/buf.h"
#include "base/vec.h"
#include "compile/paths.h"

#include <stdlib.h>
#include <string.h>

typedef struct Walk {
    Index *x;
    const Compilation *c;
    const Budget *budget;
} Walk;

static void add(Walk *w, Span span, OccKind kind, bool def, const void *target, uint32_t column)
{
    if (span.end <= span.start)
        return; /* a node that was not written (a name the parser made up to recover) */
    Index *x = w->x;
    VEC_GROW(x->occ, x->n, x->cap);
    x->occ[x->n++] = (Occ){span, kind, def, column, NO_FILE, w->budget, target};
}

static const UnitDecl *unit_named(const Program *p, const char *name)
{
    for (uint32_t i = 0; i < p->nunits; i++)
        if (p->units[i]->name.text == name)
            return p->units[i];
    return NULL;
}

static void add_unit(Walk *w, const Name *n, bool def)
{
    if (n && n->text)
        add(w, n->span, OCC_UNIT, def, unit_named(w->c->program, n->text), 0);
}

/* Each name of a path stands for the target's ancestor at its depth: in `a.b.c` resolved to
 * c, b is c's parent and a its grandparent. */
static void add_path(Walk *w, const Names *path, const Item *target)
{
    const Item *it = target;
    for (uint32_t i = path->n; i-- > 0;) {
        add(w, path->items[i].span, OCC_ITEM, false, it, 0);
        it = it ? it->parent : NULL;
    }
}

static void add_column_ref(Walk *w, const Name *n, int column)
{
    if (n)
        add(w, n->span, OCC_COLUMN, false, column >= 0 ? w->budget : NULL, column >= 0 ? (uint32_t)column : 0);
}

static void walk_expr(Walk *w, const Expr *e)
{
    const Sema *s = &w->c->sema;
    switch (e->kind) {
    case EXPR_NUM:
    case EXPR_PERCENT:
        add_unit(w, e->u.num.unit, false);
        break;
    case EXPR_REF:
        add_path(w, &e->u.ref.path, sema_expr(s, e)->target);
        add_column_ref(w, e->u.ref.column, sema_expr(s, e)->column);
        break;
    case EXPR_PICK:
        walk_expr(w, e->u.pick.base);
        add_column_ref(w, e->u.pick.column, sema_expr(s, e)->column);
        break;
    case EXPR_UNARY:
        walk_expr(w, e->u.op.lhs);
        break;
    case EXPR_BINARY:
        walk_expr(w, e->u.op.lhs);
        walk_expr(w, e->u.op.rhs);
        break;
    case EXPR_CALL:
        for (uint32_t i = 0; i < e->u.call.nargs; i++)
            walk_expr(w, e->u.call.args[i]);
        break;
    }
}

/* `code economic 30309`: the scheme's name stands after the keyword. */
static Span scheme_span(const Compilation *c, const Code *k)
{
    const char *text = c->sources.items[k->span.file]->text;
    uint32_t at = k->span.start + 4; /* "code" */
    while (at < k->code_start && (text[at] == ' ' || text[at] == '\t'))
        at++;
    return (Span){k->span.file, at, at + (uint32_t)strlen(k->scheme)};
}

static const Classification *scheme_named(const Program *p, const char *id)
{
    for (uint32_t i = 0; i < p->nclassifications; i++)
        if (strcmp(p->classifications[i]->id, id) == 0)
            return p->classifications[i];
    return NULL;
}

static void walk_codes(Walk *w, const Item *it, const ItemFacts *f)
{
    for (uint32_t i = 0; i < it->ncodes; i++) {
        const Code *k = &it->codes[i];
        const ClassNode *node = f->codes ? f->codes[i] : NULL;
        if (k->scheme)
            add(w, scheme_span(w->c, k), OCC_SCHEME, false,
                node ? node->scheme : scheme_named(w->c->program, k->scheme), 0);
        add(w, code_span(k), OCC_CODE, false, node, 0);
    }
}

static void walk_view(Walk *w, const Item *it)
{
    const ViewFacts *v = sema_view(&w->c->sema, it);
    const Classification *scheme = v ? v->scheme : NULL;
    add(w, it->view->scheme.span, OCC_SCHEME, false, scheme ? scheme : scheme_named(w->c->program, it->view->scheme.text), 0);
    add_path(w, &it->view->of, v ? v->source : NULL);
}

/* An item and, unless it is a view (whose rows the checker derives), its children. */
static void walk_item(Walk *w, const Item *it)
{
    const ItemFacts *f = sema_item(&w->c->sema, it);
    add(w, it->id_span, OCC_ITEM, true, it, 0);
    for (uint32_t i = 0; i < it->nvalues; i++) {
        add(w, it->values[i].span, OCC_VALUE, false, it, i);
        add_unit(w, it->values[i].unit, false);
    }
    walk_codes(w, it, f);
    if (it->view) {
        walk_view(w, it);
        return;
    }
    for (uint32_t i = 0; i < it->nchildren; i++)
        walk_item(w, it->children[i]);
}

static void add_check(Walk *w, const Check *k)
{
    Index *x = w->x;
    VEC_GROW(x->checks, x->nchecks, x->capchecks);
    x->checks[x->nchecks++] = (IndexedCheck){k, w->budget};
    walk_expr(w, k->expr);
    if (k->within)
        add_unit(w, k->within->unit, false);
}

static void walk_columns(Walk *w, const Budget *b)
{
    if (!b->has_columns || b->consolidation)
        return; /* the implicit column is named by the year; a consolidation's by its budgets */
    for (uint32_t i = 0; i < b->ncolumns; i++) {
        Span s = b->columns[i].span;
        s.end = s.start + (uint32_t)strlen(b->columns[i].id);
        add(w, s, OCC_COLUMN, true, b, i);
    }
}

/* `budgets a, b` names the members, `groups g` their top-level groups as consolidated. */
static void walk_consolidation(Walk *w, const Budget *b)
{
    const Consolidation *k = b->consolidation;
    Budget **members = sema_budget(&w->c->sema, b)->members;
    for (uint32_t i = 0; i < k->budgets.n; i++)
        add(w, k->budgets.items[i].span, OCC_BUDGET, false, members ? members[i] : NULL, 0);
    for (uint32_t i = 0; i < k->groups.n; i++) {
        const Item *g = NULL;
        for (uint32_t j = 0; j < b->nitems && !g; j++)
            if (b->items[j]->id == k->groups.items[i].text)
                g = b->items[j];
        add(w, k->groups.items[i].span, OCC_ITEM, false, g, 0);
    }
}

static void walk_budget(Walk *w, const Budget *b)
{
    w->budget = b;
    add(w, b->id_span, OCC_BUDGET, true, b, 0);
    add_unit(w, b->unit, false);
    walk_columns(w, b);
    if (b->consolidation)
        walk_consolidation(w, b);
    else
        for (uint32_t i = 0; i < b->nitems; i++)
            walk_item(w, b->items[i]);
    for (uint32_t i = 0; i < b->nchecks; i++)
        add_check(w, b->checks[i]);
    for (uint32_t i = 0; i < b->ntexts; i++)
        for (uint32_t j = 0; j < b->texts[i]->nparts; j++)
            if (b->texts[i]->parts[j].expr)
                walk_expr(w, b->texts[i]->parts[j].expr);
    w->budget = NULL;
}

/* Whether a source is shown by `name` or by `name` with ".bdl" added. */
static long source_named(const Compilation *c, const char *name)
{
    size_t n = strlen(name);
    for (size_t f = 1; f < c->sources.n; f++) {
        const char *shown = c->sources.items[f]->name;
        if (strncmp(shown, name, n) == 0 && (!shown[n] || strcmp(shown + n, ".bdl") == 0))
            return (long)f;
    }
    return -1;
}

/* The source an import read. The import loader names a file by the written path joined to
 * the importing file's name (a library file by its path in the library), ".bdl" added
 * when the path as written does not exist: the same name finds it here. */
static uint32_t imported_file(const Compilation *c, const ImportDecl *d)
{
    const char *from = c->sources.items[d->span.file]->name, *slash = strrchr(from, '/');
    bool library = strncmp(d->path, "std/", 4) == 0;
    char *joined = library || d->path[0] == '/' || !slash ? xstrdup(d->path)
                                                          : str_printf("%.*s/%s", (int)(slash - from), from, d->path);
    char *name = path_normalize(joined);
    long f = source_named(c, name);
    free(name);
    free(joined);
    return f < 0 ? NO_FILE : (uint32_t)f;
}

static void walk_declarations(Walk *w, const Program *p)
{
    for (uint32_t i = 0; i < p->nunits; i++) {
        add(w, p->units[i]->name.span, OCC_UNIT, true, p->units[i], 0);
        if (p->units[i]->scaled)
            add_unit(w, &p->units[i]->of, false);
    }
    for (uint32_t i = 0; i < p->nrates; i++) {
        add_unit(w, &p->rates[i]->from, false);
        add_unit(w, &p->rates[i]->to, false);
    }
    for (uint32_t i = 0; i < p->nimports; i++) {
        add(w, p->imports[i]->path_span, OCC_IMPORT, false, p->imports[i], 0);
        if (w->x->n && w->x->occ[w->x->n - 1].target == p->imports[i])
            w->x->occ[w->x->n - 1].file = imported_file(w->c, p->imports[i]);
    }
    for (uint32_t i = 0; i < p->nclassifications; i++) {
        const Classification *k = p->classifications[i];
        add(w, k->id_span, OCC_SCHEME, true, k, 0);
        for (uint32_t j = 0; j < k->nnodes; j++)
            add(w, k->nodes[j]->code_span, OCC_CODE, true, k->nodes[j], 0);
    }
}

static int cmp_span(Span a, Span b)
{
    if (a.file != b.file)
        return a.file < b.file ? -1 : 1;
    if (a.start != b.start)
        return a.start < b.start ? -1 : 1;
    return a.end > b.end ? -1 : a.end < b.end; /* the wider first: a value before its unit */
}

static int cmp_occ(const void *a, const void *b)
{
    return cmp_span(((const Occ *)a)->span, ((const Occ *)b)->span);
}

static int cmp_check(const void *a, const void *b)
{
    return cmp_span(((const IndexedCheck *)a)->check->span, ((const IndexedCheck *)b)->check->span);
}

void index_build(Index *x, const Compilation *c)
{
    memset(x, 0, sizeof *x);
    VEC_GROW(x->occ, x->n, x->cap); /* never NULL: lookups do pointer arithmetic on them */
    VEC_GROW(x->checks, x->nchecks, x->capchecks);
    const Program *p = c->program;
    if (!p)
        return;
    Walk w = {x, c, NULL};
    walk_declarations(&w, p);
    for (uint32_t i = 0; i < p->nbudgets; i++)
        walk_budget(&w, p->budgets[i]);
    for (uint32_t i = 0; i < p->nimported_budgets; i++)
        walk_budget(&w, p->imported_budgets[i]);
    if (x->n)
        qsort(x->occ, x->n, sizeof *x->occ, cmp_occ);
    if (x->nchecks)
        qsort(x->checks, x->nchecks, sizeof *x->checks, cmp_check);
}

void index_free(Index *x)
{
    free(x->occ);
    free(x->checks);
    memset(x, 0, sizeof *x);
}

const Occ *index_from(const Index *x, uint32_t file, uint32_t offset)
{
    size_t lo = 0, hi = x->n; /* the first occurrence not before (file, offset) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const Span s = x->occ[mid].span;
        if (s.file < file || (s.file == file && s.start < offset))
            lo = mid + 1;
        else
            hi = mid;
    }
    return x->occ + lo;
}

/* Occurrences nest at most two deep (a value and its unit) and are otherwise apart, so the
 * innermost one holding offset is among the last two that start at or before it. */
const Occ *index_at(const Index *x, uint32_t file, uint32_t offset)
{
    const Occ *end = index_from(x, file, offset + 1), *best = NULL;
    for (const Occ *o = end; o > x->occ && o > end - 3;) {
        --o;
        const Span s = o->span;
        if (s.file == file && s.start <= offset && offset <= s.end && (!best || s.end - s.start < best->span.end - best->span.start))
            best = o;
    }
    return best;
}

const IndexedCheck *index_check_at(const Index *x, uint32_t file, uint32_t offset)
{
    size_t lo = 0, hi = x->nchecks; /* the last check starting at or before offset */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const Span s = x->checks[mid].check->span;
        if (s.file < file || (s.file == file && s.start <= offset))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const IndexedCheck *k = &x->checks[lo - 1];
    const Span s = k->check->span;
    return s.file == file && offset <= s.end ? k : NULL;
}

bool occ_definition(const Occ *o, Span *def)
{
    if (!o->target)
        return false;
    switch (o->kind) {
    case OCC_ITEM:
    case OCC_VALUE:
        *def = ((const Item *)o->target)->id_span;
        return true;
    case OCC_COLUMN: {
        const Budget *b = o->target;
        if (!b->has_columns && !b->consolidation)
            return false;
        *def = b->columns[o->column].span;
        def->end = def->start + (uint32_t)strlen(b->columns[o->column].id);
        return true;
    }
    case OCC_UNIT:
        *def = ((const UnitDecl *)o->target)->name.span;
        return true;
    case OCC_CODE:
        *def = ((const ClassNode *)o->target)->code_span;
        return true;
    case OCC_SCHEME:
        *def = ((const Classification *)o->target)->id_span;
        return true;
    case OCC_BUDGET:
        *def = ((const Budget *)o->target)->id_span;
        return true;
    case OCC_IMPORT:
        return false;
    }
    return false;
}

bool occ_same_target(const Occ *a, const Occ *b)
{
    return a->target && a->kind == b->kind && a->target == b->target &&
           (a->kind != OCC_COLUMN || a->column == b->column);
}
