/* sync.c - the document notifications: open, change (whole or incremental), save, close,
 * and files changed on disk. Each leaves the documents compiled and their diagnostics
 * published; a notification that does not make sense (an unknown document, a change
 * without text) is dropped, as notifications get no answer. */
#include "lsp/features.h"

#include <string.h>

static long long version_of(const cJSON *doc)
{
    const cJSON *v = msg_field(doc, "version");
    return cJSON_IsNumber(v) ? (long long)v->valuedouble : 0;
}

void on_did_open(Server *s, const cJSON *params)
{
    const cJSON *td = msg_field(params, "textDocument");
    const char *uri = msg_string(td, "uri"), *text = msg_string(td, "text");
    if (!uri || !text)
        return;
    Doc *d = doc_find(s, uri);
    if (!d) {
        doc_open(s, uri, text, strlen(text), version_of(td));
        return;
    }
    doc_edit(d, 0, d->len, text, strlen(text)); /* opened again: the client's text wins */
    d->version = version_of(td);
    doc_changed(s, d);
}

/* One content change: a range and its new text, or the whole text. */
static bool apply_change(const Server *s, Doc *d, const cJSON *change)
{
    const char *text = msg_string(change, "text");
    const cJSON *range = msg_field(change, "range");
    if (!text)
        return false;
    if (!range) {
        doc_edit(d, 0, d->len, text, strlen(text));
        return true;
    }
    Position a, b;
    if (!msg_position(msg_field(range, "start"), &a) || !msg_position(msg_field(range, "end"), &b))
        return false;
    LineMap m;
    linemap_init(&m, d->text, d->len); /* the text as the changes before left it */
    size_t start = linemap_offset(&m, a, s->enc), end = linemap_offset(&m, b, s->enc);
    linemap_free(&m);
    if (end < start)
        return false;
    doc_edit(d, start, end, text, strlen(text));
    return true;
}

void on_did_change(Server *s, const cJSON *params)
{
    const cJSON *td = msg_field(params, "textDocument"), *changes = msg_field(params, "contentChanges");
    const char *uri = msg_string(td, "uri");
    Doc *d = uri ? doc_find(s, uri) : NULL;
    if (!d || !cJSON_IsArray(changes))
        return;
    const cJSON *change;
    cJSON_ArrayForEach(change, changes)
        apply_change(s, d, change);
    d->version = version_of(td);
    doc_changed(s, d);
}

void on_did_save(Server *s, const cJSON *params)
{
    const cJSON *td = msg_field(params, "textDocument");
    const char *uri = msg_string(td, "uri"), *text = msg_string(params, "text");
    Doc *d = uri ? doc_find(s, uri) : NULL;
    if (!d)
        return;
    if (text)
        doc_edit(d, 0, d->len, text, strlen(text));
    doc_changed(s, d);
}

void on_did_close(Server *s, const cJSON *params)
{
    const char *uri = msg_string(msg_field(params, "textDocument"), "uri");
    Doc *d = uri ? doc_find(s, uri) : NULL;
    if (d)
        doc_close(s, d);
}

/* An imported file changed on disk: every document may read it. */
void on_watched_files(Server *s, const cJSON *params)
{
    (void)params;
    docs_recompile(s);
}
