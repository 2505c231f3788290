/* json_writer.c - streaming JSON in cJSON_Print's layout. */
#include "emit/json_writer.h"

#include "base/arena.h"
#include "base/vec.h"

#include <stdlib.h>
#include <string.h>

void json_init(JsonWriter *w, FILE *out)
{
    w->out = out;
    w->failed = false;
    w->open = NULL;
    w->depth = w->cap = 0;
    w->len = 0;
}

static void flush(JsonWriter *w)
{
    if (w->len && fwrite(w->buf, 1, w->len, w->out) != w->len)
        w->failed = true;
    w->len = 0;
}

bool json_finish(JsonWriter *w)
{
    flush(w);
    free(w->open);
    w->open = NULL;
    return !w->failed;
}

/* Room for n more bytes in the buffer (n at most its size): where to write them. */
static char *reserve(JsonWriter *w, size_t n)
{
    if (n > sizeof w->buf - w->len)
        flush(w);
    return w->buf + w->len;
}

static void put_long(JsonWriter *w, const char *s, size_t n)
{
    flush(w);
    if (fwrite(s, 1, n, w->out) != n)
        w->failed = true;
}

/* Inline, so that the many short constant pieces are copied without a call. */
static inline void put(JsonWriter *w, const char *s, size_t n)
{
    if (n > sizeof w->buf) {
        put_long(w, s, n);
        return;
    }
    memcpy(reserve(w, n), s, n);
    w->len += n;
}

/* A separator and indentation are copied as one fixed-size block from here (no call to
 * memcpy or memset), then the end moved to where they really stop. */
static const char sep_tabs[] = ",\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
enum { FIXED_COPY = 32, FAST_DEPTH = FIXED_COPY - 2, FAST_KEY = 1024 };

