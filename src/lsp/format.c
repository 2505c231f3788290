/* format.c - textDocument/formatting and rangeFormatting: `bdl fmt`'s canonical layout as
 * small edits. The formatter changes only the white space between tokens (and drops a ';'
 * that ends a statement), so the old and the new text hold the same other bytes in the
 * same order: each gap of white space and ';' that differs is one edit, and a range keeps
 * the edits inside it. The client's tab and space options do not apply: the layout is
 * bdl's own. A document with syntax errors is not formatted, as with `bdl fmt`. */
#include "lsp/features.h"

#include "base/vec.h"
#include "tools/fmt.h"

#include <stdlib.h>
#include <string.h>

static bool gap(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';';
}

typedef struct Edit {
    size_t start, end;   /* in the old text */
    size_t nstart, nend; /* the new text's bytes that replace them */
} Edit;

typedef struct Edits {
    Edit *v;
    size_t n, cap;
} Edits;

/* The gap old[a0, a1) becomes new[b0, b1): an edit of what differs, if anything. */
static void gap_edit(Edits *ed, const char *old, size_t a0, size_t a1, const char *new_text, size_t b0, size_t b1)
{
    while (a0 < a1 && b0 < b1 && old[a0] == new_text[b0])
        a0++, b0++;
    while (a1 > a0 && b1 > b0 && old[a1 - 1] == new_text[b1 - 1])
        a1--, b1--;
    if (a0 == a1 && b0 == b1)
        return;
    VEC_GROW(ed->v, ed->n, ed->cap);
    ed->v[ed->n++] = (Edit){a0, a1, b0, b1};
}

/* The edits from old to new; false when they differ in more than gaps. */
static bool gap_edits(Edits *ed, const char *old, size_t alen, const char *new_text, size_t blen)
{
    size_t i = 0, j = 0;
    for (;;) {
        size_t gi = i, gj = j;
        while (i < alen && gap(old[i]))
            i++;
        while (j < blen && gap(new_text[j]))
            j++;
        gap_edit(ed, old, gi, i, new_text, gj, j);
        if (i == alen && j == blen)
            return true;
        if (i == alen || j == blen || old[i] != new_text[j])
            return false;
        i++, j++;
    }
}

static cJSON *text_edit(const Server *s, Snapshot *sn, size_t start, size_t end, const char *text, size_t n)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddItemToObject(e, "range", snap_range(s, sn, (Span){0, (uint32_t)start, (uint32_t)end}));
    char *t = xmalloc(n + 1);
    memcpy(t, text, n);
    t[n] = '\0';
    cJSON_AddStringToObject(e, "newText", t);
    free(t);
    return e;
}

/* The formatting edits whose old bytes meet [from, to]. */
static cJSON *format(Server *s, Doc *d, size_t from, size_t to, LspError *e)
{
    Snapshot *sn = d->snap;
    if (diags_syntax_errors(&sn->c.diags)) {
        lsp_fail(e, LSP_REQUEST_FAILED, "the document has syntax errors: it is not formatted (see its diagnostics)");
        return NULL;
    }
    Source *src = sn->c.sources.items[0];
    size_t n;
    char *formatted = fmt_source(src, &n);
    Edits ed = {NULL, 0, 0};
    cJSON *out = cJSON_CreateArray();
    if (gap_edits(&ed, src->text, src->len, formatted, n)) {
        for (size_t i = 0; i < ed.n; i++)
            if (ed.v[i].end >= from && ed.v[i].start <= to)
                cJSON_AddItemToArray(out, text_edit(s, sn, ed.v[i].start, ed.v[i].end, formatted + ed.v[i].nstart,
                                                    ed.v[i].nend - ed.v[i].nstart));
    } else { /* not expected of bdl fmt; the whole text then */
        cJSON_AddItemToArray(out, text_edit(s, sn, 0, src->len, formatted, n));
    }
    free(ed.v);
    free(formatted);
    return out;
}

cJSON *on_formatting(Server *s, const cJSON *params, LspError *e)
{
    Doc *d = request_doc(s, params, e);
    return d ? format(s, d, 0, d->snap->c.sources.items[0]->len, e) : NULL;
}

cJSON *on_range_formatting(Server *s, const cJSON *params, LspError *e)
{
    InRange r;
    return request_range(s, params, &r, e) ? format(s, r.doc, r.from, r.to, e) : NULL;
}
