/* names.c - item IDs: uniqueness among siblings, and resolution of references
 * (dotted paths from the budget, or bare names unique in the budget). */
#include "check/context.h"

#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

static size_t to_codepoints(const char *s, uint32_t *out, size_t cap)
{
    size_t n = 0, len = strlen(s), i = 0;
    while (i < len && n < cap) {
        uint32_t cp = (unsigned char)s[i];
        size_t k = utf8_decode((const unsigned char *)s + i, len - i, &cp);
        out[n++] = cp;
        i += k ? k : 1;
    }
    return n;
}

size_t edit_distance(const char *a, const char *b, size_t cap)
{
    enum { MAXN = 64 };
    uint32_t x[MAXN], y[MAXN];
    size_t n = to_codepoints(a, x, MAXN), m = to_codepoints(b, y, MAXN);
    if ((n > m ? n - m : m - n) >= cap)
        return cap;
    size_t row[MAXN + 1];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0], best = row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t v = diag + (x[i - 1] != y[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best >= cap)
            return cap;
    }
    return row[m] < cap ? row[m] : cap;
}

char *item_path(const Item *it)
{
    const Item *chain[256];
    size_t n = 0;
    for (const Item *p = it; p && n < 256; p = p->parent)
        chain[n++] = p;
    Buf b = {0};
    while (n > 0) {
        buf_puts(&b, chain[--n]->id);
        if (n)
            buf_putc(&b, '.');
    }
    return buf_take(&b);
}

static void duplicate_id(Checker *c, Item *it, Item *first)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0301", item_id_span(it), "'%s' is defined twice in %s",
                          it->id, it->parent ? "this group" : "this budget");
    diag_label(g, item_id_span(first), "first defined here");
    diag_help(g, "IDs must be unique among siblings; rename one of them");
}

static void duplicate_tags(Checker *c, const Item *it)
{
    if (!it->attrs.tags || !it->attrs.tags->next)
        return;
    Map seen = {0};
    for (Tag *t = it->attrs.tags; t; t = t->next) {
        Tag *first = t->key ? first_named(&seen, it, t->key, t) : NULL; /* notes have no key */
        if (!first)
            continue;
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0311", tag_span(t, it->span.file), "tag '%s' is set twice on '%s'", t->key, it->id);
        diag_label(g, tag_span(first, it->span.file), "first set here");
    }
    map_free(&seen);
}

/* A scope (a group's children, or a budget's top level) of at most SMALL_SCOPE items is
 * searched in order; a larger one is hashed in c->siblings. Most groups are small, and
 * scanning a few neighbours beats a probe into a table of a million entries. */
enum { SMALL_SCOPE = 16 };

static bool scope_hashed(const Budget *b, const Item *parent)
{
    if (!parent)
        return b->nitems > SMALL_SCOPE;
    const Group *g = item_cgroup(parent);
    return g && g->nchildren > SMALL_SCOPE;
}

static const void *scope_key(const Budget *b, const Item *parent)
{
    return parent ? (const void *)parent : (const void *)b;
}

/* The first item called `id` from `first` on, stopping before `stop`. */
static Item *scan_scope(Item *first, const Item *stop, const char *id)
{
    for (Item *it = first; it != stop; it = it->next)
        if (it->id == id)
            return it;
    return NULL;
}

Item *names_child(Checker *c, const Budget *b, const Item *parent, const char *id)
{
    if (scope_hashed(b, parent))
        return map_get(&c->siblings, scope_key(b, parent), id);
    return scan_scope(parent ? item_children(parent) : b->items, NULL, id);
}

void names_index(Checker *c, Budget *b)
{
    for (Item *it = b->items; it; it = item_next(it)) {
        duplicate_tags(c, it);
        bool hashed = scope_hashed(b, it->parent);
        Item *first = hashed ? map_get(&c->siblings, scope_key(b, it->parent), it->id)
                             : scan_scope(it->parent ? item_children(it->parent) : b->items, it, it->id);
        if (first) {
            duplicate_id(c, it, first);
            it->excluded = true; /* neither referable nor summed: only the first one counts */
            if (it->parent)
                it->parent->incomplete = true;
        } else if (hashed) {
            map_put(&c->siblings, scope_key(b, it->parent), it->id, it);
        }
    }
}

/* Bare names are indexed on first use: most specs name items by their dotted path. The
 * bare map holds the last item of each ID; same_name leads from an item to the one before
 * it with its ID (kept out of Item: only an ambiguous bare name needs it). */
