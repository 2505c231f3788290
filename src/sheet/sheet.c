/* sheet.c - the workbook model: adding cells and merges, the row index, cell names. */
#include "sheet/sheet.h"

#include "base/vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void workbook_init(Workbook *wb, const char *path, WorkbookFormat format)
{
    memset(wb, 0, sizeof *wb);
    arena_init(&wb->arena);
    wb->path = xstrdup(path);
    wb->format = format;
}

void workbook_free(Workbook *wb)
{
    for (size_t i = 0; i < wb->nsheets; i++) {
        free(wb->sheets[i].cells);
        free(wb->sheets[i].merges);
        free(wb->sheets[i].row_start);
    }
    free(wb->sheets);
    free(wb->path);
    arena_release(&wb->arena);
    memset(wb, 0, sizeof *wb);
}

Sheet *workbook_add_sheet(Workbook *wb, const char *name)
{
    VEC_GROW(wb->sheets, wb->nsheets, wb->cap);
    Sheet *s = &wb->sheets[wb->nsheets++];
    memset(s, 0, sizeof *s);
    s->name = arena_strdup(&wb->arena, name);
    return s;
}

static bool add(Workbook *wb, Sheet *s, const SheetCell *c, bool copy)
{
    if (wb->ncells >= SHEET_MAX_CELLS)
        return false;
    wb->ncells++;
    VEC_GROW(s->cells, s->ncells, s->cap);
    SheetCell *d = &s->cells[s->ncells++];
    *d = *c;
    if (!c->text || !*c->text)
        d->text = "";
    else if (copy)
        d->text = arena_strdup(&wb->arena, c->text);
    if (c->row >= s->nrows)
        s->nrows = c->row + 1;
    if (c->col >= s->ncols)
        s->ncols = c->col + 1;
    return true;
}

bool sheet_add(Workbook *wb, Sheet *s, const SheetCell *c)
{
    return add(wb, s, c, true);
}

bool sheet_add_kept(Workbook *wb, Sheet *s, const SheetCell *c)
{
    return add(wb, s, c, false);
}

void sheet_add_merge(Sheet *s, Merge m)
{
    VEC_GROW(s->merges, s->nmerges, s->merges_cap);
    s->merges[s->nmerges++] = m;
}

static int by_address(const void *a, const void *b)
{
    const SheetCell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    /* equal addresses: keep the order added, so that the last one wins below */
    return x < y ? -1 : x > y;
}

static bool in_order(const Sheet *s)
{
    for (size_t i = 1; i < s->ncells; i++) {
        const SheetCell *p = &s->cells[i - 1], *c = &s->cells[i];
        if (p->row > c->row || (p->row == c->row && p->col >= c->col))
            return false;
    }
    return true;
}

/* Sorted, a repeated address keeps its last cell. */
static void drop_repeats(Sheet *s)
{
    size_t o = 0;
    for (size_t i = 0; i < s->ncells; i++) {
        bool repeated = i + 1 < s->ncells && s->cells[i + 1].row == s->cells[i].row &&
                        s->cells[i + 1].col == s->cells[i].col;
        if (!repeated)
            s->cells[o++] = s->cells[i];
    }
    s->ncells = o;
}

void sheet_finish(Sheet *s)
{
    if (!in_order(s)) {
        qsort(s->cells, s->ncells, sizeof *s->cells, by_address);
        drop_repeats(s);
    }
    free(s->row_start);
    s->row_start = xmalloc(((size_t)s->nrows + 1) * sizeof *s->row_start);
    size_t i = 0;
    for (uint32_t r = 0; r <= s->nrows; r++) {
        while (i < s->ncells && s->cells[i].row < r)
            i++;
        s->row_start[r] = i;
    }
}

const SheetCell *sheet_cell(const Sheet *s, uint32_t row, uint32_t col)
{
    const SheetCell *c = sheet_cell_at(s, row, col);
    return c && c->kind != CELL_EMPTY ? c : NULL;
}

const SheetCell *sheet_cell_at(const Sheet *s, uint32_t row, uint32_t col)
{
    if (row >= s->nrows || !s->row_start)
        return NULL;
    size_t lo = s->row_start[row], hi = s->row_start[row + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->cells[mid].col == col)
            return &s->cells[mid];
        if (s->cells[mid].col < col)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const Merge *sheet_merge_at(const Sheet *s, uint32_t row, uint32_t col)
{
    for (size_t i = 0; i < s->nmerges; i++) {
        const Merge *m = &s->merges[i];
        if (row >= m->row && row - m->row < m->rows && col >= m->col && col - m->col < m->cols)
            return m;
    }
    return NULL;
}

void column_name(uint32_t col, char out[8])
{
    char rev[8];
    int n = 0;
    uint32_t c = col + 1;
    while (c > 0 && n < 7) {
        rev[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
}

void cell_name(uint32_t row, uint32_t col, char out[16])
{
    char letters[8];
    column_name(col, letters);
    snprintf(out, 16, "%s%u", letters, row + 1);
}

bool cell_parse(const char *s, size_t len, uint32_t *row, uint32_t *col)
{
    size_t i = 0;
    uint64_t c = 0, r = 0;
    if (i < len && s[i] == '$')
        i++;
    size_t letters = i;
    for (; i < len && s[i] >= 'A' && s[i] <= 'Z' && i - letters < 4; i++)
        c = c * 26 + (uint64_t)(s[i] - 'A' + 1);
    if (i == letters || c > SHEET_MAX_COLS)
        return false;
    if (i < len && s[i] == '$')
        i++;
    size_t digits = i;
    for (; i < len && s[i] >= '0' && s[i] <= '9' && i - digits < 8; i++)
        r = r * 10 + (uint64_t)(s[i] - '0');
    if (i == digits || i != len || r == 0 || r > SHEET_MAX_ROWS)
        return false;
    *row = (uint32_t)(r - 1);
    *col = (uint32_t)(c - 1);
    return true;
}
