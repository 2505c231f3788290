/* report.c - import diagnostics: spans of text files, stand-ins for a workbook's places. */
#include "sheet/report.h"

#include "base/buf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void report_init(Report *r, size_t max_errors, bool werror)
{
    memset(r, 0, sizeof *r);
    diags_init(&r->diags, &r->sources);
    r->diags.max_errors = max_errors;
    r->diags.werror = werror;
}

void report_free(Report *r)
{
    diags_free(&r->diags);
    sources_free(&r->sources);
}

uint32_t report_add_source(Report *r, Source *s)
{
    return sources_add(&r->sources, s);
}

void report_use(Report *r, const Workbook *wb)
{
    r->book = wb;
}

static Diag *report_message(Report *r, Severity sev, const char *code, Span span, char *msg)
{
    Diag *g = diag_report(&r->diags, sev, code, span, "%s", msg);
    free(msg);
    return g;
}

/* A stand-in for a place of the workbook in use, holding `text`. */
static Span stand_in(Report *r, const char *place, uint32_t row, uint32_t col, const char *text)
{
    const char *name = r->book ? r->book->path : "-";
    size_t len = strlen(text);
    Source *s = source_stand_in(name, place, (LineCol){row + 1, col + 1}, text, len);
    return (Span){report_add_source(r, s), 0, (uint32_t)len};
}

Diag *report_span(Report *r, Severity sev, const char *code, Span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = str_vprintf(fmt, ap);
    va_end(ap);
    return report_message(r, sev, code, span, msg);
}

Diag *report_file(Report *r, Severity sev, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = str_vprintf(fmt, ap);
    va_end(ap);
    return report_message(r, sev, code, stand_in(r, "", 0, 0, ""), msg);
}

/* A CSV cell's field, or the end of its row's last field when the row is shorter. */
static bool csv_span(const Workbook *wb, const Sheet *s, uint32_t row, uint32_t col, Span *out)
{
    if (row >= s->nrows || !s->row_start || s->row_start[row] == s->row_start[row + 1])
        return false;
    const SheetCell *last = &s->cells[s->row_start[row + 1] - 1];
    const SheetCell *c = sheet_cell_at(s, row, col);
    uint32_t f = wb->source_file;
    *out = c ? (Span){f, c->at, c->end} : (Span){f, last->end, last->end};
    return true;
}

/* Excel's way of writing a sheet's name in a reference: quoted when it holds a blank or
 * punctuation, with a quote doubled. */
static void sheet_ref(Buf *b, const char *name)
{
    bool plain = *name != '\0';
    for (const char *p = name; *p; p++)
        if (strchr(" !:'()-,;[]", *p))
            plain = false;
    if (plain) {
        buf_puts(b, name);
        return;
    }
    buf_putc(b, '\'');
    for (const char *p = name; *p; p++) {
        if (*p == '\'')
            buf_putc(b, '\'');
        buf_putc(b, *p);
    }
    buf_putc(b, '\'');
}

/* The stand-in of a cell (SHEET!C7, with the cell's text) or of a whole sheet. */
static Span place_of(Report *r, size_t sheet, uint32_t row, uint32_t col)
{
    const Sheet *s = &r->book->sheets[sheet];
    Buf place = {0};
    sheet_ref(&place, s->name);
    if (row == SHEET_WHOLE) {
        Span span = stand_in(r, place.data, 0, 0, "");
        buf_free(&place);
        return span;
    }
    char cell[16];
    cell_name(row, col, cell);
    buf_printf(&place, "!%s", cell);
    const SheetCell *c = sheet_cell(s, row, col);
    Span span = stand_in(r, place.data, row, col, c ? c->text : "");
    buf_free(&place);
    return span;
}

Diag *report_cell(Report *r, Severity sev, const char *code, size_t sheet, uint32_t row, uint32_t col,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = str_vprintf(fmt, ap);
    va_end(ap);
    const Workbook *wb = r->book;
    Span span;
    if (wb->source && row != SHEET_WHOLE && csv_span(wb, &wb->sheets[sheet], row, col, &span))
        return report_message(r, sev, code, span, msg);
    if (wb->source)
        span = stand_in(r, "", 0, 0, "");
    else
        span = place_of(r, sheet, row, col);
    return report_message(r, sev, code, span, msg);
}
