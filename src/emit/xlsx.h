/* xlsx.h - a checked budget as an Excel workbook (.xlsx, written with libxlsxwriter): an
 * overview sheet, a sheet of check results, and one sheet per table laid out like the HTML
 * page, whose totals are live SUM formulas over their items. Same input, same bytes. */
#ifndef BDL_EMIT_XLSX_H
#define BDL_EMIT_XLSX_H

#include "compile/compile.h"

#include <stdio.h>

/* Writes the workbook of `b` (or of every budget of the file when b is NULL); false, with
 * errno set, when it cannot be made or written. */
bool emit_xlsx(Compilation *c, const Budget *b, FILE *out);

#endif
