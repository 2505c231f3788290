/* utf8.c - strict decoding (no overlongs, no surrogates, nothing above U+10FFFF). */
#include "base/utf8.h"

#include "base/arena.h"

#include <stdlib.h>
#include <string.h>

size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, v = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, v = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, v = c & 0x07, min = 0x10000;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static bool in_ranges(const UnicodeRange *r, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < r[mid].lo)
            hi = mid;
        else if (cp > r[mid].hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

bool utf8_xid_start(uint32_t cp)
{
    return in_ranges(unicode_xid_start, unicode_xid_start_count, cp);
}

bool utf8_xid_continue(uint32_t cp)
{
    return in_ranges(unicode_xid_continue, unicode_xid_continue_count, cp);
}

bool utf8_default_ignorable(uint32_t cp)
{
    return in_ranges(unicode_default_ignorable, unicode_default_ignorable_count, cp);
}

BidiControl utf8_bidi_control(uint32_t cp)
{
    switch (cp) {
    case 0x202A: case 0x202B: case 0x202D: case 0x202E:
        return BIDI_EMBEDDING;
    case 0x2066: case 0x2067: case 0x2068:
        return BIDI_ISOLATE;
    case 0x202C:
        return BIDI_POP_EMBEDDING;
    case 0x2069:
        return BIDI_POP_ISOLATE;
    default:
        return BIDI_NONE;
    }
}

bool utf8_has_control(const char *s, size_t n, bool tab_allowed)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t cp = u[i];
        size_t len = utf8_decode(u + i, n - i, &cp);
        if (utf8_is_control(cp) && !(tab_allowed && cp == '\t'))
            return true;
        i += len ? len : 1;
    }
    return false;
}

/* East Asian Wide and Fullwidth blocks (a compact approximation of UAX #11). */
static const uint32_t wide_ranges[][2] = {
    {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF}, {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
    {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
    {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
};

int utf8_cp_width(uint32_t cp)
{
    if (cp == 0 || (cp >= 0x300 && cp <= 0x36F) || cp == 0x200B || cp == 0xFEFF)
        return 0;
    for (size_t i = 0; i < sizeof wide_ranges / sizeof wide_ranges[0]; i++)
        if (cp >= wide_ranges[i][0] && cp <= wide_ranges[i][1])
            return 2;
    return 1;
}

size_t utf8_width(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t w = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_decode(p + i, n - i, &cp);
        if (len == 0) {
            w += 1;
            i += 1;
            continue;
        }
        w += (size_t)utf8_cp_width(cp);
        i += len;
    }
    return w;
}

char *utf8_printable(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    char *out = xmalloc(n * 3 + 1), *o = out;
    for (size_t i = 0; i < n;) {
        if (p[i] >= 0x20 && p[i] < 0x7F) { /* printable ASCII, most of any text */
            *o++ = s[i++];
            continue;
        }
        uint32_t cp;
        size_t len = utf8_decode(p + i, n - i, &cp);
        if (len && (cp == '\n' || cp == '\r' || cp == '\t')) {
            *o++ = ' ';
        } else if (len == 0 || utf8_is_control(cp)) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            len = len ? len : 1;
        } else {
            memcpy(o, s + i, len);
            o += len;
        }
        i += len ? len : 1;
    }
    *o = '\0';
    return out;
}

size_t utf8_count(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t count = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_decode(p + i, n - i, &cp);
        i += len ? len : 1;
        count++;
    }
    return count;
}

static size_t to_codepoints(const char *s, uint32_t *out, size_t cap)
{
    size_t n = 0, len = strlen(s), i = 0;
    while (i < len && n < cap) {
        uint32_t cp = (unsigned char)s[i];
        size_t k = utf8_decode((const unsigned char *)s + i, len - i, &cp);
        out[n++] = cp;
        i += k ? k : 1;
    }
    return n;
}

/* Only cells within cap - 1 of the diagonal can hold a distance below cap (one further off
 * is at least cap), so each row computes that band alone: n x (2 cap - 1) cells, and a
 * cell outside the band counts as cap. The result is the same as the full table's. */
size_t edit_distance(const char *a, const char *b, size_t cap, size_t *work)
{
    enum { MAXN = 64 };
    uint32_t xs[MAXN], ys[MAXN], *x = xs, *y = ys;
    size_t n = to_codepoints(a, xs, MAXN), m = to_codepoints(b, ys, MAXN);
    if (work)
        *work += n + m;
    while (n && m && *x == *y) /* a common prefix or suffix does not change the distance */
        x++, y++, n--, m--;
    while (n && m && x[n - 1] == y[m - 1])
        n--, m--;
    if (cap == 0 || (n > m ? n - m : m - n) >= cap)
        return cap;
    size_t band = cap - 1, row[MAXN + 1];
    for (size_t j = 0; j <= m; j++)
        row[j] = j < cap ? j : cap;
    for (size_t i = 1; i <= n; i++) {
        size_t lo = i > band ? i - band : 1, hi = i + band < m ? i + band : m;
        size_t diag = row[lo - 1], best = cap;
        row[lo - 1] = lo == 1 && i < cap ? i : cap;
        if (lo == 1 && i < cap)
            best = i;
        for (size_t j = lo; j <= hi; j++) {
            size_t up = row[j], v = diag + (x[i - 1] != y[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v < cap ? v : cap;
            diag = up;
            if (v < best)
                best = v;
        }
        if (work)
            *work += hi >= lo ? hi - lo + 1 : 0;
        if (best >= cap)
            return cap;
    }
    return row[m] < cap ? row[m] : cap;
}
