/* source.c - reading whole files (including pipes and FIFOs) and mapping offsets to lines. */
#include "base/source.h"

#include "base/arena.h"
#include "base/utf8.h"
#include "base/vec.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char too_large[] = "file is larger than 1 GiB, the largest source bdl accepts";

static Source *source_wrap(const char *name, char *text, size_t len)
{
    Source *s = xmalloc(sizeof *s);
    memset(s, 0, sizeof *s);
    s->name = utf8_printable(name, strlen(name)); /* shown, never reopened */
    s->text = text;
    s->len = len;
    return s;
}

Source *source_from_string(const char *name, const char *text, size_t len)
{
    char *copy = xmalloc(len + 2);
    memcpy(copy, text, len);
    copy[len] = copy[len + 1] = '\0';
    return source_wrap(name, copy, len);
}

Source *source_stand_in(const char *name, const char *place, LineCol origin, const char *text, size_t len)
{
    Source *s = source_from_string(name, text, len);
    for (size_t i = 0; i < len; i++) /* one line, so that its line is the place's */
        if (s->text[i] == '\n' || s->text[i] == '\r')
            s->text[i] = ' ';
    s->place = utf8_printable(place, strlen(place));
    s->origin = origin;
    return s;
}

/* Reads up to `limit` bytes (growing the buffer only as the data arrives); more than
 * SOURCE_MAX_BYTES is refused. Every buffer ends in the two NULs the scanner needs. */
static char *read_stream(FILE *f, size_t limit, size_t *len, const char **err)
{
    size_t cap = limit < 64 * 1024 ? limit + 2 : 64 * 1024, n = 0;
    char *buf = xmalloc(cap);
    while (n < limit) {
        if (n + 2 == cap) {
            cap = 2 * cap < limit + 2 ? 2 * cap : limit + 2;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - 2 - n, f);
        if (got == 0)
            break;
        n += got;
    }
    if (ferror(f) || n > SOURCE_MAX_BYTES) {
        *err = n > SOURCE_MAX_BYTES ? too_large : strerror(errno);
        free(buf);
        return NULL;
    }
    buf[n] = buf[n + 1] = '\0';
    *len = n;
    return buf;
}

/* How much of an open file to read. A regular file is read up to the size it had when
 * opened, so one that grows while it is read (a log, a runaway generator) still gives a
 * bounded snapshot; its size also refuses a file over the limit before any byte is read.
 * Pipes, FIFOs and devices are read to their end, but never past the limit. */
static bool read_limit(FILE *f, struct stat *st, size_t *limit, const char **err)
{
    *limit = SOURCE_MAX_BYTES + (size_t)1;
    if (fstat(fileno(f), st) != 0) {
        st->st_mode = 0;
        return true;
    }
    if (S_ISDIR(st->st_mode)) {
        *err = "is a directory";
        return false;
    }
    if (S_ISREG(st->st_mode) && st->st_size > SOURCE_MAX_BYTES) {
        *err = too_large;
        return false;
    }
    if (S_ISREG(st->st_mode))
        *limit = (size_t)st->st_size;
    return true;
}

static SourceStamp stamp_of(const struct stat *st)
{
    return (SourceStamp){S_ISREG(st->st_mode), (uint64_t)st->st_dev, (uint64_t)st->st_ino, (int64_t)st->st_size,
                         (int64_t)st->st_mtim.tv_sec, (int64_t)st->st_mtim.tv_nsec};
}

Source *source_read(const char *path, const char **err)
{
    return source_read_named(path, path, err);
}

Source *source_read_named(const char *path, const char *name, const char **err)
{
    bool std_in = strcmp(path, "-") == 0;
    FILE *f = std_in ? stdin : fopen(path, "rb");
    if (!f) {
        *err = strerror(errno);
        return NULL;
    }
    struct stat st;
    size_t limit, len;
    char *text = read_limit(f, &st, &limit, err) ? read_stream(f, limit, &len, err) : NULL;
    Source *s = text ? source_wrap(name, text, len) : NULL;
    if (s && S_ISREG(st.st_mode))
        s->stamp = stamp_of(&st);
    if (!std_in)
        fclose(f);
    return s;
}

/* The bytes of f from its start equal text[0..len), and nothing follows them. */
static bool same_bytes(FILE *f, const char *text, size_t len)
{
    char chunk[64 * 1024];
    size_t at = 0, got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (got > len - at || memcmp(chunk, text + at, got) != 0)
            return false;
        at += got;
    }
    return !ferror(f) && at == len;
}

