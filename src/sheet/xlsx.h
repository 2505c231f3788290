/* xlsx.h - an Office Open XML workbook (.xlsx, .xlsm) read with libzip and expat: the
 * sheet names (workbook.xml and its relationships), the shared strings, the number
 * formats and indentation of styles.xml, every sheet's cells and <mergeCells>. Each part
 * is inflated in chunks and parsed as it streams, up to SHEET_MAX_PART_BYTES inflated
 * (the size a zip declares is never trusted); a DOCTYPE is refused, so no entity can be
 * declared, let alone expanded. */
#ifndef BDL_XLSX_H
#define BDL_XLSX_H

#include "sheet/sheet.h"
#include "sheet/report.h"

/* Reads `path` into wb; false after a diagnostic when the workbook cannot be used. */
bool xlsx_read(Workbook *wb, const char *path, Report *d);

#endif