static void put_tabs(JsonWriter *w, size_t n)
{
    static const char tabs[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
    for (; n > sizeof tabs - 1; n -= sizeof tabs - 1)
        put(w, tabs, sizeof tabs - 1);
    put(w, tabs, n);
}

/* Before a value: in an array, the ", " that separates it from the one before. */
static inline void before_value(JsonWriter *w)
{
    if (w->depth == 0)
        return;
    uint32_t *top = &w->open[w->depth - 1];
    if (*top & 1) {
        if (*top >> 1)
            put(w, ", ", 2);
        *top += 2;
    }
}

static void push(JsonWriter *w, bool is_array)
{
    VEC_GROW(w->open, w->depth, w->cap);
    w->open[w->depth++] = is_array;
}

void json_object_begin(JsonWriter *w)
{
    before_value(w);
    put(w, "{\n", 2);
    push(w, false);
}

void json_object_end(JsonWriter *w)
{
    uint32_t members = w->open[--w->depth] >> 1;
    if (w->depth <= FAST_DEPTH) {
        char *p = reserve(w, FIXED_COPY + 1);
        memcpy(p, sep_tabs + (members ? 1 : 2), FIXED_COPY); /* "\n" and tabs, or just tabs */
        p += (members ? 1 : 0) + w->depth;
        *p++ = '}';
        w->len = (size_t)(p - w->buf);
        return;
    }
    if (members)
        put(w, "\n", 1);
    put_tabs(w, w->depth);
    put(w, "}", 1);
}

void json_array_begin(JsonWriter *w)
{
    before_value(w);
    put(w, "[", 1);
    push(w, true);
}

void json_array_end(JsonWriter *w)
{
    w->depth--;
    put(w, "]", 1);
}

/* Writes the escape for c at p (cJSON's: \" \\ \b \f \n \r \t, else \u00XX); returns its end. */
static char *escape(char *p, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    *p++ = '\\';
    switch (c) {
    case '"': case '\\': *p++ = (char)c; break;
    case '\b': *p++ = 'b'; break;
    case '\f': *p++ = 'f'; break;
    case '\n': *p++ = 'n'; break;
    case '\r': *p++ = 'r'; break;
    case '\t': *p++ = 't'; break;
    default:
        memcpy(p, "u00", 3);
        p[3] = hex[c >> 4];
        p[4] = hex[c & 15];
        p += 5;
    }
    return p;
}

/* Bytes a JSON string cannot hold as they are (and NUL, where a C string ends). */
static const bool special[256] = {
    [0] = 1, [1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1, [7] = 1, [8] = 1, [9] = 1,
    [10] = 1, [11] = 1, [12] = 1, [13] = 1, [14] = 1, [15] = 1, [16] = 1, [17] = 1, [18] = 1,
    [19] = 1, [20] = 1, [21] = 1, [22] = 1, [23] = 1, [24] = 1, [25] = 1, [26] = 1, [27] = 1,
    [28] = 1, [29] = 1, [30] = 1, [31] = 1, ['"'] = 1, ['\\'] = 1,
};

/* Writes the string s, of at most n bytes and ending at a NUL if it holds one. */
static void put_escaped(JsonWriter *w, const char *s, size_t n)
{
    enum { CHUNK = 1024 }; /* bytes escaped at a time: each may grow to six */
    *reserve(w, 1) = '"';
    w->len++;
    for (bool more = true; more && n > 0;) {
        size_t k = n < CHUNK ? n : CHUNK, i = 0;
        char *p = reserve(w, 6 * k + 1);
        for (; i < k; i++) {
            unsigned char c = (unsigned char)s[i];
            if (!special[c]) {
                *p++ = (char)c;
            } else if (c == '\0') {
                more = false;
                break;
            } else {
                p = escape(p, c);
            }
        }
        w->len = (size_t)(p - w->buf);
        s += i;
        n -= i;
    }
    *reserve(w, 1) = '"';
    w->len++;
}

char *json_key_open(JsonWriter *w, const char *key, size_t n)
{
    uint32_t *top = &w->open[w->depth - 1];
    bool later = *top >> 1;
    *top += 2;
    if (w->depth <= FAST_DEPTH && n <= FAST_KEY) {
        char *p = reserve(w, FIXED_COPY + n + 4);
        memcpy(p, sep_tabs + (later ? 0 : 2), FIXED_COPY);
        p += (later ? 2 : 0) + w->depth;
        *p++ = '"';
        return p;
    }
    if (later) /* a huge key or depth: piece by piece */
        put(w, ",\n", 2);
    put_tabs(w, w->depth);
    put_escaped(w, key, n);
    put(w, ":\t", 2);
    return NULL;
}

void json_string(JsonWriter *w, const char *s)
{
    if (!s) {
        json_null(w);
        return;
    }
    before_value(w);
    put_escaped(w, s, SIZE_MAX);
}

void json_plain_n(JsonWriter *w, const char *s, size_t n)
{
    before_value(w);
    if (n + 2 > sizeof w->buf) {
        put_escaped(w, s, n);
        return;
    }
    char *p = reserve(w, n + 2);
    *p = '"';
    memcpy(p + 1, s, n);
    p[n + 1] = '"';
    w->len += n + 2;
}

void json_plain(JsonWriter *w, const char *s)
{
    if (s)
        json_plain_n(w, s, strlen(s));
    else
        json_null(w);
}

void json_null(JsonWriter *w)
{
    before_value(w);
    put(w, "null", 4);
}

void json_bool(JsonWriter *w, bool b)
{
    before_value(w);
    if (b)
        put(w, "true", 4);
    else
        put(w, "false", 5);
}

/* cJSON prints the integers bdl writes (lines, offsets, counts: all below 10^15) as plain
 * decimal digits, which is what this writes. */
void json_int(JsonWriter *w, long long v)
{
    before_value(w);
    char digits[24], *d = digits + sizeof digits;
    unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
    do
        *--d = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--d = '-';
    put(w, d, (size_t)(digits + sizeof digits - d));
}

void json_cjson(JsonWriter *w, const cJSON *value)
{
    before_value(w);
    char *text = cJSON_Print(value);
    if (!text) {
        w->failed = true;
        return;
    }
    /* cJSON laid the value out at depth 0; every line after the first moves in by ours.
     * Strings hold no raw newline (cJSON escapes it), so each one is a line break. */
    const char *line = text;
    for (const char *nl; (nl = strchr(line, '\n')); line = nl + 1) {
        put(w, line, (size_t)(nl - line) + 1);
        put_tabs(w, w->depth);
    }
    put(w, line, strlen(line));
    cJSON_free(text);
}

void json_raw(JsonWriter *w, const char *s, size_t n)
{
    put(w, s, n);
}
