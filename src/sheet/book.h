/* book.h - reading a table file of any kind bdl import knows: the kind is told by the
 * file's first bytes (a zip is an .xlsx, an OLE compound file an .xls or an encrypted
 * .xlsx), and by its name only for text (.csv, .tsv, .txt, and standard input). */
#ifndef BDL_BOOK_H
#define BDL_BOOK_H

#include "sheet/sheet.h"
#include "sheet/report.h"

/* Reads `path` into wb (which it initialises; free it with workbook_free even on
 * failure). `delimiter` is for CSV. False after a diagnostic in d, or with *err set when
 * the file cannot be read at all (missing, a directory, too large). */
bool workbook_read(Workbook *wb, const char *path, char delimiter, Report *d, const char **err);

#endif
