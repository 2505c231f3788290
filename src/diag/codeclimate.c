/* codeclimate.c - GitLab's code quality report (a subset of Code Climate's issue
 * format): one array of {description, check_name, fingerprint, severity,
 * location: {path, lines: {begin}}}. Fingerprints are integer hashes of what the issue
 * says and of the text of its line (not the line's number), so an edit above an issue
 * does not make GitLab see it as fixed and found again. */
#include "diag/output.h"

#include "base/arena.h"
#include "base/buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { FINGERPRINT_HEX = 16 };

/* 64-bit FNV-1a, continued from h; each part ends with a NUL so that ("ab", "c") and
 * ("a", "bc") hash apart. */
static uint64_t fnv64(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h * 1099511628211ull; /* the NUL: h ^ 0 is h */
}

static const uint64_t FNV64_START = 14695981039346656037ull;

static void hex64(char out[FINGERPRINT_HEX + 1], uint64_t h)
{
    snprintf(out, FINGERPRINT_HEX + 1, "%016llx", (unsigned long long)h);
}

/* GitLab wants a path relative to the repository, without a leading "./". */
static const char *repository_path(const char *name)
{
    while (name[0] == '.' && name[1] == '/')
        name += 2;
    return name;
}

/* The place (if any), the message and its help. */
static char *description(const Diags *d, const Diag *g)
{
    const char *place = diag_place(d, g);
    Buf b = {0};
    if (place)
        buf_printf(&b, "%s: ", place);
    buf_puts(&b, g->message);
    if (g->help)
        buf_printf(&b, " (help: %s)", g->help);
    return buf_take(&b);
}

static uint64_t issue_hash(Source *src, const Diag *g, uint32_t line)
{
    size_t len;
    const char *text = source_line(src, line, &len);
    const char *path = repository_path(src->name);
    uint64_t h = fnv64(FNV64_START, g->code, strlen(g->code));
    h = fnv64(h, path, strlen(path));
    h = fnv64(h, g->message, strlen(g->message));
    return fnv64(h, text, len);
}

cJSON *codeclimate_issue(Diags *d, const Diag *g)
{
    Source *src = d->sources->items[g->span.file];
    uint32_t line = source_line_number(src, g->span.start);
    cJSON *o = cJSON_CreateObject();
    char *desc = description(d, g);
    cJSON_AddStringToObject(o, "description", desc);
    free(desc);
    cJSON_AddStringToObject(o, "check_name", g->code);
    char hex[FINGERPRINT_HEX + 1];
    hex64(hex, issue_hash(src, g, line));
    cJSON_AddStringToObject(o, "fingerprint", hex);
    cJSON_AddStringToObject(o, "severity", g->severity == SEV_ERROR ? "major" : g->severity == SEV_WARNING ? "minor" : "info");
    cJSON *loc = cJSON_AddObjectToObject(o, "location");
    cJSON_AddStringToObject(loc, "path", repository_path(src->name));
    cJSON *lines = cJSON_AddObjectToObject(loc, "lines");
    cJSON_AddNumberToObject(lines, "begin", line);
    return o;
}

typedef struct Fingerprinted {
    cJSON *fingerprint;
    size_t order;
} Fingerprinted;

static int by_fingerprint_then_order(const void *pa, const void *pb)
{
    const Fingerprinted *a = pa, *b = pb;
    int c = strcmp(a->fingerprint->valuestring, b->fingerprint->valuestring);
    if (c)
        return c;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* GitLab keys issues by fingerprint. Two issues that say the same about lines of the
 * same text (a line written twice) would share one, so the k-th of them (k >= 1, in
 * report order) gets the hash of the shared fingerprint and k: still stable, now unique. */
static void make_fingerprints_unique(cJSON *issues)
{
    size_t n = (size_t)cJSON_GetArraySize(issues), i = 0;
    if (n < 2)
        return;
    Fingerprinted *all = xmalloc(n * sizeof *all);
    for (cJSON *it = issues->child; it; it = it->next, i++)
        all[i] = (Fingerprinted){cJSON_GetObjectItem(it, "fingerprint"), i};
    qsort(all, n, sizeof *all, by_fingerprint_then_order);
    for (size_t run = 0; run < n; run = i) {
        const char *shared = all[run].fingerprint->valuestring;
        for (i = run + 1; i < n && strcmp(all[i].fingerprint->valuestring, shared) == 0; i++) {
            char k[24], hex[FINGERPRINT_HEX + 1];
            snprintf(k, sizeof k, "%zu", i - run);
            hex64(hex, fnv64(fnv64(FNV64_START, shared, strlen(shared)), k, strlen(k)));
            cJSON_SetValuestring(all[i].fingerprint, hex);
        }
    }
    free(all);
}

cJSON *codeclimate_document(cJSON *issues)
{
    make_fingerprints_unique(issues);
    return issues;
}
