/* rename.c - textDocument/prepareRename and rename of an item's ID: its definition and
 * every name of a path that stands for it, in the open documents and the files they read.
 * A row of a consolidation stands for the rows of its member budgets at the same path: it
 * is renamed in every member. A rename is refused, with a message saying why, when the new
 * name is not a name BDL reads as this item's ID, when another item of the budget already
 * has it (a bare reference could then change meaning), when an edit would fall in a file
 * that is not open or not writable, or when an open document consolidates the item's
 * budget (one member's row alone would no longer match). Nothing is changed unless
 * everything can be. */
#define _XOPEN_SOURCE 700 /* access */
#include "lsp/features.h"

#include "base/utf8.h"
#include "base/vec.h"
#include "syntax/scan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Whether the item is written in a source (not derived by the checker). */
static bool written(Snapshot *sn, const Item *it)
{
    const Occ *def = index_at(snap_index(sn), it->id_span.file, it->id_span.start);
    return def && def->def && def->target == it;
}

/* The item named at the cursor: written in a source, or a row of a consolidation (which
 * stands for the rows of its member budgets), not a row of a view. */
static const Occ *item_at(Snapshot *sn, uint32_t offset, LspError *e)
{
    const Occ *o = index_at(snap_index(sn), 0, offset);
    if (!o || o->kind != OCC_ITEM || !o->target) {
        lsp_fail(e, LSP_REQUEST_FAILED, o ? "only an item's ID can be renamed" : "there is no item here to rename");
        return NULL;
    }
    if (!written(sn, o->target) && !(o->budget && o->budget->consolidation)) {
        lsp_fail(e, LSP_REQUEST_FAILED, "'%s' is a row the checker derives: rename it where it is written",
                 ((const Item *)o->target)->id);
        return NULL;
    }
    return o;
}

cJSON *on_prepare_rename(Server *s, const cJSON *params, LspError *e)
{
    At at;
    if (!request_at(s, params, &at, e))
        return NULL;
    const Occ *o = item_at(at.snap, at.offset, e);
    if (!o)
        return NULL;
    cJSON *r = cJSON_CreateObject();
    cJSON_AddItemToObject(r, "range", snap_range(s, at.snap, o->span));
    cJSON_AddStringToObject(r, "placeholder", ((const Item *)o->target)->id);
    return r;
}

/* Words the scanner always reads as keywords, and those a bare item line cannot start with. */
static const char *const reserved[] = {"assert", "warn", "within", "and", "or", "not", NULL};
static const char *const keywords[] = {"unit", "rate", "budget", "group", "item", "memo", "year", "rounding",
                                       "columns", "meta", "code", "note", "tag", "import", "classification",
                                       "view", "consolidate", "budgets", "groups", "text", NULL};

static bool listed(const char *const *words, const char *w)
{
    for (; *words; words++)
        if (strcmp(*words, w) == 0)
            return true;
    return false;
}

/* An item written without its keyword (`x 1`) needs a name that is no keyword. */
static bool written_bare(const Snapshot *sn, const Item *it)
{
    return statement_start(sn->c.sources.items[it->id_span.file]->text, it->id_span.start);
}

static bool valid_name(const Snapshot *sn, const Item *it, const char *name, LspError *e)
{
    size_t n = strlen(name);
    const char *problem = NULL;
    char *utf8 = utf8_printable(name, n);
    if (n == 0 || strcmp(utf8, name) != 0 || scan_ident_prefix(name, n) != n || (name[0] >= '0' && name[0] <= '9'))
        problem = "is not a name (a letter, '_' or a non-ASCII character, then those or digits)";
    else if (listed(reserved, name))
        problem = "is a reserved word";
    else if (listed(keywords, name) && written_bare(sn, it))
        problem = "is a keyword: an item line without 'item' cannot start with it";
    if (problem)
        lsp_fail(e, LSP_REQUEST_FAILED, "'%s' %s", utf8, problem);
    free(utf8);
    return !problem;
}

