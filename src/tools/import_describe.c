/* import_describe.c - `bdl import --dry-run`: what would be read, table by table: where
 * it is, its unit, its columns and what each becomes, its rows, and the sheets left out. */
#include "tools/import_model.h"

#include <string.h>

static const char *role_name(ColumnRole r)
{
    switch (r) {
    case COL_LABEL:
        return "label";
    case COL_CODE:
    case COL_CODE_PART:
        return "code";
    case COL_VALUE:
        return "figures";
    case COL_SKIP:
        return "left out";
    default:
        return "empty";
    }
}

static const char *budget_column(const Import *im, const char *key)
{
    for (size_t i = 0; i < im->ncolumns; i++)
        if (strcmp(im->columns[i].key, key) == 0)
            return im->columns[i].id;
    return "?";
}

static size_t count_rows(const Table *t, RowKind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < t->nrows; i++)
        n += t->rows[i].kind == kind;
    return n;
}

static void describe_table(const Import *im, const Table *t, Buf *out)
{
    char first[16], last[16];
    cell_name(t->header_first, t->first_col, first);
    cell_name(t->last_row, t->last_col, last);
    buf_printf(out, "table %s: %s!%s:%s", t->id, im->wb->sheets[t->sheet].name, first, last);
    if (t->kind)
        buf_printf(out, " (recognised: %s)", t->kind);
    buf_printf(out, "\n  title   %s%s%s\n", t->title, t->side ? ", side " : "", t->side ? t->side : "");
    buf_printf(out, "  unit    %s\n", t->unit.found && unit_bdl_name(t->unit) ? unit_bdl_name(t->unit) : "none named");
    buf_printf(out, "  header  rows %u-%u; data rows %u-%u: %zu rows (%zu totals, %zu memos), figures with up to %d decimals\n",
            t->header_first + 1, t->header_last + 1, t->first_row + 1, t->last_row + 1, t->nrows,
            count_rows(t, ROW_TOTAL), count_rows(t, ROW_MEMO), t->decimals);
    for (size_t i = 0; i < t->ncols; i++) {
        const TableColumn *c = &t->cols[i];
        char name[8] = "";
        if (c->col != UINT32_MAX)
            column_name(c->col, name);
        else if (!t->wide || c->role != COL_VALUE)
            continue;
        buf_printf(out, "  column  %-3s %-8s '%s'", name, role_name(c->role), c->header);
        if (c->role == COL_VALUE)
            buf_printf(out, " -> column %s", budget_column(im, c->key));
        if (c->why)
            buf_printf(out, " (%s)", c->why);
        buf_putc(out, '\n');
    }
}

void describe_import(const Import *im, Buf *out)
{
    buf_printf(out, "%s: %zu table%s, budget %s", im->wb->path, im->ntables, im->ntables == 1 ? "" : "s", im->budget_id);
    if (im->cn)
        buf_puts(out, ", the standard CN 部门预算公开报表");
    buf_putc(out, '\n');
    buf_puts(out, "columns");
    for (size_t i = 0; i < im->ncolumns; i++)
        buf_printf(out, "%s %s '%s'", i ? "," : "", im->columns[i].id, im->columns[i].label);
    buf_putc(out, '\n');
    for (size_t i = 0; i < im->ntables; i++)
        describe_table(im, &im->tables[i], out);
    for (size_t i = 0; i < im->nskipped; i++)
        buf_printf(out, "sheet %s: no table (left out)\n", im->skipped[i]);
    buf_printf(out, "checks  %zu written between the tables\n", im->nasserts);
}
