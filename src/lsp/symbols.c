/* symbols.c - go to definition, find references (in every open document and the files
 * they import; of an import, every import of that file), the outline of a document (budgets, groups, items, checks, texts and
 * declarations) and workspace symbols across the open documents. */
#include "lsp/features.h"

#include "base/buf.h"
#include "base/vec.h"

#include <stdlib.h>
#include <string.h>

cJSON *on_definition(Server *s, const cJSON *params, LspError *e)
{
    At at;
    if (!request_at(s, params, &at, e))
        return NULL;
    const Occ *o = index_at(snap_index(at.snap), 0, at.offset);
    Span def;
    cJSON *loc = NULL;
    if (o && o->kind == OCC_IMPORT && o->file != NO_FILE)
        loc = snap_location(s, at.snap, (Span){o->file, 0, 0});
    else if (o && occ_definition(o, &def))
        loc = snap_location(s, at.snap, def);
    return loc ? loc : cJSON_CreateNull();
}

/* What identifies a definition across compilations: its file and where it starts. */
typedef struct DefKey {
    const char *file; /* a path, or the URI of a document that is no file */
    uint32_t start;
    OccKind kind;
} DefKey;

/* An import is keyed by the file it reads, so every import of one file is found. */
static bool def_key(const Server *s, Snapshot *sn, const Occ *o, DefKey *k)
{
    Span def;
    if (o->kind == OCC_IMPORT && o->file != NO_FILE)
        def = (Span){o->file, 0, 0};
    else if (o->kind == OCC_IMPORT || !occ_definition(o, &def))
        return false;
    k->file = sn->paths[def.file] ? sn->paths[def.file] : snap_uri(s, sn, def.file);
    k->start = def.start;
    k->kind = o->kind == OCC_VALUE ? OCC_ITEM : o->kind;
    return k->file != NULL;
}

static bool same_key(const DefKey *a, const DefKey *b)
{
    return a->start == b->start && a->kind == b->kind && strcmp(a->file, b->file) == 0;
}

static bool seen_file(char **seen, size_t n, const char *path)
{
    for (size_t i = 0; path && i < n; i++)
        if (strcmp(seen[i], path) == 0)
            return true;
    return false;
}

typedef struct Search {
    const Server *s;
    DefKey want;
    bool declarations;
    OccVisit visit;
    void *ctx;
    char **seen; /* the files searched already, through an earlier snapshot */
    size_t nseen, cap;
} Search;

static void search_snapshot(Search *q, Snapshot *sn)
{
    const Index *x = snap_index(sn);
    size_t nfiles = sn->c.sources.n, before = q->nseen;
    bool *skip = xmalloc(nfiles);
    for (size_t f = 0; f < nfiles; f++)
        skip[f] = seen_file(q->seen, before, sn->paths[f]);
    for (size_t i = 0; i < x->n; i++) {
        const Occ *o = &x->occ[i];
        DefKey k;
        if (!skip[o->span.file] && o->kind != OCC_VALUE && (!o->def || q->declarations) && def_key(q->s, sn, o, &k) &&
            same_key(&k, &q->want))
            q->visit(q->ctx, sn, o);
    }
    for (size_t f = 0; f < nfiles; f++)
        if (sn->paths[f] && !skip[f]) {
            VEC_GROW(q->seen, q->nseen, q->cap);
            q->seen[q->nseen++] = sn->paths[f];
        }
    free(skip);
}

bool occurrences_of(Server *s, Doc *d, const Occ *target, bool declarations, OccVisit visit, void *ctx)
{
    Search q = {s, {NULL, 0, OCC_ITEM}, declarations, visit, ctx, NULL, 0, 0};
    if (!def_key(s, d->snap, target, &q.want))
        return false;
    search_snapshot(&q, d->snap); /* this document first */
    for (size_t i = 0; i < s->ndocs; i++)
        if (s->docs[i] != d)
            search_snapshot(&q, s->docs[i]->snap);
    free(q.seen);
    return true;
}

typedef struct Found {
    const Server *s;
    cJSON *locations;
} Found;

