/* classify.c - classification schemes (design section 3): declaring their codes, checking
 * the codes items cite (the code exists, nests under the parent's code, and the label
 * agrees with the scheme's name), and deriving `view`s that roll items up by code. */
#include "check/context.h"

#include <stdlib.h>
#include <string.h>

/* Pre-order over a scheme's codes without recursion. */
static ClassNode *next_node(ClassNode *n)
{
    if (n->children)
        return n->children;
    while (n && !n->next)
        n = n->parent;
    return n ? n->next : NULL;
}

static void duplicate_code(Checker *c, const Classification *k, const ClassNode *n, const ClassNode *first)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0704", n->code_span, "code %s appears twice in '%s'",
                          n->code, k->id);
    diag_label(g, first->code_span, "first defined here");
}

static void declare_codes(Checker *c, Classification *k)
{
    uint32_t seq = 0;
    for (ClassNode *n = k->nodes; n; n = next_node(n)) {
        n->in = k;
        n->level = n->parent ? n->parent->level + 1 : 1;
        n->seq = seq++;
        const ClassNode *first = map_get(&c->codes, k, n->code);
        if (first)
            duplicate_code(c, k, n, first);
        else
            map_put(&c->codes, k, n->code, n);
    }
    k->nnodes = seq;
}

void classifications_declare(Checker *c)
{
    for (Classification *k = c->program->classifications; k; k = k->next) {
        const Classification *first = map_get(&c->schemes, c, k->id);
        if (first) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0705", k->id_span,
                                  "classification '%s' is declared twice", k->id);
            diag_label(g, first->id_span, "first declared here");
            diag_help(g, "import each catalogue once; a second scheme needs its own ID");
            continue;
        }
        map_put(&c->schemes, c, k->id, k);
        c->nschemes++;
        declare_codes(c, k);
    }
}

static void unknown_scheme(Checker *c, const char *id, Span at)
{
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0701", at, "unknown classification '%s'", id);
    Buf names = {0};
    for (const Classification *k = c->program->classifications; k; k = k->next)
        buf_printf(&names, "%s%s", names.len ? ", " : "", k->id);
    if (names.data)
        diag_note(g, "the classifications are: %s", names.data);
    else
        diag_help(g, "import one, e.g. import \"std/cn/2026/functional\"");
    buf_free(&names);
}

static const Classification *find_scheme(Checker *c, const char *id, Span at)
{
    const Classification *k = map_get(&c->schemes, c, id);
    if (!k)
        unknown_scheme(c, id, at);
    return k;
}

/* The longest existing code that `code` starts with: "closest: 201 一般公共服务支出". */
static void note_closest(Checker *c, Diag *g, const Classification *k, const char *code)
{
    size_t n = strlen(code);
    while (n-- > 1) {
        const char *prefix = intern(c->interns, code, n);
        const ClassNode *p = map_get(&c->codes, k, prefix);
        if (p) {
            diag_note(g, "the closest code in '%s' is %s %s", k->id, p->code, p->name);
            return;
        }
    }
}

static void unknown_code(Checker *c, const CodeRef *r, uint32_t file, const Classification *k)
{
    Diag *g;
    if (k) {
        g = diag_report(c->diags, SEV_ERROR, "E0702", code_span(r, file), "code %s is not in '%s'%s%s", r->cited->code, k->id,
                        k->label ? ", " : "", k->label ? k->label : "");
        note_closest(c, g, k, r->cited->code);
    } else {
        g = diag_report(c->diags, SEV_ERROR, "E0702", code_span(r, file), "code %s is in no classification", r->cited->code);
    }
    diag_help(g, "check the code against the catalogue of the budget's year");
}