/* The items a rename changes, each with its budget: the item itself; for a row of a
 * consolidation, the row at the same path in each member budget instead (the consolidated
 * row is theirs, merged by ID). */
typedef struct Targets {
    const Item **items;
    const Budget **budgets;
    size_t n, cap, capb;
} Targets;

static void add_target(Targets *t, const Item *it, const Budget *b)
{
    VEC_GROW(t->items, t->n, t->cap);
    VEC_GROW(t->budgets, t->n, t->capb);
    t->items[t->n] = it;
    t->budgets[t->n++] = b;
}

/* The item at the same ID path as `like` in budget b, or NULL. */
static const Item *same_path(const Budget *b, const Item *like)
{
    if (!like->parent) {
        for (uint32_t i = 0; i < b->nitems; i++)
            if (b->items[i]->id == like->id)
                return b->items[i];
        return NULL;
    }
    const Item *parent = same_path(b, like->parent);
    for (uint32_t i = 0; parent && i < parent->nchildren; i++)
        if (parent->children[i]->id == like->id)
            return parent->children[i];
    return NULL;
}

/* The budget holding the item's definition: the one whose items reach it. */
static const Budget *budget_of(const Program *p, const Item *it)
{
    while (it->parent)
        it = it->parent;
    for (uint32_t i = 0; i < p->nbudgets + p->nimported_budgets; i++) {
        const Budget *b = i < p->nbudgets ? p->budgets[i] : p->imported_budgets[i - p->nbudgets];
        if (it->sibling < b->nitems && b->items[it->sibling] == it)
            return b;
    }
    return NULL;
}

static void find_targets(Snapshot *sn, const Occ *o, Targets *t)
{
    const Item *it = o->target;
    if (written(sn, it)) {
        add_target(t, it, budget_of(sn->c.program, it));
        return;
    }
    const Budget *k = o->budget;
    Budget **members = sema_budget(&sn->c.sema, k)->members;
    for (uint32_t m = 0; members && m + 1 < k->ncolumns; m++) {
        const Item *row = members[m] ? same_path(members[m], it) : NULL;
        if (row)
            add_target(t, row, members[m]);
    }
}

static bool name_free(const Budget *b, const Item *it, const char *name, LspError *e)
{
    for (const Item *x = b && b->nitems ? b->items[0] : NULL; x; x = item_next(b, x))
        if (x != it && strcmp(x->id, name) == 0) {
            char *path = item_path(x);
            lsp_fail(e, LSP_REQUEST_FAILED, "budget '%s' already has an item '%s' ('%s'): a reference could change meaning",
                     b->id, name, path);
            free(path);
            return false;
        }
    return true;
}

/* No open document consolidates the budget: a consolidation matches rows by their IDs, so
 * one member's row alone cannot be renamed (rename the consolidation's row instead). */
static bool not_consolidated(const Server *s, const Snapshot *sn, const Budget *b, LspError *e)
{
    const char *path = sn->paths[b->id_span.file];
    for (size_t i = 0; i < s->ndocs; i++) {
        const Snapshot *other = s->docs[i]->snap;
        const Program *p = other->c.program;
        for (uint32_t j = 0; p && j < p->nbudgets; j++) {
            const Budget *k = p->budgets[j];
            Budget **members = k->consolidation ? sema_budget(&other->c.sema, k)->members : NULL;
            for (uint32_t m = 0; members && m + 1 < k->ncolumns; m++)
                if (members[m] && members[m]->id_span.start == b->id_span.start && path &&
                    other->paths[members[m]->id_span.file] && strcmp(other->paths[members[m]->id_span.file], path) == 0) {
                    lsp_fail(e, LSP_REQUEST_FAILED, "budget '%s' is consolidated by '%s', which matches rows by ID: rename the row there, in all its budgets at once",
                             b->id, k->id);
                    return false;
                }
        }
    }
    return true;
}

