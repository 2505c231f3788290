/* xls.h - an Excel 97-2003 workbook (.xls, BIFF in an OLE compound file) read with
 * freexl: sheet names and cells. BIFF stores a number as an IEEE double, which becomes its
 * shortest round-trip decimal text once (decimal.h) and is then shown as the General
 * format shows it: freexl does not give a cell's number format, nor merged ranges. A
 * password-protected (encrypted) .xls is refused with E1002. */
#ifndef BDL_XLS_H
#define BDL_XLS_H

#include "sheet/sheet.h"
#include "sheet/report.h"

/* Reads `path` into wb; false after a diagnostic when the workbook cannot be used.
 * *not_biff is set when the file is a compound file without a workbook stream (an
 * encrypted .xlsx is one), so that the caller can say what it is. */
bool xls_read(Workbook *wb, const char *path, Report *d, bool *not_biff);

#endif