/* A code without a scheme: the only scheme, or the one scheme that has the code. */
static const Classification *scheme_of_bare(Checker *c, const CodeRef *r, uint32_t file)
{
    const Classification *found = NULL;
    for (const Classification *k = c->program->classifications; k; k = k->next) {
        if (map_get(&c->schemes, c, k->id) != k || !map_get(&c->codes, k, r->cited->code))
            continue;
        if (found) {
            Diag *g = diag_report(c->diags, SEV_ERROR, "E0706", code_span(r, file),
                                  "code %s is in both '%s' and '%s'", r->cited->code, found->id, k->id);
            diag_help(g, "name the scheme: code %s %s", found->id, r->cited->code);
            return NULL;
        }
        found = k;
    }
    if (!found) /* with one scheme, say which and what is closest */
        unknown_code(c, r, file, c->nschemes == 1 ? map_get(&c->schemes, c, c->program->classifications->id) : NULL);
    return found;
}

static void resolve_code(Checker *c, const CodeRef *r, uint32_t file)
{
    const Classification *k;
    if (r->cited->scheme)
        k = find_scheme(c, r->cited->scheme, code_ref_span(r, file));
    else
        k = scheme_of_bare(c, r, file);
    if (!k)
        return;
    r->cited->node = map_get(&c->codes, k, r->cited->code);
    if (!r->cited->node && r->cited->scheme)
        unknown_code(c, r, file, k);
}

/* The code of the nearest enclosing group that cites one in the same scheme. */
static const CodeRef *parent_code(const Item *it, const Classification *k)
{
    for (const Item *p = it->parent; p; p = p->parent)
        for (const CodeRef *r = p->attrs.codes; r; r = code_next(r))
            if (r->cited->node && r->cited->node->in == k)
                return r;
    return NULL;
}

static bool descends_from(const ClassNode *n, const ClassNode *ancestor)
{
    for (const ClassNode *p = n->parent; p; p = p->parent)
        if (p == ancestor)
            return true;
    return false;
}

static void check_nesting(Checker *c, const Item *it, const CodeRef *r)
{
    const CodeRef *up = parent_code(it, r->cited->node->in);
    if (!up || descends_from(r->cited->node, up->cited->node))
        return;
    Diag *g = diag_report(c->diags, SEV_ERROR, "E0703", code_span(r, it->span.file), "code %s of '%s' does not nest under %s",
                          r->cited->code, it->id, up->cited->code);
    diag_label(g, code_span(up, it->span.file), "the enclosing group's code"); /* a group is in its items' file */
    diag_note(g, "%s %s is not a sub-code of %s %s in '%s'", r->cited->code, r->cited->node->name, up->cited->code,
              up->cited->node->name, r->cited->node->in->id);
    diag_help(g, "move the item to the group of its code, or correct the code");
}

static void check_label(Checker *c, Item *it, const CodeRef *r)
{
    if (!it->label) {
        it->label = r->cited->node->name; /* a coded item without a label reads the scheme's name */
        return;
    }
    if (strcmp(it->label, r->cited->node->name) == 0)
        return;
    Diag *g = diag_report(c->diags, SEV_WARNING, "W0701", code_span(r, it->span.file), "'%s' is labelled \"%s\", but code %s is \"%s\" in '%s'",
                          it->id, it->label, r->cited->code, r->cited->node->name, r->cited->node->in->id);
    diag_help(g, "write the catalogue's name, or leave the label out to use it");
}

static Item *next_preorder(Item *it)
{
    if (item_children(it))
        return item_children(it);
    while (it && !it->next)
        it = it->parent;
    return it ? it->next : NULL;
}

void codes_check(Checker *c, Budget *b)
{
    if (!c->program->classifications)
        return; /* without a scheme, codes are carried through as written */
    for (Item *it = b->items; it; it = next_preorder(it)) {
        bool labelled = false;
        for (const CodeRef *r = it->attrs.codes; r; r = code_next(r)) {
            if (!r->cited->node) /* once found, found for every item that cites it */
                resolve_code(c, r, it->span.file);
            if (!r->cited->node)
                continue;
            check_nesting(c, it, r);
            if (!labelled)
                check_label(c, it, r);
            labelled = true;
        }
    }
}

/* --- views ---------------------------------------------------------------------- */

typedef struct ViewBuild {
    Checker *c;
    Item *view;
    const Classification *in;
    uint32_t ncols;
} ViewBuild;