static void add_location(void *ctx, Snapshot *sn, const Occ *o)
{
    Found *f = ctx;
    cJSON *loc = snap_location(f->s, sn, o->span);
    if (loc)
        cJSON_AddItemToArray(f->locations, loc);
}

cJSON *on_references(Server *s, const cJSON *params, LspError *e)
{
    At at;
    if (!request_at(s, params, &at, e))
        return NULL;
    const Occ *o = index_at(snap_index(at.snap), 0, at.offset);
    Found f = {s, cJSON_CreateArray()};
    bool declarations = cJSON_IsTrue(msg_field(msg_field(params, "context"), "includeDeclaration"));
    if (o)
        occurrences_of(s, at.doc, o, declarations, add_location, &f);
    return f.locations;
}

/* --- the outline --- */

enum { SYM_FILE = 1, SYM_MODULE = 2, SYM_NAMESPACE = 3, SYM_PACKAGE = 4, SYM_ENUM = 10,
       SYM_CONSTANT = 14, SYM_STRING = 15, SYM_BOOLEAN = 17, SYM_FIELD = 8 };

typedef struct Outline {
    const Server *s;
    Snapshot *sn;
    bool tree;
    cJSON *flat; /* without the client's support for trees: every symbol, with its container */
    size_t nflat;
} Outline;

/* A claim as its symbol's name: cut at 80 bytes, at a character boundary. */
static char *claim_name(const Check *k)
{
    size_t n = k->expr->span.end - k->expr->span.start;
    if (n > 80) {
        n = 80;
        while (n > 0 && ((unsigned char)k->expr_text[n] & 0xC0) == 0x80)
            n--;
    }
    return str_printf("%s %.*s%s", k->is_warn ? "warn" : "assert", (int)n, k->expr_text,
                      n < k->expr->span.end - k->expr->span.start ? "…" : "");
}

/* Adds a symbol to `into` (the parent's children; the top list) and returns its own list
 * of children, or NULL in a flat outline. */
static cJSON *symbol(Outline *ol, cJSON *into, const char *container, const char *name, const char *detail,
                     int kind, Span range, Span selection)
{
    cJSON *sym = cJSON_CreateObject();
    cJSON_AddStringToObject(sym, "name", *name ? name : "?");
    if (ol->tree && detail)
        cJSON_AddStringToObject(sym, "detail", detail);
    cJSON_AddNumberToObject(sym, "kind", kind);
    if (!ol->tree) {
        cJSON_AddItemToObject(sym, "location", snap_location(ol->s, ol->sn, range));
        if (container)
            cJSON_AddStringToObject(sym, "containerName", container);
        cJSON_AddItemToArray(ol->flat, sym);
        ol->nflat++;
        return NULL;
    }
    if (selection.start < range.start || selection.end > range.end)
        selection = range;
    cJSON_AddItemToObject(sym, "range", snap_range(ol->s, ol->sn, range));
    cJSON_AddItemToObject(sym, "selectionRange", snap_range(ol->s, ol->sn, selection));
    cJSON *children = cJSON_AddArrayToObject(sym, "children");
    cJSON_AddItemToArray(into, sym);
    return children;
}

static void outline_item(Outline *ol, cJSON *into, const char *container, const Item *it)
{
    const Sema *sema = &ol->sn->c.sema;
    int kind = it->kind == ITEM_GROUP ? SYM_NAMESPACE : SYM_FIELD;
    cJSON *children = symbol(ol, into, container, it->id, sema_given_label(sema, it), kind, it->span, it->id_span);
    if (it->view)
        return; /* its rows are derived, not written */
    char *path = item_path(it);
    for (uint32_t i = 0; i < it->nchildren; i++)
        outline_item(ol, ol->tree ? children : ol->flat, path, it->children[i]);
    free(path);
}

static void outline_budget(Outline *ol, cJSON *into, const Budget *b)
{
    cJSON *children = symbol(ol, into, NULL, b->id, b->title, SYM_MODULE, b->span, b->id_span);
    cJSON *list = ol->tree ? children : ol->flat;
    if (!b->consolidation)
        for (uint32_t i = 0; i < b->nitems; i++)
            outline_item(ol, list, b->id, b->items[i]);
    for (uint32_t i = 0; i < b->nchecks; i++) {
        const Check *k = b->checks[i];
        char *name = claim_name(k);
        symbol(ol, list, b->id, name, k->message, SYM_BOOLEAN, k->span, k->expr->span);
        free(name);
    }
    for (uint32_t i = 0; i < b->ntexts; i++)
        symbol(ol, list, b->id, b->texts[i]->id, b->texts[i]->title, SYM_STRING, b->texts[i]->span,
               b->texts[i]->id_span);
}

