/* diagnostics.c - textDocument/publishDiagnostics: a compilation's diagnostics as the
 * protocol has them. The message carries the notes and the help line, as `bdl check`
 * prints them; related information gives each labelled span, and for a failed total every
 * summed item, for a failed check every figure it read, each at the place it is written.
 * A document publishes its own file's diagnostics and those of the files it imports that
 * are not open (an open one publishes its own). */
#include "lsp/features.h"

#include "base/buf.h"
#include "base/show.h"
#include "base/vec.h"

#include <stdlib.h>
#include <string.h>

static void add_related(const Server *s, Snapshot *sn, cJSON *list, Span at, const char *message)
{
    cJSON *location = snap_location(s, sn, at);
    if (!location)
        return;
    cJSON *r = cJSON_CreateObject();
    cJSON_AddItemToObject(r, "location", location);
    cJSON_AddStringToObject(r, "message", message);
    cJSON_AddItemToArray(list, r);
}

/* "id = 544.64 万元", or "id not stated"; where the figure is written. */
static void add_figure(const Server *s, Snapshot *sn, cJSON *list, const Item *it, uint32_t col, const char *name)
{
    const ItemFacts *f = sema_item(&sn->c.sema, it);
    Buf b = {0};
    buf_printf(&b, "%s = ", name);
    if (f->value && cell_stated(f->value[col]))
        show_amount(&b, cell_value(f->value[col]), unit_shown(f->unit));
    else
        buf_puts(&b, "not stated");
    add_related(s, sn, list, col < it->nvalues ? it->values[col].span : it->id_span, b.data);
    buf_free(&b);
}

static bool same_span(Span a, Span b)
{
    return a.file == b.file && a.start == b.start && a.end == b.end;
}

/* E0406 is reported at a group's stated total: that group's items, as summed in the
 * column. Found by a walk over the budgets, which costs less than indexing them. */
static void summed_items(const Server *s, Snapshot *sn, const Diag *g, cJSON *list)
{
    const Program *p = sn->c.program;
    for (uint32_t i = 0; i < p->nbudgets + p->nimported_budgets; i++) {
        const Budget *b = i < p->nbudgets ? p->budgets[i] : p->imported_budgets[i - p->nbudgets];
        if (b->span.file != g->span.file || b->consolidation)
            continue;
        for (const Item *it = b->nitems ? b->items[0] : NULL; it; it = item_next(b, it))
            for (uint32_t col = 0; it->kind == ITEM_GROUP && col < it->nvalues; col++)
                if (same_span(it->values[col].span, g->span)) {
                    for (uint32_t k = 0; k < it->nchildren; k++) {
                        const Item *ch = it->children[k];
                        if (ch->kind != ITEM_MEMO && !sema_item(&sn->c.sema, ch)->excluded)
                            add_figure(s, sn, list, ch, col, ch->id);
                    }
                    return;
                }
    }
}

/* E0501 and W0501 are reported at the claim: the figures each failed column read. */
static void failed_operands(const Server *s, Snapshot *sn, const Budget *b, const Check *k, cJSON *list)
{
    const CheckFacts *kf = sema_check(&sn->c.sema, k);
    for (uint32_t i = 0; i < kf->nresults; i++) {
        const CheckResult *r = &kf->results[i];
        for (uint32_t j = 0; r->status == CHECK_FAILED && j < r->noperands; j++) {
            const Operand *op = &r->operands[j];
            char *path = item_path(op->item), *name = str_printf("%s[%s]", path, b->columns[op->column].id);
            add_figure(s, sn, list, op->item, (uint32_t)op->column, name);
            free(name);
            free(path);
        }
    }
}

static void operands(const Server *s, Snapshot *sn, const Diag *g, cJSON *list)
{
    const Program *p = sn->c.program;
    for (uint32_t i = 0; i < p->nbudgets + p->nimported_budgets; i++) {
        const Budget *b = i < p->nbudgets ? p->budgets[i] : p->imported_budgets[i - p->nbudgets];
        for (uint32_t j = 0; j < b->nchecks; j++)
            if (same_span(b->checks[j]->expr->span, g->span)) {
                failed_operands(s, sn, b, b->checks[j], list);
                return;
            }
    }
}

