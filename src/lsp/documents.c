/* documents.c - the open documents: their texts, their compilations (snapshots) and the
 * order in which a change is compiled and published: the document, then the open
 * documents that import it, which read it from memory rather than from the disk. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "lsp/features.h"

#include "base/vec.h"
#include "compile/compile.h"
#include "compile/paths.h"
#include "lsp/uri.h"

#include <stdlib.h>
#include <string.h>

Doc *doc_find(const Server *s, const char *uri)
{
    for (size_t i = 0; i < s->ndocs; i++)
        if (strcmp(s->docs[i]->uri, uri) == 0)
            return s->docs[i];
    return NULL;
}

Doc *doc_by_path(const Server *s, const char *path)
{
    for (size_t i = 0; i < s->ndocs; i++)
        if (s->docs[i]->path && strcmp(s->docs[i]->path, path) == 0)
            return s->docs[i];
    return NULL;
}

/* What a compilation read, as the import reader saw it: each Source with its path. */
typedef struct Reading {
    const Server *s;
    Source **sources;
    char **paths;
    size_t n, cap, cap_paths;
} Reading;

/* An import of an open document is its text in the editor, saved or not. */
static Source *read_import(void *ctx, const char *real_path, const char *name, const char **err)
{
    Reading *r = ctx;
    const Doc *open = doc_by_path(r->s, real_path);
    Source *src = open ? source_from_string(name, open->text, open->len) : source_read_named(real_path, name, err);
    if (src) {
        VEC_GROW(r->sources, r->n, r->cap);
        VEC_GROW(r->paths, r->n, r->cap_paths);
        r->sources[r->n] = src;
        r->paths[r->n++] = xstrdup(real_path);
    }
    return src;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Gives each source of sn the path it was read from. */
static void take_paths(Snapshot *sn, const Doc *d, Reading *r)
{
    size_t n = sn->c.sources.n;
    sn->paths = xmalloc((n ? n : 1) * sizeof *sn->paths);
    sn->uris = xmalloc((n ? n : 1) * sizeof *sn->uris);
    sn->lines = xmalloc((n ? n : 1) * sizeof *sn->lines);
    for (size_t f = 0; f < n; f++) {
        sn->paths[f] = f == 0 && d->path ? xstrdup(d->path) : NULL;
        sn->uris[f] = f == 0 ? xstrdup(d->uri) : NULL;
        sn->lines[f] = (LineMap){0};
        for (size_t k = 0; k < r->n && !sn->paths[f]; k++)
            if (r->sources[k] == sn->c.sources.items[f])
                sn->paths[f] = r->paths[k], r->paths[k] = NULL;
    }
    for (size_t k = 0; k < r->n; k++)
        free(r->paths[k]);
    free(r->paths);
    free(r->sources);
}

static Snapshot *snapshot_new(const Server *s, const Doc *d)
{
    Snapshot *sn = xmalloc(sizeof *sn);
    memset(sn, 0, sizeof *sn);
    compilation_init(&sn->c, s->opt.max_errors, false);
    sn->c.allow_outside = s->opt.allow_outside;
    Reading r = {s, NULL, NULL, 0, 0, 0};
    sn->c.read_import = read_import;
    sn->c.read_import_ctx = &r;
    if (d->path)
        compile_buffer(&sn->c, d->path, base_name(d->path), d->text, d->len);
    else
        compile_string(&sn->c, d->uri, d->text, d->len);
    sn->c.read_import = NULL;
    sn->c.read_import_ctx = NULL;
    take_paths(sn, d, &r);
    return sn;
}

static void snapshot_free(Snapshot *sn)
{
    if (!sn)
        return;
    for (size_t f = 0; f < sn->c.sources.n; f++) {
        free(sn->paths[f]);
        free(sn->uris[f]);
        linemap_free(&sn->lines[f]);
    }
    free(sn->paths);
    free(sn->uris);
    free(sn->lines);
    index_free(&sn->index);
    compilation_free(&sn->c);
    free(sn);
}

/* A file URI's path, canonical when the file exists; NULL for other URIs. */
static char *uri_file(const char *uri)
{
    char *path = uri_to_path(uri);
    if (!path)
        return NULL;
    char *real = realpath(path, NULL);
    if (real) {
        free(path);
        return real;
    }
    char *norm = path_normalize(path);
    free(path);
    return norm;
}

static void recompile(Server *s, Doc *d)
{
    snapshot_free(d->snap);
    d->snap = snapshot_new(s, d);
    publish_diagnostics(s, d);
}

Doc *doc_open(Server *s, const char *uri, const char *text, size_t len, long long version)
{
    Doc *d = xmalloc(sizeof *d);
    memset(d, 0, sizeof *d);
    d->uri = xstrdup(uri);
    d->path = uri_file(uri);
    d->text = xmalloc(len + 1);
    memcpy(d->text, text, len);
    d->text[len] = '\0';
    d->len = len;
    d->version = version;
    VEC_GROW(s->docs, s->ndocs, s->capdocs);
    s->docs[s->ndocs++] = d;
    doc_changed(s, d);
    return d;
}

void doc_edit(Doc *d, size_t start, size_t end, const char *text, size_t len)
{
    size_t tail = d->len - end, n = start + len + tail;
    char *t = xmalloc(n + 1);
    memcpy(t, d->text, start);
    memcpy(t + start, text, len);
    memcpy(t + start + len, d->text + end, tail);
    t[n] = '\0';
    free(d->text);
    d->text = t;
    d->len = n;
}

/* Whether compiling e read the file of d. */
static bool reads(const Doc *e, const Doc *d)
{
    if (!d->path || e == d || !e->snap)
        return false;
    for (size_t f = 1; f < e->snap->c.sources.n; f++)
        if (e->snap->paths[f] && strcmp(e->snap->paths[f], d->path) == 0)
            return true;
    return false;
}

static void recompile_importers(Server *s, const Doc *d)
{
    for (size_t i = 0; i < s->ndocs; i++)
        if (reads(s->docs[i], d))
            recompile(s, s->docs[i]);
}

void doc_changed(Server *s, Doc *d)
{
    recompile(s, d);
    recompile_importers(s, d);
}

void docs_recompile(Server *s)
{
    for (size_t i = 0; i < s->ndocs; i++)
        recompile(s, s->docs[i]);
}

static void doc_free(Doc *d)
{
    snapshot_free(d->snap);
    for (size_t i = 0; i < d->nforeign; i++)
        free(d->foreign[i]);
    free(d->foreign);
    free(d->uri);
    free(d->path);
    free(d->text);
    free(d);
}

void doc_close(Server *s, Doc *d)
{
    clear_diagnostics(s, d);
    size_t i = 0;
    while (s->docs[i] != d)
        i++;
    memmove(s->docs + i, s->docs + i + 1, (s->ndocs - i - 1) * sizeof *s->docs);
    s->ndocs--;
    recompile_importers(s, d); /* they read the file from the disk now */
    doc_free(d);
}

void docs_free(Server *s)
{
    for (size_t i = 0; i < s->ndocs; i++)
        doc_free(s->docs[i]);
    free(s->docs);
    s->docs = NULL;
    s->ndocs = s->capdocs = 0;
}

const Index *snap_index(Snapshot *sn)
{
    if (!sn->indexed) {
        index_build(&sn->index, &sn->c);
        sn->indexed = true;
    }
    return &sn->index;
}

LineMap *snap_lines(Snapshot *sn, uint32_t file)
{
    LineMap *m = &sn->lines[file];
    if (!m->starts) {
        const Source *src = sn->c.sources.items[file];
        linemap_init(m, src->text, src->len);
    }
    return m;
}

const char *snap_uri(const Server *s, Snapshot *sn, uint32_t file)
{
    if (!sn->uris[file] && sn->paths[file]) {
        const Doc *open = doc_by_path(s, sn->paths[file]);
        sn->uris[file] = open ? xstrdup(open->uri) : uri_from_path(sn->paths[file]);
    }
    return sn->uris[file];
}

cJSON *snap_range(const Server *s, Snapshot *sn, Span span)
{
    LineMap *m = snap_lines(sn, span.file);
    return range_json(linemap_position(m, span.start, s->enc), linemap_position(m, span.end, s->enc));
}

cJSON *snap_location(const Server *s, Snapshot *sn, Span span)
{
    const char *uri = snap_uri(s, sn, span.file);
    if (!uri)
        return NULL;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "uri", uri);
    cJSON_AddItemToObject(o, "range", snap_range(s, sn, span));
    return o;
}

uint32_t snap_offset(const Server *s, Snapshot *sn, Position p)
{
    return (uint32_t)linemap_offset(snap_lines(sn, 0), p, s->enc);
}