static void index_bare_names(Checker *c, Budget *b)
{
    for (Item *it = b->items; it; it = item_next(it)) {
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

/* Suggests the nearest ID among `first` and its siblings (or the whole budget). */
static void suggest_name(Checker *c, Diag *g, const char *name, Item *first, bool whole_budget)
{
    if (c->suggestions_left == 0)
        return;
    c->suggestions_left--;
    const Item *best = NULL;
    size_t best_d = strlen(name) < 4 ? 2 : 3;
    for (Item *it = first; it; it = whole_budget ? item_next(it) : it->next) {
        size_t d = edit_distance(name, it->id, best_d + 1);
        if (d < best_d || (best && d == best_d && item_depth(it) < item_depth(best))) {
            best_d = d;
            best = it;
        }
    }
    if (best) {
        char *path = item_path(best);
        diag_help(g, "did you mean '%s'?", path);
        free(path);
    }
}

static Item *resolve_first(Checker *c, PathPart *p, uint32_t file)
{
    Item *top = names_child(c, c->budget, NULL, p->name);
    if (top)
        return top;
    if (c->bare_indexed != c->budget)
        index_bare_names(c, c->budget);
    Item *last = map_get(&c->bare, c->budget, p->name);
    if (last && !same_name_before(c, last))
        return last;
    if (last) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0303", part_span(p, file), "'%s' is ambiguous", p->name);
        size_t n = 0;
        for (Item *it = last; it; it = same_name_before(c, it))
            n++;
        Item **all = xmalloc(n * sizeof *all); /* the candidates in source order */
        size_t i = n;
        for (Item *it = last; it; it = same_name_before(c, it))
            all[--i] = it;
        for (i = 0; i < n; i++) {
            char *path = item_path(all[i]);
            diag_label(g, item_id_span(all[i]), "could be '%s'", path);
            free(path);
        }
        free(all);
        diag_help(g, "write the dotted path of the one you mean");
        return NULL;
    }
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0302", part_span(p, file), "unknown name '%s'", p->name);
    suggest_name(c, g, p->name, c->budget->items, true);
    return NULL;
}

static Item *resolve_child(Checker *c, Item *parent, PathPart *p, uint32_t file)
{
    Item *it = names_child(c, c->budget, parent, p->name);
    if (it)
        return it;
    Diag *g;
    if (!item_children(parent)) {
        g = diag_report(c->diags, SEV_ERROR, "E0302", part_span(p, file), "'%s' has no items, so no '%s'",
                        parent->id, p->name);
        return NULL;
    }
    g = diag_report(c->diags, SEV_ERROR, "E0302", part_span(p, file), "group '%s' has no item '%s'",
                    parent->id, p->name);
    suggest_name(c, g, p->name, item_children(parent), false);
    return NULL;
}

/* The index of a picked column of the budget, or -1 (reported). */
static int column_index(Checker *c, const char *column, Span at)
{
    Budget *b = c->budget;
    for (uint32_t i = 0; i < b->ncolumns; i++)
        if (b->columns[i].id == column)
            return (int)i;
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0307", at, "budget '%s' has no column '%s'", b->id, column);
    Buf cols = {0};
    for (uint32_t i = 0; i < b->ncolumns; i++)
        buf_printf(&cols, "%s%s", i ? ", " : "", b->columns[i].id);
    diag_note(g, "the columns are: %s", cols.data ? cols.data : "(none)");
    buf_free(&cols);
    return -1;
}

static void resolve_ref(Checker *c, Expr *e)
{
    uint32_t file = e->span.file, n = e->u.ref.n, end = 0;
    if (e->u.ref.picked) { /* the column first, as a pick around the reference was */
        PathPart col = {0};
        for (uint32_t i = 0; i <= n; i++)
            col = ref_part(e, i, &end);
        e->u.ref.column = column_index(c, col.name, part_span(&col, file));
    }
    PathPart p = ref_part(e, 0, &end);
    Item *it = resolve_first(c, &p, file);
    for (uint32_t i = 1; it && i < n; i++) {
        p = ref_part(e, i, &end);
        it = resolve_child(c, it, &p, file);
    }
    e->u.ref.target = it;
}

static bool contains_pick(const Expr *e)
{
    switch (e->kind) {
    case EXPR_REF:
        return e->u.ref.picked;
    case EXPR_PICK:
        return true;
    case EXPR_UNARY:
        return contains_pick(e->u.op.lhs);
    case EXPR_BINARY:
        return contains_pick(e->u.op.lhs) || contains_pick(e->u.op.rhs);
    case EXPR_CALL:
        for (uint32_t i = 0; i < e->u.call.nargs; i++)
            if (contains_pick(e->u.call.args[i]))
                return true;
        return false;
    default:
        return false;
    }
}

void names_resolve_expr(Checker *c, Expr *e)
{
    switch (e->kind) {
    case EXPR_REF:
        resolve_ref(c, e);
        break;
    case EXPR_PICK:
        if (contains_pick(e->u.pick.base)) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0316", pick_column_span(e),
                                  "a column is already picked inside this expression");
            diag_help(g, "pick one column per reference, e.g. a[2026] - a[2025]");
            names_resolve_expr(c, e->u.pick.base);
            return; /* index stays -1: the check is invalid */
        }
        e->u.pick.index = column_index(c, e->u.pick.column, pick_column_span(e));
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
