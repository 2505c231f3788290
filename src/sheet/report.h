/* report.h - where the problems of reading a table, and of importing it, are reported: one
 * diagnostics engine (diag/diag.h) over the Sources of the files read. A text file (a CSV,
 * a rules file, a spec) is an ordinary Source, so its problems have a line and a column.
 * A workbook has no lines: a problem at one of its cells is a span over a stand-in Source
 * (base/source.h) named by the workbook's path, whose place is SHEET!CELL, whose text is
 * the cell's and whose line and column are the cell's row and column number; a whole sheet
 * and the whole file have stand-ins with no text. A Report owns its Sources and its
 * diagnostics; the workbook it names is only borrowed. */
#ifndef BDL_SHEET_REPORT_H
#define BDL_SHEET_REPORT_H

#include "diag/diag.h"
#include "sheet/sheet.h"

typedef struct Report {
    SourceSet sources;
    Diags diags;
    const Workbook *book; /* whose places are named: set by report_use */
} Report;

void report_init(Report *r, size_t max_errors, bool werror);
void report_free(Report *r);
/* Takes a Source (a rules file, a CSV, a spec) that spans will point into. */
uint32_t report_add_source(Report *r, Source *s);
/* Places are named after this workbook's path and sheets from now on. */
void report_use(Report *r, const Workbook *wb);

Diag *report_span(Report *r, Severity sev, const char *code, Span span, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* A problem with the whole file (the workbook's, or the one being read). */
Diag *report_file(Report *r, Severity sev, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A problem at a cell of sheet `sheet` (an index of the workbook in use), or with the
 * whole sheet when row is SHEET_WHOLE. In a CSV the cell's field is a span of its text. */
enum { SHEET_WHOLE = UINT32_MAX };
Diag *report_cell(Report *r, Severity sev, const char *code, size_t sheet, uint32_t row, uint32_t col,
                  const char *fmt, ...) __attribute__((format(printf, 7, 8)));

#endif
