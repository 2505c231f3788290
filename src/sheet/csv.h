/* csv.h - a CSV file (RFC 4180: quoted fields, "" for a quote, line breaks inside quotes,
 * LF or CRLF) read as a workbook of one sheet named after the file. The text must be UTF-8
 * (a byte order mark is skipped); anything else is refused with E1009, which says when it
 * looks like GB18030/GBK and how to convert it. Every field is a text cell with its place,
 * empty fields included: figures are read from the text by the importer. */
#ifndef BDL_CSV_H
#define BDL_CSV_H

#include "sheet/sheet.h"
#include "sheet/report.h"

/* Reads `path` ("-" for standard input) into wb, reporting to d, which keeps the text as
 * a Source. False (after a diagnostic, or a message in *err when the file cannot be read
 * at all) when nothing usable was read. */
bool csv_read(Workbook *wb, const char *path, char delimiter, Report *d, const char **err);

#endif