/* The code an item is counted under: its own in the scheme, else its nearest group's. */
static const ClassNode *code_in(const Item *it, const Item *stop, const Classification *k)
{
    for (const Item *p = it; p; p = p == stop ? NULL : p->parent)
        for (const CodeRef *r = p->attrs.codes; r; r = code_next(r))
            if (r->cited->node && r->cited->node->in == k)
                return r->cited->node;
    return NULL;
}

/* A row starts as a plain item and becomes a group when a row is put under it (row_for),
 * so each is allocated as a group. */
static Group *row_group(Item *row)
{
    return (Group *)row;
}

static Item *new_row(ViewBuild *vb, const ClassNode *n, Item *parent)
{
    Checker *c = vb->c;
    Item *row = &ARENA_NEW(c->arena, Group)->item;
    row->kind = ITEM_PLAIN;
    row->id = n->code;
    row->label = n->name;
    row->span = item_id_span(vb->view);
    row->is_row = true;
    row->parent = parent;
    row->unit = vb->view->unit;
    row->value = ARENA_ARRAY(c->arena, Cell, vb->ncols);
    for (uint32_t i = 0; i < vb->ncols; i++)
        row->value[i] = num_pack(c->arena, num_int(0));
    Code *cited = ARENA_NEW(c->arena, Code);
    *cited = (Code){vb->in->id, n->code, n};
    CodeRef *r = ARENA_NEW(c->arena, CodeRef);
    *r = (CodeRef){cited, row->span.start, true, row->span.start};
    row->attrs.codes = r;
    return row;
}

/* The row for node n under `parent`, created in catalogue order when missing. */
static Item *row_for(ViewBuild *vb, Item *parent, const ClassNode *n)
{
    Group *g = row_group(parent);
    Item **p = &g->children;
    while (*p && (*p)->attrs.codes->cited->node->seq < n->seq)
        p = &(*p)->next;
    if (*p && (*p)->attrs.codes->cited->node == n)
        return *p;
    Item *row = new_row(vb, n, parent);
    row->next = *p;
    *p = row;
    g->nchildren++;
    if (parent != vb->view)
        parent->kind = ITEM_GROUP;
    return row;
}

static void add_cells(ViewBuild *vb, Item *row, const Item *leaf)
{
    for (uint32_t col = 0; col < vb->ncols; col++) {
        Cell *into = &row->value[col];
        Num v, sum;
        if (!cell_stated(*into))
            continue;
        if (!cell_stated(leaf->value[col])) {
            *into = packed_none();
            continue;
        }
        NumStatus st = unit_convert(cell_value(leaf->value[col]), leaf->unit, row->unit, &v);
        if (st == NUM_OK)
            st = num_add(cell_value(*into), v, &sum);
        if (st != NUM_OK) {
            report_overflow(vb->c, leaf->span, st);
            *into = packed_none();
        } else {
            *into = num_pack(vb->c->arena, sum);
        }
    }
}

/* Adds a leaf to the row of each level of its code's path, down to the view's depth. */
static void add_leaf(ViewBuild *vb, const Item *leaf, const ClassNode *n)
{
    const ClassNode *path[64];
    uint32_t len = 0;
    for (const ClassNode *p = n; p && len < 64; p = p->parent)
        path[len++] = p;
    Item *row = vb->view;
    uint32_t levels = item_view(vb->view)->levels;
    for (uint32_t i = len; i-- > 0 && len - i <= levels;) {
        row = row_for(vb, row, path[i]);
        add_cells(vb, row, leaf);
    }
}

static void uncoded_leaf(Checker *c, const Item *view, const Item *leaf)
{
    Diag *g = diag_report(c->diags, SEV_WARNING, "W0702", item_id_span(leaf),
                          "'%s' has no '%s' code, so view '%s' leaves it out", leaf->id,
                          item_view(view)->in->id, view->id);
    diag_label(g, item_id_span(view), "view defined here");
    diag_help(g, "give it (or its group) a code, e.g. code %s ...", item_view(view)->in->id);
}