static void outline_declarations(Outline *ol, cJSON *top)
{
    const Program *p = ol->sn->c.program;
    for (uint32_t i = 0; i < p->nimports; i++)
        if (p->imports[i]->span.file == 0)
            symbol(ol, top, NULL, p->imports[i]->path, NULL, SYM_PACKAGE, p->imports[i]->span,
                   p->imports[i]->path_span);
    for (uint32_t i = 0; i < p->nunits; i++)
        if (p->units[i]->span.file == 0)
            symbol(ol, top, NULL, p->units[i]->name.text, p->units[i]->label, SYM_CONSTANT, p->units[i]->span,
                   p->units[i]->name.span);
    for (uint32_t i = 0; i < p->nclassifications; i++)
        if (p->classifications[i]->span.file == 0)
            symbol(ol, top, NULL, p->classifications[i]->id, p->classifications[i]->label, SYM_ENUM,
                   p->classifications[i]->span, p->classifications[i]->id_span);
}

cJSON *on_document_symbol(Server *s, const cJSON *params, LspError *e)
{
    Doc *d = request_doc(s, params, e);
    if (!d)
        return NULL;
    cJSON *top = cJSON_CreateArray();
    Outline ol = {s, d->snap, s->hierarchical, top, 0};
    const Program *p = d->snap->c.program;
    outline_declarations(&ol, top);
    for (uint32_t i = 0; p && i < p->nbudgets; i++)
        if (p->budgets[i]->span.file == 0)
            outline_budget(&ol, top, p->budgets[i]);
    return top;
}

/* --- workspace symbols --- */

enum { MAX_WORKSPACE_SYMBOLS = 500 };

/* Whether `query` occurs in s, ASCII letters compared without case. */
static bool matches(const char *s, const char *query)
{
    if (!s)
        return false;
    size_t n = strlen(query);
    for (; *s; s++) {
        size_t i = 0;
        while (i < n && s[i] && ascii_lower(s[i]) == ascii_lower(query[i]))
            i++;
        if (i == n)
            return true;
    }
    return n == 0;
}

static void workspace_budget(Outline *ol, const Budget *b, const char *query)
{
    const Sema *sema = &ol->sn->c.sema;
    if (matches(b->id, query) || matches(b->title, query))
        symbol(ol, NULL, NULL, b->id, NULL, SYM_MODULE, b->id_span, b->id_span);
    if (b->consolidation)
        return;
    for (const Item *it = b->nitems ? b->items[0] : NULL; it && ol->nflat < MAX_WORKSPACE_SYMBOLS; it = item_next(b, it)) {
        if (!matches(it->id, query) && !matches(sema_given_label(sema, it), query))
            continue;
        char *container = it->parent ? item_path(it->parent) : NULL;
        symbol(ol, NULL, container ? container : b->id, it->id, NULL, it->kind == ITEM_GROUP ? SYM_NAMESPACE : SYM_FIELD,
               it->id_span, it->id_span);
        free(container);
    }
}

cJSON *on_workspace_symbol(Server *s, const cJSON *params, LspError *e)
{
    const char *query = msg_string(params, "query");
    if (!query) {
        lsp_fail(e, RPC_INVALID_PARAMS, "params.query is missing");
        return NULL;
    }
    Outline ol = {s, NULL, false, cJSON_CreateArray(), 0};
    for (size_t i = 0; i < s->ndocs; i++) {
        ol.sn = s->docs[i]->snap;
        const Program *p = ol.sn->c.program;
        for (uint32_t j = 0; p && j < p->nbudgets && ol.nflat < MAX_WORKSPACE_SYMBOLS; j++)
            if (p->budgets[j]->span.file == 0)
                workspace_budget(&ol, p->budgets[j], query);
    }
    return ol.flat;
}