/* Every target's budget (and the consolidation renamed from) has no item called `name`. */
static bool names_free(const Snapshot *sn, const Occ *o, const Targets *t, const char *name, LspError *e)
{
    const Item *at = o->target;
    for (size_t i = 0; i < t->n; i++)
        if (!name_free(t->budgets[i], t->items[i], name, e))
            return false;
    return written((Snapshot *)sn, at) || name_free(o->budget, at, name, e);
}

typedef struct Edits {
    const Server *s;
    const char *new_name;
    cJSON *changes; /* uri -> [TextEdit] */
    const char *refused;
    char refused_uri[400];
} Edits;

/* Why an edit in this file cannot be made, or NULL. */
static const char *cannot_edit(const Server *s, const Snapshot *sn, uint32_t file)
{
    const char *path = sn->paths[file];
    if (file == 0)
        return path && access(path, W_OK) != 0 && errno != ENOENT ? "is not writable" : NULL;
    if (!path || !doc_by_path(s, path))
        return "is not open in the editor";
    return access(path, W_OK) != 0 && errno != ENOENT ? "is not writable" : NULL;
}

static void add_edit(void *ctx, Snapshot *sn, const Occ *o)
{
    Edits *x = ctx;
    const char *uri = snap_uri(x->s, sn, o->span.file), *why = cannot_edit(x->s, sn, o->span.file);
    if (x->refused)
        return;
    if (why || !uri) {
        x->refused = why ? why : "is no file";
        snprintf(x->refused_uri, sizeof x->refused_uri, "%s", uri ? uri : sn->c.sources.items[o->span.file]->name);
        return;
    }
    cJSON *list = cJSON_GetObjectItemCaseSensitive(x->changes, uri);
    if (!list)
        list = cJSON_AddArrayToObject(x->changes, uri);
    cJSON *edit = cJSON_CreateObject();
    cJSON_AddItemToObject(edit, "range", snap_range(x->s, sn, o->span));
    cJSON_AddStringToObject(edit, "newText", x->new_name);
    cJSON_AddItemToArray(list, edit);
}

cJSON *on_rename(Server *s, const cJSON *params, LspError *e)
{
    At at;
    const char *name = msg_string(params, "newName");
    if (!request_at(s, params, &at, e))
        return NULL;
    if (!name) {
        lsp_fail(e, RPC_INVALID_PARAMS, "params.newName is missing");
        return NULL;
    }
    const Occ *o = item_at(at.snap, at.offset, e);
    if (!o)
        return NULL;
    Targets t = {NULL, NULL, 0, 0, 0};
    find_targets(at.snap, o, &t);
    bool ok = t.n > 0;
    for (size_t i = 0; ok && i < t.n; i++)
        ok = valid_name(at.snap, t.items[i], name, e);
    ok = ok && names_free(at.snap, o, &t, name, e);
    for (size_t i = 0; ok && i < t.n && written(at.snap, o->target); i++)
        ok = !t.budgets[i] || not_consolidated(s, at.snap, t.budgets[i], e);
    if (t.n == 0)
        lsp_fail(e, LSP_REQUEST_FAILED, "no budget of the consolidation has a row '%s'", ((const Item *)o->target)->id);
    Edits x = {s, name, cJSON_CreateObject(), NULL, ""};
    for (size_t i = 0; ok && i < t.n; i++) {
        Occ target = {t.items[i]->id_span, OCC_ITEM, true, 0, NO_FILE, t.budgets[i], t.items[i]};
        occurrences_of(s, at.doc, &target, true, add_edit, &x);
    }
    free(t.items);
    free(t.budgets);
    if (ok && x.refused)
        lsp_fail(e, LSP_REQUEST_FAILED, "cannot rename '%s': it is named in %s, which %s", ((const Item *)o->target)->id,
                 x.refused_uri, x.refused);
    if (!ok || x.refused) {
        cJSON_Delete(x.changes);
        return NULL;
    }
    cJSON *edit = cJSON_CreateObject();
    cJSON_AddItemToObject(edit, "changes", x.changes);
    return edit;
}
