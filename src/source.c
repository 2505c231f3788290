/* source.c - reading whole files (including pipes and FIFOs), giving a large file's parsed
 * bytes back and reading them again on demand, and mapping offsets to lines. */
#define _DEFAULT_SOURCE /* madvise */
#include "source.h"

#include "arena.h"
#include "utf8.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const char too_large[] = "file is larger than 1 GiB, the largest source bdl accepts";

static Source *source_wrap(const char *name, char *text, size_t len)
{
    Source *s = xmalloc(sizeof *s);
    memset(s, 0, sizeof *s);
    s->name = utf8_printable(name, strlen(name)); /* shown, never reopened */
    s->text = text;
    s->len = len;
    s->fd = -1;
    return s;
}

Source *source_from_string(const char *name, const char *text, size_t len)
{
    char *copy = xmalloc(len + 2);
    memcpy(copy, text, len);
    copy[len] = copy[len + 1] = '\0';
    return source_wrap(name, copy, len);
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

static int64_t mtime_ns(const struct stat *st)
{
    return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

/* A file large enough to give its bytes back keeps a descriptor to read them again. */
static void keep_open(Source *s, FILE *f, const struct stat *st)
{
    s->fd = dup(fileno(f));
    s->mtime_ns = mtime_ns(st);
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
    if (s && !std_in && S_ISREG(st.st_mode) && len >= SOURCE_RELEASE_STEP)
        keep_open(s, f, &st); /* standard input may start anywhere in its file: held whole */
    if (!std_in)
        fclose(f);
    return s;
}

void source_free(Source *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->text);
    free(s->line_starts);
    free(s->gone);
    if (s->fd >= 0)
        close(s->fd);
    free(s);
}

uint32_t sources_add(SourceSet *set, Source *s)
{
    set->items = xrealloc(set->items, (set->n + 1) * sizeof *set->items);
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

/* Records the lines that start in [indexed, end): the index grows as far as it is asked,
 * and covers bytes before they are given back. */
static void index_lines(Source *s, uint32_t end)
{
    if (!s->line_starts) {
        s->lines_cap = 64;
        s->line_starts = xmalloc(s->lines_cap * sizeof *s->line_starts);
        s->line_starts[0] = 0;
        s->nlines = 1;
    }
    const char *stop = s->text + end;
    for (const char *p = s->text + s->indexed; p < stop && (p = memchr(p, '\n', (size_t)(stop - p))); ) {
        if (s->nlines == s->lines_cap) {
            s->lines_cap *= 2;
            s->line_starts = xrealloc(s->line_starts, s->lines_cap * sizeof *s->line_starts);
        }
        s->line_starts[s->nlines++] = (uint32_t)(++p - s->text);
    }
    if (end > s->indexed)
        s->indexed = end;
}

/* Hands the whole pages inside text[from, to) back to the system. The bytes read as zeros
 * until read again; the pages at either end, shared with bytes still in use, stay. */
static void give_back(Source *s, uint32_t from, uint32_t to)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t a = ((uintptr_t)(s->text + from) + page - 1) & ~(page - 1);
    uintptr_t b = (uintptr_t)(s->text + to) & ~(page - 1);
    if (b > a)
        madvise((void *)a, b - a, MADV_DONTNEED); /* advice: where refused, the bytes stay */
}

void source_release(Source *s, uint32_t offset)
{
    if (s->fd < 0 || offset < s->released + SOURCE_RELEASE_STEP)
        return;
    uint32_t upto = offset / SOURCE_CHUNK * SOURCE_CHUNK;
    if (!s->gone) {
        s->gone = xmalloc(s->len / SOURCE_CHUNK + 1);
        memset(s->gone, 0, s->len / SOURCE_CHUNK + 1);
    }
    index_lines(s, upto);
    memset(s->gone + s->released / SOURCE_CHUNK, 1, (upto - s->released) / SOURCE_CHUNK);
    give_back(s, s->released, upto);
    s->released = upto;
}

/* Whether the file is still what was read: otherwise its bytes now are not the ones parsed. */
static bool unchanged(const Source *s)
{
    struct stat st;
    return fstat(s->fd, &st) == 0 && (size_t)st.st_size == s->len && mtime_ns(&st) == s->mtime_ns;
}

static void read_again(Source *s, size_t chunk)
{
    size_t at = chunk * SOURCE_CHUNK, got = 0;
    char *dst = s->text + at;
    while (got < SOURCE_CHUNK && unchanged(s)) {
        ssize_t n = pread(s->fd, dst + got, SOURCE_CHUNK - got, (off_t)(at + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    memset(dst + got, ' ', SOURCE_CHUNK - got);
    s->gone[chunk] = 0;
}

const char *source_bytes(Source *s, uint32_t start, uint32_t end)
{
    uint32_t stop = end < s->released ? end : s->released;
    for (size_t k = start / SOURCE_CHUNK; s->gone && k * SOURCE_CHUNK < stop; k++)
        if (s->gone[k])
            read_again(s, k);
    return s->text + start;
}

/* The 0-based index of the line holding `offset`. Emitters ask in reading order, so the
 * line of the previous answer and the one after it are tried before a binary search. */
static size_t line_index(Source *s, uint32_t offset)
{
    if (!s->line_starts || s->indexed < s->len)
        index_lines(s, (uint32_t)s->len);
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

uint32_t source_line_number(Source *s, uint32_t offset)
{
    return (uint32_t)line_index(s, offset > s->len ? (uint32_t)s->len : offset) + 1;
}

LineCol source_linecol(Source *s, uint32_t offset)
{
    if (offset > s->len)
        offset = (uint32_t)s->len;
    size_t lo = line_index(s, offset);
    uint32_t start = s->line_starts[lo], line = (uint32_t)lo + 1;
    source_bytes(s, start, offset < s->len ? offset + 1 : offset);
    LineColCache *c = &s->last;
    size_t col = c->line == line && c->offset <= offset
                     ? c->col + utf8_count(s->text + c->offset, offset - c->offset)
                     : utf8_count(s->text + start, offset - start) + 1;
    /* Counting may resume only where a character starts: any byte but 10xxxxxx. */
    if (offset < s->len && ((unsigned char)s->text[offset] & 0xC0) != 0x80)
        *c = (LineColCache){line, offset, (uint32_t)col};
    return (LineCol){line, (uint32_t)col};
}

const char *source_line(Source *s, uint32_t line, size_t *len)
{
    if (!s->line_starts || s->indexed < s->len)
        index_lines(s, (uint32_t)s->len);
    if (line == 0 || line > s->nlines) {
        *len = 0;
        return "";
    }
    size_t start = s->line_starts[line - 1];
    size_t end = line < s->nlines ? s->line_starts[line] - 1 : s->len;
    source_bytes(s, (uint32_t)start, (uint32_t)end);
    if (end > start && s->text[end - 1] == '\r')
        end--;
    *len = end - start;
    return s->text + start;
}

Span span_join(Span a, Span b)
{
    return (Span){a.file, a.start < b.start ? a.start : b.start, a.end > b.end ? a.end : b.end};
}