bool source_unchanged(const Source *s, const char *path, const char **why)
{
    *why = "it changed since bdl read it, so it is left as it is";
    FILE *f = s->stamp.regular ? fopen(path, "rb") : NULL;
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0) {
        if (f)
            fclose(f);
        *why = s->stamp.regular ? strerror(errno) : "it is not a regular file";
        return false;
    }
    SourceStamp a = stamp_of(&st), b = s->stamp;
    bool same = a.dev == b.dev && a.ino == b.ino && a.size == b.size && a.mtime_sec == b.mtime_sec &&
                a.mtime_nsec == b.mtime_nsec && same_bytes(f, s->text, s->len);
    fclose(f);
    return same;
}

void source_free(Source *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->place);
    free(s->text);
    free(s->line_starts);
    free(s);
}

uint32_t sources_add(SourceSet *set, Source *s)
{
    VEC_GROW(set->items, set->n, set->cap);
    set->items[set->n] = s;
    return (uint32_t)set->n++;
}

void sources_free(SourceSet *set)
{
    for (size_t i = 0; i < set->n; i++)
        source_free(set->items[i]);
    free(set->items);
    set->items = NULL;
    set->n = 0;
}

/* Records where every line starts, on the first lookup (most compilations never print one). */
static void index_lines(Source *s)
{
    VEC_GROW(s->line_starts, s->nlines, s->lines_cap);
    s->line_starts[s->nlines++] = 0;
    const char *stop = s->text + s->len;
    for (const char *p = s->text; p < stop && (p = memchr(p, '\n', (size_t)(stop - p))); ) {
        VEC_GROW(s->line_starts, s->nlines, s->lines_cap);
        s->line_starts[s->nlines++] = (uint32_t)(++p - s->text);
    }
}

/* The 0-based index of the line holding `offset`. Emitters ask in reading order, so the
 * line of the previous answer and the one after it are tried before a binary search. */
static size_t line_index(Source *s, uint32_t offset)
{
    if (!s->line_starts)
        index_lines(s);
    const uint32_t *starts = s->line_starts;
    size_t lo = 0, hi = s->nlines, hint = s->line_hint;
    if (starts[hint] <= offset) { /* callers mostly move forward a few lines: gallop */
        lo = hint;
        size_t step = 1;
        while (lo + step < hi && starts[lo + step] <= offset) {
            lo += step;
            step *= 2;
        }
        if (lo + step < hi)
            hi = lo + step;
    } else {
        hi = hint;
    }
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    s->line_hint = lo;
    return lo;
}

/* A stand-in's lines are counted from its origin's line (a text file's from 1). */
static uint32_t first_line(const Source *s)
{
    return s->place ? s->origin.line : 1;
}

uint32_t source_line_number(Source *s, uint32_t offset)
{
    return (uint32_t)line_index(s, offset > s->len ? (uint32_t)s->len : offset) + first_line(s);
}

LineCol source_linecol(Source *s, uint32_t offset)
{
    if (offset > s->len)
        offset = (uint32_t)s->len;
    size_t lo = line_index(s, offset);
    uint32_t start = s->line_starts[lo], line = (uint32_t)lo + 1;
    LineColCache *c = &s->last;
    size_t col = c->line == line && c->offset <= offset
                     ? c->col + utf8_count(s->text + c->offset, offset - c->offset)
                     : utf8_count(s->text + start, offset - start) + 1;
    /* Counting may resume only where a character starts: any byte but 10xxxxxx. */
    if (offset < s->len && ((unsigned char)s->text[offset] & 0xC0) != 0x80)
        *c = (LineColCache){line, offset, (uint32_t)col};
    if (s->place && line == 1)
        col += s->origin.col - 1;
    return (LineCol){line + first_line(s) - 1, (uint32_t)col};
}

const char *source_line(Source *s, uint32_t line, size_t *len)
{
    if (!s->line_starts)
        index_lines(s);
    line = line >= first_line(s) ? line - first_line(s) + 1 : 0;
    if (line == 0 || line > s->nlines) {
        *len = 0;
        return "";
    }
    size_t start = s->line_starts[line - 1];
    size_t end = line < s->nlines ? s->line_starts[line] - 1 : s->len;
    if (end > start && s->text[end - 1] == '\r')
        end--;
    *len = end - start;
    return s->text + start;
}

Span span_join(Span a, Span b)
{
    return (Span){a.file, a.start < b.start ? a.start : b.start, a.end > b.end ? a.end : b.end};
}

char *span_printable(const SourceSet *set, Span s)
{
    return utf8_printable(set->items[s.file]->text + s.start, s.end - s.start);
}