static bool is_leaf(const Item *it)
{
    return it->kind != ITEM_MEMO && !it->excluded && !item_children(it) && it->value;
}

/* The next item in pre-order inside the subtree of `root`, or NULL at its end. */
static Item *next_within(Item *it, const Item *root)
{
    if (item_children(it))
        return item_children(it);
    while (it != root && !it->next)
        it = it->parent;
    return it == root ? NULL : it->next;
}

static uint32_t deepest_level(const Item *source, const Classification *k)
{
    uint32_t deepest = 1;
    for (Item *it = item_children(source); it; it = next_within(it, source)) {
        const ClassNode *n = is_leaf(it) ? code_in(it, source, k) : NULL;
        if (n && n->level > deepest)
            deepest = n->level;
    }
    return deepest;
}

/* Group rows: their computed sum is the sum of their rows, like any group. */
static void settle_rows(ViewBuild *vb, Item *g)
{
    Recon *recon = item_group(g)->recon = ARENA_ARRAY(vb->c->arena, Recon, vb->ncols);
    for (uint32_t col = 0; col < vb->ncols; col++) {
        NumSum sum = num_sum_start();
        bool stated = true;
        for (Item *r = item_children(g); r && stated; r = r->next)
            stated = cell_sum_add(&sum, r->value[col]);
        recon[col].computed = stated ? num_pack(vb->c->arena, num_sum_total(sum)) : packed_none();
    }
    for (Item *r = item_children(g); r; r = r->next)
        if (r->kind == ITEM_GROUP)
            settle_rows(vb, r);
}

static bool view_source(Checker *c, const Item *v)
{
    ViewDecl *d = item_view(v);
    Expr ref = {0};
    ref.kind = EXPR_REF;
    ref.span = d->of_span;
    ref.u.ref.parts = d->of;
    ref.u.ref.n = d->nof;
    names_resolve_expr(c, &ref);
    const Item *src = ref.u.ref.target;
    if (src && (src->kind != ITEM_GROUP || item_view(src))) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0707", d->of_span, "a view rolls up a group, but '%s' is %s",
                              src->id, item_view(src) ? "a view" : "not a group");
        diag_label(g, item_id_span(src), "defined here");
        src = NULL;
    }
    d->source = src;
    return src != NULL;
}

static bool view_depth(Checker *c, ViewDecl *d)
{
    if (!d->has_depth)
        return true;
    Num v = packed_num(d->depth.value);
    if (!packed_has(d->depth.value) || v.den != 1 || v.num < 1 || v.num > 64) {
        Diag *g = diag_report(c->diags, SEV_ERROR, "E0707", d->depth.span, "a view's depth is a level from 1 to 64");
        diag_help(g, "depth 1 gives the top level (类), depth 2 adds 款, depth 3 adds 项");
        return false;
    }
    d->levels = (uint32_t)v.num;
    return true;
}

static void build_view(Checker *c, Budget *b, Item *v)
{
    ViewDecl *d = item_view(v);
    d->in = find_scheme(c, d->scheme, d->scheme_span);
    bool source = view_source(c, v);
    if (!d->in || !source || !view_depth(c, d))
        return;
    if (!d->has_depth)
        d->levels = deepest_level(d->source, d->in);
    ViewBuild vb = {c, v, d->in, b->ncolumns};
    v->unit = d->source->unit;
    item_group(v)->children = NULL;
    item_group(v)->nchildren = 0;
    for (Item *it = item_children(d->source); it; it = next_within(it, d->source)) {
        if (!is_leaf(it))
            continue;
        const ClassNode *n = code_in(it, d->source, d->in);
        if (n)
            add_leaf(&vb, it, n);
        else
            uncoded_leaf(c, v, it);
    }
    settle_rows(&vb, v);
    for (uint32_t col = 0; col < b->ncolumns; col++)
        v->value[col] = item_recon(v)[col].computed;
}

void views_build(Checker *c, Budget *b)
{
    for (Item *it = b->items; it; it = it->next)
        if (item_view(it))
            build_view(c, b, it);
}
