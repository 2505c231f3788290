/* position.c - LSP positions to byte offsets and back, in UTF-16, UTF-8 or UTF-32 units. A
 * byte that is not well-formed UTF-8 counts as one unit in each (the client shows it as
 * U+FFFD, one character). */
#include "lsp/position.h"

#include "base/utf8.h"
#include "base/vec.h"

#include <stdlib.h>
#include <string.h>

void linemap_init(LineMap *m, const char *text, size_t len)
{
    size_t cap = 0;
    *m = (LineMap){text, len, NULL, 0};
    VEC_GROW(m->starts, m->nlines, cap);
    m->starts[m->nlines++] = 0;
    const char *cr = memchr(text, '\r', len); /* rare: looked for again only when passed */
    for (size_t i = 0; i < len; i++) {
        const char *lf = memchr(text + i, '\n', len - i);
        if (cr && cr < text + i)
            cr = memchr(text + i, '\r', len - i);
        const char *end = cr && (!lf || cr < lf) ? cr : lf;
        if (!end)
            break;
        i = (size_t)(end - text);
        if (*end == '\r' && i + 1 < len && text[i + 1] == '\n')
            i++;
        VEC_GROW(m->starts, m->nlines, cap);
        m->starts[m->nlines++] = (uint32_t)(i + 1);
    }
}

void linemap_free(LineMap *m)
{
    free(m->starts);
    m->starts = NULL;
    m->nlines = 0;
}

/* Where line l's text ends, before its line break. */
static size_t line_end(const LineMap *m, size_t l)
{
    size_t start = m->starts[l], end = l + 1 < m->nlines ? m->starts[l + 1] : m->len;
    if (end > start && m->text[end - 1] == '\n')
        end--;
    if (end > start && m->text[end - 1] == '\r')
        end--;
    return end;
}

/* The character at s[0..n): its length in bytes, and in units of enc (*units). */
static size_t char_at(const char *s, size_t n, PosEncoding enc, uint32_t *units)
{
    uint32_t cp;
    size_t k = utf8_decode((const unsigned char *)s, n, &cp);
    if (k == 0) {
        *units = 1;
        return 1;
    }
    *units = enc == ENC_UTF8 ? (uint32_t)k : enc == ENC_UTF16 && cp >= 0x10000 ? 2 : 1;
    return k;
}

size_t linemap_offset(const LineMap *m, Position p, PosEncoding enc)
{
    if (p.line >= m->nlines)
        return m->len;
    size_t i = m->starts[p.line], end = line_end(m, p.line);
    uint32_t done = 0, units;
    while (i < end) {
        size_t k = char_at(m->text + i, end - i, enc, &units);
        if (done + units > p.character)
            break;
        done += units;
        i += k;
    }
    return i;
}

Position linemap_position(const LineMap *m, size_t offset, PosEncoding enc)
{
    if (offset > m->len)
        offset = m->len;
    size_t lo = 0, hi = m->nlines; /* the last line starting at or before offset */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    size_t i = m->starts[lo], end = line_end(m, lo);
    if (offset < end)
        end = offset;
    uint32_t done = 0, units;
    while (i < end) {
        size_t k = char_at(m->text + i, m->len - i, enc, &units);
        if (i + k > end)
            break;
        done += units;
        i += k;
    }
    return (Position){(uint32_t)lo, done};
}

const char *pos_encoding_name(PosEncoding enc)
{
    return enc == ENC_UTF8 ? "utf-8" : enc == ENC_UTF32 ? "utf-32" : "utf-16";
}