cJSON *diagnostic_json(const Server *s, Snapshot *sn, const Diag *g)
{
    cJSON *d = cJSON_CreateObject(), *related = cJSON_CreateArray();
    cJSON_AddItemToObject(d, "range", snap_range(s, sn, g->span));
    cJSON_AddNumberToObject(d, "severity", g->severity == SEV_ERROR ? 1 : g->severity == SEV_WARNING ? 2 : 3 /* Information */);
    cJSON_AddStringToObject(d, "code", g->code);
    cJSON_AddStringToObject(d, "source", "bdl");
    Buf m = {0};
    buf_puts(&m, g->message);
    for (size_t i = 0; i < g->nnotes; i++)
        buf_printf(&m, "\nnote: %s", g->notes[i]);
    if (g->help)
        buf_printf(&m, "\nhelp: %s", g->help);
    cJSON_AddStringToObject(d, "message", m.data);
    buf_free(&m);
    for (size_t i = 0; i < g->nlabels; i++)
        add_related(s, sn, related, g->labels[i].span, g->labels[i].text);
    if (strcmp(g->code, "E0406") == 0)
        summed_items(s, sn, g, related);
    else if (strcmp(g->code, "E0501") == 0 || strcmp(g->code, "W0501") == 0)
        operands(s, sn, g, related);
    if (cJSON_GetArraySize(related))
        cJSON_AddItemToObject(d, "relatedInformation", related);
    else
        cJSON_Delete(related);
    return d;
}

static void publish(Server *s, const char *uri, const Doc *versioned, cJSON *list)
{
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "uri", uri);
    if (versioned)
        cJSON_AddNumberToObject(p, "version", (double)versioned->version);
    cJSON_AddItemToObject(p, "diagnostics", list);
    server_notify(s, "textDocument/publishDiagnostics", p);
}

static bool listed(char **uris, size_t n, const char *uri)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(uris[i], uri) == 0)
            return true;
    return false;
}

/* Whether a document other than d keeps diagnostics published for an imported file. */
static bool published_by_other(const Server *s, const Doc *d, const char *uri)
{
    for (size_t i = 0; i < s->ndocs; i++)
        if (s->docs[i] != d && listed(s->docs[i]->foreign, s->docs[i]->nforeign, uri))
            return true;
    return false;
}

/* The diagnostics of one imported file, under its own URI, unless it is open. */
static bool publish_foreign(Server *s, Snapshot *sn, uint32_t file, cJSON *list)
{
    const char *uri = snap_uri(s, sn, file);
    if (!uri || !sn->paths[file] || doc_by_path(s, sn->paths[file])) {
        cJSON_Delete(list);
        return false;
    }
    publish(s, uri, NULL, list);
    return true;
}

void publish_diagnostics(Server *s, Doc *d)
{
    Snapshot *sn = d->snap;
    const Diags *ds = &sn->c.diags;
    char **foreign = NULL;
    size_t nforeign = 0, cap = 0;
    cJSON *own = cJSON_CreateArray();
    for (size_t i = 0; i < ds->n;) { /* sorted by file */
        uint32_t file = ds->items[i]->span.file;
        cJSON *list = file == 0 ? own : cJSON_CreateArray();
        for (; i < ds->n && ds->items[i]->span.file == file; i++)
            cJSON_AddItemToArray(list, diagnostic_json(s, sn, ds->items[i]));
        if (file != 0 && publish_foreign(s, sn, file, list)) {
            VEC_GROW(foreign, nforeign, cap);
            foreign[nforeign++] = xstrdup(snap_uri(s, sn, file));
        }
    }
    publish(s, d->uri, d, own);
    for (size_t i = 0; i < d->nforeign; i++) {
        if (!listed(foreign, nforeign, d->foreign[i]) && !published_by_other(s, d, d->foreign[i]))
            publish(s, d->foreign[i], NULL, cJSON_CreateArray()); /* fixed, or no longer imported */
        free(d->foreign[i]);
    }
    free(d->foreign);
    d->foreign = foreign;
    d->nforeign = nforeign;
}

void clear_diagnostics(Server *s, Doc *d)
{
    publish(s, d->uri, NULL, cJSON_CreateArray());
    for (size_t i = 0; i < d->nforeign; i++)
        if (!published_by_other(s, d, d->foreign[i]))
            publish(s, d->foreign[i], NULL, cJSON_CreateArray());
}
