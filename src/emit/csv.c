/* csv.c - a budget's table as CSV (RFC 4180): the header `path,label,code,kind,unit` and
 * one column per budget column, then the table's group and everything under it in pre-order
 * (a group's row before its items), or the stand-alone items. Figures are exact: the
 * value's decimal text, with the decimals the spec wrote it with ("207.20"), never rounded;
 * a figure not stated is an empty field. Nothing passes through floating point. */
#include "emit/csv.h"

#include "base/buf.h"
#include "base/utf8.h"
#include "check/sema.h"
#include "emit/layout.h"

#include <stdlib.h>
#include <string.h>

static const char BOM[] = "\xEF\xBB\xBF";

/* Fields with a comma, a quote or a line break are quoted, quotes doubled. */
static void field(Buf *out, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        buf_puts(out, s);
        return;
    }
    buf_putc(out, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_putc(out, '"');
        buf_putc(out, *p);
    }
    buf_putc(out, '"');
}

/* Text from the spec: valid UTF-8 without control characters (utf8_printable), and a
 * leading = + - @ guarded by an apostrophe, since a spreadsheet would run it as a formula. */
static void text_field(Buf *out, const char *s)
{
    char *clean = utf8_printable(s, strlen(s));
    Buf t = {0};
    if (clean[0] && strchr("=+-@", clean[0]))
        buf_putc(&t, '\'');
    buf_puts(&t, clean);
    field(out, t.data ? t.data : "");
    buf_free(&t);
    free(clean);
}

static void codes_field(Buf *out, const Item *it)
{
    Buf t = {0};
    for (uint32_t i = 0; i < it->ncodes; i++) {
        if (i)
            buf_putc(&t, ' ');
        if (it->codes[i].scheme)
            buf_printf(&t, "%s:", it->codes[i].scheme);
        buf_puts(&t, it->codes[i].code);
    }
    text_field(out, t.data ? t.data : "");
    buf_free(&t);
}

/* The figure exactly; when it is the literal the spec wrote in this column, with the
 * literal's decimals, so that "207.20" stays "207.20". */
static void figure(Buf *out, const Item *it, Cell cell, uint32_t col, bool ratio)
{
    char s[NUM_STR_MAX];
    Num v = cell_value(cell), pct;
    const Value *w = col < it->nvalues ? &it->values[col] : NULL;
    bool as_written = w && value_stated(w) && num_cmp(packed_num(w->num), v) == 0;
    if (ratio && num_mul(v, num_int(100), &pct) == NUM_OK) {
        /* a rate or share as a percentage: as written, else to 0.01% when not a finite decimal */
        if (as_written)
            num_format_fixed(pct, w->decimals - 2, s);
        else if (num_is_decimal(pct))
            num_format(pct, s);
        else
            num_format_fixed(pct, 2, s);
        buf_printf(out, "%s%%", s);
        return;
    }
    if (as_written)
        num_format_fixed(v, w->decimals, s);
    else
        num_format(v, s);
    buf_puts(out, s);
}

static void row(Buf *out, const Sema *s, const Budget *b, const Item *it, const char *path)
{
    static const char *kinds[] = {"item", "group", "memo"};
    field(out, path);
    buf_putc(out, ',');
    text_field(out, sema_label(s, it));
    buf_putc(out, ',');
    codes_field(out, it);
    buf_printf(out, ",%s,", kinds[it->kind]);
    text_field(out, unit_name(sema_item(s, it)->unit));
    for (uint32_t col = 0; col < b->ncolumns; col++) {
        Cell cell = sema_cell(s, it, col);
        buf_putc(out, ',');
        const BudgetFacts *f = sema_budget(s, b);
        if (cell_stated(cell))
            figure(out, it, cell, col, column_derived(f, col) && f->columns[col].ratio);
    }
    buf_puts(out, "\r\n");
}

typedef struct CsvTable {
    const Sema *s;
    const Budget *b;
    Buf row, path;
    FILE *out;
} CsvTable;

/* The row of `it`, then its children's; `path` holds its parent's dotted path. */
static void rows(CsvTable *t, const Item *it)
{
    size_t parent_len = t->path.len;
    if (parent_len)
        buf_putc(&t->path, '.');
    buf_puts(&t->path, it->id);
    t->row.len = 0;
    row(&t->row, t->s, t->b, it, t->path.data);
    fwrite(t->row.data, 1, t->row.len, t->out); /* a failure stays in ferror */
    for (uint32_t i = 0; i < it->nchildren; i++)
        rows(t, it->children[i]);
    t->path.len = parent_len;
    t->path.data[parent_len] = '\0';
}

/* The budget's columns are headed as in its tables (a roll-up's last one 合计 or Total). */
static void header(CsvTable *t, const char *total_word)
{
    buf_puts(&t->row, "path,label,code,kind,unit");
    for (uint32_t col = 0; col < t->b->ncolumns; col++) {
        buf_putc(&t->row, ',');
        text_field(&t->row, layout_column(t->s, t->b, col, total_word));
    }
    buf_puts(&t->row, "\r\n");
    fputs(BOM, t->out);
    fwrite(t->row.data, 1, t->row.len, t->out);
}

bool emit_csv_table(Compilation *c, const Budget *b, const Item *group, FILE *out)
{
    CsvTable t = {.s = &c->sema, .b = b, .out = out};
    header(&t, layout_chinese(t.s, c->program, b) ? "合计" : "Total");
    buf_put(&t.path, "", 0);
    if (group)
        rows(&t, group);
    for (uint32_t i = 0; !group && i < b->nitems; i++)
        if (b->items[i]->kind != ITEM_GROUP)
            rows(&t, b->items[i]);
    buf_free(&t.row);
    buf_free(&t.path);
    return !ferror(out);
}
