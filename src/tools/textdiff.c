/* textdiff.c - longest-common-subsequence line diff. The common head and tail are
 * trimmed first; the middle is aligned by dynamic programming when it is small and
 * shown as one replacement when it is not, which is still a correct diff. */
#include "tools/textdiff.h"

#include "base/arena.h"
#include "base/vec.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct Line {
    const char *s;
    size_t n; /* without the newline */
} Line;

typedef struct Lines {
    Line *v;
    size_t n;
} Lines;

enum { CONTEXT = 3, MAX_DP_CELLS = 4 * 1000 * 1000 };

static Lines split(const char *s, size_t len)
{
    Lines l = {NULL, 0};
    size_t cap = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len;
        VEC_GROW(l.v, l.n, cap);
        l.v[l.n++] = (Line){s + i, end - i};
        i = end + 1;
    }
    return l;
}

static bool same(Line a, Line b)
{
    return a.n == b.n && memcmp(a.s, b.s, a.n) == 0;
}

/* ops: '=' keep, '-' delete from a, '+' insert from b; returns how many. */
static size_t align(const Lines *a, const Lines *b, char **ops_out)
{
    size_t head = 0, tail = 0;
    while (head < a->n && head < b->n && same(a->v[head], b->v[head]))
        head++;
    while (tail < a->n - head && tail < b->n - head && same(a->v[a->n - 1 - tail], b->v[b->n - 1 - tail]))
        tail++;
    size_t m = a->n - head - tail, n = b->n - head - tail;
    char *ops = xmalloc(a->n + b->n + 1);
    size_t k = 0;
    memset(ops, '=', head);
    k = head;
    if (m && n && (m + 1) * (n + 1) <= MAX_DP_CELLS) {
        uint32_t *dp = xmalloc((m + 1) * (n + 1) * sizeof *dp);
#define DP(i, j) dp[(i) * (n + 1) + (j)]
        for (size_t i = m + 1; i-- > 0;)
            for (size_t j = n + 1; j-- > 0;)
                DP(i, j) = (i == m || j == n) ? 0
                           : same(a->v[head + i], b->v[head + j]) ? DP(i + 1, j + 1) + 1
                           : (DP(i + 1, j) > DP(i, j + 1) ? DP(i + 1, j) : DP(i, j + 1));
        size_t i = 0, j = 0;
        while (i < m || j < n) {
            if (i < m && j < n && same(a->v[head + i], b->v[head + j]))
                ops[k++] = '=', i++, j++;
            else if (j == n || (i < m && DP(i + 1, j) >= DP(i, j + 1)))
                ops[k++] = '-', i++;
            else
                ops[k++] = '+', j++;
        }
#undef DP
        free(dp);
    } else {
        memset(ops + k, '-', m);
        k += m;
        memset(ops + k, '+', n);
        k += n;
    }
    memset(ops + k, '=', tail);
    *ops_out = ops;
    return k + tail;
}

static void put_line(FILE *out, char mark, Line l)
{
    fputc(mark, out);
    fwrite(l.s, 1, l.n, out);
    fputc('\n', out);
}

/* One hunk: ops[from, to) with their line numbers in a and b at `from`. */
static void hunk(FILE *out, const char *ops, size_t from, size_t to, const Lines *a, const Lines *b,
                 size_t ia, size_t ib)
{
    size_t na = 0, nb = 0;
    for (size_t k = from; k < to; k++) {
        na += ops[k] != '+';
        nb += ops[k] != '-';
    }
    fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", na ? ia + 1 : ia, na, nb ? ib + 1 : ib, nb);
    for (size_t k = from; k < to; k++) {
        if (ops[k] == '=')
            put_line(out, ' ', a->v[ia++]), ib++;
        else if (ops[k] == '-')
            put_line(out, '-', a->v[ia++]);
        else
            put_line(out, '+', b->v[ib++]);
    }
}

void unified_diff(FILE *out, const char *name_a, const char *a, size_t alen, const char *name_b,
                  const char *b, size_t blen)
{
    Lines la = split(a, alen), lb = split(b, blen);
    char *ops;
    size_t n = align(&la, &lb, &ops), k = 0, ia = 0, ib = 0;
    bool header = false;
    while (k < n) {
        if (ops[k] == '=') {
            ia++, ib++, k++;
            continue;
        }
        size_t start = k >= CONTEXT ? k - CONTEXT : 0, end = k;
        while (end < n) { /* extend while changes come within 2*CONTEXT of each other */
            size_t run = 0;
            while (end + run < n && ops[end + run] == '=')
                run++;
            if (end + run == n || run > 2 * CONTEXT) {
                end += run < CONTEXT ? run : CONTEXT;
                break;
            }
            end += run;
            while (end < n && ops[end] != '=')
                end++;
        }
        if (!header) {
            fprintf(out, "--- %s\n+++ %s\n", name_a, name_b);
            header = true;
        }
        size_t back = k - start;
        hunk(out, ops, start, end, &la, &lb, ia - back, ib - back);
        for (size_t j = k; j < end; j++)
            ia += ops[j] != '+', ib += ops[j] != '-';
        k = end;
    }
    free(ops);
    free(la.v);
    free(lb.v);
}
